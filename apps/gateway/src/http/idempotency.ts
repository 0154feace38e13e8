import { SetMetadata } from '@nestjs/common';
import { errorMessage, IDEMPOTENCY_KEY } from '@tdkt/contracts';
import { requestContext } from '@tdkt/platform';
import { problem, ProblemException } from './problem';

/** Methods that write; each accepts an `Idempotency-Key`. */
const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export const OWN_IDEMPOTENCY = 'tdkt:own-idempotency';

/** Whether the method writes (and so may carry an Idempotency-Key). */
export const isWrite = (method: string): boolean => WRITES.has(method);

/** The operation passes its Idempotency-Key to the service itself (e.g. submit keeps its receipt). */
export const OwnIdempotencyKey = () => SetMetadata(OWN_IDEMPOTENCY, true);

/**
 * Binds the caller's `Idempotency-Key` to this request: every NATS request made for it carries the
 * key and whose it is (the user id), and the service that writes answers a retry with the first
 * answer (see libs/platform idempotency). A malformed key is a 400 naming the header.
 */
export function bindIdempotencyKey(
  req: { method: string; headers: Record<string, string | string[] | undefined> },
  userId: string,
): void {
  if (!WRITES.has(req.method)) return;
  const key = idempotencyKeyOf(req.headers);
  const store = requestContext.getStore();
  if (key && store) store.idempotency = { key, scope: userId };
}

/**
 * The request's `Idempotency-Key`, checked: undefined when absent (a 400 when `required`), a 400
 * naming the header when malformed or sent twice.
 */
export function idempotencyKeyOf(
  headers: Record<string, string | string[] | undefined>,
  required?: string,
): string | undefined {
  const raw = headers['idempotency-key'];
  if (raw === undefined && !required) return undefined;
  const key = Array.isArray(raw) ? raw[0] : raw;
  if (key === undefined || Array.isArray(raw) || !IDEMPOTENCY_KEY.test(key)) {
    const rule = key === undefined ? 'IDEMPOTENCY_KEY_REQUIRED' : 'IDEMPOTENCY_KEY_MALFORMED';
    const message = errorMessage(rule, { why: required });
    throw new ProblemException(
      problem(400, `Idempotency-Key: ${message}`, undefined, [{ field: 'Idempotency-Key', rule, message }]),
    );
  }
  return key;
}

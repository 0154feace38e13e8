/**
 * Request/reply over NATS core. A subject is `<service>.<entity>.<verb>`.
 *
 * Subjects are a public API between independently deployed services: renaming one needs a
 * migration plan (serve both names for one release, then drop the old one).
 */
export interface RpcDef<Req, Res> {
  readonly subject: string;
  /**
   * A pure read whose answer depends only on the payload and the service's data: the service may
   * answer it from a cache that its writes invalidate.
   */
  readonly cacheable?: boolean;
  /** Phantom fields: carry the request/response types, never set at run time. */
  readonly _req?: Req;
  readonly _res?: Res;
}

export function rpc<Req, Res>(subject: string, opts: { cacheable?: boolean } = {}): RpcDef<Req, Res> {
  return { subject, ...opts };
}

/** A reply on the wire: `{"ok":true,"data":…}` or `{"ok":false,"error":…}`. */
export const OK_REPLY_PREFIX = '{"ok":true,"data":';

export type RpcRequest<D> = D extends RpcDef<infer Req, unknown> ? Req : never;
export type RpcResponse<D> = D extends RpcDef<unknown, infer Res> ? Res : never;

/** Every coded failure a service may answer with. The gateway maps each one to an HTTP status. */
export enum ErrorCode {
  VALIDATION_FAILED = 'VALIDATION_FAILED',
  UNAUTHENTICATED = 'UNAUTHENTICATED',
  FORBIDDEN = 'FORBIDDEN',
  NOT_FOUND = 'NOT_FOUND',
  CONFLICT = 'CONFLICT',
  INVALID_STATE = 'INVALID_STATE',
  /** Was available once, is not any more (e.g. an upload window that closed). */
  GONE = 'GONE',
  /** Well-formed, but its content fails a check (e.g. an uploaded file's checksum). */
  UNPROCESSABLE = 'UNPROCESSABLE',
  /** The body is larger than accepted. */
  PAYLOAD_TOO_LARGE = 'PAYLOAD_TOO_LARGE',
  RATE_LIMITED = 'RATE_LIMITED',
  SERVICE_UNAVAILABLE = 'SERVICE_UNAVAILABLE',
  TIMEOUT = 'TIMEOUT',
  INTERNAL = 'INTERNAL',
}

export interface FieldError {
  /** Path of the offending field in the request, e.g. `validFrom` or `chair.unitId`. */
  field: string;
  /**
   * The rule that failed, for programs: a class-validator constraint name (`isDefined` for a
   * missing required field, `maxLength`, `isEnum`…, see errors/validation.ts) or the catalogue
   * reason of a service's own check. Absent when the check has no name.
   */
  rule?: string;
  /** Vietnamese, for people. */
  message: string;
}

export interface RpcErrorBody {
  /** The kind of failure: decides the HTTP status. */
  code: ErrorCode;
  /** The precise reason, a key of the error catalogue (libs/contracts errors), when coded. */
  reason?: string;
  message: string;
  errors?: FieldError[];
}

/** What travels back on the reply subject. */
export type RpcReply<T> = { ok: true; data: T } | { ok: false; error: RpcErrorBody };

/** Header names carried on NATS messages. */
export const Headers = {
  requestId: 'x-request-id',
  /** The client's Idempotency-Key for a write (8–128 characters of A-Z a-z 0-9 . _ : -). */
  idempotencyKey: 'idempotency-key',
  /** Whose key it is (the caller's user id): keys of different users never meet. */
  idempotencyScope: 'idempotency-scope',
} as const;

import { ErrorCode, validationMessage } from '@tdkt/contracts';
import { AppError } from '../nats/app-error';

interface PgError {
  code?: string;
  constraint?: string;
  detail?: string;
  driverError?: PgError;
}

/**
 * Turns a Postgres constraint violation into a coded error naming the field. `fields` maps
 * constraint names (or the column in the error detail) to the request field. Other errors pass.
 */
export function mapPgError(e: unknown, fields: Record<string, string> = {}): unknown {
  const err = ((e as PgError)?.driverError ?? e) as PgError;
  const column = /Key \(([^)]+)\)/.exec(err?.detail ?? '')?.[1];
  const field = (err?.constraint && fields[err.constraint]) || (column && fields[column]) || column || 'body';
  switch (err?.code) {
    case '23505': {
      const { rule, message } = validationMessage('unique');
      return new AppError({
        code: ErrorCode.CONFLICT,
        message: `${field}: ${message}`,
        errors: [{ field, rule, message }],
      });
    }
    case '23503':
      return AppError.rule(field, 'exists');
    case '22007':
    case '22008':
      return AppError.rule(field, 'isCalendarDate');
    case '23514':
      return AppError.rule(field, 'dataRule');
    default:
      return e;
  }
}

/** SQLSTATE classes and codes that mean "the database is not reachable now", not "the request is wrong". */
const UNAVAILABLE_CODES = new Set([
  '57P01', // admin_shutdown
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now (starting up, in recovery)
  '53300', // too_many_connections
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

const UNAVAILABLE_MESSAGES = [
  'Connection terminated',
  'timeout exceeded when trying to connect',
  'Client has encountered a connection error and is not queryable',
  'Client was closed and is not queryable',
  'Connection is not established',
  'the database system is',
  'terminating connection',
];

/**
 * Whether an error says the database could not be reached or dropped the connection (restart,
 * failover, network): such a request is answered 503 and may be retried (with its
 * Idempotency-Key when it writes), never 500.
 */
export function isConnectionError(e: unknown): boolean {
  for (
    let err = e as (PgError & { message?: string; cause?: unknown }) | undefined, depth = 0;
    err && depth < 4;
    depth += 1
  ) {
    if (err.code && (UNAVAILABLE_CODES.has(err.code) || err.code.startsWith('08'))) return true;
    const message = typeof err.message === 'string' ? err.message : '';
    if (UNAVAILABLE_MESSAGES.some((m) => message.includes(m))) return true;
    err = (err.driverError ?? err.cause) as typeof err;
  }
  return false;
}

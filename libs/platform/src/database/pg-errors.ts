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
    case '23505':
      return AppError.conflict(`${field} already exists`, field);
    case '23503':
      return AppError.field(field, 'refers to something that does not exist');
    case '22007':
    case '22008':
      return AppError.field(field, 'is not a valid date');
    case '23514':
      return AppError.field(field, 'violates a rule');
    default:
      return e;
  }
}

import { ErrorCode } from '../rpc';

/**
 * One entry of the message catalogue: the error's kind (which decides the HTTP status, see the
 * gateway's STATUS_OF) and its Vietnamese message, with `{name}` placeholders filled from the
 * error's parameters.
 */
export interface ErrorSpec {
  kind: ErrorCode;
  message: string;
}

/** Declares a context's errors (keeps the literal keys for the `ErrorReason` type). */
export function defineErrors<T extends Record<string, ErrorSpec>>(errors: T): T {
  return errors;
}

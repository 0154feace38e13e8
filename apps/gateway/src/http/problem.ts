import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus } from '@nestjs/common';
import { ErrorCode, errorMessage, FieldError, httpTitle, isVietnamese } from '@tdkt/contracts';
import { currentRequestId, RpcCallError } from '@tdkt/platform';
import type { Logger } from 'pino';

/** Reads are passed through as the service's JSON text, sent with this type. */
export const JSON_TYPE = 'application/json; charset=utf-8';

/** RFC 7807 body. `errors` names each offending field. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  requestId?: string;
  /** The precise reason (a key of the error catalogue) when the service gave one, else the kind. */
  code: string;
  /** The kind of failure (decides the status). */
  kind: ErrorCode;
  errors?: FieldError[];
}

/** The one place where a service error code becomes an HTTP status. Exhaustive by construction. */
export const STATUS_OF: Record<ErrorCode, number> = {
  [ErrorCode.VALIDATION_FAILED]: 400,
  [ErrorCode.UNAUTHENTICATED]: 401,
  [ErrorCode.FORBIDDEN]: 403,
  [ErrorCode.NOT_FOUND]: 404,
  [ErrorCode.CONFLICT]: 409,
  [ErrorCode.INVALID_STATE]: 409,
  [ErrorCode.GONE]: 410,
  [ErrorCode.PAYLOAD_TOO_LARGE]: 413,
  [ErrorCode.UNPROCESSABLE]: 422,
  [ErrorCode.RATE_LIMITED]: 429,
  [ErrorCode.SERVICE_UNAVAILABLE]: 503,
  [ErrorCode.TIMEOUT]: 504,
  [ErrorCode.INTERNAL]: 500,
};

const CODE_OF_STATUS: Record<number, ErrorCode> = {
  429: ErrorCode.RATE_LIMITED,
  400: ErrorCode.VALIDATION_FAILED,
  401: ErrorCode.UNAUTHENTICATED,
  403: ErrorCode.FORBIDDEN,
  404: ErrorCode.NOT_FOUND,
  409: ErrorCode.CONFLICT,
  410: ErrorCode.GONE,
  413: ErrorCode.PAYLOAD_TOO_LARGE,
  422: ErrorCode.UNPROCESSABLE,
  503: ErrorCode.SERVICE_UNAVAILABLE,
  504: ErrorCode.TIMEOUT,
};

export function problem(
  status: number,
  detail: string,
  code?: ErrorCode,
  errors?: FieldError[],
  instance?: string,
  reason?: string,
): Problem {
  const kind =
    code ?? CODE_OF_STATUS[status] ?? (status >= 500 ? ErrorCode.INTERNAL : ErrorCode.VALIDATION_FAILED);
  const c = reason ?? kind;
  return {
    type: `urn:tdkt:problem:${c.toLowerCase().replace(/_/g, '-')}`,
    title: httpTitle(status),
    status,
    detail,
    instance,
    requestId: currentRequestId(),
    code: c,
    kind,
    ...(errors && errors.length ? { errors } : {}),
  };
}

/** Thrown by guards and pipes with a ready problem. */
export class ProblemException extends HttpException {
  constructor(readonly problemBody: Problem) {
    super(problemBody, problemBody.status);
  }
}

interface FastifyLikeError {
  statusCode?: number;
  code?: string;
  message?: string;
}

/** Any failure → problem+json. Internals (stack, SQL, subjects) never reach the client. */
export function toProblem(exception: unknown, url?: string, logger?: Logger): Problem {
  if (exception instanceof ProblemException) return { ...exception.problemBody, instance: url };
  if (exception instanceof RpcCallError) {
    const status = STATUS_OF[exception.body.code] ?? 500;
    const detail =
      status >= 500 && status !== 503 && status !== 504
        ? errorMessage('INTERNAL_ERROR')
        : exception.body.message;
    if (status >= 500)
      logger?.warn({ subject: exception.subject, code: exception.body.code }, exception.body.message);
    return problem(status, detail, exception.body.code, exception.body.errors, url, exception.body.reason);
  }
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    const res = exception.getResponse();
    const message =
      typeof res === 'object' && res !== null && 'message' in res
        ? String((res as { message: unknown }).message)
        : exception.message;
    // Nest's own 400/413/415 concern the body as a whole (unparseable JSON, too large, wrong type).
    const body = status === 400 || status === 413 || status === 415;
    const detail = nestDetail(status, message);
    return problem(status, detail, undefined, body ? [{ field: 'body', message: detail }] : undefined, url);
  }
  const fe = exception as FastifyLikeError;
  if (fe && typeof fe.statusCode === 'number' && fe.statusCode < 500) {
    let detail = errorMessage('REQUEST_MALFORMED');
    if (fe.code === 'FST_ERR_CTP_BODY_TOO_LARGE') detail = errorMessage('BODY_TOO_LARGE');
    else if (fe.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') detail = errorMessage('BODY_TYPE_UNSUPPORTED');
    else if (
      fe.statusCode === 400 &&
      (fe.code?.startsWith('FST_ERR_CTP') || exception instanceof SyntaxError)
    ) {
      detail = errorMessage('BODY_NOT_JSON');
    } else if (fe.statusCode === 404 && /^Route (\w+):(.*) not found$/.test(fe.message ?? '')) {
      const [, method, path] = /^Route (\w+):(.*) not found$/.exec(fe.message as string) as string[];
      detail = errorMessage('ROUTE_NOT_FOUND', { method, path });
    } else if (fe.statusCode === 413) detail = errorMessage('BODY_TOO_LARGE');
    else if (fe.statusCode === 415) detail = errorMessage('BODY_TYPE_UNSUPPORTED');
    else if (fe.message) detail = errorMessage('REQUEST_REFUSED', { detail: fe.code ?? fe.message });
    const body = fe.statusCode === 400 || fe.statusCode === 413 || fe.statusCode === 415;
    return problem(
      fe.statusCode,
      detail,
      undefined,
      body ? [{ field: 'body', message: detail }] : undefined,
      url,
    );
  }
  logger?.error({ err: exception }, 'unhandled error');
  return problem(
    HttpStatus.INTERNAL_SERVER_ERROR,
    errorMessage('INTERNAL_ERROR'),
    ErrorCode.INTERNAL,
    undefined,
    url,
  );
}

/**
 * Nest's own texts (English: "Cannot GET /x", "Unexpected token…", "Payload Too Large") in the
 * catalogue's Vietnamese; a text already Vietnamese (raised by our code) is kept.
 */
function nestDetail(status: number, message: string): string {
  if (isVietnamese(message)) return message;
  const route = /^Cannot (\w+) (.*)$/.exec(message);
  if (status === 404 && route) return errorMessage('ROUTE_NOT_FOUND', { method: route[1], path: route[2] });
  if (status === 400 && /json/i.test(message)) return errorMessage('BODY_NOT_JSON');
  if (status === 413) return errorMessage('BODY_TOO_LARGE');
  if (status === 415) return errorMessage('BODY_TYPE_UNSUPPORTED');
  if (status >= 500) return errorMessage('INTERNAL_ERROR');
  return httpTitle(status);
}

interface ReplyLike {
  code(n: number): ReplyLike;
  header(k: string, v: string): ReplyLike;
  send(b: unknown): void;
}

/** Seconds a client should wait before retrying a 503 (the outage is usually a restart). */
export const RETRY_AFTER_UNAVAILABLE = '2';

export function sendProblem(reply: ReplyLike, p: Problem): void {
  if (p.status === 503) reply.header('retry-after', RETRY_AFTER_UNAVAILABLE);
  if (p.status === 409 && p.errors?.some((e) => e.field === 'Idempotency-Key'))
    reply.header('retry-after', '1');
  reply
    .code(p.status)
    .header('content-type', 'application/problem+json; charset=utf-8')
    .send(JSON.stringify(p));
}

@Catch()
export class ProblemFilter implements ExceptionFilter {
  constructor(private readonly logger: Logger) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const ctx = host.switchToHttp();
    const req = ctx.getRequest<{ url?: string }>();
    sendProblem(ctx.getResponse<ReplyLike>(), toProblem(exception, req?.url, this.logger));
  }
}

/** The request body kept raw by the gateway's upload parser, or a 415 saying what to send. */
export function rawBody(req: { body?: unknown }, what: string, types: string): Buffer {
  if (!Buffer.isBuffer(req.body) || req.body.length === 0)
    throw new ProblemException(problem(415, errorMessage('BODY_RAW_EXPECTED', { what, types })));
  return req.body;
}

import { AsyncLocalStorage } from 'node:async_hooks';
import { LoggerService } from '@nestjs/common';
import pino, { Logger } from 'pino';

interface RequestContext {
  requestId: string;
  /**
   * The caller's `Idempotency-Key` and whose it is (set by the gateway for a write): every NATS
   * request made for this HTTP request carries both, so the service answers a retry once.
   */
  idempotency?: { key: string; scope: string };
}

/** Carries the request id through async work: HTTP handler → NATS request → remote handler. */
export const requestContext = new AsyncLocalStorage<RequestContext>();

export function currentRequestId(): string | undefined {
  return requestContext.getStore()?.requestId;
}

export function currentIdempotency(): { key: string; scope: string } | undefined {
  return requestContext.getStore()?.idempotency;
}

/** Fields never written to logs. */
export const REDACT = [
  'password',
  '*.password',
  'token',
  '*.token',
  'accessToken',
  '*.accessToken',
  'req.headers.authorization',
  'req.headers.cookie',
  'headers.authorization',
];

/** `destination`: where lines go (stdout by default; a test's capture stream). */
export function createLogger(
  service: string,
  level = process.env.LOG_LEVEL ?? 'info',
  destination?: pino.DestinationStream,
): Logger {
  const options: pino.LoggerOptions = {
    level,
    base: { service, version: process.env.SERVICE_VERSION ?? '0.1.0', pid: process.pid },
    redact: { paths: REDACT, censor: '[redacted]' },
    timestamp: pino.stdTimeFunctions.isoTime,
    mixin() {
      const requestId = currentRequestId();
      return requestId ? { requestId } : {};
    },
  };
  return destination ? pino(options, destination) : pino(options);
}

/**
 * A logger for lines built only from fields known to be safe (the access log): the same stream,
 * level and bindings as `logger`, without the redaction pass (about 9 µs a line with REDACT's
 * wildcard paths) or the mixin (the line carries its own request id).
 */
export function unredactedSibling(logger: Logger): Logger {
  const stream = (logger as unknown as Record<symbol, pino.DestinationStream>)[pino.symbols.streamSym];
  return pino(
    {
      level: logger.level,
      base: { pid: process.pid, ...logger.bindings() },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    stream,
  );
}

/** Lets Nest's own messages go through pino. */
export class PinoNestLogger implements LoggerService {
  constructor(private readonly logger: Logger) {}
  log(message: unknown, context?: string): void {
    this.logger.info({ context }, String(message));
  }
  error(message: unknown, trace?: string, context?: string): void {
    this.logger.error({ context, trace }, String(message));
  }
  warn(message: unknown, context?: string): void {
    this.logger.warn({ context }, String(message));
  }
  debug(message: unknown, context?: string): void {
    this.logger.debug({ context }, String(message));
  }
  verbose(message: unknown, context?: string): void {
    this.logger.trace({ context }, String(message));
  }
}

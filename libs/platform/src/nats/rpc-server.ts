import { ErrorCode, errorMessage, Headers, OK_REPLY_PREFIX, RpcErrorBody } from '@tdkt/contracts';
import { ArgumentsHost, Catch } from '@nestjs/common';
import { BaseExceptionFilter } from '@nestjs/core';
import {
  CustomTransportStrategy,
  MessageHandler,
  NatsContext,
  RpcException,
  Server,
} from '@nestjs/microservices';
import { Msg, NatsConnection, Subscription } from 'nats';
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { lastValueFrom, Observable, throwError } from 'rxjs';
import { ReadCache } from '../cache/read-cache';
import { requestContext } from '../logging/logger';
import { rpcServerDuration } from '../ops/metrics';
import { prefixed } from './nats.connection';
import { AppError } from './app-error';
import { IdempotencyStore, isKeyTaken, outsideKeyedRequest } from '../idempotency/idempotency';
import { isConnectionError } from '../database/pg-errors';

const encoder = new TextEncoder();
const decoder = new TextDecoder();

export interface RpcServerOptions {
  connection: NatsConnection;
  prefix: string;
  /** Queue group: N instances of a service share the requests. */
  queue: string;
  logger: Logger;
  /**
   * Encoded replies of `cacheable` subjects, served without running the handler again until a
   * write invalidates the cache (see CacheInvalidation). Errors are never cached.
   */
  replyCache?: ReadCache;
  cacheable?: ReadonlySet<string>;
  /** Keeps answers of requests that carry an Idempotency-Key (see IdempotencyStore). */
  idempotency?: IdempotencyStore;
}

/**
 * Nest's default RPC exception filter turns every error that is not an RpcException into a bare
 * "Internal server error", before this transport can tell a lost database connection (503) from a
 * bug (500). This one passes coded errors' bodies and everything else through unchanged.
 */
@Catch()
export class RpcErrorPassthrough extends BaseExceptionFilter {
  override catch(exception: unknown, host: ArgumentsHost): Observable<never> | void {
    if (host.getType() !== 'rpc') return super.catch(exception, host); // /health, /metrics
    const out = exception instanceof RpcException ? exception.getError() : exception;
    return throwError(() => out);
  }
}

function errorBytes(error: RpcErrorBody): Uint8Array {
  return encoder.encode(JSON.stringify({ ok: false, error }));
}

/** An error reply travelling through the cache loader (never stored). */
class ErrorReply {
  constructor(readonly bytes: Uint8Array) {}
}

function isErrorBody(e: unknown): e is RpcErrorBody {
  return (
    typeof e === 'object' &&
    e !== null &&
    typeof (e as RpcErrorBody).code === 'string' &&
    (Object.values(ErrorCode) as string[]).includes((e as RpcErrorBody).code)
  );
}

/**
 * Nest transport that serves `@MessagePattern(subject)` handlers over NATS core with a queue group
 * and this deployment's subject prefix. Replies are `{ ok, data | error }`; unexpected errors are
 * logged here and answered as INTERNAL without internals.
 */
export class NatsRpcServer extends Server implements CustomTransportStrategy {
  private readonly subscriptions: Subscription[] = [];

  constructor(private readonly opts: RpcServerOptions) {
    super();
  }

  listen(callback: (err?: unknown) => void): void {
    for (const [pattern, handler] of this.messageHandlers) {
      if (handler.isEventHandler) continue;
      const sub = this.opts.connection.subscribe(prefixed(this.opts.prefix, pattern), {
        queue: this.opts.queue,
        callback: (err, msg) => {
          if (err) {
            this.opts.logger.error({ err, pattern }, 'subscription error');
            return;
          }
          void this.handle(pattern, handler, msg);
        },
      });
      this.subscriptions.push(sub);
    }
    // Listening means the NATS server holds every subscription (a flush round-trips after the SUBs),
    // so a request sent the moment start-up returns finds a responder instead of "no responders".
    this.opts.connection.flush().then(
      () => {
        this.opts.logger.info(
          { subjects: this.subscriptions.length, queue: this.opts.queue },
          'rpc server listening',
        );
        callback();
      },
      (err: unknown) => callback(err),
    );
  }

  private async handle(pattern: string, handler: MessageHandler, msg: Msg): Promise<void> {
    const requestId = msg.headers?.get(Headers.requestId) || randomUUID();
    await requestContext.run({ requestId }, async () => {
      const end = rpcServerDuration.startTimer({ subject: pattern });
      const cache = this.opts.cacheable?.has(pattern) ? this.opts.replyCache : undefined;
      const key = msg.headers?.get(Headers.idempotencyKey);
      const store = key && !cache ? this.opts.idempotency : undefined;
      let reply: Uint8Array;
      try {
        if (store) {
          const scope = `${msg.headers?.get(Headers.idempotencyScope) || '-'}|${pattern}`;
          reply = await store.answer(scope, key as string, msg.data, () => this.run(pattern, handler, msg));
        } else if (cache) {
          reply = await cache.get(`${pattern}\u0000${decoder.decode(msg.data)}`, () =>
            this.run(pattern, handler, msg),
          );
        } else {
          reply = await outsideKeyedRequest(() => this.run(pattern, handler, msg));
        }
        end({ outcome: 'ok' });
      } catch (e) {
        reply = e instanceof ErrorReply ? e.bytes : this.failure(e, pattern);
        end({ outcome: 'error' });
      }
      this.respond(msg, reply, pattern);
    });
  }

  /** An unexpected failure as a reply: 503 when the database is unreachable, else INTERNAL. */
  private failure(e: unknown, pattern: string): Uint8Array {
    if (isConnectionError(e)) {
      this.opts.logger.warn({ err: e, subject: pattern }, 'database unavailable');
      return errorBytes(AppError.bodyOf('DATABASE_UNAVAILABLE'));
    }
    this.opts.logger.error({ err: e, subject: pattern }, 'request failed');
    return errorBytes({ code: ErrorCode.INTERNAL, message: errorMessage('INTERNAL_ERROR') });
  }

  /**
   * Sends the reply. One larger than the server accepts (NATS max_payload, 1 MB by default) is
   * answered as PAYLOAD_TOO_LARGE instead: the caller learns why, and nothing throws here.
   */
  private respond(msg: Msg, reply: Uint8Array, pattern: string): void {
    if (!msg.reply) return;
    const max = this.opts.connection.info?.max_payload ?? 1024 * 1024;
    let out = reply;
    if (out.length > max - 4096) {
      this.opts.logger.warn({ subject: pattern, bytes: out.length, max }, 'reply too large for NATS');
      out = errorBytes(AppError.bodyOf('REPLY_TOO_LARGE', { bytes: out.length }));
    }
    try {
      msg.respond(out);
    } catch (e) {
      this.opts.logger.error({ err: e, subject: pattern }, 'reply not sent');
    }
  }

  /** Runs the handler and encodes its reply; an error reply is thrown (so a cache never keeps it). */
  private async run(pattern: string, handler: MessageHandler, msg: Msg): Promise<Uint8Array> {
    let error: RpcErrorBody;
    try {
      const data = msg.data.length > 0 ? JSON.parse(decoder.decode(msg.data)) : {};
      const result = await handler(data, new NatsContext([msg.subject, msg.headers as never]));
      const value =
        result instanceof Observable ? await lastValueFrom(result, { defaultValue: null }) : result;
      return encoder.encode(`${OK_REPLY_PREFIX}${JSON.stringify(value ?? null)}}`);
    } catch (e) {
      if (isKeyTaken(e)) throw e;
      if (isErrorBody(e)) {
        error = e;
      } else if (e instanceof SyntaxError) {
        error = { code: ErrorCode.VALIDATION_FAILED, message: 'Malformed JSON payload' };
      } else if (isConnectionError(e)) {
        this.opts.logger.warn({ err: e, subject: pattern }, 'database unavailable');
        error = AppError.bodyOf('DATABASE_UNAVAILABLE');
      } else {
        this.opts.logger.error({ err: e, subject: pattern }, 'handler failed');
        error = { code: ErrorCode.INTERNAL, message: errorMessage('INTERNAL_ERROR') };
      }
    }
    throw new ErrorReply(errorBytes(error));
  }

  async close(): Promise<void> {
    for (const sub of this.subscriptions) sub.unsubscribe();
    this.subscriptions.length = 0;
  }

  on(): void {
    /* no transport events to expose */
  }

  unwrap<T>(): T {
    return this.opts.connection as T;
  }
}

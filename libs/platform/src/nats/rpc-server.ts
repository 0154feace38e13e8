import { ErrorCode, Headers, OK_REPLY_PREFIX, RpcErrorBody } from '@tdkt/contracts';
import { CustomTransportStrategy, MessageHandler, NatsContext, Server } from '@nestjs/microservices';
import { Msg, NatsConnection, Subscription } from 'nats';
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { lastValueFrom, Observable } from 'rxjs';
import { ReadCache } from '../cache/read-cache';
import { requestContext } from '../logging/logger';
import { rpcServerDuration } from '../ops/metrics';
import { prefixed } from './nats.connection';

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
      let reply: Uint8Array;
      try {
        reply = cache
          ? await cache.get(`${pattern}\u0000${decoder.decode(msg.data)}`, () =>
              this.run(pattern, handler, msg),
            )
          : await this.run(pattern, handler, msg);
        end({ outcome: 'ok' });
      } catch (e) {
        if (e instanceof ErrorReply) {
          reply = e.bytes;
        } else {
          this.opts.logger.error({ err: e, subject: pattern }, 'request failed');
          reply = encoder.encode(
            JSON.stringify({ ok: false, error: { code: ErrorCode.INTERNAL, message: 'Internal error' } }),
          );
        }
        end({ outcome: 'error' });
      }
      if (msg.reply) msg.respond(reply);
    });
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
      if (isErrorBody(e)) {
        error = e;
      } else if (e instanceof SyntaxError) {
        error = { code: ErrorCode.VALIDATION_FAILED, message: 'Malformed JSON payload' };
      } else {
        this.opts.logger.error({ err: e, subject: pattern }, 'handler failed');
        error = { code: ErrorCode.INTERNAL, message: 'Internal error' };
      }
    }
    const bytes = encoder.encode(JSON.stringify({ ok: false, error }));
    throw new ErrorReply(bytes);
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

import { ErrorCode, Headers, OK_REPLY_PREFIX, RpcDef, RpcReply } from '@tdkt/contracts';
import { createInbox, headers, Msg, NatsConnection, NatsError } from 'nats';
import { randomUUID } from 'node:crypto';
import { currentRequestId } from '../logging/logger';
import { rpcClientDuration } from '../ops/metrics';
import { RpcCallError } from './app-error';
import { prefixed } from './nats.connection';

const encoder = new TextEncoder();
const decoder = new TextDecoder();

export interface RpcClientOptions {
  prefix: string;
  /** Default timeout of every request (ms). There is no request without one. */
  timeoutMs: number;
}

const OK_PREFIX_BYTES = new TextEncoder().encode(OK_REPLY_PREFIX);

function startsWithOk(data: Uint8Array): boolean {
  if (data.length <= OK_PREFIX_BYTES.length) return false;
  for (let i = 0; i < OK_PREFIX_BYTES.length; i += 1) if (data[i] !== OK_PREFIX_BYTES[i]) return false;
  return true;
}

interface Pending {
  resolve(json: Buffer): void;
  reject(e: RpcCallError): void;
  expires: number;
  timeoutMs: number;
  subject: string;
  end: (labels: { outcome: string }) => void;
}

/**
 * Sends typed requests over NATS core. A missing responder fails at once as SERVICE_UNAVAILABLE,
 * a slow one as TIMEOUT after the timeout: callers never hang.
 *
 * Replies come to one inbox subscription per client and are matched to pending requests by
 * token; one sweeper timer expires them. (nats.js `request()` arms a timer and a race per call
 * and builds an error with a stack trace even on success: ~5 % of the gateway's CPU.)
 */
export class RpcClient {
  private readonly inbox = createInbox();
  private readonly pending = new Map<string, Pending>();
  private seq = 0;
  private readonly sweeper: NodeJS.Timeout;

  constructor(
    private readonly nc: NatsConnection,
    private readonly opts: RpcClientOptions,
  ) {
    nc.subscribe(`${this.inbox}.*`, { callback: (_err, msg) => this.onReply(msg) });
    this.sweeper = setInterval(() => this.expire(), 25);
    this.sweeper.unref();
    void nc.closed().then(() => clearInterval(this.sweeper));
  }

  async request<Req, Res>(
    def: RpcDef<Req, Res>,
    payload: Req,
    timeoutMs = this.opts.timeoutMs,
  ): Promise<Res> {
    return JSON.parse((await this.requestJson(def, payload, timeoutMs)).toString('utf8')) as Res;
  }

  /**
   * The answer's `data` as UTF-8 JSON bytes, not parsed: a gateway that only passes it on to its
   * HTTP client saves a decode, a parse, a serialisation and an encode. Errors are thrown as
   * `RpcCallError` like `request`.
   */
  requestJson<Req, Res>(
    def: RpcDef<Req, Res>,
    payload: Req,
    timeoutMs = this.opts.timeoutMs,
  ): Promise<Buffer> {
    const token = (this.seq++).toString(36);
    const h = headers();
    h.set(Headers.requestId, currentRequestId() ?? randomUUID());
    const end = rpcClientDuration.startTimer({ subject: def.subject });
    return new Promise<Buffer>((resolve, reject) => {
      this.pending.set(token, {
        resolve,
        reject,
        expires: Date.now() + timeoutMs,
        timeoutMs,
        subject: def.subject,
        end,
      });
      try {
        this.nc.publish(
          prefixed(this.opts.prefix, def.subject),
          encoder.encode(JSON.stringify(payload ?? {})),
          {
            reply: `${this.inbox}.${token}`,
            headers: h,
          },
        );
      } catch (e) {
        this.pending.delete(token);
        end({ outcome: 'unavailable' });
        reject(
          new RpcCallError(
            {
              code: ErrorCode.SERVICE_UNAVAILABLE,
              message: `${def.subject}: messaging failed (${(e as NatsError).code})`,
            },
            def.subject,
          ),
        );
      }
    });
  }

  private onReply(msg: Msg): void {
    const token = msg.subject.slice(this.inbox.length + 1);
    const p = this.pending.get(token);
    if (!p) return; // answered after its timeout
    this.pending.delete(token);
    if (msg.headers?.code === 503) {
      p.end({ outcome: 'unavailable' });
      p.reject(
        new RpcCallError(
          { code: ErrorCode.SERVICE_UNAVAILABLE, message: `${p.subject}: no instance is running` },
          p.subject,
        ),
      );
      return;
    }
    if (startsWithOk(msg.data)) {
      p.end({ outcome: 'ok' });
      p.resolve(Buffer.from(msg.data.subarray(OK_PREFIX_BYTES.length, msg.data.length - 1)));
      return;
    }
    try {
      const reply = JSON.parse(decoder.decode(msg.data)) as RpcReply<unknown>;
      if (reply.ok) {
        p.end({ outcome: 'ok' });
        p.resolve(Buffer.from(JSON.stringify(reply.data)));
      } else {
        p.end({ outcome: reply.error.code });
        p.reject(new RpcCallError(reply.error, p.subject));
      }
    } catch {
      p.end({ outcome: 'INTERNAL' });
      p.reject(
        new RpcCallError({ code: ErrorCode.INTERNAL, message: `${p.subject}: unreadable reply` }, p.subject),
      );
    }
  }

  private expire(): void {
    const now = Date.now();
    for (const [token, p] of this.pending) {
      if (p.expires > now) continue;
      this.pending.delete(token);
      p.end({ outcome: 'timeout' });
      p.reject(
        new RpcCallError(
          { code: ErrorCode.TIMEOUT, message: `${p.subject} did not answer within ${p.timeoutMs} ms` },
          p.subject,
        ),
      );
    }
  }
}

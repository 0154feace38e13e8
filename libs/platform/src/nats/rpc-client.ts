import { ErrorCode, errorMessage, Headers, OK_REPLY_PREFIX, RpcDef, RpcReply } from '@tdkt/contracts';
import { headers, Msg, NatsConnection, NatsError } from 'nats';
import { randomUUID } from 'node:crypto';
import { currentIdempotency, currentRequestId } from '../logging/logger';
import { rpcClientDuration } from '../ops/metrics';
import { RpcCallError } from './app-error';
import { prefixed } from './nats.connection';
import { ConnectionDown, isNoResponders, ReplyInbox, ReplyTimeout } from './reply-inbox';

const encoder = new TextEncoder();
/** nats.js's code for a message over the server's max_payload. */
const ErrorCode_MAX_PAYLOAD = 'MAX_PAYLOAD_EXCEEDED';
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

/**
 * Sends typed requests over NATS core. A missing responder fails at once as SERVICE_UNAVAILABLE,
 * a slow one as TIMEOUT after the timeout: callers never hang.
 */
export class RpcClient {
  private readonly inbox: ReplyInbox;

  constructor(
    private readonly nc: NatsConnection,
    private readonly opts: RpcClientOptions,
  ) {
    this.inbox = new ReplyInbox(nc);
  }

  /** Whether the connection to NATS is up now (a request would be sent). */
  get connected(): boolean {
    return this.inbox.connected;
  }

  private maxPayload(): number {
    return this.nc.info?.max_payload ?? 1024 * 1024;
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
  async requestJson<Req, Res>(
    def: RpcDef<Req, Res>,
    payload: Req,
    timeoutMs = this.opts.timeoutMs,
  ): Promise<Buffer> {
    const h = headers();
    h.set(Headers.requestId, currentRequestId() ?? randomUUID());
    const idem = currentIdempotency();
    if (idem) {
      h.set(Headers.idempotencyKey, idem.key);
      h.set(Headers.idempotencyScope, idem.scope);
    }
    const end = rpcClientDuration.startTimer({ subject: def.subject });
    const fail = (outcome: string, code: ErrorCode, message: string): RpcCallError => {
      end({ outcome });
      return new RpcCallError({ code, message }, def.subject);
    };
    let msg: Msg;
    try {
      msg = await this.inbox.send(
        prefixed(this.opts.prefix, def.subject),
        encoder.encode(JSON.stringify(payload ?? {})),
        h,
        timeoutMs,
      );
    } catch (e) {
      if (e instanceof ReplyTimeout) {
        throw fail(
          'timeout',
          ErrorCode.TIMEOUT,
          errorMessage('RPC_TIMEOUT', { subject: def.subject, ms: timeoutMs }),
        );
      }
      if (e instanceof ConnectionDown) {
        throw fail(
          'unavailable',
          ErrorCode.SERVICE_UNAVAILABLE,
          errorMessage('RPC_MESSAGING_DOWN', { subject: def.subject }),
        );
      }
      if ((e as NatsError).code === ErrorCode_MAX_PAYLOAD) {
        throw fail(
          'too_large',
          ErrorCode.PAYLOAD_TOO_LARGE,
          `Yêu cầu quá lớn để chuyển tới dịch vụ (tối đa ${this.maxPayload()} byte)`,
        );
      }
      const why = (e as NatsError).code ?? (e as Error).message;
      throw fail(
        'unavailable',
        ErrorCode.SERVICE_UNAVAILABLE,
        errorMessage('RPC_MESSAGING_FAILED', { subject: def.subject, why }),
      );
    }
    if (isNoResponders(msg)) {
      throw fail(
        'unavailable',
        ErrorCode.SERVICE_UNAVAILABLE,
        errorMessage('RPC_NO_RESPONDER', { subject: def.subject }),
      );
    }
    if (startsWithOk(msg.data)) {
      end({ outcome: 'ok' });
      return Buffer.from(msg.data.subarray(OK_PREFIX_BYTES.length, msg.data.length - 1));
    }
    let reply: RpcReply<unknown>;
    try {
      reply = JSON.parse(decoder.decode(msg.data)) as RpcReply<unknown>;
    } catch {
      throw fail('INTERNAL', ErrorCode.INTERNAL, `${def.subject}: unreadable reply`);
    }
    if (reply.ok) {
      end({ outcome: 'ok' });
      return Buffer.from(JSON.stringify(reply.data));
    }
    end({ outcome: reply.error.code });
    throw new RpcCallError(reply.error, def.subject);
  }
}

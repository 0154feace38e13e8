import { ErrorCode, Headers, OK_REPLY_PREFIX, RpcDef, RpcReply } from '@tdkt/contracts';
import { ErrorCode as NatsErrorCode, headers, NatsConnection, NatsError } from 'nats';
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

/**
 * Sends typed requests over NATS core. A missing responder fails at once as SERVICE_UNAVAILABLE,
 * a slow one as TIMEOUT after the timeout: callers never hang.
 */
export class RpcClient {
  constructor(
    private readonly nc: NatsConnection,
    private readonly opts: RpcClientOptions,
  ) {}

  async request<Req, Res>(
    def: RpcDef<Req, Res>,
    payload: Req,
    timeoutMs = this.opts.timeoutMs,
  ): Promise<Res> {
    return JSON.parse(await this.requestJson(def, payload, timeoutMs)) as Res;
  }

  /**
   * The answer's `data` as JSON text, not parsed: a gateway that only passes it on to its HTTP
   * client saves a parse and a serialisation. Errors are thrown as `RpcCallError` like `request`.
   */
  async requestJson<Req, Res>(
    def: RpcDef<Req, Res>,
    payload: Req,
    timeoutMs = this.opts.timeoutMs,
  ): Promise<string> {
    const subject = prefixed(this.opts.prefix, def.subject);
    const h = headers();
    h.set(Headers.requestId, currentRequestId() ?? randomUUID());
    const end = rpcClientDuration.startTimer({ subject: def.subject });
    let text: string;
    try {
      const msg = await this.nc.request(subject, encoder.encode(JSON.stringify(payload ?? {})), {
        timeout: timeoutMs,
        headers: h,
      });
      text = decoder.decode(msg.data);
    } catch (e) {
      const code = (e as NatsError).code;
      if (code === NatsErrorCode.Timeout) {
        end({ outcome: 'timeout' });
        throw new RpcCallError(
          { code: ErrorCode.TIMEOUT, message: `${def.subject} did not answer within ${timeoutMs} ms` },
          def.subject,
        );
      }
      end({ outcome: 'unavailable' });
      const why =
        code === NatsErrorCode.NoResponders ? 'no instance is running' : `messaging failed (${code})`;
      throw new RpcCallError(
        { code: ErrorCode.SERVICE_UNAVAILABLE, message: `${def.subject}: ${why}` },
        def.subject,
      );
    }
    if (text.startsWith(OK_REPLY_PREFIX)) {
      end({ outcome: 'ok' });
      return text.slice(OK_REPLY_PREFIX.length, -1);
    }
    const reply = JSON.parse(text) as RpcReply<Res>;
    if (reply.ok) {
      end({ outcome: 'ok' });
      return JSON.stringify(reply.data);
    }
    end({ outcome: reply.error.code });
    throw new RpcCallError(reply.error, def.subject);
  }
}

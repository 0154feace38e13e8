import { ErrorCode, Headers, RpcDef, RpcReply } from '@tdkt/contracts';
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
 * a slow one as TIMEOUT after the deadline: callers never hang.
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
    const subject = prefixed(this.opts.prefix, def.subject);
    const h = headers();
    h.set(Headers.requestId, currentRequestId() ?? randomUUID());
    h.set(Headers.deadline, String(Date.now() + timeoutMs));
    const end = rpcClientDuration.startTimer({ subject: def.subject });
    let raw: Uint8Array;
    try {
      const msg = await this.nc.request(subject, encoder.encode(JSON.stringify(payload ?? {})), {
        timeout: timeoutMs,
        headers: h,
      });
      raw = msg.data;
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
    const reply = JSON.parse(decoder.decode(raw)) as RpcReply<Res>;
    if (reply.ok) {
      end({ outcome: 'ok' });
      return reply.data;
    }
    end({ outcome: reply.error.code });
    throw new RpcCallError(reply.error, def.subject);
  }
}

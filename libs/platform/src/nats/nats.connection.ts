import { connect, NatsConnection } from 'nats';
import { coalesceWrites } from '../adapters/nats-write-coalescing';

export const NATS_CONNECTION = Symbol('NATS_CONNECTION');

export interface NatsOptions {
  url: string;
  /** Connection name, shown by the server's monitoring. */
  name: string;
}

/** One connection per process; reconnects for ever so a NATS restart is survived. */
export async function connectNats(opts: NatsOptions): Promise<NatsConnection> {
  const nc = await connect({
    servers: opts.url.split(','),
    name: opts.name,
    maxReconnectAttempts: -1,
    reconnectTimeWait: 250,
    waitOnFirstConnect: false,
    pingInterval: 10_000,
    // Capturing a stack trace for every request costs ~6 % CPU at load; timeouts are still reported.
    noAsyncTraces: true,
  });
  if (process.env.NATS_COALESCE_WRITES !== 'false') coalesceWrites(nc);
  return nc;
}

/** `prefix.subject` or `subject` when there is no prefix. */
export function prefixed(prefix: string, subject: string): string {
  return prefix ? `${prefix}.${subject}` : subject;
}

/** Stream names cannot hold dots: `prefix_NAME`. */
export function prefixedStream(prefix: string, stream: string): string {
  return prefix ? `${prefix.replace(/-/g, '_')}_${stream}` : stream;
}

/** Readiness check of a NATS connection: open, and the server answers a flush (PING/PONG). */
export function natsReadiness(nc: { isClosed(): boolean; flush(): Promise<void> }): () => Promise<void> {
  return async () => {
    if (nc.isClosed()) throw new Error('connection closed');
    await nc.flush();
  };
}

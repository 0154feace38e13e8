import { connect, NatsConnection } from 'nats';

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

interface ProtocolInternals {
  outbound: { length(): number; size(): number; fill(buf: Uint8Array, ...payloads: Uint8Array[]): void };
  pendingLimit: number;
  flushPending(): void;
  sendCommand(cmd: string | Uint8Array, ...payloads: Uint8Array[]): void;
}

/**
 * nats.js (2.x) writes its outbound buffer to the socket on a microtask after the first queued
 * message. Under a server's load every HTTP request or NATS message arrives in its own event-loop
 * turn, so that is one write() per message in each process and in the broker. Flushing on
 * setImmediate instead coalesces everything queued during one turn into one write: measured on
 * 2 cores, a read through gateway → NATS → registry went from ~4,500 to ~7,500 req/s and its p99
 * from ~17 to ~11 ms (bench/README.md). This reaches into the client's internals: when they are
 * not as expected it changes nothing and returns false. `NATS_COALESCE_WRITES=false` turns it off.
 */
export function coalesceWrites(nc: NatsConnection): boolean {
  const protocol = (nc as unknown as { protocol?: Partial<ProtocolInternals> }).protocol;
  if (
    !protocol ||
    typeof protocol.sendCommand !== 'function' ||
    typeof protocol.flushPending !== 'function' ||
    typeof protocol.outbound?.fill !== 'function' ||
    typeof protocol.pendingLimit !== 'number'
  ) {
    return false;
  }
  const p = protocol as ProtocolInternals;
  const encoder = new TextEncoder();
  p.sendCommand = (cmd, ...payloads) => {
    const queued = p.outbound.length();
    p.outbound.fill(typeof cmd === 'string' ? encoder.encode(cmd) : cmd, ...payloads);
    if (queued === 0) setImmediate(() => p.flushPending());
    else if (p.outbound.size() >= p.pendingLimit) p.flushPending();
  };
  return true;
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

import type { NatsConnection } from 'nats';

/**
 * The parts of nats.js's protocol handler (`nc.protocol`, not public API) that `coalesceWrites`
 * relies on. adapters/nats-write-coalescing.integration-spec.ts checks them against the installed
 * nats.js.
 */
export interface NatsProtocolInternals {
  outbound: { length(): number; size(): number; fill(buf: Uint8Array, ...payloads: Uint8Array[]): void };
  pendingLimit: number;
  flushPending(): void;
  sendCommand(cmd: string | Uint8Array, ...payloads: Uint8Array[]): void;
}

/** `nc.protocol` when it has the shape `coalesceWrites` relies on, otherwise undefined. */
export function natsProtocolInternals(nc: NatsConnection): NatsProtocolInternals | undefined {
  const protocol = (nc as unknown as { protocol?: Partial<NatsProtocolInternals> }).protocol;
  if (
    !protocol ||
    typeof protocol.sendCommand !== 'function' ||
    typeof protocol.flushPending !== 'function' ||
    typeof protocol.outbound?.fill !== 'function' ||
    typeof protocol.outbound.length !== 'function' ||
    typeof protocol.outbound.size !== 'function' ||
    typeof protocol.pendingLimit !== 'number'
  ) {
    return undefined;
  }
  return protocol as NatsProtocolInternals;
}

/**
 * nats.js (2.x) writes its outbound buffer to the socket on a microtask after the first queued
 * message. Under a server's load every HTTP request or NATS message arrives in its own event-loop
 * turn, so that is one write() per message in each process and in the broker. Flushing on
 * setImmediate instead coalesces everything queued during one turn into one write: measured on
 * 2 cores, a read through gateway → NATS → registry went from ~4,500 to ~7,500 req/s and its p99
 * from ~17 to ~11 ms (bench/README.md). This reaches into the client's internals: when they are
 * not as expected it changes nothing and returns false. `NATS_COALESCE_WRITES=false` turns it off
 * (see `connectNats`).
 */
export function coalesceWrites(nc: NatsConnection): boolean {
  const p = natsProtocolInternals(nc);
  if (!p) return false;
  const encoder = new TextEncoder();
  p.sendCommand = (cmd, ...payloads) => {
    const queued = p.outbound.length();
    p.outbound.fill(typeof cmd === 'string' ? encoder.encode(cmd) : cmd, ...payloads);
    if (queued === 0) setImmediate(() => p.flushPending());
    else if (p.outbound.size() >= p.pendingLimit) p.flushPending();
  };
  return true;
}

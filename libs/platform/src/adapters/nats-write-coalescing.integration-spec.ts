/**
 * What `coalesceWrites` relies on in nats.js (its protocol handler is not public API), checked
 * against the installed version and a real NATS server: when an upgrade changes it, this fails.
 */
import { expectEventually, runId, testInfra } from '@tdkt/testing';
import { connect, NatsConnection } from 'nats';
import { connectNats } from '../nats/nats.connection';
import { coalesceWrites, natsProtocolInternals } from './nats-write-coalescing';

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** Counts a connection's socket writes (its transport's `send`: nats.js internals, tests only). */
function countWrites(nc: NatsConnection): () => number {
  const transport = (nc as unknown as { protocol: { transport: { send(frame: Uint8Array): void } } }).protocol
    .transport;
  const send = transport.send.bind(transport);
  let writes = 0;
  transport.send = (frame) => {
    writes += 1;
    send(frame);
  };
  return () => writes;
}

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Publishes `count` messages, each after a microtask: all within one turn of the event loop. */
async function publishInOneTurn(nc: NatsConnection, subject: string, from: string, count: number) {
  for (let i = 0; i < count; i += 1) {
    nc.publish(subject, encoder.encode(`${from}-${i}`));
    await Promise.resolve();
  }
}

describe('nats.js write coalescing (adapter)', () => {
  const connections: NatsConnection[] = [];
  const open = async (): Promise<NatsConnection> => {
    const nc = await connect({ servers: testInfra().natsUrl });
    connections.push(nc);
    return nc;
  };
  afterAll(async () => {
    for (const nc of connections) await nc.close();
  });

  it('the installed nats.js has the internals it replaces', async () => {
    const nc = await open();
    const p = natsProtocolInternals(nc);
    expect(p).toBe((nc as unknown as { protocol: unknown }).protocol);
    expect(p!.pendingLimit).toBe(32 * 1024); // nats.js's FLUSH_THRESHOLD: a write is due at 32 KiB pending
    expect(p!.outbound.length()).toBe(0);
    expect(coalesceWrites(nc)).toBe(true);
  });

  it('writes what one event-loop turn published in one write (nats.js alone: one each), in order', async () => {
    const subject = `adapter.${runId()}.coalesce`;
    const receiver = await open();
    const got: string[] = [];
    receiver.subscribe(subject, { callback: (_e, m) => got.push(decoder.decode(m.data)) });
    await receiver.flush();
    const plain = await open();
    const coalesced = await open();
    expect(coalesceWrites(coalesced)).toBe(true);
    const plainWrites = countWrites(plain);
    const coalescedWrites = countWrites(coalesced);

    await publishInOneTurn(plain, subject, 'plain', 50);
    await publishInOneTurn(coalesced, subject, 'coalesced', 50);
    // Before the next turn: nats.js has written each message on its own; the coalesced ones wait.
    expect({ plain: plainWrites(), coalesced: coalescedWrites() }).toEqual({ plain: 50, coalesced: 0 });
    await nextTurn();
    expect({ plain: plainWrites(), coalesced: coalescedWrites() }).toEqual({ plain: 50, coalesced: 1 });

    const expected = (from: string) => Array.from({ length: 50 }, (_, i) => `${from}-${i}`);
    await expectEventually(() => expect(got).toHaveLength(100));
    expect(got.filter((x) => x.startsWith('plain-'))).toEqual(expected('plain'));
    expect(got.filter((x) => x.startsWith('coalesced-'))).toEqual(expected('coalesced'));
  });

  it('writes at once, within the turn, when the queued bytes reach the pending limit', async () => {
    const nc = await open();
    expect(coalesceWrites(nc)).toBe(true);
    const writes = countWrites(nc);
    const limit = natsProtocolInternals(nc)!.pendingLimit;
    const payload = new Uint8Array(Math.ceil(limit / 4));
    for (let i = 0; i < 3; i += 1) nc.publish(`adapter.${runId()}.big`, payload);
    expect(writes()).toBe(0); // three quarters of the limit (and a little): held for the turn
    nc.publish(`adapter.${runId()}.big`, payload);
    expect(writes()).toBe(1); // the fourth took the buffer over the limit: written at once
    await nextTurn();
    expect(writes()).toBe(1); // nothing was left for the turn's write
    await nc.flush();
  });

  it('changes nothing and answers false where the internals are not there', () => {
    expect(coalesceWrites({} as NatsConnection)).toBe(false);
    const sendCommand = () => undefined;
    const partial = { protocol: { sendCommand, flushPending: () => undefined } };
    expect(coalesceWrites(partial as unknown as NatsConnection)).toBe(false);
    expect(partial.protocol.sendCommand).toBe(sendCommand);
  });

  it('connectNats coalesces unless NATS_COALESCE_WRITES=false', async () => {
    const own = (nc: NatsConnection) =>
      Object.prototype.hasOwnProperty.call(natsProtocolInternals(nc), 'sendCommand');
    const on = await connectNats({ url: testInfra().natsUrl, name: 'adapter-on' });
    connections.push(on);
    const before = process.env.NATS_COALESCE_WRITES;
    process.env.NATS_COALESCE_WRITES = 'false';
    try {
      const off = await connectNats({ url: testInfra().natsUrl, name: 'adapter-off' });
      connections.push(off);
      expect({ on: own(on), off: own(off) }).toEqual({ on: true, off: false });
    } finally {
      if (before === undefined) delete process.env.NATS_COALESCE_WRITES;
      else process.env.NATS_COALESCE_WRITES = before;
    }
  });
});

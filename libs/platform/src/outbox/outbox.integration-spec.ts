/**
 * The outbox, relay, JetStream and idempotent consumer together, against real Postgres and a
 * nats-server started by this test for itself (it is stopped mid-way; a shared NATS never is).
 */
import { EventEnvelope, eventDef } from '@tdkt/contracts';
import {
  createDatabase,
  expectEventually,
  NatsServerProcess,
  runId,
  TestDatabase,
  testInfra,
} from '@tdkt/testing';
import { NatsConnection } from 'nats';
import pino from 'pino';
import { DataSource } from 'typeorm';
import { startConsumer, RunningConsumer } from '../jetstream/consumer';
import { DEAD_LETTER_STREAM, ensureStream, jetStreamManager } from '../jetstream/streams';
import { connectNats, prefixedStream } from '../nats/nats.connection';
import { insertOnce, processOnce } from './idempotent';
import { addToOutbox, makeEnvelope, outboxTablesUp } from './outbox';
import { OutboxRelay } from './relay';

jest.setTimeout(60_000);

const SCHEMA = 'outbox_test';
const STREAM = 'TEST_EVENTS';
const changed = eventDef<{ n: number }>(STREAM, 'test.thing.changed');
const poisoned = eventDef<{ n: number }>(STREAM, 'test.thing.poisoned');
const batched = eventDef<{ n: number }>(STREAM, 'test.thing.batched');
const logger = pino({ level: 'silent' });

describe('outbox → JetStream → idempotent consumer', () => {
  let db: TestDatabase;
  let ds: DataSource;
  let nats: NatsServerProcess;
  let nc: NatsConnection;
  let relay: OutboxRelay;
  const prefix = `t-${runId()}`;
  const consumers: RunningConsumer[] = [];

  beforeAll(async () => {
    db = await createDatabase(testInfra().pgAdminUrl, 'outbox');
    ds = new DataSource({ type: 'postgres', url: db.url, extra: { max: 8 } });
    await ds.initialize();
    await ds.query(`CREATE SCHEMA ${SCHEMA}`);
    for (const sql of outboxTablesUp(SCHEMA)) await ds.query(sql);
    await ds.query(`CREATE TABLE ${SCHEMA}.effects (n int PRIMARY KEY)`);
    nats = await NatsServerProcess.start();
    // The services' own connection settings (reconnect for ever, coalesced writes).
    nc = await connectNats({ url: nats.url, name: 'outbox-test' });
    await ensureStream(await jetStreamManager(nc), prefix, {
      name: STREAM,
      subjects: [changed.subject, poisoned.subject, batched.subject],
    });
    relay = new OutboxRelay({ ds, nc, schema: SCHEMA, prefix, logger, idleMs: 50 });
    relay.start();
  });

  afterAll(async () => {
    for (const c of consumers) await c.stop().catch(() => undefined);
    await relay?.stop();
    await nc?.close().catch(() => undefined);
    await nats?.stop();
    await ds?.destroy();
    await db?.drop();
  });

  /** Each event's effect is a row keyed by n: a second application would fail the primary key. */
  const written: EventEnvelope<{ n: number }>[] = [];
  async function write(from: number, to: number): Promise<void> {
    for (let n = from; n < to; n += 50) {
      const batch = Array.from({ length: Math.min(50, to - n) }, (_, i) =>
        makeEnvelope(changed, { n: n + i }),
      );
      await ds.transaction((m) => addToOutbox(m, SCHEMA, batch));
      written.push(...batch);
    }
  }

  it('loses nothing and applies nothing twice when NATS stops mid-way', async () => {
    let deliveries = 0;
    consumers.push(
      await startConsumer({
        nc,
        prefix,
        event: changed,
        durable: 'effects',
        logger,
        handler: async (e: EventEnvelope<{ n: number }>) => {
          deliveries += 1;
          await processOnce(ds, SCHEMA, 'effects', e.id, (m) =>
            m.query(`INSERT INTO ${SCHEMA}.effects VALUES ($1)`, [e.data.n]),
          );
        },
      }),
    );

    await write(0, 300);
    await expectEventually(async () => expect(await relay.pending()).toBe(0), 20_000);

    await nats.stopProcess(true); // kill -9: the store survives on disk
    await write(300, 700); // the changes still commit; their events wait in the outbox
    expect(await relay.pending()).toBeGreaterThan(0);

    await nats.startProcess();
    await expectEventually(async () => {
      expect(await relay.pending()).toBe(0);
      const [{ n }] = await ds.query(`SELECT count(*)::int AS n FROM ${SCHEMA}.effects`);
      expect(n).toBe(700);
    }, 40_000);

    // A redelivered or republished event (same id) changes nothing.
    const envelope = written[0];
    const js = nc.jetstream();
    await js.publish(`${prefix}.${changed.subject}`, new TextEncoder().encode(JSON.stringify(envelope)), {
      msgID: `${envelope.id}-again`,
    });
    await expectEventually(() => expect(deliveries).toBeGreaterThanOrEqual(701), 10_000);
    const [{ n }] = await ds.query(`SELECT count(*)::int AS n FROM ${SCHEMA}.effects`);
    expect(n).toBe(700);
    const [{ p }] = await ds.query(`SELECT count(*)::int AS p FROM ${SCHEMA}.processed_events`);
    expect(p).toBe(700);
  });

  it('drops a duplicate publish of the same event id (JetStream dedupe window)', async () => {
    const jsm = await jetStreamManager(nc);
    const before = (await jsm.streams.info(prefixedStream(prefix, STREAM))).state.messages;
    const e = makeEnvelope(changed, { n: -1 });
    const js = nc.jetstream();
    const a = await js.publish(`${prefix}.${changed.subject}`, new TextEncoder().encode(JSON.stringify(e)), {
      msgID: e.id,
    });
    const b = await js.publish(`${prefix}.${changed.subject}`, new TextEncoder().encode(JSON.stringify(e)), {
      msgID: e.id,
    });
    expect(a.duplicate).toBe(false);
    expect(b.duplicate).toBe(true);
    expect((await jsm.streams.info(prefixedStream(prefix, STREAM))).state.messages).toBe(before + 1);
  });

  it('gives up after bounded redelivery and dead-letters the event with the reason', async () => {
    let attempts = 0;
    consumers.push(
      await startConsumer({
        nc,
        prefix,
        event: poisoned,
        durable: 'poison',
        logger,
        maxDeliver: 3,
        backoffMs: 20,
        handler: async () => {
          attempts += 1;
          throw new Error('cannot handle this');
        },
      }),
    );
    await ds.transaction((m) => addToOutbox(m, SCHEMA, [makeEnvelope(poisoned, { n: 1 })]));
    const jsm = await jetStreamManager(nc);
    await expectEventually(async () => {
      const info = await jsm.streams.info(prefixedStream(prefix, DEAD_LETTER_STREAM));
      expect(info.state.messages).toBe(1);
    }, 20_000);
    expect(attempts).toBe(3);
    const msg = await jsm.streams.getMessage(prefixedStream(prefix, DEAD_LETTER_STREAM), { seq: 1 });
    expect(msg.header.get('x-error')).toContain('cannot handle this');
    expect(msg.header.get('x-consumer')).toBe('poison');
  });

  it('batched: events delivered together are written together; a bad event or batch fails alone', async () => {
    const effect = {
      insert: `INSERT INTO ${SCHEMA}.effects (n)`,
      columns: [['n', 'int']] as const,
      select: 'e.n',
    };
    const apply = (events: EventEnvelope<{ n: number }>[]) =>
      insertOnce(
        ds,
        SCHEMA,
        'batched',
        effect,
        events.map((e) => ({ eventId: e.id, values: [e.data.n] })),
      );
    const sizes: number[] = [];
    const alone: number[] = [];
    let badTries = 0;
    let thrown = false;
    consumers.push(
      await startConsumer({
        nc,
        prefix,
        event: batched,
        durable: 'batched',
        logger,
        backoffMs: 20,
        // used for the events of a batch that threw, one by one
        handler: async (e) => {
          alone.push(e.data.n);
          await apply([e]);
        },
        batchHandler: async (events) => {
          sizes.push(events.length);
          if (!thrown && events.some((e) => e.data.n === 10_300)) {
            thrown = true;
            throw new Error('the whole batch failed');
          }
          // n = 10007 fails its first two deliveries, alone: the others of its batch go on
          const bad = events.filter((e) => e.data.n === 10_007 && ++badTries <= 2);
          await apply(events.filter((e) => !bad.includes(e)));
          return events.map((e) => (bad.includes(e) ? new Error('not yet') : undefined));
        },
      }),
    );
    const events = Array.from({ length: 400 }, (_, i) => makeEnvelope(batched, { n: 10_000 + i }));
    await ds.transaction((m) => addToOutbox(m, SCHEMA, events));
    await expectEventually(async () => {
      const [{ n }] = await ds.query(`SELECT count(*)::int AS n FROM ${SCHEMA}.effects WHERE n >= 10000`);
      expect(n).toBe(400);
    }, 20_000);
    const [{ p }] = await ds.query(
      `SELECT count(*)::int AS p FROM ${SCHEMA}.processed_events WHERE consumer = 'batched'`,
    );
    expect(p).toBe(400);
    expect(Math.max(...sizes)).toBeGreaterThan(1);
    expect(sizes.length).toBeLessThan(400);
    expect(badTries).toBe(3);
    expect(alone).toContain(10_300);
    expect(alone.length).toBeGreaterThan(1);
    expect(alone.length).toBeLessThan(400);
  });
});

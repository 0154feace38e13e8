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
import {
  DEAD_LETTER_STREAM,
  DEAD_LETTER_SUBJECT,
  ensureStream,
  jetStreamManager,
} from '../jetstream/streams';
import { connectNats, prefixed, prefixedStream } from '../nats/nats.connection';
import { insertOnce, processOnce } from './idempotent';
import { addToOutbox, makeEnvelope, outboxTablesUp } from './outbox';
import { OutboxRelay } from './relay';

jest.setTimeout(60_000);

const SCHEMA = 'outbox_test';
const STREAM = 'TEST_EVENTS';
const changed = eventDef<{ n: number }>(STREAM, 'test.thing.changed');
const poisoned = eventDef<{ n: number }>(STREAM, 'test.thing.poisoned');
const batched = eventDef<{ n: number }>(STREAM, 'test.thing.batched');
/** Published by the dedupe test only: no consumer takes it, so it changes no other test's figures. */
const duplicated = eventDef<{ n: number }>(STREAM, 'test.thing.duplicated');
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
      subjects: [changed.subject, poisoned.subject, batched.subject, duplicated.subject],
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
    /** Stream sequences of the messages handled (each after its effect was applied or skipped). */
    const handled = new Set<number>();
    consumers.push(
      await startConsumer({
        nc,
        prefix,
        event: changed,
        durable: 'effects',
        logger,
        handler: async (e: EventEnvelope<{ n: number }>, msg) => {
          await processOnce(ds, SCHEMA, 'effects', e.id, (m) =>
            m.query(`INSERT INTO ${SCHEMA}.effects VALUES ($1)`, [e.data.n]),
          );
          handled.add(msg.seq);
        },
      }),
    );

    await write(0, 300);
    await expectEventually(async () => expect(await relay.pending()).toBe(0), 20_000);

    await nats.stopProcess(true); // kill -9: the store survives on disk
    await write(300, 700); // the changes still commit; their events wait in the outbox
    // The 300 sent before the kill left the outbox; none of the 400 written since can leave it.
    expect(await relay.pending()).toBe(400);

    await nats.startProcess();
    // This test's effects are n = 0..699 (the batched test's are from 10,000).
    const effects = async () =>
      (await ds.query(`SELECT count(*)::int AS n FROM ${SCHEMA}.effects WHERE n BETWEEN 0 AND 699`))[0].n;
    const processed = async () =>
      (
        await ds.query(`SELECT count(*)::int AS p FROM ${SCHEMA}.processed_events WHERE consumer = 'effects'`)
      )[0].p;
    await expectEventually(async () => {
      expect(await relay.pending()).toBe(0);
      expect(await effects()).toBe(700);
    }, 40_000);

    // A republished event (same event id, another message) is handled and changes nothing.
    const envelope = written[0];
    const js = nc.jetstream();
    const again = await js.publish(
      `${prefix}.${changed.subject}`,
      new TextEncoder().encode(JSON.stringify(envelope)),
      { msgID: `${envelope.id}-again` },
    );
    expect(again.duplicate).toBe(false);
    await expectEventually(() => expect(handled.has(again.seq)).toBe(true), 10_000);
    expect(await effects()).toBe(700);
    expect(await processed()).toBe(700);
  });

  it('drops a duplicate publish of the same event id (JetStream dedupe window)', async () => {
    const jsm = await jetStreamManager(nc);
    const before = (await jsm.streams.info(prefixedStream(prefix, STREAM))).state.messages;
    const e = makeEnvelope(duplicated, { n: -1 });
    const js = nc.jetstream();
    const a = await js.publish(
      `${prefix}.${duplicated.subject}`,
      new TextEncoder().encode(JSON.stringify(e)),
      {
        msgID: e.id,
      },
    );
    const b = await js.publish(
      `${prefix}.${duplicated.subject}`,
      new TextEncoder().encode(JSON.stringify(e)),
      {
        msgID: e.id,
      },
    );
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
    const dlq = prefixedStream(prefix, DEAD_LETTER_STREAM);
    const subject = prefixed(prefix, `${DEAD_LETTER_SUBJECT}.poison`);
    await expectEventually(async () => {
      const info = await jsm.streams.info(dlq, { subjects_filter: subject });
      expect(info.state.subjects?.[subject]).toBe(1);
    }, 20_000);
    expect(attempts).toBe(3);
    const msg = await jsm.streams.getMessage(dlq, { last_by_subj: subject });
    expect({
      error: msg.header.get('x-error'),
      consumer: msg.header.get('x-consumer'),
      deliveries: msg.header.get('x-deliveries'),
      subject: msg.header.get('x-original-subject'),
    }).toEqual({
      error: 'cannot handle this',
      consumer: 'poison',
      deliveries: '3',
      subject: prefixed(prefix, poisoned.subject),
    });
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
    const FIRST = 10_000;
    const COUNT = 400;
    const BAD = 10_007;

    // Every event is in the stream before the consumer exists, so the batches are made from a backlog.
    const events = Array.from({ length: COUNT }, (_, i) => makeEnvelope(batched, { n: FIRST + i }));
    await ds.transaction((m) => addToOutbox(m, SCHEMA, events));
    await expectEventually(async () => expect(await relay.pending()).toBe(0), 20_000);

    // What each delivery of an event did, whichever path it took: a batch that did not throw, or
    // `handler` for each event of the batch that threw.
    const deliveries = new Map<number, number>();
    const delivered = (n: number): number => {
      deliveries.set(n, (deliveries.get(n) ?? 0) + 1);
      return deliveries.get(n)!;
    };
    // BAD fails its first two deliveries wherever it lands (in a batch or alone), then succeeds.
    const badTry = (n: number): boolean => n === BAD && delivered(n) <= 2;
    const batches: number[][] = [];
    const alone: number[] = [];
    let thrownBatch: number[] | undefined;
    const jsm = await jetStreamManager(nc);
    const stream = prefixedStream(prefix, STREAM);

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
          if (badTry(e.data.n)) throw new Error('not yet');
          if (e.data.n !== BAD) delivered(e.data.n);
          await apply([e]);
        },
        batchHandler: async (list) => {
          const ns = list.map((e) => e.data.n);
          batches.push(ns);
          if (batches.length === 1) {
            // Hold the first batch until the server has handed the whole backlog to this consumer
            // (nothing is acknowledged meanwhile): the client pulls more only after receiving at
            // least 144 of them, so the next batch is made of many waiting events.
            await expectEventually(async () => {
              const info = await jsm.consumers.info(stream, 'batched');
              expect([info.num_pending, info.num_ack_pending]).toEqual([0, COUNT]);
            }, 20_000);
          }
          if (!thrownBatch && list.length > 1) {
            // The first batch of more than one event throws: each of its events goes through `handler`.
            thrownBatch = ns;
            throw new Error('the whole batch failed');
          }
          const bad = list.map((e) => badTry(e.data.n));
          list.forEach((e) => e.data.n !== BAD && delivered(e.data.n));
          await apply(list.filter((_, i) => !bad[i]));
          return bad.map((b) => (b ? new Error('not yet') : undefined));
        },
      }),
    );

    await expectEventually(async () => {
      const [{ n }] = await ds.query(`SELECT count(*)::int AS n FROM ${SCHEMA}.effects WHERE n >= ${FIRST}`);
      expect(n).toBe(COUNT);
    }, 20_000);
    const [{ p }] = await ds.query(
      `SELECT count(*)::int AS p FROM ${SCHEMA}.processed_events WHERE consumer = 'batched'`,
    );
    expect(p).toBe(COUNT);
    // Events waiting together went together: the first batch of many threw and was split, each of
    // its events handled alone, in order, once.
    expect(thrownBatch?.length ?? 0).toBeGreaterThan(1);
    expect(alone).toEqual(thrownBatch);
    // The bad event was tried three times (two failures, then applied); every other event exactly
    // once: neither the failing event nor the failed batch made any other event be redelivered.
    expect(deliveries.size).toBe(COUNT);
    expect([...deliveries].filter(([, times]) => times !== 1)).toEqual([[BAD, 3]]);
  });
});

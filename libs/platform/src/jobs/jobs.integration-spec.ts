/**
 * Jobs against real Postgres and NATS JetStream: a job exists only if its transaction committed,
 * runs to DONE with its progress and result, fails for good on an AppError, is retried after any
 * other error, and is finished by another instance when the one running it dies.
 */
import { JobState } from '@tdkt/contracts';
import { createDatabase, expectEventually, runId, TestDatabase, testInfra } from '@tdkt/testing';
import { NatsConnection } from 'nats';
import pino from 'pino';
import { DataSource } from 'typeorm';
import { AppError } from '../nats/app-error';
import { connectNats } from '../nats/nats.connection';
import { outboxTablesUp } from '../outbox/outbox';
import { OutboxRelay } from '../outbox/relay';
import { JobRunner, jobTablesUp } from './jobs';

jest.setTimeout(60_000);

const SCHEMA = 'jobs_test';
const logger = pino({ level: 'silent' });

describe('jobs: a work queue with state, progress and redelivery', () => {
  let db: TestDatabase;
  let ds: DataSource;
  const connections: NatsConnection[] = [];
  const runners: JobRunner[] = [];
  let relay: OutboxRelay;
  const prefix = `t-${runId()}`;
  const service = 'jobtest';

  async function runner(
    opts: { ackWaitMs?: number } = {},
  ): Promise<{ runner: JobRunner; nc: NatsConnection }> {
    const nc = await connectNats({ url: testInfra().natsUrl, name: 'jobs-test' });
    connections.push(nc);
    const r = new JobRunner({ ds, nc, schema: SCHEMA, prefix, service, logger, backoffMs: 50, ...opts });
    runners.push(r);
    return { runner: r, nc };
  }

  /** Effects of the 'count' handler: one row per job id (a second application fails the key). */
  const effects = async (): Promise<number> =>
    Number((await ds.query(`SELECT count(*) AS n FROM ${SCHEMA}.effects`))[0].n);

  let main: JobRunner;
  let failOnce = true;
  let releaseHung: () => void = () => undefined;

  beforeAll(async () => {
    db = await createDatabase(testInfra().pgAdminUrl, 'jobs');
    ds = new DataSource({ type: 'postgres', url: db.url, extra: { max: 8 } });
    await ds.initialize();
    await ds.query(`CREATE SCHEMA ${SCHEMA}`);
    for (const sql of [...outboxTablesUp(SCHEMA), ...jobTablesUp(SCHEMA)]) await ds.query(sql);
    await ds.query(`CREATE TABLE ${SCHEMA}.effects (job_id uuid PRIMARY KEY)`);
    // A short ack wait (shared by the durable consumer) so that a dead instance's job moves on soon.
    ({ runner: main } = await runner({ ackWaitMs: 2000 }));
    await main.ensureStream();
    main.handle<{ rows: number }, { imported: number }>('count', async (input, ctx) => {
      for (let done = 0; done < input.rows; done += 10) await ctx.progress(done, input.rows);
      await ds.query(`INSERT INTO ${SCHEMA}.effects (job_id) VALUES ($1) ON CONFLICT DO NOTHING`, [ctx.id]);
      return { imported: input.rows };
    });
    main.handle('refuse', async () => {
      throw AppError.of('REQUEST_INVALID', { detail: 'tệp không đọc được' }, 'file');
    });
    main.handle('flaky', async (_input, ctx) => {
      if (failOnce) {
        failOnce = false;
        throw new Error('connection reset');
      }
      return { attempt: ctx.attempt };
    });
    await main.start();
    relay = new OutboxRelay({ ds, nc: connections[0], schema: SCHEMA, prefix, logger, idleMs: 20 });
    relay.start();
  });

  afterAll(async () => {
    releaseHung();
    await relay?.stop();
    for (const r of runners) await r.stop().catch(() => undefined);
    for (const nc of connections) await nc.close().catch(() => undefined);
    await ds?.destroy();
    await db?.drop();
  });

  it('runs to DONE with its progress and result; a rolled-back enqueue leaves no job', async () => {
    const job = await ds.transaction((m) => main.enqueue(m, 'count', { rows: 30 }, 'user-1'));
    expect(job).toMatchObject({ kind: 'count', state: JobState.QUEUED, created_by: 'user-1' });
    await expectEventually(async () => {
      expect(await main.get(job.id)).toMatchObject({
        state: JobState.DONE,
        result: { imported: 30 },
        progress: { done: 20, total: 30 },
        attempts: 1,
        error: null,
      });
    });
    let rolledBack = '';
    await expect(
      ds.transaction(async (m) => {
        rolledBack = (await main.enqueue(m, 'count', { rows: 10 })).id;
        throw new Error('the caller changed its mind');
      }),
    ).rejects.toThrow('changed its mind');
    // Neither the job nor its message: nothing of it was committed (other tests' jobs do not count).
    expect(rolledBack).toMatch(/^[0-9a-f-]{36}$/);
    expect(await main.get(rolledBack)).toBeUndefined();
    const [{ n }] = await ds.query(
      `SELECT count(*)::int AS n FROM ${SCHEMA}.outbox WHERE envelope->'data'->>'jobId' = $1`,
      [rolledBack],
    );
    expect(n).toBe(0);
  });

  it('an AppError fails the job for good, with the coded error; another error is retried', async () => {
    const refused = await ds.transaction((m) => main.enqueue(m, 'refuse', {}));
    const flaky = await ds.transaction((m) => main.enqueue(m, 'flaky', {}));
    await expectEventually(async () => {
      expect(await main.get(refused.id)).toMatchObject({
        state: JobState.FAILED,
        attempts: 1,
        error: { code: 'VALIDATION_FAILED', reason: 'REQUEST_INVALID', errors: [{ field: 'file' }] },
      });
      expect(await main.get(flaky.id)).toMatchObject({
        state: JobState.DONE,
        attempts: 2,
        result: { attempt: 2 },
      });
    });
  });

  it('a job whose instance dies is finished by another one, once', async () => {
    // A second instance whose handler never returns: its connection is then closed (the process "dies").
    const { runner: doomed, nc: doomedNc } = await runner({ ackWaitMs: 2000 });
    let started!: () => void;
    const running = new Promise<void>((r) => (started = r));
    doomed.handle('count', async () => {
      started();
      await new Promise<void>((r) => (releaseHung = r));
      return { imported: -1 };
    });
    await main.stop();
    await doomed.start();
    const before = await effects();
    const job = await ds.transaction((m) => main.enqueue(m, 'count', { rows: 10 }));
    await running;
    expect((await main.get(job.id))?.state).toBe(JobState.RUNNING);
    await doomedNc.close();
    await main.start();
    await expectEventually(async () => {
      expect(await main.get(job.id)).toMatchObject({
        state: JobState.DONE,
        result: { imported: 10 },
        attempts: 2,
      });
    }, 30_000);
    expect(await effects()).toBe(before + 1);
  });
});

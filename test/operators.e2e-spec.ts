/**
 * What an operator relies on: one JSON access-log line per request through the gateway's pino
 * logger (route template, status, duration, request id, user id; never a token, a password, the
 * query or a body), /metrics off the public API port (its own listener), /docs switchable off, and
 * the gauges every service exports (JetStream consumer lag, outbox backlog, database pool use).
 */
import 'reflect-metadata';
import { INestApplication } from '@nestjs/common';
import { IntakeEvents } from '@tdkt/contracts';
import {
  createLogger,
  metricsRegistry,
  outboxTablesUp,
  prefixed,
  serveMetrics,
  startConsumer,
  watchService,
} from '@tdkt/platform';
import { connect } from 'nats';
import { DataSource } from 'typeorm';
import { expectEventually, runId, testInfra } from '@tdkt/testing';
import { Writable } from 'node:stream';
import { createGateway } from '../apps/gateway/src/bootstrap';
import { DEMO_PASSWORD, startTestSystem, TestSystem } from './support/system';
import { client, ok } from './support/api';

interface Line {
  level: number;
  msg: string;
  requestId?: string;
  method?: string;
  route?: string | null;
  status?: number;
  ms?: number;
  userId?: string | null;
  [k: string]: unknown;
}

describe('operators', () => {
  let sys: TestSystem;
  let gateway: INestApplication;
  let api: string;
  const raw: string[] = [];
  const lines = (): Line[] => raw.map((l) => JSON.parse(l) as Line);
  const env = () => ({
    NATS_URL: testInfra().natsUrl,
    NATS_PREFIX: sys.prefix,
    HTTP_PORT: '0',
    LOG_LEVEL: 'info',
    JWT_SECRET: `operators-${runId()}-0123456789abcdef0123456789`,
  });

  beforeAll(async () => {
    sys = await startTestSystem({ with: ['notifications'] });
    // The gateway's own logger, writing to a capture stream instead of stdout.
    const capture = new Writable({
      write(chunk: Buffer, _enc, done) {
        for (const l of chunk.toString('utf8').split('\n')) if (l.trim()) raw.push(l);
        done();
      },
    });
    const { app } = await createGateway(env(), createLogger('gateway', 'info', capture));
    await app.listen(0, '127.0.0.1');
    gateway = app;
    api = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  }, 90_000);

  afterAll(async () => {
    await gateway?.close();
    await sys?.stop();
  });

  it('one JSON access-log line per request: route template, status, ms, request id, user id; no secrets', async () => {
    const password = `${DEMO_PASSWORD}`;
    const loginId = `op-login-${runId()}`;
    const { accessToken } = await ok(
      client({ baseUrl: api }, undefined, { 'x-request-id': loginId }).POST('/api/v1/auth/login', {
        body: { username: 'board', password },
      }),
      200,
    );
    const sub = JSON.parse(Buffer.from(accessToken.split('.')[1], 'base64url').toString('utf8'))
      .sub as string;
    expect(sub).toBeTruthy();

    const readId = `op-read-${runId()}`;
    const secret = `s3cr3t-${runId()}`;
    // raw fetch: a secret in a query parameter the contract does not have, and a route it does not have
    const read = await fetch(`${api}/api/v1/groups/cum-tn-dhmt/years/2023/leadership?token=${secret}`, {
      headers: { authorization: `Bearer ${accessToken}`, 'x-request-id': readId },
    });
    expect(read.status).toBeLessThan(500);
    const missingId = `op-404-${runId()}`;
    expect(
      (await fetch(`${api}/api/v1/nowhere/${secret}`, { headers: { 'x-request-id': missingId } })).status,
    ).toBe(404);

    // The line is written when the response has been sent: wait for it, bounded.
    const accessOf = (id: string) => lines().filter((l) => l.msg === 'request' && l.requestId === id);
    await expectEventually(() => expect(accessOf(missingId)).toHaveLength(1), 5000);
    await expectEventually(() => expect(accessOf(readId)).toHaveLength(1), 5000);
    expect(accessOf(loginId)).toHaveLength(1);

    expect(accessOf(loginId)[0]).toMatchObject({
      level: 30,
      method: 'POST',
      route: '/api/v1/auth/login',
      status: 200,
      userId: null,
      service: 'gateway',
      pid: process.pid,
    });
    const readLine = accessOf(readId)[0];
    expect(readLine).toMatchObject({
      method: 'GET',
      route: '/api/v1/groups/:groupId/years/:year/leadership',
      status: read.status,
      userId: sub,
    });
    expect(typeof readLine.ms).toBe('number');
    expect(readLine.ms).toBeGreaterThanOrEqual(0);
    expect(readLine.time).toBeTruthy();
    expect(accessOf(missingId)[0]).toMatchObject({ method: 'GET', route: null, status: 404, userId: null });
    // Never a token, a password, a query value or a body in any line the gateway wrote.
    const all = raw.join('\n');
    expect(all).not.toContain(accessToken);
    expect(all).not.toContain(accessToken.split('.')[2]);
    expect(all).not.toContain(password);
    expect(all).not.toContain(secret);
    expect(all).not.toContain('"username"');
  });

  it('/metrics is not on the API port; its own listener serves it', async () => {
    expect((await fetch(`${api}/metrics`)).status).toBe(404);
    expect((await fetch(`${api}/api/v1/metrics`)).status).toBe(404);
    const metrics = await serveMetrics({ port: 0, host: '127.0.0.1', logger: createLogger('t', 'silent') });
    try {
      expect(metrics?.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/metrics$/);
      const text = await (await fetch(metrics!.url)).text();
      expect(text).toContain('http_request_duration_seconds_bucket{');
      expect(text).toContain('route="/api/v1/groups/:groupId/years/:year/leadership"');
      expect((await fetch(metrics!.url.replace('/metrics', '/docs'))).status).toBe(404);
      // A port already taken: logged, and no listener (the gateway keeps serving its API).
      const port = Number(new URL(metrics!.url).port);
      expect(
        await serveMetrics({ port, host: '127.0.0.1', logger: createLogger('t', 'silent') }),
      ).toBeUndefined();
    } finally {
      await metrics?.close();
    }
  });

  it('/docs is on by default and off with DOCS_ENABLED=false', async () => {
    expect((await fetch(`${api}/docs/openapi.json`)).status).toBe(200);
    const { app } = await createGateway(
      { ...env(), DOCS_ENABLED: 'false' },
      createLogger('gateway', 'silent'),
    );
    await app.listen(0, '127.0.0.1');
    try {
      const url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
      expect((await fetch(`${url}/docs`)).status).toBe(404);
      expect((await fetch(`${url}/docs/openapi.json`)).status).toBe(404);
      expect((await fetch(`${url}/health/live`)).status).toBe(200);
    } finally {
      await app.close();
    }
  });

  it("a service's /metrics: consumer lag of its durable consumers, outbox backlog, pool use", async () => {
    const url = (await sys.notifications!.getUrl()).replace('[::1]', '127.0.0.1');
    const scrape = async () => (await fetch(`${url}/metrics`)).text();
    const value = (text: string, series: RegExp): number[] =>
      text
        .split('\n')
        .filter((l) => series.test(l))
        .map((l) => Number(l.slice(l.lastIndexOf(' ') + 1)));
    await expectEventually(
      async () => {
        const text = await scrape();
        // Every durable consumer notifications owns, with its lag (caught up by now: 0).
        const lag = value(
          text,
          /^jetstream_consumer_pending_messages\{service="notifications",.*consumer="notifications-/,
        );
        expect(lag.length).toBeGreaterThanOrEqual(3);
        expect(lag.every((v) => v === 0)).toBe(true);
        expect(value(text, /^jetstream_consumer_ack_pending_messages\{service="notifications",/).length).toBe(
          lag.length,
        );
        // Intake publishes (and runs jobs): its outbox is watched; drained, so 0 and 0 s.
        expect(value(text, /^outbox_backlog_events\{service="intake"\}/)).toEqual([0]);
        expect(value(text, /^outbox_oldest_event_age_seconds\{service="intake"\}/)).toEqual([0]);
        // The pool: open connections, idle, waiting, and its maximum (DB_POOL_SIZE, 10).
        const [total] = value(text, /^db_pool_connections\{service="notifications",state="total"\}/);
        const [idle] = value(text, /^db_pool_connections\{service="notifications",state="idle"\}/);
        expect(total).toBeGreaterThanOrEqual(1);
        expect(idle).toBeLessThanOrEqual(total);
        expect(value(text, /^db_pool_connections\{service="notifications",state="waiting"\}/)).toEqual([0]);
        expect(value(text, /^db_pool_connections\{service="notifications",state="max"\}/)).toEqual([10]);
      },
      15_000,
      250,
    );
  });

  it('the gauges follow what is really there: 3 events undelivered, 2 events unpublished for 90 s', async () => {
    // A service of the test's own: a durable consumer that stopped taking events, and an outbox
    // no relay empties; watched the way the service kit watches every service.
    const service = `probe-${runId()}`;
    const schema = service.replace(/-/g, '_');
    const nc = await connect({ servers: testInfra().natsUrl });
    const ds = new DataSource({ type: 'postgres', url: sys.db.url, extra: { max: 3 } });
    await ds.initialize();
    const unwatch = watchService({ service, nc, ds, outboxSchema: schema });
    try {
      const consumer = await startConsumer({
        nc,
        prefix: sys.prefix,
        event: IntakeEvents.fileRejected,
        durable: `${service}-files`,
        logger: createLogger(service, 'silent'),
        handler: async () => undefined,
      });
      await consumer.stop();
      const js = nc.jetstream();
      for (let i = 0; i < 3; i += 1)
        await js.publish(
          prefixed(sys.prefix, IntakeEvents.fileRejected.subject),
          new TextEncoder().encode('{}'),
        );
      await ds.query(`CREATE SCHEMA "${schema}"`);
      for (const sql of outboxTablesUp(schema)) await ds.query(sql);
      for (let i = 0; i < 2; i += 1)
        await ds.query(
          `INSERT INTO "${schema}"."outbox" (id, subject, envelope, created_at)
           VALUES (gen_random_uuid(), 'x', '{}', now() - interval '90 seconds')`,
        );
      const series = async (name: string, labels: Record<string, string>): Promise<number | undefined> => {
        const metric = (await metricsRegistry.getMetricsAsJSON()).find((m) => m.name === name) as
          { values: { labels: Record<string, string | number>; value: number }[] } | undefined;
        return metric?.values.find((v) => Object.entries(labels).every(([k, x]) => v.labels[k] === x))?.value;
      };
      await expectEventually(
        async () => {
          expect(
            await series('jetstream_consumer_pending_messages', { service, consumer: `${service}-files` }),
          ).toBe(3);
          expect(await series('jetstream_consumer_ack_pending_messages', { service })).toBe(0);
          expect(await series('outbox_backlog_events', { service })).toBe(2);
          expect(await series('outbox_oldest_event_age_seconds', { service })).toBeGreaterThanOrEqual(90);
          expect(await series('db_pool_connections', { service, state: 'max' })).toBe(3);
          expect(await series('db_pool_connections', { service, state: 'total' })).toBeGreaterThanOrEqual(1);
        },
        10_000,
        600,
      );
    } finally {
      unwatch();
      await ds.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`).catch(() => undefined);
      await ds.destroy();
      await nc.close();
    }
    // Unwatched: its series are gone from the next scrape.
    const text = await metricsRegistry.metrics();
    expect(text).not.toContain(`service="${service}"`);
  });
});

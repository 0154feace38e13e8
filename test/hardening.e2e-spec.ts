/**
 * The edge and the outcomes of writes, black box through HTTP: malformed requests get a 400
 * problem naming the field (never a 5xx, never a framework page), an `Idempotency-Key` answers a
 * retry with the first answer and never writes twice (also when the answer was lost after the
 * commit), and while NATS is down the gateway answers 503 with Retry-After at once, then recovers.
 */
import {
  createDatabase,
  NatsServerProcess,
  runId,
  TestDatabase,
  testInfra,
  expectEventually,
} from '@tdkt/testing';
import { INestApplication } from '@nestjs/common';
import { REGISTRY_STREAM, RegistryEvents } from '@tdkt/contracts';
import { prefixed, prefixedStream } from '@tdkt/platform';
import { request as httpRequest } from 'node:http';
import { Client } from 'pg';
import { createGateway } from '../apps/gateway/src/bootstrap';
import { bootstrapRegistry } from '../apps/registry/src/bootstrap';
import { streamEnvelopes } from './support/fault';
import { DEMO_PASSWORD, http, login, Res, startTestSystem, TestSystem } from './support/system';

jest.setTimeout(90_000);

const PROBLEM = /^application\/problem\+json/;

/** A problem+json answer with this status and code (and, when given, naming the field). */
function expectProblem(r: Res, status: number, code: string, field?: string | RegExp): void {
  expect(r.status).toBe(status);
  expect(r.headers.get('content-type')).toMatch(PROBLEM);
  expect(r.body).toMatchObject({ status, code });
  if (field !== undefined) {
    const fields = ((r.body as { errors?: { field: string }[] }).errors ?? []).map((e) => e.field);
    expect(fields.some((f) => (typeof field === 'string' ? f === field : field.test(f)))).toBe(true);
  }
}

/** A request through node:http, for what fetch refuses to send (a GET with a body, a raw path). */
function rawRequest(
  base: string,
  method: string,
  path: string,
  body?: string,
  headers: Record<string, string> = {},
): Promise<Res> {
  const url = new URL(base);
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { host: url.hostname, port: url.port, method, path, headers: { ...headers, connection: 'close' } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let parsed: unknown = text;
          try {
            parsed = JSON.parse(text);
          } catch {
            /* not JSON */
          }
          const h = new Headers();
          for (const [k, v] of Object.entries(res.headers)) if (typeof v === 'string') h.set(k, v);
          resolve({ status: res.statusCode ?? 0, body: parsed, headers: h });
        });
      },
    );
    req.on('error', reject);
    if (body !== undefined) req.end(body);
    else req.end();
  });
}

describe('the edge refuses what no operation accepts, by name', () => {
  let sys: TestSystem;
  let board: string;

  beforeAll(async () => {
    sys = await startTestSystem();
    board = await login(sys, 'board');
  });
  afterAll(async () => sys?.stop());

  it('JSON nested thousands of levels deep: 400, also on the unauthenticated login', async () => {
    const deep = '['.repeat(5000) + ']'.repeat(5000);
    const login = await http(sys, 'POST', '/api/v1/auth/login', { raw: `{"username":${deep}}` });
    expectProblem(login, 400, 'VALIDATION_FAILED', /^username/);
    const unit = await http(sys, 'POST', '/api/v1/units', { token: board, raw: deep });
    expectProblem(unit, 400, 'VALIDATION_FAILED');
  });

  it('a field or query parameter with an empty name: 400 naming where it is', async () => {
    expectProblem(
      await http(sys, 'GET', '/api/v1/units?=x', { token: board }),
      400,
      'VALIDATION_FAILED',
      'query',
    );
    const r = await http(sys, 'POST', '/api/v1/groups', { token: board, raw: '{"":1}' });
    expectProblem(r, 400, 'VALIDATION_FAILED', 'body');
  });

  it('a NUL character in a body field, a query value, a path parameter or X-File-Name: 400 naming it', async () => {
    const body = await http(sys, 'POST', '/api/v1/units', {
      token: board,
      body: { code: `nul-${runId()}`, name: 'Sở\u0000Tư pháp', kind: 'DEPARTMENT' },
    });
    expectProblem(body, 400, 'VALIDATION_FAILED', 'name');
    expectProblem(
      await http(sys, 'GET', '/api/v1/units?q=a%00b', { token: board }),
      400,
      'VALIDATION_FAILED',
      'q',
    );
    expectProblem(
      await http(sys, 'GET', '/api/v1/units/binh%00dinh', { token: board }),
      400,
      'VALIDATION_FAILED',
      'id',
    );
    const file = await http(sys, 'POST', '/api/v1/awards/records?from=2023-01-01&to=2023-12-31', {
      token: board,
      raw: 'a,b\n',
      headers: { 'content-type': 'text/csv', 'x-file-name': 'ds%00.csv' },
    });
    expectProblem(file, 400, 'VALIDATION_FAILED', 'X-File-Name');
  });

  it('a lone UTF-16 surrogate in a name: 400 on create and on update, nothing stored', async () => {
    const code = `sur-${runId()}`;
    const create = await http(sys, 'POST', '/api/v1/units', {
      token: board,
      raw: `{"code":"${code}","name":"S\\ud800 Tài chính","kind":"DEPARTMENT"}`,
    });
    expectProblem(create, 400, 'VALIDATION_FAILED', 'name');
    const patch = await http(sys, 'PATCH', '/api/v1/units/binh-dinh', {
      token: board,
      raw: '{"name":"B\\udc00nh Định"}',
    });
    expectProblem(patch, 400, 'VALIDATION_FAILED', 'name');
    const unit = await http(sys, 'GET', '/api/v1/units/binh-dinh', { token: board });
    expect(unit.body.name).toBe('Bình Định');
  });

  it('framework errors are problems too: a bad percent-encoding, a long path parameter, a GET with a body', async () => {
    expectProblem(
      await rawRequest(sys.baseUrl, 'GET', '/api/v1/units/%zz', undefined, {
        authorization: `Bearer ${board}`,
      }),
      400,
      'VALIDATION_FAILED',
      'url',
    );
    expectProblem(
      await http(sys, 'GET', `/api/v1/units/${'x'.repeat(300)}`, { token: board }),
      400,
      'VALIDATION_FAILED',
      'id',
    );
    const getWithBody = await rawRequest(sys.baseUrl, 'GET', '/api/v1/units', '{"a":1}', {
      authorization: `Bearer ${board}`,
      'content-type': 'application/json',
      'content-length': '7',
    });
    expectProblem(getWithBody, 400, 'VALIDATION_FAILED', 'body');
  });

  it('a body over the limit gets a readable 413 problem, however large (JSON and file uploads)', async () => {
    const r = await http(sys, 'POST', '/api/v1/units', {
      token: board,
      raw: JSON.stringify({ code: 'big', name: 'x'.repeat(2 * 1024 * 1024), kind: 'DEPARTMENT' }),
    });
    expectProblem(r, 413, 'PAYLOAD_TOO_LARGE', 'body');
    const fifty = Buffer.alloc(50 * 1024 * 1024, 0x41);
    expectProblem(
      await http(sys, 'POST', '/api/v1/units', { token: board, raw: fifty }),
      413,
      'PAYLOAD_TOO_LARGE',
      'body',
    );
    const csv = await http(sys, 'POST', '/api/v1/awards/records?from=2023-01-01&to=2023-12-31', {
      token: board,
      raw: fifty,
      headers: { 'content-type': 'text/csv' },
    });
    expectProblem(csv, 413, 'PAYLOAD_TOO_LARGE', 'body');
  });

  describe('Idempotency-Key on a create', () => {
    let pg: Client;
    beforeAll(async () => {
      pg = new Client({ connectionString: sys.db.url });
      await pg.connect();
    });
    afterAll(async () => pg?.end());

    const unitsWithCode = async (code: string): Promise<number> =>
      Number((await pg.query('SELECT count(*) AS n FROM registry.units WHERE code = $1', [code])).rows[0].n);

    it('a retry answers the first answer and writes nothing more; another request under the key is refused', async () => {
      const code = `idem-${runId()}`;
      const key = `k-${runId()}-create`;
      const dto = { code, name: 'Sở Nội vụ (thử)', kind: 'DEPARTMENT' };
      const first = await http(sys, 'POST', '/api/v1/units', {
        token: board,
        body: dto,
        headers: { 'idempotency-key': key },
      });
      expect(first.status).toBe(201);
      const again = await http(sys, 'POST', '/api/v1/units', {
        token: board,
        body: dto,
        headers: { 'idempotency-key': key },
      });
      expect(again.status).toBe(201);
      expect(again.body).toEqual(first.body);
      expect(await unitsWithCode(code)).toBe(1);
      const other = await http(sys, 'POST', '/api/v1/units', {
        token: board,
        body: { ...dto, code: `${code}-b` },
        headers: { 'idempotency-key': key },
      });
      expectProblem(other, 422, 'IDEMPOTENCY_KEY_REUSED', 'Idempotency-Key');
      expect(await unitsWithCode(`${code}-b`)).toBe(0);
    });

    it('an answer lost after the commit is rebuilt from what was committed, not written again', async () => {
      const code = `lost-${runId()}`;
      const key = `k-${runId()}-lost`;
      const dto = { code, name: 'Sở Xây dựng (thử)', kind: 'DEPARTMENT' };
      const first = await http(sys, 'POST', '/api/v1/units', {
        token: board,
        body: dto,
        headers: { 'idempotency-key': key },
      });
      expect(first.status).toBe(201);
      // As if the instance died between COMMIT and storing the answer.
      const forgotten = await pg.query(
        'UPDATE registry.idempotency_keys SET response = NULL WHERE key = $1',
        [key],
      );
      expect(forgotten.rowCount).toBe(1);
      const retry = await http(sys, 'POST', '/api/v1/units', {
        token: board,
        body: dto,
        headers: { 'idempotency-key': key },
      });
      expect(retry.status).toBe(201);
      expect(retry.body).toEqual(first.body);
      expect(await unitsWithCode(code)).toBe(1);
      // Its event exactly once: once the outbox has relayed it (no row left), one message on the stream.
      await expectEventually(async () => {
        const left = await pg.query(
          `SELECT count(*)::int AS n FROM registry.outbox WHERE envelope->'data'->>'code' = $1`,
          [code],
        );
        expect(left.rows[0].n).toBe(0);
      });
      const created = (
        await streamEnvelopes(
          testInfra().natsUrl,
          prefixedStream(sys.prefix, REGISTRY_STREAM),
          (subject) => subject === prefixed(sys.prefix, RegistryEvents.unitChanged.subject),
        )
      ).filter((e) => e.data.code === code);
      expect(created.map((e) => e.data.change)).toEqual(['CREATED']);
    });

    it('the same key sent ten times at once writes once; each answer is the first one or "in progress"', async () => {
      const code = `race-${runId()}`;
      const key = `k-${runId()}-race`;
      const dto = { code, name: 'Sở Y tế (thử)', kind: 'DEPARTMENT' };
      const answers = await Promise.all(
        Array.from({ length: 10 }, () =>
          http(sys, 'POST', '/api/v1/units', {
            token: board,
            body: dto,
            headers: { 'idempotency-key': key },
          }),
        ),
      );
      const created = answers.filter((a) => a.status === 201);
      expect(created.length).toBeGreaterThanOrEqual(1);
      for (const a of created) expect(a.body).toEqual(created[0].body);
      for (const a of answers.filter((x) => x.status !== 201)) {
        expectProblem(a, 409, 'IDEMPOTENCY_KEY_IN_PROGRESS', 'Idempotency-Key');
        expect(a.headers.get('retry-after')).toBe('1');
      }
      expect(await unitsWithCode(code)).toBe(1);
      const later = await http(sys, 'POST', '/api/v1/units', {
        token: board,
        body: dto,
        headers: { 'idempotency-key': key },
      });
      expect(later.body).toEqual(created[0].body);
    });

    it('a malformed key is a 400 naming the header', async () => {
      const r = await http(sys, 'POST', '/api/v1/units', {
        token: board,
        body: { code: `bad-${runId()}`, name: 'Sở Tư pháp', kind: 'DEPARTMENT' },
        headers: { 'idempotency-key': 'short' },
      });
      expectProblem(r, 400, 'VALIDATION_FAILED', 'Idempotency-Key');
    });
  });
});

describe('while NATS is down the gateway answers 503 at once, and recovers by itself', () => {
  let nats: NatsServerProcess;
  let db: TestDatabase;
  let registry: INestApplication;
  let gateway: INestApplication;
  let base: string;

  beforeAll(async () => {
    nats = await NatsServerProcess.start();
    db = await createDatabase(testInfra().pgAdminUrl, 'natsdown');
    const common = { NATS_URL: nats.url, NATS_PREFIX: `t-${runId()}`, HTTP_PORT: '0', LOG_LEVEL: 'error' };
    registry = await bootstrapRegistry({
      ...common,
      DATABASE_URL: db.url,
      REGISTRY_SEED_DEMO: 'true',
      DEMO_PASSWORD,
    });
    ({ app: gateway } = await createGateway({
      ...common,
      JWT_SECRET: `natsdown-${runId()}-0123456789abcdef`,
      RPC_TIMEOUT_MS: '2000',
    }));
    await gateway.listen(0, '127.0.0.1');
    base = (await gateway.getUrl()).replace('[::1]', '127.0.0.1');
  });
  afterAll(async () => {
    await gateway?.close();
    await registry?.close();
    await nats?.stop();
    await db?.drop();
  });

  it('503 with Retry-After well before the RPC timeout; 200 again once NATS is back', async () => {
    const sys = { baseUrl: base } as TestSystem;
    const token = await login(sys, 'board');
    expect((await http(sys, 'GET', '/api/v1/units/binh-dinh', { token })).status).toBe(200);
    await nats.stopProcess(true);
    // The client learns of the loss from its socket; from then on every call is refused at once.
    await expectEventually(async () => {
      expect((await http(sys, 'GET', '/api/v1/units/binh-dinh', { token })).status).toBe(503);
    });
    for (let i = 0; i < 5; i += 1) {
      const t0 = performance.now();
      const r = await http(sys, 'GET', '/api/v1/units/binh-dinh', { token });
      const ms = performance.now() - t0;
      expectProblem(r, 503, 'SERVICE_UNAVAILABLE');
      expect(r.headers.get('retry-after')).toBe('2');
      expect(ms).toBeLessThan(1000); // the RPC timeout is 2,000 ms: nothing waited for it
    }
    await nats.startProcess();
    await expectEventually(async () => {
      expect((await http(sys, 'GET', '/api/v1/units/binh-dinh', { token })).status).toBe(200);
    }, 30_000);
  });
});

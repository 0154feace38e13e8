/**
 * Faults under a steady stream of writes. The suite runs its own nats-server (JetStream on disk)
 * and its own Postgres (initdb + pg_ctl) on free ports, never the shared ones, because it kills
 * them; the services run from source under the Supervisor of tools/system.ts (a killed service is
 * restarted), with the S3 server of the test run.
 *
 * Through the gateway it offers unit creates (board) and submits (a member's officer) at a steady
 * rate, each with an Idempotency-Key; a client retries a 503, 504 or network failure with the
 * same key (bounded attempts and deadline). Mid-stream: (a) nats-server killed with SIGKILL and
 * restarted on the same port; (b) Postgres stopped in immediate mode (a crash) and started again;
 * (c) registry, intake, scoring, awards and the gateway each killed with SIGKILL.
 *
 * Afterwards it counts writes offered, answered 2xx, stored (rows in the database), events on the
 * JetStream streams, duplicates, the slowest answer and the recovery time of each outage, prints
 * them, and fails on a loss (a 2xx not stored, a stored write without its event), a duplicate, a
 * 500, a write that never got its 2xx, or (while the gateway's NATS connection is known to be
 * down) an answer other than a 503 within 100 ms.
 */
import { INTAKE_STREAM, REGISTRY_STREAM, SubmissionKind } from '@tdkt/contracts';
import {
  confirmedDrafts,
  createDatabase,
  freePort,
  NatsServerProcess,
  PostgresServerProcess,
  runId,
  testInfra,
  waitFor,
} from '@tdkt/testing';
import { Client } from 'pg';
import { secret, startSystem, Supervisor, SupervisorEvent } from '../tools/system';
import {
  Attempt,
  holdsWithin,
  is2xx,
  ms,
  now,
  Outage,
  OutageFigures,
  outageFigures,
  streamEnvelopes,
  table,
  tally,
  Write,
  WriteKind,
  WriteSpec,
  WriteStream,
} from './support/fault';
import { GROUP, setUpCampaign, YEAR } from './support/intake';
import { DEMO_PASSWORD, login, TestSystem } from './support/system';
import { client, ok } from './support/api';

/** Offered writes per second, of each kind. */
const RATE = { unit: 20, submit: 20 };
const DRAFTS = 2000;
/** 2xx answers of each kind wanted between two faults (the stream is steady again). */
const STEADY = 15;
/** A 503 while NATS is known down must come within this (the gateway answers without waiting). */
const FAST_503_MS = 100;
/** The services' RPC timeout here; a 503 the client waited half of it for did not come at once. */
const RPC_TIMEOUT_MS = 2000;
/** NATS stays down until this many attempts have been answered in the down window, at most 2 s. */
const ANSWERS_WHILE_DOWN = 8;
const SERVICES = ['registry', 'intake', 'scoring', 'awards', 'gateway'] as const;
const KINDS: WriteKind[] = ['unit', 'submit'];
/** Writes of each affected kind offered at once just before a fault. */
const BURST = 24;

const run = runId();
const unitPrefix = `fault-${run}-`;

let pg: PostgresServerProcess | undefined;
let nats: NatsServerProcess | undefined;
let supervisor: Supervisor | undefined;
let stream: WriteStream | undefined;
let dbUrl = '';
let baseUrl = '';
let board = '';
let officer = '';
let drafts: string[] = [];
let units = 0;
let submits = 0;
const supervisorLog: string[] = [];
const supervisorEvents: SupervisorEvent[] = [];
const outages: Outage[] = [];
const t0 = now();
const clock = (): string => `+${((now() - t0) / 1000).toFixed(1)}s`;

/** What the run found (filled in beforeAll, checked by each test on its own). */
interface Findings {
  figures: OutageFigures[];
  perKind: Record<WriteKind, KindCounts>;
  fivexx: Attempt[];
  unexpectedExits: SupervisorEvent[];
}
interface KindCounts {
  offered: number;
  answered2xx: number;
  retried: number;
  final4xx: Write[];
  final5xx: Write[];
  gaveUp: Write[];
  stored: number;
  events: number;
  /** 2xx answered, not stored (or stored with another receipt number). */
  lostWrites: string[];
  /** Stored without an event. */
  missingEvents: string[];
  duplicateRows: string[];
  duplicateEvents: string[];
  storedWithout2xx: string[];
  /** 2xx answers to a retry whose write was stored before that retry began: the key's first result, replayed. */
  replayed: number;
}
let findings: Findings | undefined;
/** The findings of the run, which beforeAll made (it fails every test when the run did not finish). */
const found = (): Findings => {
  if (!findings) throw new Error('the fault run did not finish (see beforeAll)');
  return findings;
};

async function sql<T>(text: string, params: unknown[] = []): Promise<T[]> {
  const c = new Client({ connectionString: dbUrl });
  c.on('error', () => undefined);
  await c.connect();
  try {
    return (await c.query(text, params)).rows as T[];
  } finally {
    await c.end().catch(() => undefined);
  }
}

/** Drafts of the officer's unit in the test campaign, each with a confirmed file (as if uploaded). */
async function makeDrafts(n: number): Promise<string[]> {
  const api = client({ baseUrl }, officer);
  const me = await ok(api.GET('/api/v1/auth/me'));
  if (!me.unitId) throw new Error('the officer has no unit');
  const c = await ok(
    api.GET('/api/v1/groups/{groupId}/years/{year}/campaign', {
      params: { path: { groupId: GROUP, year: YEAR } },
    }),
  );
  return confirmedDrafts((text, params) => sql<{ id: string }>(text, params), {
    campaignId: c.id,
    groupId: c.groupId,
    year: YEAR,
    unitId: me.unitId,
    kind: SubmissionKind.EVIDENCE,
    n,
    objectKey: 'fault/evidence.pdf',
  });
}

/** Waits until each affected kind has `n` 2xx answers that ended after `t`. */
async function steadyAfter(t: number, kinds: WriteKind[], n = STEADY): Promise<void> {
  const s = stream as WriteStream;
  await waitFor(
    `${n} answers 2xx of ${kinds.join(', ')} after ${clock()}`,
    async () => kinds.every((k) => s.okSince(t, k) >= n),
    60_000,
  );
}

const nextWrite: Record<WriteKind, () => WriteSpec | undefined> = {
  unit: () => {
    units += 1;
    const code = `${unitPrefix}${units}`;
    return {
      kind: 'unit',
      ref: code,
      key: `u-${code}`,
      path: '/api/v1/units',
      token: board,
      body: { code, name: `Đơn vị thử lỗi ${units}`, kind: 'OTHER' },
    };
  },
  submit: () => {
    const id = drafts[submits++];
    return id
      ? { kind: 'submit', ref: id, key: `s-${id}`, path: `/api/v1/submissions/${id}/submit`, token: officer }
      : undefined;
  },
};

/**
 * A burst of BURST writes of each kind the fault affects, and the fault made as soon as the first
 * of them is answered: the others are then on their way through gateway, NATS, service and
 * database, so some are cut off after their commit, before their answer (the retry must get the
 * first result back, not a second write).
 */
async function amidBurst(kinds: WriteKind[]): Promise<void> {
  const s = stream as WriteStream;
  const burst = kinds.flatMap((k) => s.burst(BURST, nextWrite[k]));
  if (burst.length) await holdsWithin(() => burst.some((w) => w.final !== undefined), 5000, 1);
}

function restartOf(service: string, after: number): SupervisorEvent | undefined {
  return supervisorEvents.find((e) => e.type === 'restart' && e.service === service && e.at >= after);
}

function readyOf(service: string, after: number): SupervisorEvent | undefined {
  return supervisorEvents.find((e) => e.type === 'ready' && e.service === service && e.at >= after);
}

describe('faults under a steady stream of writes: NATS, Postgres and every service killed', () => {
  beforeAll(async () => {
    const { s3 } = testInfra();
    if (!s3) throw new Error('no S3 server: run the tests through `npm test`');
    [pg, nats] = await Promise.all([PostgresServerProcess.start(), NatsServerProcess.start()]);
    dbUrl = (await createDatabase(pg.adminUrl, 'fault')).url;
    supervisor = new Supervisor({
      log: (m) => supervisorLog.push(`${clock()} ${m}`),
      onEvent: (e) => supervisorEvents.push(e),
    });
    const { gateway } = await startSystem({
      databaseUrl: dbUrl,
      natsUrl: nats.url,
      natsPrefix: '',
      gatewayPort: await freePort(),
      demoPassword: DEMO_PASSWORD,
      jwtSecret: secret(32),
      // FAULT_SERVICE_LOGS=1: the services' error logs on the console (to see what a 500 was).
      logLevel: 'error',
      quiet: process.env.FAULT_SERVICE_LOGS !== '1',
      fromSource: true,
      supervisor,
      env: { RPC_TIMEOUT_MS: String(RPC_TIMEOUT_MS) },
      storage: {
        S3_ENDPOINT: s3.endpoint,
        S3_ACCESS_KEY: s3.accessKey,
        S3_SECRET_KEY: s3.secretKey,
        S3_BUCKET: `fault-${run}`,
      },
    });
    baseUrl = gateway.url;
    const sys = { baseUrl } as TestSystem;
    board = await login(sys, 'board');
    officer = await login(sys, 'stc-hatinh');
    await setUpCampaign(sys, board);
    drafts = await makeDrafts(DRAFTS);
  }, 120_000);

  // The run itself: every check below reads what it found, whichever runs, in any order.
  beforeAll(async () => {
    const s = new WriteStream(baseUrl);
    stream = s;
    await runWithFaults(s);
    findings = await collect(s);
    report(s, findings);
  }, 170_000);

  afterAll(async () => {
    await stream?.stop({ abandon: true });
    await supervisor?.stop();
    await nats?.stop();
    await pg?.stop();
  }, 60_000);

  it('is answered 2xx again after each fault, for what the fault broke', () => {
    const f = found();
    expect(f.figures.map((x) => x.name)).toEqual([
      'NATS kill -9',
      'Postgres crash + restart',
      ...SERVICES.map((name) => `${name} kill -9`),
    ]);
    // (Killing scoring or awards breaks neither write: nothing to recover there.)
    const unrecovered = f.figures
      .filter((x, i) => outages[i].affects.length > 0 && x.killToFirst2xxMs === undefined)
      .map((x) => x.name);
    expect(unrecovered).toEqual([]);
  });

  it('loses nothing: every 2xx is stored, every stored write has its event', () => {
    const f = found();
    const lost = KINDS.map((k) => ({
      kind: k,
      lostWrites: f.perKind[k].lostWrites,
      missingEvents: f.perKind[k].missingEvents,
    }));
    expect(lost).toEqual(KINDS.map((k) => ({ kind: k, lostWrites: [], missingEvents: [] })));
  });

  it('duplicates nothing: one row and one event per unit code and per submission', () => {
    const f = found();
    const dupes = KINDS.map((k) => ({
      kind: k,
      rows: f.perKind[k].duplicateRows,
      events: f.perKind[k].duplicateEvents,
    }));
    expect(dupes).toEqual(KINDS.map((k) => ({ kind: k, rows: [], events: [] })));
  });

  it('answers no 500 (a broken dependency is a 503 or 504)', () => {
    const f = found();
    expect(f.fivexx.map((a) => `${a.kind} ${a.outcome} ${a.detail ?? ''}`.trim())).toEqual([]);
  });

  it(`answers 503 within ${FAST_503_MS} ms while its NATS connection is down`, () => {
    const f = found();
    const down = f.figures.find((x) => x.knownDown)?.knownDown;
    expect(down?.attempts).toBeGreaterThan(0);
    const slow = (down?.slow503 ?? []).map(
      (a) => `503 in ${(a.end - a.start).toFixed(0)} ms (gateway ${a.serverMs ?? '?'} ms)`,
    );
    const other = (down?.not503 ?? []).map((a) =>
      `${a.outcome} in ${(a.end - a.start).toFixed(0)} ms ${a.detail ?? ''}`.trim(),
    );
    expect({ slow, other }).toEqual({ slow: [], other: [] });
  });

  it('gets every write offered a 2xx in the end, retrying with the same key', () => {
    const f = found();
    const unanswered = KINDS.map((k) => ({
      kind: k,
      final4xx: f.perKind[k].final4xx.map((w) => `${w.ref}: ${w.final} after ${w.attempts} attempts`),
      final5xx: f.perKind[k].final5xx.map((w) => `${w.ref}: ${w.final} after ${w.attempts} attempts`),
      gaveUp: f.perKind[k].gaveUp.map((w) => `${w.ref}: ${w.final} after ${w.attempts} attempts`),
    }));
    expect(unanswered).toEqual(KINDS.map((k) => ({ kind: k, final4xx: [], final5xx: [], gaveUp: [] })));
  });
});

/**
 * The run: writes offered at a steady rate (units and submits), with each fault made in turn amid a
 * burst, each waited out until the stream is steady again; then the outboxes are let empty.
 */
async function runWithFaults(s: WriteStream): Promise<void> {
  s.offer(RATE.unit, nextWrite.unit);
  s.offer(RATE.submit, nextWrite.submit);
  await steadyAfter(t0, KINDS);

  // (a) NATS: SIGKILL, kept down until answers came back for the down window (at most 2 s), restarted.
  {
    await amidBurst(KINDS);
    const o: Outage = { name: 'NATS kill -9', affects: KINDS, killAt: now() };
    outages.push(o);
    const server = nats as NatsServerProcess;
    await server.stopProcess(true);
    const from = now() + 50; // the gateway sees the socket close at once; 50 ms of grace
    await holdsWithin(() => s.attempts.filter((a) => a.start >= from).length >= ANSWERS_WHILE_DOWN, 2000);
    o.knownDown = { from, to: now() };
    await server.startProcess();
    o.restartAt = now();
    await steadyAfter(o.restartAt, KINDS);
  }

  // (b) Postgres: immediate stop (a crash: no checkpoint, recovery at start), started at once.
  {
    await amidBurst(KINDS);
    const o: Outage = { name: 'Postgres crash + restart', affects: KINDS, killAt: now() };
    outages.push(o);
    const server = pg as PostgresServerProcess;
    await server.stopProcess('immediate');
    await server.startProcess();
    o.restartAt = now();
    await steadyAfter(o.restartAt, KINDS);
  }

  // (c) Every service: SIGKILL; the supervisor starts it again.
  const sup = supervisor as Supervisor;
  for (const name of SERVICES) {
    // What cannot succeed while it is down (recovery is timed on these), and what is sent in the
    // burst that the kill cuts into: submits too for the registry, because intake asks it for the
    // campaign of a submit (cached, but the cache is dropped at every registry event).
    const affects: WriteKind[] =
      name === 'registry' ? ['unit'] : name === 'intake' ? ['submit'] : name === 'gateway' ? KINDS : [];
    const burst: WriteKind[] = name === 'registry' ? KINDS : affects;
    const svc = sup.get(name);
    await amidBurst(burst);
    const o: Outage = { name: `${name} kill -9`, affects, killAt: now() };
    outages.push(o);
    const restartsBefore = svc.restarts;
    svc.child.kill('SIGKILL');
    await waitFor(
      `${name} restarted and ready`,
      async () => svc.restarts > restartsBefore && svc.ready,
      60_000,
    );
    o.restartAt = restartOf(name, o.killAt)?.at;
    o.readyAt = readyOf(name, o.killAt)?.at;
    await steadyAfter(o.restartAt ?? o.killAt, affects.length ? affects : KINDS);
  }

  await s.stop();
  // The outbox relays publish what they hold; then the streams are read.
  await waitFor(
    'outboxes emptied',
    async () => {
      const [r] = await sql<{ n: number }>(
        `SELECT (SELECT count(*) FROM registry.outbox) + (SELECT count(*) FROM intake.outbox) AS n`,
      );
      return Number(r.n) === 0;
    },
    30_000,
  ).catch((e: Error) => console.log(`[fault] ${e.message}`));
}

async function collect(s: WriteStream): Promise<Findings> {
  const natsUrl = (nats as NatsServerProcess).url;
  const unitRows = await sql<{ code: string; n: number; at: number }>(
    `SELECT code, count(*)::int AS n, extract(epoch FROM min(created_at)) * 1000 AS at
     FROM registry.units WHERE code LIKE $1 GROUP BY code`,
    [`${unitPrefix}%`],
  );
  const offeredDrafts = s.writes.filter((w) => w.kind === 'submit').map((w) => w.ref);
  const receipts = await sql<{ submission_id: string; number: string; idempotency_key: string; at: number }>(
    `SELECT submission_id, number, idempotency_key, extract(epoch FROM issued_at) * 1000 AS at
     FROM intake.receipts WHERE submission_id = ANY($1::uuid[])`,
    [offeredDrafts],
  );
  const unitEvents = (await streamEnvelopes(natsUrl, REGISTRY_STREAM, (x) => x === 'registry.unit.changed'))
    .map((e) => e.data as { code: string; change: string })
    .filter((d) => d.code.startsWith(unitPrefix) && d.change === 'CREATED');
  const submitEvents = (
    await streamEnvelopes(natsUrl, INTAKE_STREAM, (x) => x.startsWith('intake.submission.submitted'))
  ).map((e) => e.data as { submissionId: string; receiptNumber: string });

  const stored: Record<WriteKind, Map<string, number>> = {
    unit: new Map(unitRows.map((r) => [r.code, r.n])),
    submit: tally(receipts.map((r) => r.submission_id)),
  };
  const events: Record<WriteKind, Map<string, number>> = {
    unit: tally(unitEvents.map((d) => d.code)),
    submit: tally(submitEvents.map((d) => d.submissionId)),
  };
  const receiptOf = new Map(receipts.map((r) => [r.submission_id, r.number]));
  const storedAt: Record<WriteKind, Map<string, number>> = {
    unit: new Map(unitRows.map((r) => [r.code, Number(r.at)])),
    submit: new Map(receipts.map((r) => [r.submission_id, Number(r.at)])),
  };
  const keysPerReceipt = tally(receipts.map((r) => `${r.submission_id}/${r.idempotency_key}`));
  const perKind = {} as Record<WriteKind, KindCounts>;
  for (const kind of KINDS) {
    const writes = s.writes.filter((w) => w.kind === kind);
    const okRefs = new Set(writes.filter((w) => w.ok).map((w) => w.ref));
    const lostWrites = writes
      .filter((w) => w.ok)
      .filter((w) =>
        kind === 'unit'
          ? !stored.unit.has(w.ref)
          : receiptOf.get(w.ref) === undefined || receiptOf.get(w.ref) !== w.answer?.number,
      )
      .map(
        (w) =>
          `${w.ref} (answered ${String(w.answer?.number ?? w.final)}, stored ${receiptOf.get(w.ref) ?? 'none'})`,
      );
    const refs = [...stored[kind].keys()];
    perKind[kind] = {
      offered: writes.length,
      answered2xx: okRefs.size,
      retried: writes.filter((w) => w.attempts > 1).length,
      final4xx: writes.filter((w) => typeof w.final === 'number' && w.final >= 400 && w.final < 500),
      final5xx: writes.filter((w) => !w.gaveUp && typeof w.final === 'number' && w.final >= 500),
      gaveUp: writes.filter((w) => w.gaveUp),
      stored: refs.length,
      events: [...events[kind].values()].reduce((a, b) => a + b, 0),
      lostWrites,
      missingEvents: refs.filter((r) => !events[kind].has(r)),
      duplicateRows: [
        ...[...stored[kind]].filter(([, n]) => n > 1).map(([r, n]) => `${r}: ${n} rows`),
        ...(kind === 'submit'
          ? [...keysPerReceipt].filter(([, n]) => n > 1).map(([k, n]) => `${k}: ${n} receipts for one key`)
          : []),
      ],
      duplicateEvents: [...events[kind]].filter(([, n]) => n > 1).map(([r, n]) => `${r}: ${n} events`),
      storedWithout2xx: refs.filter((r) => !okRefs.has(r)),
      // Stored more than 20 ms (clock and rounding slack) before the answering attempt was sent.
      replayed: writes.filter(
        (w) =>
          w.ok &&
          w.attempts > 1 &&
          (storedAt[kind].get(w.ref) ?? Infinity) < (w.answeredAttemptStart ?? 0) - 20,
      ).length,
    };
  }
  return {
    figures: outages.map((o) => outageFigures(o, s.attempts, FAST_503_MS, RPC_TIMEOUT_MS / 2)),
    perKind,
    fivexx: s.attempts.filter(
      (a) => typeof a.outcome === 'number' && a.outcome >= 500 && a.outcome !== 503 && a.outcome !== 504,
    ),
    unexpectedExits: supervisorEvents.filter(
      (e) =>
        e.type === 'exit' &&
        !outages.some((o) => o.name === `${e.service} kill -9` && e.at >= o.killAt && e.at - o.killAt < 5000),
    ),
  };
}

function report(s: WriteStream, f: Findings): void {
  const kinds = table(
    [
      'writes',
      'offered',
      '2xx',
      'retried',
      '2xx replayed',
      'final 4xx',
      'final 5xx',
      'gave up',
      'stored',
      'events',
      'lost (2xx not stored)',
      'stored w/o event',
      'dup rows',
      'dup events',
      'stored w/o 2xx',
    ],
    KINDS.map((k) => {
      const c = f.perKind[k];
      return [
        k === 'unit' ? 'POST /units' : 'POST /submissions/:id/submit',
        c.offered,
        c.answered2xx,
        c.retried,
        c.replayed,
        c.final4xx.length,
        c.final5xx.length,
        c.gaveUp.length,
        c.stored,
        c.events,
        c.lostWrites.length,
        c.missingEvents.length,
        c.duplicateRows.length,
        c.duplicateEvents.length,
        c.storedWithout2xx.length,
      ];
    }),
  );
  const phases = table(
    [
      'outage',
      'down ms',
      'restart→ready ms',
      'restart→1st 2xx ms',
      'kill→1st 2xx ms',
      'attempts',
      'answers',
      'slowest ms',
    ],
    f.figures.map((x) => [
      x.name,
      ms(x.downMs),
      ms(x.restartToReadyMs),
      ms(x.restartToFirst2xxMs),
      ms(x.killToFirst2xxMs),
      x.attempts,
      Object.entries(x.byOutcome)
        .map(([o, n]) => `${o}×${n}`)
        .join(' '),
      ms(x.slowestMs),
    ]),
  );
  const down = f.figures.find((x) => x.knownDown)?.knownDown;
  const statuses = tally(
    s.attempts.filter((a) => !is2xx(a.outcome)).map((a) => `${a.outcome} ${a.detail ?? ''}`.trim()),
  );
  const lines = [
    `[fault] run ${run}: ${((now() - t0) / 1000).toFixed(0)} s since the suite started`,
    '',
    kinds,
    '',
    phases,
    '',
    down
      ? `NATS known down: ${down.attempts} attempts, ${down.n503} × 503, slowest ${down.slowestMs.toFixed(0)} ms, ` +
        `503 over ${FAST_503_MS} ms: ${down.slow503.length}, not 503: ${down.not503.length}`
      : 'NATS known down: no attempt',
    `answers 500 (or other 5xx but 503/504): ${f.fivexx.length}`,
    `exits not caused by the test: ${f.unexpectedExits.map((e) => (e.type === 'exit' ? `${e.service} (${e.signal ?? e.code})` : '')).join(', ') || 'none'}`,
    '',
    'non-2xx answers (all attempts):',
    ...[...statuses]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 20)
      .map(([k, n]) => `  ${n} × ${k}`),
    '',
    'supervisor:',
    ...supervisorLog.map((l) => `  ${l}`),
  ];
  for (const k of KINDS) {
    const c = f.perKind[k];
    const sample = (what: string, xs: string[]) =>
      xs.length ? [`${k} ${what} (${xs.length}): ${xs.slice(0, 5).join('; ')}`] : [];
    lines.push(
      ...sample('lost', c.lostWrites),
      ...sample('stored without event', c.missingEvents),
      ...sample(
        'final 4xx',
        c.final4xx.map((w) => `${w.ref} ${w.final} after ${w.attempts}`),
      ),
      ...sample(
        'final 5xx',
        c.final5xx.map((w) => `${w.ref} ${w.final} after ${w.attempts}`),
      ),
      ...sample(
        'gave up',
        c.gaveUp.map((w) => `${w.ref} ${w.final} after ${w.attempts}`),
      ),
    );
  }
  console.log(lines.join('\n'));
}

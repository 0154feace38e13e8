/**
 * Registry benchmark: `npm run bench`.
 *
 * Builds the gateway and the registry, starts them from dist/ against a fresh database and a NATS
 * subject prefix of their own, logs in as `board`, then measures on 127.0.0.1, each load keeping
 * 32 requests in flight for 10 s after a 2 s warm-up:
 *
 *   1. raw NATS request/reply to a responder in another process (bench/nats-echo.js): the ceiling of
 *      any call that crosses NATS between two processes;
 *   2. GET /api/v1/groups/cum-tn-dhmt/members?year=2023: a typical read through the whole path
 *      (HTTP → gateway → NATS → registry → Postgres and back);
 *   3. POST /api/v1/units with a new code each time: a typical write through the whole path (the unit
 *      row and its outbox event in one statement), checked afterwards against the database and the
 *      event stream;
 *   4. single-row autocommitted INSERTs from Node over 32 pg connections: the ceiling of any write
 *      (pgbench too, when installed, for reference only);
 *   5. GET /health/live: the gateway's HTTP floor (no NATS, no database).
 *
 * The ratios say how much of the raw infrastructure the services keep (each baseline measured in
 * the same run, so that a slow day moves both):
 *   read_vs_nats     = (2) ÷ (1), target ≥ 0.25;
 *   create_vs_insert = (3) ÷ (4), target ≥ 0.18
 * (set below the lowest of three quiet runs of 2026-11-30: read 0.301–0.427, create 0.208–0.304).
 * Absolute rates and p99s are printed for context only.
 * Load generator, services, Postgres and NATS share this machine's cores, and the figures include it.
 *
 * Results: a table on stdout, bench/results/registry-<UTC date>.json and that date's section of
 * bench/results/README.md (both replaced by a later run the same day), and one `BENCH_RESULT` line
 * for `npm run bench:all`. The exit code is 1 when the run broke, a correctness check failed
 * (non-2xx responses, transport errors, the create check) or a ratio missed its target.
 */
import autocannon from 'autocannon';
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { connect } from 'nats';
import { RegistryEvents, REGISTRY_STREAM } from '@tdkt/contracts';
import { coalesceWrites, prefixed, prefixedStream } from '@tdkt/platform';
import { createDatabase, ensureNats, ensurePostgres, freePort, runId } from '@tdkt/testing';
import { ROOT, secret, startSystem, stopService } from '../tools/system';
import { cpuMeter, CpuShare, formatCpu } from './cpu';
import {
  buildServices,
  cleanups,
  closedLoop,
  emitResult,
  deleteStreams,
  ended,
  figures,
  LoadFigures,
  log,
  loopFigures,
  Machine,
  machineInfo,
  pgClient,
  rawInsertRate,
  round,
  runBench,
  sleep,
  startEcho,
  stopChild,
} from './lib';

// ---------- settings ----------

const IN_FLIGHT = 32;
const DURATION_S = 10;
const WARMUP_S = 2;
/** The whole run, build included; past it the benchmark cleans up and exits. */
const RUN_LIMIT_MS = 30 * 60_000;
const GROUP = 'cum-tn-dhmt';
const YEAR = 2023;
const TARGETS = { readVsNats: 0.25, createVsInsert: 0.18 };
const PGBENCH = '/usr/lib/postgresql/15/bin/pgbench';
const BENCH_DIR = join(ROOT, 'bench');
const RESULTS_DIR = join(BENCH_DIR, 'results');

// ---------- small helpers ----------

/**
 * An autocannon warm-up (discarded), then the measured run; `spec` gets the phase to tell them apart.
 * Latencies are taken from autocannon's per-response times, which are finer than its 1 ms histogram.
 */
async function httpLoad(
  title: string,
  spec: (phase: 'warm' | 'bench') => autocannon.Options,
): Promise<LoadFigures & { statusCodes: Record<string, number> }> {
  const common = { connections: IN_FLIGHT, timeout: 10 };
  const warm = await autocannon({ ...common, ...spec('warm'), duration: WARMUP_S });
  if (warm.non2xx || warm.errors) {
    log(`warning: ${title} warm-up had ${warm.non2xx} non-2xx and ${warm.errors} errors`);
  }
  const latenciesMs: number[] = [];
  const run = autocannon({ ...common, ...spec('bench'), duration: DURATION_S, title });
  run.on('response', (_client, status, _bytes, ms) => {
    if (status >= 200 && status < 300) latenciesMs.push(ms);
  });
  const r = await run;
  const statusCodes = Object.fromEntries(Object.entries(r.statusCodeStats).map(([k, v]) => [k, v.count]));
  const counts = { ok: r['2xx'], non2xx: r.non2xx, errors: r.errors };
  return { ...figures(latenciesMs, r.duration, counts, r.requests.total), statusCodes };
}

// ---------- 0. the system under test ----------

interface System {
  adminUrl: string;
  dbUrl: string;
  natsUrl: string;
  prefix: string;
  gatewayUrl: string;
  token: string;
  infra: { postgres: string; nats: string };
}

/** Processes whose CPU use is reported per measurement (see bench/cpu.ts). */
let cpuPids: Record<string, number> = {};

async function setUp(): Promise<System> {
  const pg = await ensurePostgres(log);
  cleanups.push({ what: 'postgres', run: pg.stop });
  const nats = await ensureNats(log);
  cleanups.push({ what: 'nats', run: nats.stop });
  const db = await createDatabase(pg.adminUrl, 'bench');
  cleanups.push({ what: `drop database ${db.name}`, run: db.drop });
  const prefix = `b-${runId()}`;
  cleanups.push({ what: 'JetStream streams', run: () => deleteStreams(nats.url, prefix) });
  log(`postgres: ${pg.source}, nats: ${nats.source} (${nats.url}), database ${db.name}, prefix ${prefix}`);

  buildServices(['gateway', 'registry', 'awards']);
  const demoPassword = secret(12);
  log('starting registry and gateway from dist/…');
  const { gateway, services } = await startSystem({
    databaseUrl: db.url,
    natsUrl: nats.url,
    natsPrefix: prefix,
    gatewayPort: await freePort(),
    demoPassword,
    jwtSecret: secret(32),
    logLevel: 'warn',
    quiet: true,
  });
  for (const s of services) {
    cleanups.push({
      what: `stop ${s.spec.name}`,
      run: async () => (ended(s.child) ? undefined : stopService(s)),
    });
  }
  const token = await login(gateway.url, 'board', demoPassword);
  cpuPids = {
    gateway: gateway.child.pid as number,
    registry: services[0].child.pid as number,
    'bench (autocannon)': process.pid,
  };
  return {
    adminUrl: pg.adminUrl,
    dbUrl: db.url,
    natsUrl: nats.url,
    prefix,
    gatewayUrl: gateway.url,
    token,
    infra: { postgres: pg.source, nats: nats.source },
  };
}

async function login(gatewayUrl: string, username: string, password: string): Promise<string> {
  const r = await fetch(`${gatewayUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
    signal: AbortSignal.timeout(10_000),
  });
  if (!r.ok) throw new Error(`login as ${username} failed: ${r.status} ${await r.text()}`);
  return ((await r.json()) as { accessToken: string }).accessToken;
}

/** Removes the streams the services created under this run's prefix (`b_<id>_NAME`). */
// ---------- 1. raw NATS request/reply ----------

/** A JSON request of exactly 128 bytes, shaped like a registry call. */
function natsPayload(): Uint8Array {
  const body = { groupId: GROUP, year: YEAR, requestId: '00000000-0000-0000-0000-000000000000', pad: '' };
  body.pad = 'x'.repeat(128 - Buffer.byteLength(JSON.stringify(body)));
  return new TextEncoder().encode(JSON.stringify(body));
}

/**
 * The raw NATS ceiling: measured with plain nats.js and with the services' coalesced writes on
 * both ends; the better of the two is the baseline the read ratio is taken against.
 */
async function natsBaseline(
  sys: System,
): Promise<LoadFigures & { payloadBytes: number; server: string; variants: Record<string, number> }> {
  const plain = await natsVariant(sys, false);
  const coalesced = await natsVariant(sys, true);
  const best = coalesced.reqPerSec > plain.reqPerSec ? coalesced : plain;
  return { ...best, variants: { plain: plain.reqPerSec, coalescedWrites: coalesced.reqPerSec } };
}

async function natsVariant(
  sys: System,
  coalesce: boolean,
): Promise<LoadFigures & { payloadBytes: number; server: string }> {
  const subject = `${sys.prefix}.bench.echo${coalesce ? '2' : '1'}`;
  const echo = await startEcho(sys.natsUrl, subject, coalesce ? ['coalesce'] : []);
  const nc = await connect({ servers: sys.natsUrl, name: 'bench-client', maxReconnectAttempts: 0 });
  if (coalesce) coalesceWrites(nc);
  try {
    const payload = natsPayload();
    const call = (): Promise<unknown> => nc.request(subject, payload, { timeout: 2000 });
    await closedLoop(IN_FLIGHT, WARMUP_S, call);
    const r = await closedLoop(IN_FLIGHT, DURATION_S, call);
    if (r.firstError) log(`warning: NATS baseline: ${r.errors} errors, first: ${r.firstError}`);
    return { ...loopFigures(r), payloadBytes: payload.length, server: nc.info?.version ?? '?' };
  } finally {
    await nc.close();
    await stopChild(echo);
  }
}

// ---------- 2. read through the whole path ----------

async function readMembers(sys: System): Promise<LoadFigures & { responseBytes: number }> {
  const url = `${sys.gatewayUrl}/api/v1/groups/${GROUP}/members?year=${YEAR}`;
  const headers = { authorization: `Bearer ${sys.token}` };
  const probe = await fetch(url, { headers, signal: AbortSignal.timeout(10_000) });
  const body = await probe.text();
  if (!probe.ok) throw new Error(`GET members answered ${probe.status}: ${body.slice(0, 300)}`);
  const figures = await httpLoad('GET members', () => ({ url, headers }));
  return { ...figures, responseBytes: Buffer.byteLength(body) };
}

// ---------- 3. create through the whole path ----------

interface CreateTracking {
  /** Codes of every request built (sent, or about to be when autocannon stopped). */
  sent: Set<string>;
  /** Codes answered 2xx. */
  acknowledged: Set<string>;
  /** Codes answered otherwise. */
  refused: Set<string>;
  firstRefusal?: string;
}

function createRequests(phase: string, track: CreateTracking): autocannon.RequestSpec[] {
  let counter = 0;
  return [
    {
      method: 'POST',
      path: '/api/v1/units',
      setupRequest: (req, context) => {
        counter += 1;
        const code = `${phase}-${counter}-${randomBytes(3).toString('hex')}`;
        context.code = code;
        track.sent.add(code);
        const body = { code, kind: 'OTHER', name: `Đơn vị thử nghiệm ${counter}` };
        return { ...req, body: JSON.stringify(body) };
      },
      onResponse: (status, body, context) => {
        const code = String(context.code);
        if (status >= 200 && status < 300) {
          track.acknowledged.add(code);
        } else {
          track.refused.add(code);
          track.firstRefusal ??= `${status} ${body.slice(0, 300)}`;
        }
      },
    },
  ];
}

async function createUnits(sys: System): Promise<LoadFigures & { check: CreateCheck }> {
  const track: CreateTracking = { sent: new Set(), acknowledged: new Set(), refused: new Set() };
  const headers = { authorization: `Bearer ${sys.token}`, 'content-type': 'application/json' };
  const figures = await httpLoad('POST /units', (phase) => ({
    url: sys.gatewayUrl,
    headers,
    // Warm-up codes start with "warm-", so only the measured run's units match 'bench-%'.
    requests: createRequests(phase, phase === 'bench' ? track : emptyTracking()),
  }));
  if (track.firstRefusal) log(`warning: POST /units refused, first: ${track.firstRefusal}`);
  const check = await checkCreates(sys, track, figures.ok);
  return { ...figures, check };
}

function emptyTracking(): CreateTracking {
  return { sent: new Set(), acknowledged: new Set(), refused: new Set() };
}

interface CreateCheck {
  /** registry.units rows with code LIKE 'bench-%'. */
  rows: number;
  /** The measured run's 2xx count. */
  acknowledged2xx: number;
  /** 2xx codes found in registry.units (must equal acknowledged2xx). */
  acknowledgedInDb: number;
  /**
   * Rows of requests autocannon cut off at the end of the 10 s: it closes its connections without
   * waiting for the replies, and the services still complete those requests. At most 32.
   */
  cutOffCommitted: number;
  /** Rows whose request was answered non-2xx or never sent (must be 0). */
  unexplained: number;
  /** Unit events of this run: still in registry.outbox plus published to JetStream. */
  unitEvents: number;
  /** Unit rows of this run, warm-up included (each must have exactly one event). */
  allRows: number;
  /** Of the events, still in registry.outbox when counted. */
  inOutbox: number;
  rowsEqual2xx: boolean;
  pass: boolean;
}

async function checkCreates(sys: System, track: CreateTracking, ok2xx: number): Promise<CreateCheck> {
  const c = await pgClient(sys.dbUrl);
  try {
    const one = async (sql: string, params: unknown[] = []): Promise<number> =>
      Number((await c.query<{ n: number }>(sql, params)).rows[0].n);
    const countRows = (): Promise<number> =>
      one(`SELECT count(*)::int AS n FROM registry.units WHERE code LIKE 'bench-%'`);
    // Let requests still inside the services when autocannon stopped finish (RPC timeout is 5 s).
    let rows = await countRows();
    for (let i = 0; i < 24; i += 1) {
      await sleep(250);
      const now = await countRows();
      if (now === rows && i >= 3) break;
      rows = now;
    }
    const acknowledged = [...track.acknowledged];
    const cutOff = [...track.sent].filter(
      (code) => !track.acknowledged.has(code) && !track.refused.has(code),
    );
    const inUnits = `SELECT count(*)::int AS n FROM registry.units WHERE code = ANY($1::text[])`;
    const acknowledgedInDb = await one(inUnits, [acknowledged]);
    const cutOffCommitted = await one(inUnits, [cutOff]);
    // Every unit row of this run (warm-up and measured) must have exactly one event: still in the
    // outbox, or published to this run's stream (JetStream drops duplicates by message id). The
    // relay publishes before it deletes, so an event can be in both for a moment: give it up to
    // 15 s to empty the outbox, then read the outbox before the stream (nothing slips between).
    const countOutbox = (): Promise<number> =>
      one(`SELECT count(*)::int AS n FROM registry.outbox WHERE subject = $1`, [
        RegistryEvents.unitChanged.subject,
      ]);
    let inOutbox = await countOutbox();
    for (let i = 0; i < 60 && inOutbox > 0; i += 1) {
      await sleep(250);
      inOutbox = await countOutbox();
    }
    const published = await publishedUnitEvents(sys.natsUrl, sys.prefix);
    const allRows = await one(
      `SELECT count(*)::int AS n FROM registry.units WHERE code LIKE 'bench-%' OR code LIKE 'warm-%'`,
    );
    const unitEvents = inOutbox + published;
    const unexplained = rows - acknowledgedInDb - cutOffCommitted;
    return {
      rows,
      acknowledged2xx: ok2xx,
      acknowledgedInDb,
      cutOffCommitted,
      unexplained,
      unitEvents,
      allRows,
      inOutbox,
      rowsEqual2xx: rows === ok2xx,
      pass:
        acknowledgedInDb === ok2xx &&
        acknowledged.length === ok2xx &&
        unexplained === 0 &&
        cutOffCommitted <= IN_FLIGHT &&
        unitEvents === allRows,
    };
  } finally {
    await c.end();
  }
}

/** Unit events published to this run's stream (the stream holds only this run's events). */
async function publishedUnitEvents(natsUrl: string, prefix: string): Promise<number> {
  const nc = await connect({ servers: natsUrl, name: 'bench-check', maxReconnectAttempts: 0 });
  try {
    const subject = prefixed(prefix, RegistryEvents.unitChanged.subject);
    const jsm = await nc.jetstreamManager({ timeout: 5000 });
    const info = await jsm.streams.info(prefixedStream(prefix, REGISTRY_STREAM), {
      subjects_filter: subject,
    });
    return info.state.subjects?.[subject] ?? 0;
  } finally {
    await nc.close();
  }
}

// ---------- 4. raw inserts ----------

/** Raw single-row INSERTs from Node over IN_FLIGHT pg connections (bench/lib.ts). */
const rawInserts = (dbUrl: string) => rawInsertRate(dbUrl, IN_FLIGHT, WARMUP_S, DURATION_S);

interface PgbenchFigures {
  tps: number;
  latencyAvgMs: number;
  transactions: number;
  failed: number;
  command: string;
}

/** pgbench with 4 clients (reference only; the ratio uses the Node figure). Null when not installed. */
function pgbench(dbUrl: string): PgbenchFigures | null {
  if (!existsSync(PGBENCH)) return null;
  const u = new URL(dbUrl);
  const args = ['-n', '-c', '4', '-j', '2', '-T', String(DURATION_S), '-f', 'pgbench-insert.sql'];
  const conn = ['-h', u.hostname, '-p', u.port || '5432', '-U', decodeURIComponent(u.username) || 'postgres'];
  const r = spawnSync(PGBENCH, [...args, ...conn, u.pathname.slice(1)], {
    cwd: BENCH_DIR,
    encoding: 'utf8',
    timeout: (DURATION_S + 30) * 1000,
    env: { ...process.env, PGPASSWORD: decodeURIComponent(u.password) },
  });
  const out = `${r.stdout ?? ''}\n${r.stderr ?? ''}`;
  const num = (re: RegExp): number => Number(re.exec(out)?.[1] ?? NaN);
  const tps = num(/tps = ([\d.]+)/);
  if (r.status !== 0 || !Number.isFinite(tps)) {
    throw new Error(`pgbench failed (${r.status ?? r.error}): ${out.trim().slice(-500)}`);
  }
  return {
    tps: round(tps),
    latencyAvgMs: num(/latency average = ([\d.]+) ms/),
    transactions: num(/number of transactions actually processed: (\d+)/),
    failed: num(/number of failed transactions: (\d+)/) || 0,
    command: `pgbench ${args.join(' ')}`,
  };
}

// ---------- 5. the gateway's HTTP floor ----------

function healthLive(sys: System): Promise<LoadFigures> {
  return httpLoad('GET /health/live', () => ({ url: `${sys.gatewayUrl}/health/live` }));
}

// ---------- machine ----------

const machine = (sys: System, natsVersion: string, loadBefore: number): Promise<Machine> =>
  machineInfo(sys.dbUrl, natsVersion, sys.infra, loadBefore);

// ---------- report ----------

interface Report {
  date: string;
  finishedAt: string;
  settings: { inFlight: number; durationS: number; warmupS: number; group: string; year: number };
  machine: Machine;
  results: {
    natsRequestReply: Awaited<ReturnType<typeof natsBaseline>>;
    membersGet: Awaited<ReturnType<typeof readMembers>>;
    unitCreate: Awaited<ReturnType<typeof createUnits>>;
    rawInsertNode: Awaited<ReturnType<typeof rawInserts>>;
    rawInsertPgbench: PgbenchFigures | null;
    healthLive: LoadFigures;
  };
  /** CPU used by each process during steps 2 and 3 (bench/cpu.ts). */
  cpu?: { membersGet: CpuShare; unitCreate: CpuShare };
  ratios: {
    readVsNats: { value: number; target: string; pass: boolean };
    createVsInsert: { value: number; target: string; pass: boolean };
  };
  checks: { name: string; pass: boolean }[];
}

function ratios(r: Report['results']): Report['ratios'] {
  const read = r.membersGet.reqPerSec / r.natsRequestReply.reqPerSec;
  const create = r.unitCreate.reqPerSec / r.rawInsertNode.reqPerSec;
  return {
    readVsNats: {
      value: round(read, 3),
      target: `≥ ${TARGETS.readVsNats}`,
      pass: read >= TARGETS.readVsNats,
    },
    createVsInsert: {
      value: round(create, 3),
      target: `≥ ${TARGETS.createVsInsert}`,
      pass: create >= TARGETS.createVsInsert,
    },
  };
}

function checks(r: Report['results']): Report['checks'] {
  const clean = (f: LoadFigures): boolean => f.non2xx === 0 && f.errors === 0;
  return [
    { name: 'NATS baseline: no errors', pass: r.natsRequestReply.errors === 0 },
    { name: 'GET members: 0 non-2xx, 0 errors', pass: clean(r.membersGet) },
    { name: 'POST /units: 0 non-2xx, 0 errors', pass: clean(r.unitCreate) },
    { name: 'POST /units: every 2xx is one row with one unit event', pass: r.unitCreate.check.pass },
    {
      name: 'raw inserts: no errors, rows = inserts',
      pass: r.rawInsertNode.errors === 0 && r.rawInsertNode.rowsChecked,
    },
    { name: 'GET /health/live: 0 non-2xx, 0 errors', pass: clean(r.healthLive) },
  ];
}

const verdict = (pass: boolean): string => (pass ? 'PASS' : 'FAIL');
const fmt = (x: number | undefined, digits = 1): string =>
  x === undefined || !Number.isFinite(x) ? '–' : x.toFixed(digits);

/** Rows of the figures table: measurement, req/s, p50, p99, non-2xx, errors. */
function figureRows(r: Report['results']): string[][] {
  const row = (name: string, f: LoadFigures, http = true): string[] => [
    name,
    fmt(f.reqPerSec),
    fmt(f.p50Ms, 2),
    fmt(f.p99Ms, 2),
    http ? String(f.non2xx) : '–',
    String(f.errors),
  ];
  const rows = [
    row(
      `1. NATS request/reply, raw (best of plain ${r.natsRequestReply.variants.plain} / coalesced ${r.natsRequestReply.variants.coalescedWrites})`,
      r.natsRequestReply,
      false,
    ),
    row(`2. GET /groups/${GROUP}/members?year=${YEAR}`, r.membersGet),
    row('3. POST /units', r.unitCreate),
    row('4. INSERT bench_raw, Node pg, 32 connections', r.rawInsertNode, false),
  ];
  const pb = r.rawInsertPgbench;
  rows.push(
    pb
      ? ['4b. pgbench -c 4 -j 2 (reference only)', fmt(pb.tps), '–', '–', '–', String(pb.failed)]
      : ['4b. pgbench (not installed)', '–', '–', '–', '–', '–'],
  );
  rows.push(row('5. GET /health/live', r.healthLive));
  return rows;
}

const FIGURE_HEAD = ['measurement', 'req/s', 'p50 ms', 'p99 ms', 'non-2xx', 'errors'];

function printReport(rep: Report): void {
  const rows = [FIGURE_HEAD, ...figureRows(rep.results)];
  const widths = FIGURE_HEAD.map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  const line = (r: string[]): string =>
    r.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  ');
  const m = rep.machine;
  const c = rep.results.unitCreate.check;
  console.log(`
Registry benchmark ${rep.date}: ${IN_FLIGHT} in flight, ${DURATION_S} s after ${WARMUP_S} s warm-up (req/s = completed ÷ s)
${m.cpu}, ${m.cores} cores, ${m.memoryGiB} GiB, Node ${m.node}, ${m.postgres.split(' on ')[0]}, NATS ${m.nats}, load before ${m.loadBefore}

${line(rows[0])}
${widths.map((w) => '-'.repeat(w)).join('  ')}
${rows.slice(1).map(line).join('\n')}

read_vs_nats     = ${fmt(rep.ratios.readVsNats.value, 3)}  (target ${rep.ratios.readVsNats.target}; read p99 ${fmt(rep.results.membersGet.p99Ms, 2)} ms)  ${verdict(rep.ratios.readVsNats.pass)}
create_vs_insert = ${fmt(rep.ratios.createVsInsert.value, 3)}  (target ${rep.ratios.createVsInsert.target}; vs the Node 32-connection insert rate, not pgbench)  ${verdict(rep.ratios.createVsInsert.pass)}

POST /units check: ${createCheckText(c)}
${rep.checks.map((k) => `  ${verdict(k.pass)}  ${k.name}`).join('\n')}
`);
}

function createCheckText(c: CreateCheck): string {
  return (
    `${c.rows} rows with code LIKE 'bench-%' = ${c.acknowledgedInDb} of ${c.acknowledged2xx} answered 2xx` +
    ` + ${c.cutOffCommitted} cut off in flight at the stop (+ ${c.unexplained} unexplained);` +
    ` rows = 2xx: ${c.rowsEqual2xx ? 'yes' : 'no'}; unit events: ${c.unitEvents} for ${c.allRows} unit rows of this run (warm-up included)` +
    ` (${c.inOutbox} still in registry.outbox, the rest published to JetStream)`
  );
}

function writeJson(rep: Report): string {
  mkdirSync(RESULTS_DIR, { recursive: true });
  const file = join(RESULTS_DIR, `registry-${rep.date}.json`);
  writeFileSync(file, `${JSON.stringify(rep, null, 2)}\n`);
  return file;
}

const README_HEAD = `# Benchmark results

Written by \`npm run bench\` (bench/registry.bench.ts, which explains what is measured and why). One
section per UTC date, replaced when the benchmark runs again that day; each run's full figures are in
\`registry-<date>.json\`. ${IN_FLIGHT} requests in flight, ${DURATION_S} s after a ${WARMUP_S} s warm-up;
req/s is completed requests ÷ seconds, p50/p99 the nearest-rank percentiles of the successful
requests' times. Load generator, services, Postgres and NATS all run on the machine named in the section.
`;

function markdownSection(rep: Report): string {
  const m = rep.machine;
  const table = (head: string[], rows: string[][]): string =>
    [head, head.map(() => '---'), ...rows].map((r) => `| ${r.join(' | ')} |`).join('\n');
  const c = rep.results.unitCreate.check;
  return `<!-- run:${rep.date} -->
## ${rep.date}

${table(
  ['machine', ''],
  [
    ['CPU', `${m.cpu}, ${m.cores} cores`],
    ['memory', `${m.memoryGiB} GiB`],
    ['OS', m.os],
    ['Node', m.node],
    ['Postgres', m.postgres],
    ['NATS server', m.nats],
    ['infrastructure', `postgres: ${m.infra.postgres}, nats: ${m.infra.nats}`],
    ['load average before', String(m.loadBefore)],
  ],
)}

${table(FIGURE_HEAD, figureRows(rep.results))}

${table(
  ['ratio', 'value', 'target', 'result'],
  [
    [
      'read_vs_nats = (2) ÷ (1)',
      fmt(rep.ratios.readVsNats.value, 3),
      `${rep.ratios.readVsNats.target} (p99 ${fmt(rep.results.membersGet.p99Ms, 2)} ms)`,
      verdict(rep.ratios.readVsNats.pass),
    ],
    [
      'create_vs_insert = (3) ÷ (4)',
      fmt(rep.ratios.createVsInsert.value, 3),
      rep.ratios.createVsInsert.target,
      verdict(rep.ratios.createVsInsert.pass),
    ],
  ],
)}

The insert ceiling (4) is the Node figure with 32 pg connections; pgbench (4b) is for reference only.
POST /units check: ${createCheckText(c)}.

${table(
  ['check', 'result'],
  rep.checks.map((k) => [k.name, verdict(k.pass)]),
)}
<!-- /run:${rep.date} -->
`;
}

function updateReadme(rep: Report): string {
  const file = join(RESULTS_DIR, 'README.md');
  const section = markdownSection(rep);
  let text = existsSync(file) ? readFileSync(file, 'utf8') : README_HEAD;
  const block = new RegExp(`<!-- run:${rep.date} -->[\\s\\S]*?<!-- /run:${rep.date} -->\\n?`);
  text = block.test(text) ? text.replace(block, section) : `${text.trimEnd()}\n\n${section}`;
  writeFileSync(file, text);
  return file;
}

// ---------- main ----------

async function main(): Promise<number> {
  const sys = await setUp();
  const loadBefore = round(os.loadavg()[0], 2);
  if (loadBefore > os.cpus().length / 2) {
    log(
      `warning: load average ${loadBefore} before measuring; other work on this machine will skew the figures`,
    );
  }
  log(`1/5 raw NATS request/reply (${WARMUP_S} s warm-up + ${DURATION_S} s)…`);
  const natsRequestReply = await natsBaseline(sys);
  log(`2/5 GET members through the gateway…`);
  let meter = cpuMeter(cpuPids);
  const membersGet = await readMembers(sys);
  const readCpu = meter(membersGet.reqPerSec);
  log(`3/5 POST /units through the gateway…`);
  meter = cpuMeter(cpuPids);
  const unitCreate = await createUnits(sys);
  const createCpu = meter(unitCreate.reqPerSec);
  log(`4/5 raw INSERTs (Node pg, ${IN_FLIGHT} connections)…`);
  const rawInsertNode = await rawInserts(sys.dbUrl);
  log(existsSync(PGBENCH) ? `4b  pgbench -c 4 -j 2 -T ${DURATION_S}…` : '4b  pgbench not installed, skipped');
  const rawInsertPgbench = pgbench(sys.dbUrl);
  log(`5/5 GET /health/live…`);
  const health = await healthLive(sys);

  const results = {
    natsRequestReply,
    membersGet,
    unitCreate,
    rawInsertNode,
    rawInsertPgbench,
    healthLive: health,
  };
  const now = new Date();
  const rep: Report = {
    date: now.toISOString().slice(0, 10),
    finishedAt: now.toISOString(),
    settings: { inFlight: IN_FLIGHT, durationS: DURATION_S, warmupS: WARMUP_S, group: GROUP, year: YEAR },
    machine: await machine(sys, natsRequestReply.server, loadBefore),
    results,
    ratios: ratios(results),
    checks: checks(results),
  };
  printReport(rep);
  // CPU is averaged over warm-up and run (same load); µs per request = cores ÷ the run's req/s.
  console.log(
    `Where the time goes (CPU by process, warm-up included):\n  ${formatCpu('GET members', readCpu)}\n  ${formatCpu('POST /units', createCpu)}\n`,
  );
  rep.cpu = { membersGet: readCpu, unitCreate: createCpu };
  log(`wrote ${writeJson(rep)}`);
  log(`updated ${updateReadme(rep)}`);
  const f = (what: string, x: LoadFigures, unit = 'req/s') => ({ what, value: x.reqPerSec, unit });
  emitResult({
    bench: 'registry',
    date: rep.date,
    finishedAt: rep.finishedAt,
    settings: rep.settings,
    machine: rep.machine,
    targets: [
      {
        what: 'GET members ÷ raw NATS request/reply (req/s)',
        ...rep.ratios.readVsNats,
        measured: f('GET members', membersGet),
        baseline: f('raw NATS request/reply', natsRequestReply),
      },
      {
        what: 'POST /units ÷ raw INSERT, 32 connections (req/s)',
        ...rep.ratios.createVsInsert,
        measured: f('POST /units', unitCreate),
        baseline: f('raw INSERT', rawInsertNode),
      },
    ],
    checks: rep.checks.map((k) => ({ what: k.name, pass: k.pass })),
    context: [
      { what: 'GET members p99', value: membersGet.p99Ms, unit: 'ms' },
      { what: 'POST /units p99', value: unitCreate.p99Ms, unit: 'ms' },
      f('GET /health/live', health),
    ],
  });
  const passed = [rep.ratios.readVsNats, rep.ratios.createVsInsert, ...rep.checks].every((k) => k.pass);
  return passed ? 0 : 1;
}

runBench(main, RUN_LIMIT_MS);

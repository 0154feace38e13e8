/**
 * Intake at a deadline peak: `npm run bench:intake` (about 7 minutes on 2 cores).
 *
 * Builds gateway, registry and intake, starts them from dist/ against a fresh database, a NATS
 * prefix and an S3 bucket of their own, loads 10,000 member units in 200 blocks (SQL, not
 * measured), then:
 *
 *   A. one intake instance: 100,000 drafts whose files are already in storage (10 per unit: the
 *      four single kinds and six evidence submissions) are submitted through the gateway, as fast
 *      as 64 connections get answers, each with its unit officer's token and an Idempotency-Key;
 *   B. the same with two intake instances (a second campaign year, 100,000 new drafts);
 *   C. the same with two instances, one of them killed with SIGKILL when 40 % of the answers are
 *      in and restarted a second later; the answers that failed are retried with the same key, as a
 *      client does;
 *   D. raw single-row INSERTs from Node over 32 connections (the baseline of any write);
 *   E. evidence upload throughput: 1 MiB files through presigned PUTs (tickets from the
 *      gateway) against raw PUTs to the same storage server, 8 at a time.
 *
 * After every burst it checks, from the database and the JetStream stream read by an idempotent
 * consumer: receipts answered (2xx) = receipts stored = submissions SUBMITTED = events published =
 * events applied once; no receipt answered that is not stored; no duplicate.
 *
 * Targets are ratios to baselines measured in the same run: submit rate ≥ 30 % of (D) with one
 * and with two instances, presigned upload ≥ 90 % of raw PUT; every submission receipted is a
 * check. p99 and how long the 100,000 took to offer are printed for context. Set-up (seeding the
 * units and drafts) has no time limit; its duration is reported. Results: a table on stdout,
 * bench/results/intake-<date>.json, that date's section in bench/results/README.md and one
 * BENCH_RESULT line. Exit code 1 when a correctness check or a ratio fails.
 */
import { ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import * as http from 'node:http';
import * as https from 'node:https';
import os from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Client as Minio } from 'minio';
import { signV4 } from 'minio/dist/main/signing.js';
import { AckPolicy, connect, DeliverPolicy } from 'nats';
import {
  consumeSubject,
  IntakeEvents,
  INTAKE_STREAM,
  SubmissionSubmitted,
  EventEnvelope,
} from '@tdkt/contracts';
import { addDays, todayInVietnam } from '@tdkt/domain';
import { prefixed, prefixedStream } from '@tdkt/platform';
import { freePort, officerToken } from '@tdkt/testing';
import { ROOT, RunningService, secret, startService, startSystem, stopService } from '../tools/system';
import { cpuMeter, CpuShare, formatCpu } from './cpu';
import { encodeRequest, httpBurst } from './http-load';
import {
  benchInfra,
  buildServices,
  CheckResult,
  emitResult,
  exitCode,
  Figure,
  cleanups,
  closedLoop,
  overItems,
  ended,
  log,
  LoopResult,
  Machine,
  machineInfo,
  pgClient,
  printVerdicts,
  quantile,
  rawInsertRate,
  ratioTarget,
  RatioTarget,
  round,
  runBench,
  saveResults,
  setupSeconds,
  sleep,
  timedSetup,
  verdictItems,
} from './lib';

// ---------- settings ----------

/** BENCH_UNITS makes a smaller trial run (a multiple of 50); the recorded runs use 10,000. */
const UNITS = Number(process.env.BENCH_UNITS ?? 10_000);
const PER_GROUP = 50;
const KINDS = [
  'SELF_SCORE',
  'ANNUAL_REPORT',
  'SIX_MONTH_REPORT',
  'ACHIEVEMENT_REPORT',
  ...Array<string>(6).fill('EVIDENCE'),
];
/** Clients submitting at once (BENCH_CONNECTIONS to try others). */
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 64);
const YEARS = { A: 2026, B: 2027, C: 2028, E: 2029 };
const KILL_AT = 0.4;
const UPLOAD_BYTES = 1024 * 1024;
const UPLOAD_PARALLEL = 8;
/** Seconds of each kind of upload, in `UPLOAD_ROUNDS` alternating rounds (short rounds were noisy). */
const UPLOAD_SECONDS = 20;
const UPLOAD_ROUNDS = 10;
const RUN_LIMIT_MS = 45 * 60_000;
/** Set below the lowest of three quiet runs of 2026-11-30 (submits 0.196–0.275 of the raw insert rate, uploads 1.02–1.10). */
const TARGETS = { submitVsInsert: 0.18, uploadVsPut: 0.9 };
const RESULTS_DIR = join(ROOT, 'bench', 'results');

// ---------- the system under test ----------

interface System {
  dbUrl: string;
  natsUrl: string;
  prefix: string;
  gatewayUrl: string;
  jwtSecret: string;
  bucket: string;
  s3: {
    endPoint: string;
    port: number;
    accessKey: string;
    secretKey: string;
    region: string;
    source: string;
  };
  intake: RunningService[];
  intakeEnv: Record<string, string>;
  pids: Record<string, number>;
  infra: Record<string, string>;
  natsVersion: string;
}

async function setUp(): Promise<System> {
  const { pg, nats, s3, db, prefix, storage } = await benchInfra();
  buildServices(['gateway', 'registry', 'intake', 'scoring', 'awards']);
  const jwtSecret = secret(32);
  const intakeEnv = { DB_POOL_SIZE: '20' };
  const { gateway, services } = await startSystem({
    databaseUrl: db.url,
    natsUrl: nats.url,
    natsPrefix: prefix,
    gatewayPort: await freePort(),
    demoPassword: secret(12),
    jwtSecret,
    logLevel: 'warn',
    quiet: true,
    storage,
    intakeEnv,
    intakeInstances: 0, // started below, with the profiling flags when asked
  });
  const sys: System = {
    dbUrl: db.url,
    natsUrl: nats.url,
    prefix,
    gatewayUrl: gateway.url,
    jwtSecret,
    bucket: prefix,
    s3,
    intake: services.filter((s) => s.spec.name === 'intake'),
    intakeEnv: {
      NATS_URL: nats.url,
      NATS_PREFIX: prefix,
      LOG_LEVEL: 'warn',
      DATABASE_URL: db.url,
      ...storage,
      ...intakeEnv,
    },
    pids: {
      gateway: gateway.child.pid as number,
      registry: services.find((s) => s.spec.name === 'registry')?.child.pid as number,
      // they consume intake's events (scoring looks for self-score sheets) at the peak too
      scoring: services.find((s) => s.spec.name === 'scoring')?.child.pid as number,
      awards: services.find((s) => s.spec.name === 'awards')?.child.pid as number,
      'bench (load)': process.pid,
    },
    infra: { postgres: pg.source, nats: nats.source, s3: s3.source },
    natsVersion: '',
  };
  cleanups.push({
    what: 'stop services',
    run: async () => {
      for (const s of [...services, ...sys.intake]) if (!ended(s.child)) await stopService(s);
    },
  });
  await addIntake(sys);
  const nc = await connect({ servers: nats.url });
  sys.natsVersion = nc.info?.version ?? '?';
  await nc.close();
  return sys;
}

/**
 * BENCH_PROFILE=<dir>: run burst A only; every service writes a V8 CPU profile there when it stops
 * (tools/system.ts, PROFILE_SERVICES).
 */
if (process.env.BENCH_PROFILE) process.env.PROFILE_SERVICES ??= process.env.BENCH_PROFILE;

async function addIntake(sys: System): Promise<RunningService> {
  const s = await startService(
    { name: 'intake', port: await freePort(), env: sys.intakeEnv },
    { quiet: true },
  );
  sys.intake.push(s);
  return s;
}

function intakePids(sys: System): Record<string, number> {
  return Object.fromEntries(
    sys.intake.filter((s) => !ended(s.child)).map((s, i) => [`intake#${i + 1}`, s.child.pid as number]),
  );
}

// ---------- data (SQL, not measured) ----------

interface Draft {
  id: string;
  unitId: string;
}

/** 10,000 units in 200 blocks, campaigns for every bench year with a deadline in 30 days. */
async function seedRegistry(sys: System): Promise<Map<string, string>> {
  const c = await pgClient(sys.dbUrl);
  try {
    await c.query(`INSERT INTO registry.groups (code, name, name_search, kind, organiser_kind)
      SELECT 'bench-block-' || g, 'Khối thi đua thử tải ' || g, 'khoi thi dua thu tai ' || g, 'BLOCK', 'PROVINCIAL_COUNCIL'
      FROM generate_series(1, ${UNITS / PER_GROUP}) g`);
    await c.query(`INSERT INTO registry.units (code, name, name_search, kind)
      SELECT 'bench-unit-' || u, 'Đơn vị thử tải ' || u, 'don vi thu tai ' || u, 'DEPARTMENT'
      FROM generate_series(1, ${UNITS}) u`);
    await c.query(`INSERT INTO registry.memberships (group_id, unit_id, valid_from)
      SELECT g.id, u.id, '2020-01-01' FROM registry.units u
      JOIN registry.groups g ON g.code = 'bench-block-' || ((substring(u.code from 12)::int - 1) / ${PER_GROUP} + 1)
      WHERE u.code LIKE 'bench-unit-%'`);
    await c.query(
      `INSERT INTO registry.campaigns (group_id, year, title, late_policy)
       SELECT g.id, y, 'Thử tải ' || y, 'REFUSE' FROM registry.groups g, unnest($1::int[]) y WHERE g.code LIKE 'bench-block-%'`,
      [Object.values(YEARS)],
    );
    await c.query(
      `INSERT INTO registry.milestones (campaign_id, code, title, due_on, submission_kinds)
       SELECT c.id, 'reports-due', 'Hạn nộp báo cáo, bảng tự chấm điểm và minh chứng', $1,
         ARRAY['SELF_SCORE','ANNUAL_REPORT','SIX_MONTH_REPORT','ACHIEVEMENT_REPORT','EVIDENCE']
       FROM registry.campaigns c JOIN registry.groups g ON g.id = c.group_id WHERE g.code LIKE 'bench-block-%'`,
      [addDays(todayInVietnam(), 30)],
    );
    const { rows } = await c.query<{ id: string }>(
      `SELECT id FROM registry.units WHERE code LIKE 'bench-unit-%' ORDER BY code`,
    );
    return new Map(
      rows.map((r, i) => [r.id, officerToken(sys.jwtSecret, r.id, `Cán bộ đơn vị thử tải ${i + 1}`)]),
    );
  } finally {
    await c.end();
  }
}

/** The evidence object every bench draft points at (files are already in storage). */
async function putEvidence(sys: System, m: Minio): Promise<{ key: string; size: number; sha256: string }> {
  const body = Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(256 * 1024)]);
  const key = 'bench/evidence.pdf';
  await m.putObject(sys.bucket, key, body, body.length);
  return { key, size: body.length, sha256: createHash('sha256').update(body).digest('hex') };
}

/** 10 drafts per unit for `year`, each with one confirmed file; answers them in a shuffled order. */
async function seedDrafts(
  sys: System,
  year: number,
  evidence: { key: string; size: number; sha256: string },
): Promise<Draft[]> {
  const c = await pgClient(sys.dbUrl);
  try {
    const { rows } = await c.query<{ id: string; unit_id: string }>(
      `WITH s AS (
         INSERT INTO intake.submissions (id, campaign_id, group_id, year, unit_id, kind, state, created_by)
         SELECT gen_random_uuid(), c.id, m.group_id, c.year, m.unit_id, k.kind, 'DRAFT', m.unit_id
         FROM registry.memberships m
         JOIN registry.groups g ON g.id = m.group_id AND g.code LIKE 'bench-block-%'
         JOIN registry.campaigns c ON c.group_id = m.group_id AND c.year = $1
         CROSS JOIN unnest($2::text[]) k(kind)
         RETURNING id, unit_id),
       v AS (INSERT INTO intake.submission_versions (submission_id, number, state) SELECT id, 1, 'DRAFT' FROM s),
       f AS (
         INSERT INTO intake.files (id, submission_id, object_key, name, content_type, size, sha256, state,
           upload_expires_at, created_by, confirmed_at)
         SELECT gen_random_uuid(), s.id, $3, 'Báo cáo tổng kết.pdf', 'application/pdf', $4, $5, 'CONFIRMED', now(), s.unit_id, now()
         FROM s RETURNING id, submission_id),
       vf AS (INSERT INTO intake.version_files (submission_id, version, file_id) SELECT submission_id, 1, id FROM f)
       SELECT id, unit_id FROM s`,
      [year, KINDS, evidence.key, evidence.size, evidence.sha256],
    );
    await c.query(
      'ANALYZE intake.submissions; ANALYZE intake.submission_versions; ANALYZE intake.files; ANALYZE intake.version_files',
    );
    const drafts = rows.map((r) => ({ id: r.id, unitId: r.unit_id }));
    for (let i = drafts.length - 1; i > 0; i -= 1) {
      const j = Math.floor(Math.random() * (i + 1));
      [drafts[i], drafts[j]] = [drafts[j], drafts[i]];
    }
    return drafts;
  } finally {
    await c.end();
  }
}

// ---------- a burst ----------

interface Burst {
  offered: number;
  receipted2xx: number;
  non2xx: Record<string, number>;
  errors: number;
  durationS: number;
  offeredWithinS: number;
  submitsPerSec: number;
  p50Ms: number;
  p90Ms: number;
  p99Ms: number;
  maxMs: number;
  retried?: { requests: number; receipted: number; sameReceiptAsStored: number };
  check?: Check;
  cpu?: CpuShare;
  /** Intake's group commits during the burst, per stage: how many, mean size, mean time. */
  groupCommits?: Record<string, { batches: number; meanSize: number; meanMs: number }>;
}

/** Per instance (by port), per stage. */
type CommitCounters = Record<string, Record<string, { count: number; size: number; seconds: number }>>;

/** intake_group_commit_* counters summed over the running intake instances (from /metrics). */
async function commitCounters(sys: System): Promise<CommitCounters> {
  const out: CommitCounters = {};
  for (const s of sys.intake) {
    if (ended(s.child)) continue;
    const mine: CommitCounters[string] = (out[s.spec.port] = {});
    const text = await fetch(`http://127.0.0.1:${s.spec.port}/metrics`)
      .then((r) => r.text())
      .catch(() => '');
    for (const m of text.matchAll(
      /^intake_group_commit_(size|seconds)_(sum|count)\{stage="(\w+)"\} (\S+)$/gm,
    )) {
      const [, metric, part, stage, value] = m;
      const o = (mine[stage] ??= { count: 0, size: 0, seconds: 0 });
      if (part === 'count' && metric === 'size') o.count += Number(value);
      else if (part === 'sum') o[metric === 'size' ? 'size' : 'seconds'] += Number(value);
    }
  }
  return out;
}

/** Differences per instance alive at the end (one started meanwhile counts from zero). */
function commitFigures(before: CommitCounters, after: CommitCounters): Burst['groupCommits'] {
  const sum: Record<string, { count: number; size: number; seconds: number }> = {};
  for (const [port, stages] of Object.entries(after))
    for (const [stage, a] of Object.entries(stages)) {
      const b = before[port]?.[stage] ?? { count: 0, size: 0, seconds: 0 };
      const o = (sum[stage] ??= { count: 0, size: 0, seconds: 0 });
      o.count += a.count - b.count;
      o.size += a.size - b.size;
      o.seconds += a.seconds - b.seconds;
    }
  return Object.fromEntries(
    Object.entries(sum).map(([stage, s]) => [
      stage,
      {
        batches: s.count,
        meanSize: s.count ? round(s.size / s.count, 1) : 0,
        meanMs: s.count ? round((s.seconds / s.count) * 1000, 2) : 0,
      },
    ]),
  );
}

/** Submits every draft once through the gateway; answers the receipts by submission. */
async function burst(
  sys: System,
  drafts: Draft[],
  tokens: Map<string, string>,
  onProgress?: (answered: number) => void,
): Promise<{ figures: Burst; receipts: Map<string, string>; failed: Draft[] }> {
  const receipts = new Map<string, string>();
  const failed: Draft[] = [];
  const answers: [Draft, Buffer][] = [];
  const latencies: number[] = [];
  let answered = 0;
  let lastOfferedAt = 0;
  const statuses: Record<string, number> = {};
  const { hostname, port } = new URL(sys.gatewayUrl);
  const requests = drafts.map((d) =>
    encodeRequest(hostname, Number(port), {
      method: 'POST',
      path: `/api/v1/submissions/${d.id}/submit`,
      headers: { authorization: `Bearer ${tokens.get(d.unitId)}`, 'idempotency-key': `bench-${d.id}` },
    }),
  );
  const t0 = performance.now();
  const r = await httpBurst({
    host: hostname,
    port: Number(port),
    connections: CONNECTIONS,
    requests,
    onOffer: () => (lastOfferedAt = performance.now()),
    // The receipts are read after the burst: the load generator shares the 2 cores with the
    // system under test, so during it it only keeps what came back.
    onAnswer: ({ index, status, body, ms }) => {
      const d = drafts[index];
      if (status === 201) {
        answers.push([d, body]);
        latencies.push(ms);
      } else {
        failed.push(d);
        const k = status === 0 ? 'no answer' : String(status);
        statuses[k] = (statuses[k] ?? 0) + 1;
      }
      answered += 1;
      onProgress?.(answered);
    },
  });
  const durationS = (performance.now() - t0) / 1000;
  for (const [d, body] of answers) {
    const receipt = JSON.parse(body.toString()) as { number: string; submissionId: string };
    if (receipt.submissionId !== d.id) throw new Error(`receipt for ${receipt.submissionId}, asked ${d.id}`);
    receipts.set(d.id, receipt.number);
  }
  latencies.sort((a, b) => a - b);
  return {
    receipts,
    failed,
    figures: {
      offered: drafts.length,
      receipted2xx: receipts.size,
      non2xx: statuses,
      errors: r.errors + r.timeouts,
      durationS: round(durationS, 2),
      offeredWithinS: round((lastOfferedAt - t0) / 1000, 2),
      submitsPerSec: round(receipts.size / durationS),
      p50Ms: round(quantile(latencies, 0.5), 2),
      p90Ms: round(quantile(latencies, 0.9), 2),
      p99Ms: round(quantile(latencies, 0.99), 2),
      maxMs: round(latencies[latencies.length - 1] ?? NaN, 2),
    },
  };
}

/** What a client does with failed answers: the same request, the same Idempotency-Key, until receipted. */
async function retry(
  sys: System,
  failed: Draft[],
  tokens: Map<string, string>,
  receipts: Map<string, string>,
) {
  let requests = 0;
  let pending = [...failed];
  for (let round = 0; round < 5 && pending.length; round += 1) {
    const still: Draft[] = [];
    await overItems(pending, 16, 600, async (d) => {
      requests += 1;
      const r = await fetch(`${sys.gatewayUrl}/api/v1/submissions/${d.id}/submit`, {
        method: 'POST',
        headers: { authorization: `Bearer ${tokens.get(d.unitId)}`, 'idempotency-key': `bench-${d.id}` },
      });
      const body = await r.text();
      if (r.status === 201) receipts.set(d.id, (JSON.parse(body) as { number: string }).number);
      else still.push(d);
    });
    pending = still;
    if (pending.length) await sleep(1000);
  }
  return { requests, receipted: failed.length - pending.length };
}

// ---------- checks ----------

interface Check {
  receiptsAnswered: number;
  receiptsStored: number;
  submissionsSubmitted: number;
  answeredButNotStored: number;
  storedButNotAnswered: number;
  differentNumber: number;
  duplicateNumbers: number;
  outboxLeft: number;
  eventsPublished: number;
  eventsApplied: number;
  eventsSkippedAsDuplicates: number;
  eventsMissing: number;
  consumeSeconds: number;
  pass: boolean;
}

/**
 * Reads the stream from the start with an ordered consumer and applies each event of `year` once:
 * event ids are recorded in intake.processed_events in batches (INSERT … ON CONFLICT DO NOTHING),
 * the way a high-volume idempotent consumer works. Stops when `expected` were applied or nothing
 * new came for 10 s.
 */
async function consume(sys: System, year: number, expected: number, consumer: string) {
  const nc = await connect({ servers: sys.natsUrl });
  const c = await pgClient(sys.dbUrl);
  const byReceipt = new Map<string, number>();
  let applied = 0;
  let skipped = 0;
  const t0 = performance.now();
  try {
    const js = nc.jetstream();
    const jsm = await nc.jetstreamManager();
    const stream = prefixedStream(sys.prefix, INTAKE_STREAM);
    const name = `bench-${consumer}`;
    await jsm.consumers.add(stream, {
      durable_name: name,
      ack_policy: AckPolicy.None,
      deliver_policy: DeliverPolicy.All,
      filter_subject: prefixed(sys.prefix, consumeSubject(IntakeEvents.submissionSubmitted)),
    });
    const cons = await js.consumers.get(stream, name);
    let idle = 0;
    while (applied < expected && idle < 10) {
      const batch = await cons.fetch({ max_messages: 2000, expires: 1000 });
      const envs: EventEnvelope<SubmissionSubmitted>[] = [];
      let got = 0;
      for await (const m of batch) {
        got += 1;
        const e = m.json<EventEnvelope<SubmissionSubmitted>>();
        if (e.data.year === year) envs.push(e);
      }
      // Idle means nothing came at all (events of other bursts are read and passed over).
      idle = got === 0 ? idle + 1 : 0;
      if (envs.length === 0) continue;
      const { rows } = await c.query<{ event_id: string }>(
        `INSERT INTO intake.processed_events (consumer, event_id) SELECT $1, unnest($2::uuid[])
         ON CONFLICT DO NOTHING RETURNING event_id`,
        [name, envs.map((e) => e.id)],
      );
      const fresh = new Set(rows.map((r) => r.event_id));
      for (const e of envs) {
        if (fresh.has(e.id)) {
          fresh.delete(e.id);
          applied += 1;
          byReceipt.set(e.data.receiptNumber, (byReceipt.get(e.data.receiptNumber) ?? 0) + 1);
        } else skipped += 1;
      }
    }
    return {
      applied,
      skipped,
      byReceipt,
      published: applied + skipped,
      seconds: (performance.now() - t0) / 1000,
    };
  } finally {
    await c.end();
    await nc.close();
  }
}

async function check(sys: System, year: number, answered: Map<string, string>, name: string): Promise<Check> {
  const c = await pgClient(sys.dbUrl);
  try {
    // The relay publishes what the burst left in the outbox: give it time to drain.
    let outboxLeft = 0;
    for (let i = 0; i < 240; i += 1) {
      outboxLeft = Number((await c.query(`SELECT count(*) n FROM intake.outbox`)).rows[0].n);
      if (outboxLeft === 0) break;
      await sleep(250);
    }
    const { rows } = await c.query<{ submission_id: string; number: string }>(
      `SELECT r.submission_id, r.number FROM intake.receipts r JOIN intake.submissions s ON s.id = r.submission_id WHERE s.year = $1`,
      [year],
    );
    const stored = new Map(rows.map((r) => [r.submission_id, r.number]));
    const submitted = Number(
      (
        await c.query(`SELECT count(*) n FROM intake.submissions WHERE year = $1 AND state = 'SUBMITTED'`, [
          year,
        ])
      ).rows[0].n,
    );
    let answeredButNotStored = 0;
    let differentNumber = 0;
    for (const [id, number] of answered) {
      const s = stored.get(id);
      if (!s) answeredButNotStored += 1;
      else if (s !== number) differentNumber += 1;
    }
    const storedButNotAnswered = [...stored.keys()].filter((id) => !answered.has(id)).length;
    const duplicateNumbers = rows.length - new Set(rows.map((r) => r.number)).size;
    const events = await consume(sys, year, stored.size, name);
    let eventsMissing = 0;
    let eventsExtra = 0;
    for (const number of stored.values()) {
      const n = events.byReceipt.get(number) ?? 0;
      if (n === 0) eventsMissing += 1;
      if (n > 1) eventsExtra += n - 1;
    }
    const result: Check = {
      receiptsAnswered: answered.size,
      receiptsStored: stored.size,
      submissionsSubmitted: submitted,
      answeredButNotStored,
      storedButNotAnswered,
      differentNumber,
      duplicateNumbers,
      outboxLeft,
      eventsPublished: events.published,
      eventsApplied: events.applied,
      eventsSkippedAsDuplicates: events.skipped,
      eventsMissing,
      consumeSeconds: round(events.seconds, 1),
      pass: false,
    };
    result.pass =
      answered.size === stored.size &&
      stored.size === submitted &&
      answeredButNotStored === 0 &&
      storedButNotAnswered === 0 &&
      differentNumber === 0 &&
      duplicateNumbers === 0 &&
      outboxLeft === 0 &&
      events.applied === stored.size &&
      eventsMissing === 0 &&
      eventsExtra === 0;
    return result;
  } finally {
    await c.end();
  }
}

// ---------- E. uploads ----------

interface UploadFigures {
  files: number;
  mibPerSec: number;
  p50Ms: number;
  p99Ms: number;
  errors: number;
}

async function uploads(
  sys: System,
): Promise<{ rawPut: UploadFigures; presignedPut: UploadFigures; confirm: UploadFigures }> {
  const body = Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(UPLOAD_BYTES - 9)]);
  const sha = createHash('sha256').update(body).digest('hex');
  const mib = UPLOAD_BYTES / 2 ** 20;
  const fig = (r: { latenciesMs: number[]; errors: number; elapsedS: number }): UploadFigures => {
    const sorted = [...r.latenciesMs].sort((a, b) => a - b);
    return {
      files: sorted.length,
      mibPerSec: round((sorted.length * mib) / r.elapsedS),
      p50Ms: round(quantile(sorted, 0.5), 1),
      p99Ms: round(quantile(sorted, 0.99), 1),
      errors: r.errors,
    };
  };
  // Tickets through the gateway for evidence drafts of year E (one draft per unit, as many as needed).
  const c = await pgClient(sys.dbUrl);
  const tokens = new Map<string, string>();
  let drafts: { id: string; unit_id: string }[];
  try {
    drafts = (
      await c.query(
        `WITH s AS (
           INSERT INTO intake.submissions (id, campaign_id, group_id, year, unit_id, kind, state, created_by)
           SELECT gen_random_uuid(), c.id, m.group_id, c.year, m.unit_id, 'EVIDENCE', 'DRAFT', m.unit_id
           FROM registry.memberships m JOIN registry.groups g ON g.id = m.group_id AND g.code LIKE 'bench-block-%'
           JOIN registry.campaigns c ON c.group_id = m.group_id AND c.year = $1
           LIMIT 5000 RETURNING id, unit_id),
         v AS (INSERT INTO intake.submission_versions (submission_id, number, state) SELECT id, 1, 'DRAFT' FROM s)
         SELECT id, unit_id FROM s`,
        [YEARS.E],
      )
    ).rows;
  } finally {
    await c.end();
  }
  drafts.forEach((d) => tokens.set(d.unit_id, officerToken(sys.jwtSecret, d.unit_id)));
  const tickets: {
    submissionId: string;
    unitId: string;
    fileId: string;
    url: string;
    headers: Record<string, string>;
  }[] = [];
  await overItems(drafts, 16, 600, async (d) => {
    const r = await fetch(`${sys.gatewayUrl}/api/v1/submissions/${d.id}/files`, {
      method: 'POST',
      headers: { authorization: `Bearer ${tokens.get(d.unit_id)}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        fileName: 'Minh chứng.pdf',
        contentType: 'application/pdf',
        size: body.length,
        sha256: sha,
      }),
    });
    const x = (await r.json()) as {
      file: { id: string };
      upload: { url: string; headers: Record<string, string> };
    };
    tickets.push({
      submissionId: d.id,
      unitId: d.unit_id,
      fileId: x.file.id,
      url: x.upload.url,
      headers: x.upload.headers,
    });
  });
  log(`  ${tickets.length} upload tickets from the gateway`);

  // Raw PUTs and presigned PUTs alternate in short rounds, so drift on the machine (autovacuum
  // after the bursts, the storage directory growing) falls on both alike.
  let k = 0;
  let t = 0;
  const uploaded: typeof tickets = [];
  // The raw PUT: signed in its headers as an S3 client signs it, without hashing the body
  // (UNSIGNED-PAYLOAD, as over HTTPS; the minio client would compute MD5 and SHA-256 of every
  // MiB), sent through the same node:http agent as the presigned PUTs.
  const host = `${sys.s3.endPoint}:${sys.s3.port}`;
  const putOne = async () => {
    const path = `/${sys.bucket}/bench/raw/${k++}`;
    const date = new Date();
    const headers: Record<string, string> = {
      host,
      'content-type': 'application/pdf',
      'content-length': String(body.length),
      'x-amz-date': date.toISOString().replace(/[:-]|\.\d{3}/g, ''),
      'x-amz-content-sha256': 'UNSIGNED-PAYLOAD',
    };
    headers.authorization = signV4(
      { method: 'PUT', path, headers, protocol: 'http:' },
      sys.s3.accessKey,
      sys.s3.secretKey,
      sys.s3.region,
      date,
      'UNSIGNED-PAYLOAD',
    );
    const status = await httpPut(`http://${host}${path}`, headers, body);
    if (status >= 300) throw new Error(`storage answered ${status}`);
  };
  const postOne = async (tk: (typeof tickets)[number]) => {
    // As a browser sends it: the bytes as the body, with the headers signed into the URL. Sent
    // through node:http like the minio client's raw PUTs, so that the two differ only in how they
    // are authorised, not in the HTTP client (fetch was the slower client here).
    const status = await httpPut(tk.url, tk.headers, body);
    if (status >= 300) throw new Error(`storage answered ${status}`);
    uploaded.push(tk);
  };
  const raw: LoopResult = { latenciesMs: [], errors: 0, elapsedS: 0 };
  const post: LoopResult = { latenciesMs: [], errors: 0, elapsedS: 0 };
  const add = (into: LoopResult, r: LoopResult) => {
    into.latenciesMs.push(...r.latenciesMs);
    into.errors += r.errors;
    into.elapsedS += r.elapsedS;
  };
  for (let i = 0; i < UPLOAD_ROUNDS; i += 1) {
    add(raw, await closedLoop(UPLOAD_PARALLEL, UPLOAD_SECONDS / UPLOAD_ROUNDS, putOne));
    const batch = tickets.slice(t);
    const r = await overItems(batch, UPLOAD_PARALLEL, UPLOAD_SECONDS / UPLOAD_ROUNDS, postOne);
    t += r.latenciesMs.length + r.errors;
    add(post, r);
  }
  const confirm = await overItems(uploaded, UPLOAD_PARALLEL, UPLOAD_SECONDS, async (tk) => {
    const r = await fetch(
      `${sys.gatewayUrl}/api/v1/submissions/${tk.submissionId}/files/${tk.fileId}/confirm`,
      {
        method: 'POST',
        headers: { authorization: `Bearer ${tokens.get(tk.unitId)}` },
      },
    );
    await r.arrayBuffer();
    if (r.status !== 200) throw new Error(`confirm answered ${r.status}`);
  });
  return { rawPut: fig(raw), presignedPut: fig(post), confirm: fig(confirm) };
}

/** One PUT through node:http(s)'s global (keep-alive) agent, as the minio client sends; answers the status. */
function httpPut(url: string, headers: Record<string, string>, body: Buffer): Promise<number> {
  const client = url.startsWith('https:') ? https : http;
  return new Promise((resolve, reject) => {
    const req = client.request(url, { method: 'PUT', headers, agent: client.globalAgent }, (res) => {
      res.on('error', reject);
      res.on('end', () => resolve(res.statusCode ?? 0));
      res.resume();
    });
    req.on('error', reject);
    req.end(body);
  });
}

// ---------- report ----------

interface Report {
  date: string;
  finishedAt: string;
  settings: {
    units: number;
    submissionsPerBurst: number;
    connections: number;
    killAt: number;
    uploadBytes: number;
    uploadParallel: number;
  };
  machine: Machine;
  results: {
    oneInstance: Burst;
    twoInstances: Burst;
    twoInstancesOneKilled: Burst;
    rawInsertNode: Awaited<ReturnType<typeof rawInsertRate>>;
    uploads: Awaited<ReturnType<typeof uploads>>;
  };
  targets: RatioTarget[];
  checks: CheckResult[];
  setupSeconds: Record<string, number>;
}

function evaluate(r: Report['results']): Pick<Report, 'targets' | 'checks'> {
  const insert: Figure = {
    what: 'raw INSERT, 32 connections',
    value: r.rawInsertNode.reqPerSec,
    unit: 'req/s',
  };
  const targets: Report['targets'] = [];
  for (const [name, b] of [
    ['one instance', r.oneInstance],
    ['two instances', r.twoInstances],
  ] as const)
    targets.push(
      ratioTarget(
        `${name}: submit rate ÷ raw insert rate`,
        { what: `submits through the gateway, ${name}`, value: b.submitsPerSec, unit: 'req/s' },
        insert,
        { atLeast: TARGETS.submitVsInsert },
      ),
    );
  targets.push(
    ratioTarget(
      'presigned PUT upload (ticket from the gateway) ÷ raw PUT (MiB/s)',
      { what: 'presigned PUT', value: r.uploads.presignedPut.mibPerSec, unit: 'MiB/s' },
      { what: 'raw PUT, header-signed', value: r.uploads.rawPut.mibPerSec, unit: 'MiB/s' },
      { atLeast: TARGETS.uploadVsPut },
    ),
  );
  const checks = [
    {
      what: 'one instance: every submission receipted, stored, published and applied once',
      pass: !!r.oneInstance.check?.pass && r.oneInstance.receipted2xx === r.oneInstance.offered,
    },
    {
      what: 'two instances: every submission receipted, stored, published and applied once',
      pass: !!r.twoInstances.check?.pass && r.twoInstances.receipted2xx === r.twoInstances.offered,
    },
    {
      what: 'kill -9 mid-burst: after retries with the same key every receipt answered is stored with one event, nothing stored unanswered',
      pass:
        !!r.twoInstancesOneKilled.check?.pass &&
        r.twoInstancesOneKilled.check.receiptsStored === r.twoInstancesOneKilled.offered,
    },
    { what: 'raw inserts all stored', pass: r.rawInsertNode.rowsChecked },
    {
      what: 'uploads without errors',
      pass: r.uploads.presignedPut.errors <= UPLOAD_PARALLEL && r.uploads.rawPut.errors === 0,
    },
  ];
  return { targets, checks };
}

function print(rep: Report): void {
  const rows: [string, Burst][] = [
    ['A. one intake', rep.results.oneInstance],
    ['B. two intakes', rep.results.twoInstances],
    ['C. two, one killed', rep.results.twoInstancesOneKilled],
  ];
  console.log(
    `\nIntake deadline peak — ${rep.finishedAt} — ${rep.machine.cpu}, ${rep.machine.cores} cores\n`,
  );
  console.log(
    'burst              | offered | 2xx     | non-2xx | submits/s | p50 ms | p99 ms | max ms | offered in s',
  );
  for (const [n, b] of rows)
    console.log(
      `${n.padEnd(18)} | ${String(b.offered).padStart(7)} | ${String(b.receipted2xx).padStart(7)} | ${String(
        Object.values(b.non2xx).reduce((a, x) => a + x, 0) + b.errors,
      ).padStart(
        7,
      )} | ${String(b.submitsPerSec).padStart(9)} | ${String(b.p50Ms).padStart(6)} | ${String(b.p99Ms).padStart(6)} | ${String(
        b.maxMs,
      ).padStart(6)} | ${b.offeredWithinS}`,
    );
  for (const [n, b] of rows)
    if (b.check)
      console.log(
        `  ${n}: ${JSON.stringify(b.check)}${b.retried ? ` retried ${JSON.stringify(b.retried)}` : ''}`,
      );
  console.log(`raw INSERT (32 connections): ${rep.results.rawInsertNode.reqPerSec}/s`);
  const u = rep.results.uploads;
  console.log(
    `uploads of 1 MiB, ${UPLOAD_PARALLEL} at a time: raw PUT ${u.rawPut.mibPerSec} MiB/s, presigned PUT ${u.presignedPut.mibPerSec} MiB/s, confirm (stat + type + SHA-256) ${u.confirm.mibPerSec} MiB/s`,
  );
  printVerdicts(rep);
  for (const [n, b] of rows) if (b.cpu) console.log(formatCpu(n, b.cpu));
}

function save(rep: Report): void {
  const b = (x: Burst) =>
    `${x.receipted2xx}/${x.offered} receipted, ${x.submitsPerSec} submits/s, p50 ${x.p50Ms} ms, p99 ${x.p99Ms} ms, all offered in ${x.offeredWithinS} s`;
  const { json, readme } = saveResults(RESULTS_DIR, 'intake', rep, [
    `${rep.machine.cpu}, ${rep.machine.cores} cores, ${rep.machine.memoryGiB} GiB, Node ${rep.machine.node}, ${rep.machine.postgres.split(' on ')[0]}, NATS ${rep.machine.nats}, storage ${rep.machine.infra.s3}; load before ${rep.machine.loadBefore}. \`npm run bench:intake\`, ${UNITS} units, 100,000 submits per burst, ${CONNECTIONS} connections.`,
    '',
    `- A. one intake: ${b(rep.results.oneInstance)}`,
    `- B. two intakes: ${b(rep.results.twoInstances)}`,
    `- C. two intakes, one killed with SIGKILL at 40 % and restarted: ${b(rep.results.twoInstancesOneKilled)}; retried ${JSON.stringify(rep.results.twoInstancesOneKilled.retried)}`,
    `- D. raw INSERT, 32 connections: ${rep.results.rawInsertNode.reqPerSec}/s`,
    `- E. 1 MiB uploads, ${UPLOAD_PARALLEL} at a time: raw PUT ${rep.results.uploads.rawPut.mibPerSec} MiB/s, presigned PUT ${rep.results.uploads.presignedPut.mibPerSec} MiB/s, confirm ${rep.results.uploads.confirm.mibPerSec} MiB/s`,
    '',
    ...verdictItems(rep),
    '',
  ]);
  log(`wrote ${json} and ${readme}`);
}

// ---------- main ----------

async function main(): Promise<number> {
  const sys = await setUp();
  const loadBefore = round(os.loadavg()[0], 2);
  const minio = new Minio({
    endPoint: sys.s3.endPoint,
    port: sys.s3.port,
    useSSL: false,
    accessKey: sys.s3.accessKey,
    secretKey: sys.s3.secretKey,
    region: sys.s3.region,
    pathStyle: true,
  });
  log(`loading ${UNITS} units in ${UNITS / PER_GROUP} blocks…`);
  const tokens = await timedSetup('units and blocks', () => seedRegistry(sys));
  const evidence = await putEvidence(sys, minio);

  const measured = async (
    year: number,
    label: string,
    during?: (answered: number, total: number) => void,
  ) => {
    log(`${label}: ${UNITS * KINDS.length} drafts…`);
    const drafts = await timedSetup(`${label}: drafts`, () => seedDrafts(sys, year, evidence));
    log(`${label}: submitting ${drafts.length} through the gateway, ${CONNECTIONS} connections…`);
    const meter = cpuMeter({ ...sys.pids, ...intakePids(sys) });
    const commitsBefore = await commitCounters(sys);
    const b = await burst(sys, drafts, tokens, during ? (n) => during(n, drafts.length) : undefined);
    b.figures.cpu = meter(b.figures.submitsPerSec);
    // (a killed instance's counters are lost with it: figures for C cover the instances alive at the end)
    b.figures.groupCommits = commitFigures(commitsBefore, await commitCounters(sys));
    log(`${label}: group commits ${JSON.stringify(b.figures.groupCommits)}`);
    return { ...b, drafts };
  };

  const a = await measured(YEARS.A, 'A. one intake');
  a.figures.check = await check(sys, YEARS.A, a.receipts, 'a');
  log(
    `A: ${a.figures.submitsPerSec}/s, p99 ${a.figures.p99Ms} ms, check ${a.figures.check.pass ? 'ok' : 'FAILED'}`,
  );

  if (process.env.BENCH_PROFILE) {
    // Profiling run: burst A only; stopping intake writes its profile.
    for (const s of sys.intake) await stopService(s);
    log(`CPU profile of intake written to ${process.env.BENCH_PROFILE}`);
    return 0;
  }
  await addIntake(sys);
  const b = await measured(YEARS.B, 'B. two intakes');
  b.figures.check = await check(sys, YEARS.B, b.receipts, 'b');
  log(
    `B: ${b.figures.submitsPerSec}/s, p99 ${b.figures.p99Ms} ms, check ${b.figures.check.pass ? 'ok' : 'FAILED'}`,
  );

  let killed: ChildProcess | undefined;
  const c = await measured(YEARS.C, 'C. two intakes, one killed', (answered, total) => {
    if (killed || answered < total * KILL_AT) return;
    const victim = sys.intake.find((s) => !ended(s.child)) as RunningService;
    killed = victim.child;
    log(`C: kill -9 intake pid ${victim.child.pid} after ${answered} answers; restarting it in 1 s`);
    victim.child.kill('SIGKILL');
    setTimeout(() => void addIntake(sys).then((s) => log(`C: intake restarted (pid ${s.child.pid})`)), 1000);
  });
  log(`C: ${c.failed.length} answers were not receipts; retrying them with the same Idempotency-Key…`);
  const retried = await retry(sys, c.failed, tokens, c.receipts);
  c.figures.check = await check(sys, YEARS.C, c.receipts, 'c');
  c.figures.retried = {
    ...retried,
    sameReceiptAsStored: c.figures.check.receiptsStored - c.figures.check.differentNumber,
  };
  log(`C: check ${c.figures.check.pass ? 'ok' : 'FAILED'}`);

  log('D. raw INSERTs (32 connections, 2 s warm-up + 10 s)…');
  const rawInsertNode = await rawInsertRate(sys.dbUrl, 32, 2, 10);

  log('E. uploads…');
  const up = await uploads(sys);

  const results: Report['results'] = {
    oneInstance: a.figures,
    twoInstances: b.figures,
    twoInstancesOneKilled: c.figures,
    rawInsertNode,
    uploads: up,
  };
  const now = new Date();
  const rep: Report = {
    date: now.toISOString().slice(0, 10),
    finishedAt: now.toISOString(),
    settings: {
      units: UNITS,
      submissionsPerBurst: UNITS * KINDS.length,
      connections: CONNECTIONS,
      killAt: KILL_AT,
      uploadBytes: UPLOAD_BYTES,
      uploadParallel: UPLOAD_PARALLEL,
    },
    machine: await machineInfo(sys.dbUrl, sys.natsVersion, sys.infra, loadBefore),
    results,
    ...evaluate(results),
    setupSeconds,
  };
  print(rep);
  save(rep);
  emitResult({
    bench: 'intake',
    date: rep.date,
    finishedAt: rep.finishedAt,
    settings: rep.settings,
    machine: rep.machine,
    targets: rep.targets,
    checks: rep.checks,
    context: [
      { what: 'A: p99 of submit', value: results.oneInstance.p99Ms, unit: 'ms' },
      { what: 'B: p99 of submit', value: results.twoInstances.p99Ms, unit: 'ms' },
      { what: 'A: all offered within', value: results.oneInstance.offeredWithinS, unit: 's' },
      { what: 'B: all offered within', value: results.twoInstances.offeredWithinS, unit: 's' },
      { what: 'C (one killed): submits', value: results.twoInstancesOneKilled.submitsPerSec, unit: 'req/s' },
    ],
  });
  return exitCode(rep);
}

runBench(main, RUN_LIMIT_MS);

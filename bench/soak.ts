/**
 * Soak: `npm run bench:soak` — a steady mix for SOAK_SECONDS (default 600) against the whole
 * system, built and started from dist/ by tools/system.ts under its Supervisor, on the infrastructure
 * `npm start` would use (the machine's Postgres, NATS and an S3 server, or its own), with a fresh
 * database, NATS prefix and bucket.
 *
 * Offered at a fixed rate whatever the answers (open loop), every second, SOAK_RATE times:
 *   - 24 reads: a group's members in a year, a page of units, one created unit, a submission's receipts;
 *   - 6 unit creates (board), each with an Idempotency-Key;
 *   - 6 submits by a member's officer (drafts with a confirmed file made in SQL ahead of need),
 *     each with an Idempotency-Key.
 *
 * Reported: per operation the count, 2xx, errors (non-2xx, transport failures, timeouts, and calls
 * not sent because too many were already waiting) and p50/p99; each service's resident memory
 * (VmRSS from /proc/<pid>/status) at start, after the warm-up (a fifth of the run, 10–60 s) and at
 * the end, with samples every 10 s; restarts by the supervisor; units stored against creates
 * answered. Results: bench/results/soak-<UTC date>.json.
 *
 * Exit code 1 on any error, any restart, a store mismatch, or a service whose RSS at the end is
 * more than 30 % above its RSS after the warm-up. It has no ratio target (its checks are its
 * verdict); it prints one BENCH_RESULT line for `npm run bench:all`.
 */
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { LatePolicy, SubmissionKind } from '@tdkt/contracts';
import { addDays, todayInVietnam } from '@tdkt/domain';
import { confirmedDrafts, freePort } from '@tdkt/testing';
import { ROOT, secret, startSystem, SupervisedService, Supervisor } from '../tools/system';
import {
  benchInfra,
  buildServices,
  cleanups,
  emitResult,
  log,
  pgClient,
  quantile,
  round,
  runBench,
  SERVICES,
} from './lib';

const SECONDS = Number(process.env.SOAK_SECONDS ?? 600);
const RATE = Number(process.env.SOAK_RATE ?? 1);
const PER_SECOND = { read: 24 * RATE, create: 6 * RATE, submit: 6 * RATE };
const WARMUP_S = Math.min(60, Math.max(10, Math.round(SECONDS / 5)));
const SAMPLE_EVERY_S = 10;
const MAX_RSS_GROWTH = 0.3;
/** Calls of one operation allowed to wait at once; beyond it a call is not sent and counts as an error. */
const MAX_WAITING = 256;
const GROUP = 'khoi-kinh-te-ha-tinh';
/** A campaign year of the soak's own (the demo's are left alone). */
const YEAR = 2031;
const DRAFT_BATCH = 1000;
const RESULTS_DIR = join(ROOT, 'bench', 'results');

type Op = 'read' | 'create' | 'submit';

interface OpStats {
  count: number;
  ok: number;
  errors: number;
  statuses: Record<string, number>;
  firstError?: string;
  latenciesMs: number[];
}

const newStats = (): OpStats => ({ count: 0, ok: 0, errors: 0, statuses: {}, latenciesMs: [] });

/** Resident memory of a process in MiB (VmRSS), or NaN when it is gone. */
function rssMiB(pid: number | undefined): number {
  try {
    const m = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? round(Number(m[1]) / 1024, 1) : NaN;
  } catch {
    return NaN;
  }
}

async function call(
  baseUrl: string,
  method: string,
  path: string,
  token: string,
  opts: { body?: unknown; key?: string } = {},
): Promise<{ status: number; body: unknown }> {
  const headers: Record<string, string> = { authorization: `Bearer ${token}` };
  if (opts.key) headers['idempotency-key'] = opts.key;
  if (opts.body !== undefined) headers['content-type'] = 'application/json';
  const r = await fetch(`${baseUrl}${path}`, {
    method,
    headers,
    body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
    signal: AbortSignal.timeout(10_000),
  });
  const text = await r.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    /* not JSON */
  }
  return { status: r.status, body };
}

async function login(baseUrl: string, username: string, password: string): Promise<string> {
  const r = await fetch(`${baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (!r.ok) throw new Error(`login ${username}: ${r.status} ${await r.text()}`);
  return ((await r.json()) as { accessToken: string }).accessToken;
}

async function main(): Promise<number> {
  const loadBefore = round(os.loadavg()[0], 2);
  const infra = await benchInfra();
  buildServices(SERVICES);
  const restarts: string[] = [];
  const supervisor = new Supervisor({
    log: (m) => {
      restarts.push(m);
      log(`supervisor: ${m}`);
    },
  });
  cleanups.push({ what: 'stop services', run: () => supervisor.stop() });
  const demoPassword = secret(12);
  const { gateway } = await startSystem({
    databaseUrl: infra.db.url,
    natsUrl: infra.nats.url,
    natsPrefix: infra.prefix,
    gatewayPort: await freePort(),
    demoPassword,
    jwtSecret: secret(32),
    logLevel: 'warn',
    quiet: true,
    storage: infra.storage,
    supervisor,
  });
  const baseUrl = gateway.url;
  const services = supervisor.services;
  const rss = (): Record<string, number> =>
    Object.fromEntries(services.map((s: SupervisedService) => [s.label, rssMiB(s.child.pid)]));
  const rssAtStart = rss();

  // The soak's campaign: annual reports and evidence due in a month.
  const board = await login(baseUrl, 'board', demoPassword);
  const officer = await login(baseUrl, 'stc-hatinh', demoPassword);
  const base = `/api/v1/groups/${GROUP}/years/${YEAR}`;
  for (const [method, path, body] of [
    ['PUT', `${base}/campaign`, { title: `Khối kinh tế ${YEAR} (soak)`, latePolicy: LatePolicy.REFUSE }],
    [
      'POST',
      `${base}/campaign/milestones`,
      {
        code: 'annual-report-due',
        title: 'Báo cáo năm',
        dueOn: addDays(todayInVietnam(), 30),
        submissionKinds: [SubmissionKind.ANNUAL_REPORT, SubmissionKind.EVIDENCE],
      },
    ],
  ] as const) {
    const r = await call(baseUrl, method, path, board, { body, key: `soak-setup-${randomUUID()}` });
    if (r.status >= 300) throw new Error(`${method} ${path}: ${r.status} ${JSON.stringify(r.body)}`);
  }
  const me = (await call(baseUrl, 'GET', '/api/v1/auth/me', officer)).body as { unitId: string };
  const campaign = (await call(baseUrl, 'GET', `${base}/campaign`, officer)).body as {
    id: string;
    groupId: string;
  };

  // Drafts with a confirmed file, made in SQL a batch ahead of the submits.
  const db = await pgClient(infra.db.url);
  cleanups.push({ what: 'database client', run: () => db.end() });
  const drafts: string[] = [];
  let refilling: Promise<void> | undefined;
  const refill = (): Promise<void> =>
    (refilling ??= (async () => {
      drafts.push(
        ...(await confirmedDrafts(
          async (text, params) => (await db.query<{ id: string }>(text, params)).rows,
          {
            campaignId: campaign.id,
            groupId: campaign.groupId,
            year: YEAR,
            unitId: me.unitId,
            kind: SubmissionKind.EVIDENCE,
            n: DRAFT_BATCH,
            objectKey: 'soak/evidence.pdf',
          },
        )),
      );
    })().finally(() => (refilling = undefined)));
  await refill();

  const run = secret(4)
    .toLowerCase()
    .replace(/[^a-z0-9]/g, 'x');
  const stats: Record<Op, OpStats> = { read: newStats(), create: newStats(), submit: newStats() };
  const waiting: Record<Op, number> = { read: 0, create: 0, submit: 0 };
  const createdIds: string[] = [];
  const submitted: string[] = [];
  let created = 0;
  let reads = 0;

  const ops: Record<Op, () => Promise<{ status: number; body: unknown }> | undefined> = {
    read: () => {
      reads += 1;
      switch (reads % 4) {
        case 0:
          return call(baseUrl, 'GET', `/api/v1/groups/cum-tn-dhmt/members?year=2023`, board);
        case 1:
          return call(baseUrl, 'GET', `/api/v1/units?limit=20&offset=${reads % 80}`, board);
        case 2: {
          const id = createdIds[reads % Math.max(1, createdIds.length)];
          return call(baseUrl, 'GET', `/api/v1/units/${id ?? 'binh-dinh'}`, board);
        }
        default: {
          const id = submitted[reads % Math.max(1, submitted.length)];
          return id
            ? call(baseUrl, 'GET', `/api/v1/submissions/${id}/receipts`, officer)
            : call(baseUrl, 'GET', `/api/v1/units/binh-dinh/history`, board);
        }
      }
    },
    create: () => {
      created += 1;
      const code = `soak-${run}-${created}`;
      return call(baseUrl, 'POST', '/api/v1/units', board, {
        key: `soak-u-${code}`,
        body: { code, name: `Đơn vị soak ${created}`, kind: 'OTHER' },
      });
    },
    submit: () => {
      if (drafts.length < DRAFT_BATCH / 2) void refill();
      const id = drafts.shift();
      if (!id) return undefined;
      return call(baseUrl, 'POST', `/api/v1/submissions/${id}/submit`, officer, { key: `soak-s-${id}` });
    },
  };

  const issue = (op: Op): void => {
    const s = stats[op];
    s.count += 1;
    if (waiting[op] >= MAX_WAITING) {
      s.errors += 1;
      s.statuses.overload = (s.statuses.overload ?? 0) + 1;
      s.firstError ??= `more than ${MAX_WAITING} ${op} calls waiting`;
      return;
    }
    const t0 = performance.now();
    const p = ops[op]();
    if (!p) {
      s.errors += 1;
      s.statuses['no draft'] = (s.statuses['no draft'] ?? 0) + 1;
      s.firstError ??= 'no draft left to submit';
      return;
    }
    waiting[op] += 1;
    void p
      .then(
        (r) => {
          s.statuses[r.status] = (s.statuses[r.status] ?? 0) + 1;
          if (r.status >= 200 && r.status < 300) {
            s.ok += 1;
            s.latenciesMs.push(performance.now() - t0);
            const body = r.body as { id?: string; submissionId?: string };
            if (op === 'create' && body.id) createdIds.push(body.id);
            if (op === 'submit' && body.submissionId) submitted.push(body.submissionId);
          } else {
            s.errors += 1;
            s.firstError ??= `${r.status} ${JSON.stringify(r.body).slice(0, 200)}`;
          }
        },
        (e: Error) => {
          s.errors += 1;
          s.statuses[e.name] = (s.statuses[e.name] ?? 0) + 1;
          s.firstError ??= `${e.name}: ${e.message}`;
        },
      )
      .finally(() => (waiting[op] -= 1));
  };

  log(
    `soak: ${SECONDS} s of ${PER_SECOND.read} reads, ${PER_SECOND.create} creates and ${PER_SECOND.submit} ` +
      `submits a second (warm-up ${WARMUP_S} s)`,
  );
  const started = performance.now();
  const timers = (Object.keys(PER_SECOND) as Op[]).map((op) =>
    setInterval(() => issue(op), 1000 / PER_SECOND[op]),
  );
  const samples: { s: number; rssMiB: Record<string, number> }[] = [];
  let rssAfterWarmup: Record<string, number> = {};
  await new Promise<void>((resolve) => {
    let tick = 0;
    const sampler = setInterval(() => {
      tick += 1;
      const elapsed = Math.round((performance.now() - started) / 1000);
      if (tick === WARMUP_S) rssAfterWarmup = rss();
      if (tick % SAMPLE_EVERY_S === 0) {
        samples.push({ s: elapsed, rssMiB: rss() });
        const total = (Object.keys(stats) as Op[]).map((op) => `${op} ${stats[op].ok}/${stats[op].count}`);
        log(
          `${elapsed} s: ${total.join(', ')}; errors ${Object.values(stats).reduce((a, x) => a + x.errors, 0)}`,
        );
      }
      if (tick >= SECONDS) {
        clearInterval(sampler);
        resolve();
      }
    }, 1000);
  });
  for (const t of timers) clearInterval(t);
  const rssAtEnd = rss();
  // The calls still waiting are answered (each has a 10 s timeout).
  while (Object.values(waiting).some((n) => n > 0)) await new Promise((r) => setTimeout(r, 50));
  const elapsedS = (performance.now() - started) / 1000;

  const { rows } = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM registry.units WHERE code LIKE $1`,
    [`soak-${run}-%`],
  );
  const unitsStored = rows[0].n;

  const opReport = Object.fromEntries(
    (Object.keys(stats) as Op[]).map((op) => {
      const s = stats[op];
      const sorted = [...s.latenciesMs].sort((a, b) => a - b);
      return [
        op,
        {
          perSecond: PER_SECOND[op],
          count: s.count,
          ok: s.ok,
          errors: s.errors,
          statuses: s.statuses,
          p50Ms: round(quantile(sorted, 0.5), 2),
          p99Ms: round(quantile(sorted, 0.99), 2),
          firstError: s.firstError,
        },
      ];
    }),
  );
  const memory = Object.fromEntries(
    services.map((s) => {
      const warm = rssAfterWarmup[s.label];
      const end = rssAtEnd[s.label];
      return [
        s.label,
        {
          startMiB: rssAtStart[s.label],
          afterWarmupMiB: warm,
          endMiB: end,
          growthAfterWarmupPct: round(((end - warm) / warm) * 100, 1),
        },
      ];
    }),
  );
  const errors = Object.values(stats).reduce((a, s) => a + s.errors, 0);
  const checks = [
    { what: 'no errors (non-2xx, transport, timeout, overload)', pass: errors === 0 },
    { what: 'no service restarted', pass: restarts.length === 0 },
    {
      what: `units stored (${unitsStored}) = creates answered 2xx (${stats.create.ok})`,
      pass: unitsStored === stats.create.ok,
    },
    ...Object.entries(memory).map(([name, m]) => ({
      what: `${name}: RSS ${m.afterWarmupMiB} → ${m.endMiB} MiB after the warm-up (≤ +${MAX_RSS_GROWTH * 100} %)`,
      pass: Number.isFinite(m.growthAfterWarmupPct) && m.growthAfterWarmupPct <= MAX_RSS_GROWTH * 100,
    })),
  ];
  const date = new Date().toISOString().slice(0, 10);
  const report = {
    date,
    seconds: SECONDS,
    elapsedS: round(elapsedS, 1),
    warmupS: WARMUP_S,
    perSecond: PER_SECOND,
    machine: {
      cpu: os.cpus()[0]?.model.trim() ?? '?',
      cores: os.cpus().length,
      memoryGiB: round(os.totalmem() / 2 ** 30),
      node: process.version,
      infra: { postgres: infra.pg.source, nats: infra.nats.source, s3: infra.s3.source },
      loadBefore,
    },
    ops: opReport,
    memory,
    samples,
    restarts,
    unitsStored,
    checks,
  };

  console.log('');
  console.log('operation | offered | 2xx | errors | p50 ms | p99 ms');
  for (const [op, r] of Object.entries(opReport))
    console.log(`${op} | ${r.count} | ${r.ok} | ${r.errors} | ${r.p50Ms} | ${r.p99Ms}`);
  console.log('');
  console.log('service | RSS start MiB | after warm-up | end | growth %');
  for (const [name, m] of Object.entries(memory))
    console.log(`${name} | ${m.startMiB} | ${m.afterWarmupMiB} | ${m.endMiB} | ${m.growthAfterWarmupPct}`);
  console.log('');
  for (const c of checks) console.log(`${c.pass ? 'PASS' : 'FAIL'}  ${c.what}`);
  for (const [op, r] of Object.entries(opReport))
    if (r.firstError) console.log(`${op}: first error ${r.firstError}`);

  if (!existsSync(RESULTS_DIR)) mkdirSync(RESULTS_DIR, { recursive: true });
  const file = join(RESULTS_DIR, `soak-${date}.json`);
  writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
  log(`results: ${file}`);
  // No ratio target: the soak's verdict is its checks (errors, restarts, stored = answered, memory).
  emitResult({
    bench: 'soak',
    date,
    finishedAt: new Date().toISOString(),
    settings: { seconds: SECONDS, perSecond: PER_SECOND, warmupS: WARMUP_S },
    machine: report.machine,
    targets: [],
    checks,
    context: [
      ...Object.entries(opReport).map(([op, r]) => ({ what: `${op} p99`, value: r.p99Ms, unit: 'ms' })),
      ...Object.entries(memory).map(([name, m]) => ({
        what: `${name} RSS growth after warm-up`,
        value: m.growthAfterWarmupPct,
        unit: '%',
      })),
    ],
  });
  return checks.every((c) => c.pass) ? 0 : 1;
}

runBench(main, SECONDS * 1000 + 15 * 60_000);

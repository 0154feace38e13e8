/**
 * What the benchmarks share: closed-loop load, figures, the raw insert baseline, machine facts,
 * clean-up, results.
 */
import autocannon from 'autocannon';
import { ChildProcess, fork, spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { connect } from 'nats';
import { Client, Pool } from 'pg';

export const log = (m: string): void => console.log(`[bench] ${m}`);
export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
export const round = (x: number, digits = 1): number => Math.round(x * 10 ** digits) / 10 ** digits;

/** The q-quantile (0..1) of ascending `sorted`, nearest rank. */
export function quantile(sorted: number[], q: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}

/**
 * A connected pg client that survives its connection being ended from the server side (the database
 * is dropped WITH (FORCE) when the run is interrupted): the pending query fails, the process does not.
 */
export async function pgClient(url: string): Promise<Client> {
  // No client-side query timeout and no statement timeout: loaders and checks take what they take
  // on a slow machine (the run limit of `runBench` catches a hang). A benchmark fails only on its
  // own checks.
  const c = new Client({ connectionString: url, statement_timeout: 0, keepAlive: true });
  c.on('error', () => undefined);
  await c.connect();
  await c.query('SET statement_timeout = 0; SET lock_timeout = 0');
  return c;
}

/**
 * Runs a set-up step (loading data, seeding) and reports how long it took; it has no time bound of
 * its own. The seconds are kept in `setupSeconds` for the run's report.
 */
export const setupSeconds: Record<string, number> = {};
export async function timedSetup<T>(what: string, step: () => Promise<T>): Promise<T> {
  const t0 = performance.now();
  const out = await step();
  setupSeconds[what] = round((performance.now() - t0) / 1000, 1);
  log(`${what}: ${setupSeconds[what]} s`);
  return out;
}

/**
 * Builds the services from source with nx, its output kept in a log file (not in the benchmark's
 * output). Skipped when `npm run bench:all` built everything first (BENCH_BUILT=1).
 */
export function buildServices(projects: string[]): void {
  if (process.env.BENCH_BUILT === '1') {
    log(`services built by bench:all (${projects.join(', ')})`);
    return;
  }
  const file = join(os.tmpdir(), `bench-build-${process.pid}.log`);
  const t0 = performance.now();
  const fd = openSync(file, 'w');
  try {
    const nx = join(__dirname, '..', 'node_modules', 'nx', 'dist', 'bin', 'nx.js');
    const r = spawnSync(
      process.execPath,
      [nx, 'run-many', '-t', 'build', `--projects=${projects.join(',')}`, '--output-style=static'],
      {
        cwd: join(__dirname, '..'),
        stdio: ['ignore', fd, fd],
        env: { ...process.env, NX_NO_CLOUD: 'true', NX_TUI: 'false', NX_DAEMON: 'false' },
      },
    );
    if (r.status !== 0) {
      console.error(readFileSync(file, 'utf8').split('\n').slice(-40).join('\n'));
      throw new Error(`build failed (${projects.join(', ')}); log: ${file}`);
    }
  } finally {
    closeSync(fd);
  }
  log(`built ${projects.join(', ')} in ${round((performance.now() - t0) / 1000, 1)} s (log: ${file})`);
}

/** Cleanup steps, run once in reverse order: at the end, on an error, on Ctrl-C or at the run limit. */
export const cleanups: { what: string; run: () => Promise<void> }[] = [];
let cleaning: Promise<void> | undefined;

export function cleanUp(): Promise<void> {
  cleaning ??= (async () => {
    for (const step of cleanups.reverse()) {
      // Each step is bounded: one that hangs must not keep the next (dropping the database) from running.
      const timeout = sleep(20_000).then(() => {
        throw new Error('no end after 20 s');
      });
      await Promise.race([step.run(), timeout]).catch((e) =>
        console.error(`[bench] cleanup (${step.what}) failed: ${e instanceof Error ? e.message : e}`),
      );
    }
  })();
  return cleaning;
}

/** A child that already ended (e.g. Ctrl-C reached the whole process group) needs no stopping. */
export function ended(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null;
}

/**
 * The NATS echo responder (bench/nats-echo.ts) in a process of its own, subscribed: `flags` are
 * `coalesce` and `reply=<bytes>`.
 */
export async function startEcho(
  natsUrl: string,
  subject: string,
  flags: string[] = [],
): Promise<ChildProcess> {
  const args = [natsUrl, subject, ...flags];
  const child = fork(join(__dirname, 'nats-echo.ts'), args, {
    execArgv: ['-r', '@swc-node/register'],
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  await new Promise<void>((resolve, reject) => {
    const t = setTimeout(() => reject(new Error('nats-echo was not ready within 10 s')), 10_000);
    child.once('message', () => {
      clearTimeout(t);
      resolve();
    });
    child.once('exit', (code) => {
      clearTimeout(t);
      reject(new Error(`nats-echo exited (${code})`));
    });
  });
  return child;
}

export async function stopChild(child: ChildProcess): Promise<void> {
  if (ended(child)) return;
  await new Promise<void>((resolve) => {
    const t = setTimeout(() => child.kill('SIGKILL'), 5000);
    child.once('exit', () => {
      clearTimeout(t);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

// ---------- figures ----------

export interface LoadFigures {
  reqPerSec: number;
  p50Ms: number;
  p99Ms: number;
  /** Successful calls (2xx for HTTP). */
  ok: number;
  non2xx: number;
  /** Transport errors and timeouts. */
  errors: number;
  durationS: number;
}

export interface LoopResult {
  latenciesMs: number[];
  errors: number;
  firstError?: string;
  elapsedS: number;
}

/**
 * Keeps exactly `inFlight` calls of `op` going until `seconds` have passed (each worker starts a new
 * call as soon as its previous one ends) and times every call.
 */
export async function closedLoop(
  inFlight: number,
  seconds: number,
  op: (worker: number, n: number) => Promise<unknown>,
): Promise<LoopResult> {
  const start = performance.now();
  const until = start + seconds * 1000;
  const result: LoopResult = { latenciesMs: [], errors: 0, elapsedS: 0 };
  const worker = async (w: number): Promise<void> => {
    for (let n = 0; performance.now() < until; n += 1) {
      const t0 = performance.now();
      try {
        await op(w, n);
        result.latenciesMs.push(performance.now() - t0);
      } catch (e) {
        result.errors += 1;
        result.firstError ??= e instanceof Error ? e.message : String(e);
      }
    }
  };
  await Promise.all(Array.from({ length: inFlight }, (_, w) => worker(w)));
  result.elapsedS = (performance.now() - start) / 1000;
  return result;
}

/** req/s = completed calls ÷ elapsed seconds; p50/p99 by nearest rank over the successful calls. */
export function figures(
  latenciesMs: number[],
  elapsedS: number,
  counts: Omit<LoadFigures, 'reqPerSec' | 'p50Ms' | 'p99Ms' | 'durationS'>,
  completed = latenciesMs.length,
): LoadFigures {
  const sorted = [...latenciesMs].sort((a, b) => a - b);
  return {
    reqPerSec: round(completed / elapsedS),
    p50Ms: round(quantile(sorted, 0.5), 2),
    p99Ms: round(quantile(sorted, 0.99), 2),
    ...counts,
    durationS: round(elapsedS, 2),
  };
}

/**
 * A 3 s autocannon warm-up (discarded), then 10 s measured over the 200 responses only; `beforeRun`
 * starts whatever meters the measured part (CPU). req/s counts those 200s; p50/p99 by nearest rank.
 */
export async function measureOk(
  opts: autocannon.Options,
  digits: number,
  beforeRun?: () => void,
): Promise<{
  figures: { reqPerSec: number; p50Ms: number; p99Ms: number; non2xx: number; errors: number };
  res: autocannon.Result;
}> {
  await autocannon({ ...opts, duration: 3 });
  beforeRun?.();
  const latencies: number[] = [];
  const run = autocannon({ ...opts, duration: 10 });
  run.on('response', (_c, status, _b, ms) => {
    if (status === 200) latencies.push(ms);
  });
  const res = await run;
  latencies.sort((a, b) => a - b);
  const figures = {
    reqPerSec: round(latencies.length / res.duration),
    p50Ms: round(quantile(latencies, 0.5), digits),
    p99Ms: round(quantile(latencies, 0.99), digits),
    non2xx: res.non2xx,
    errors: res.errors,
  };
  return { figures, res };
}

export function loopFigures(r: LoopResult): LoadFigures {
  return figures(r.latenciesMs, r.elapsedS, { ok: r.latenciesMs.length, non2xx: 0, errors: r.errors });
}

export async function rawInsertRate(
  dbUrl: string,
  inFlight: number,
  warmupS: number,
  durationS: number,
): Promise<LoadFigures & { rowsChecked: boolean }> {
  const pool = new Pool({ connectionString: dbUrl, max: inFlight, query_timeout: 5000 });
  pool.on('error', () => undefined); // an idle connection ended (e.g. the database dropped on Ctrl-C)
  try {
    await pool.query(`CREATE TABLE IF NOT EXISTS bench_raw (
      id uuid DEFAULT gen_random_uuid() PRIMARY KEY,
      code text UNIQUE,
      name text,
      created_at timestamptz DEFAULT now()
    )`);
    const insert =
      (phase: string) =>
      (w: number, n: number): Promise<unknown> =>
        pool.query('INSERT INTO bench_raw (code, name) VALUES ($1, $2)', [
          `${phase}-${w}-${n}`,
          `Đơn vị thử nghiệm ${w}-${n}`,
        ]);
    await closedLoop(inFlight, warmupS, insert('warm'));
    const r = await closedLoop(inFlight, durationS, insert('raw'));
    if (r.firstError) log(`warning: raw inserts: ${r.errors} errors, first: ${r.firstError}`);
    const { rows } = await pool.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM bench_raw WHERE code LIKE 'raw-%'`,
    );
    return { ...loopFigures(r), rowsChecked: rows[0].n === r.latenciesMs.length };
  } finally {
    await pool.end();
  }
}

export interface Machine {
  cpu: string;
  cores: number;
  memoryGiB: number;
  os: string;
  node: string;
  postgres: string;
  nats: string;
  infra: Record<string, string>;
  /** 1-minute load average just before the measurements: other work on the machine skews them. */
  loadBefore: number;
}

export async function machineInfo(
  dbUrl: string,
  natsVersion: string,
  infra: Record<string, string>,
  loadBefore: number,
): Promise<Machine> {
  const c = await pgClient(dbUrl);
  try {
    const { rows } = await c.query<{ version: string }>('SELECT version()');
    const cpus = os.cpus();
    return {
      cpu: cpus[0]?.model.trim() ?? '?',
      cores: cpus.length,
      memoryGiB: round(os.totalmem() / 2 ** 30),
      os: `${os.type()} ${os.release()} ${os.arch()}`,
      node: process.version,
      postgres: rows[0].version,
      nats: natsVersion,
      infra,
      loadBefore,
    };
  } finally {
    await c.end();
  }
}

/**
 * Runs a benchmark's `main` with clean-up on the way out: at the end, on an error, on Ctrl-C and
 * at the run limit. The exit code is main's.
 */
export function runBench(main: () => Promise<number>, limitMs: number): void {
  let aborting = false;
  const abort = (why: string, code: number): void => {
    // A signal often arrives twice (to the process group, and forwarded by npm): clean up once.
    if (aborting) return;
    aborting = true;
    console.error(`[bench] ${why}; cleaning up`);
    void cleanUp().finally(() => process.exit(code));
  };
  process.on('SIGINT', () => abort('interrupted', 130));
  process.on('SIGTERM', () => abort('terminated', 143));
  const limit = setTimeout(() => abort(`run limit of ${limitMs / 60_000} min reached`, 2), limitMs);
  main()
    .catch((e) => {
      console.error(`[bench] failed: ${e instanceof Error ? (e.stack ?? e.message) : e}`);
      return 1;
    })
    .then(async (code) => {
      clearTimeout(limit);
      await cleanUp();
      process.exit(code);
    });
}

/** Deletes the JetStream streams of a run's prefix. */
export async function deleteStreams(natsUrl: string, prefix: string): Promise<void> {
  const nc = await connect({ servers: natsUrl, timeout: 3000, maxReconnectAttempts: 0 });
  try {
    const jsm = await nc.jetstreamManager({ timeout: 3000 });
    const ours = `${prefix.replace(/-/g, '_')}_`;
    const names: string[] = [];
    for await (const name of jsm.streams.names()) names.push(name);
    for (const name of names.filter((n) => n.startsWith(ours))) await jsm.streams.delete(name);
  } finally {
    await nc.close();
  }
}

/**
 * Runs `op` once per item with `parallel` workers, until the items or `seconds` run out, and
 * times every call (like closedLoop, over a finite list).
 */
export async function overItems<T>(
  items: readonly T[],
  parallel: number,
  seconds: number,
  op: (item: T) => Promise<unknown>,
): Promise<LoopResult> {
  const start = performance.now();
  const until = start + seconds * 1000;
  const result: LoopResult = { latenciesMs: [], errors: 0, elapsedS: 0 };
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length && performance.now() < until) {
      const item = items[next++];
      const t0 = performance.now();
      try {
        await op(item);
        result.latenciesMs.push(performance.now() - t0);
      } catch (e) {
        result.errors += 1;
        result.firstError ??= e instanceof Error ? e.message : String(e);
      }
    }
  };
  await Promise.all(Array.from({ length: parallel }, worker));
  result.elapsedS = (performance.now() - start) / 1000;
  return result;
}

/**
 * Postgres, NATS JetStream and S3 found or started (as `npm start` does), a fresh database and a
 * NATS prefix of the run's own; all of it is cleaned up with the run.
 */
export async function benchInfra() {
  const { createDatabase, ensureNats, ensurePostgres, ensureS3, runId } = await import('@tdkt/testing');
  const pg = await ensurePostgres(log);
  cleanups.push({ what: 'postgres', run: pg.stop });
  const nats = await ensureNats(log);
  cleanups.push({ what: 'nats', run: nats.stop });
  const s3 = await ensureS3(log);
  cleanups.push({ what: 's3', run: s3.stop });
  const db = await createDatabase(pg.adminUrl, 'bench');
  cleanups.push({ what: `drop database ${db.name}`, run: db.drop });
  const prefix = `b-${runId()}`;
  cleanups.push({ what: 'JetStream streams', run: () => deleteStreams(nats.url, prefix) });
  log(
    `postgres: ${pg.source}, nats: ${nats.source}, s3: ${s3.source}, database ${db.name}, prefix ${prefix}`,
  );
  const storage = {
    S3_ENDPOINT: `http://${s3.endPoint}:${s3.port}`,
    S3_ACCESS_KEY: s3.accessKey,
    S3_SECRET_KEY: s3.secretKey,
    S3_REGION: s3.region,
    S3_BUCKET: prefix,
  };
  return { pg, nats, s3, db, prefix, storage };
}

/**
 * Every service built and started from dist/ on the run's infrastructure (stopped at clean-up),
 * and the central board's authorization header.
 */
export async function benchSystem(infra: Awaited<ReturnType<typeof benchInfra>>) {
  const { secret, startSystem, stopService } = await import('../tools/system');
  const { freePort } = await import('@tdkt/testing');
  buildServices(SERVICES);
  const demoPassword = secret(12);
  const { gateway, services } = await startSystem({
    databaseUrl: infra.db.url,
    natsUrl: infra.nats.url,
    natsPrefix: infra.prefix,
    gatewayPort: await freePort(),
    demoPassword,
    jwtSecret: secret(32),
    logLevel: 'warn',
    quiet: true,
    storage: infra.storage,
  });
  cleanups.push({
    what: 'stop services',
    run: async () => {
      for (const s of services) if (!ended(s.child)) await stopService(s);
    },
  });
  const login = await fetch(`${gateway.url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'board', password: demoPassword }),
  });
  const auth = { authorization: `Bearer ${((await login.json()) as { accessToken: string }).accessToken}` };
  return { gateway, services, auth };
}

/** The services the benchmarks start (bench:all builds them once, before the first benchmark). */
export const SERVICES = ['gateway', 'registry', 'intake', 'scoring', 'awards'];

// ---------- results ----------

export interface TargetResult {
  what: string;
  value: number | string;
  target: string;
  pass: boolean;
}

export interface CheckResult {
  what: string;
  pass: boolean;
}

const verdict = (pass: boolean): string => (pass ? 'PASS' : 'FAIL');

/** The PASS/FAIL lines of the targets and checks, on the console. */
export function printVerdicts(rep: { targets: TargetResult[]; checks: CheckResult[] }): void {
  for (const t of rep.targets) console.log(`${verdict(t.pass)}  ${t.what}: ${t.value} (target ${t.target})`);
  for (const k of rep.checks) console.log(`${verdict(k.pass)}  ${k.what}`);
}

/** The same, as list items of a results section. */
export function verdictItems(rep: { targets: TargetResult[]; checks: CheckResult[] }): string[] {
  return [
    ...rep.targets.map((t) => `- ${verdict(t.pass)} ${t.what}: ${t.value} (target ${t.target})`),
    ...rep.checks.map((k) => `- ${verdict(k.pass)} ${k.what}`),
  ];
}

/**
 * Writes the report to `<dir>/<name>-<date>.json`, and its section (`## <name> <date>`, then
 * `lines`) to `<dir>/README.md`, in place of that date's section if there is one, else at the end.
 */
export function saveResults(
  dir: string,
  name: string,
  rep: { date: string },
  lines: string[],
): { json: string; readme: string } {
  if (!existsSync(dir)) mkdirSync(dir, { recursive: true });
  const json = join(dir, `${name}-${rep.date}.json`);
  writeFileSync(json, `${JSON.stringify(rep, null, 2)}\n`);
  const readme = join(dir, 'README.md');
  const section = [`## ${name} ${rep.date}`, '', ...lines].join('\n');
  let text = existsSync(readme) ? readFileSync(readme, 'utf8') : '# Benchmark results\n';
  const block = new RegExp(`## ${name} ${rep.date}\\n[\\s\\S]*?(?=\\n## |$)`);
  text = block.test(text) ? text.replace(block, section) : `${text.trimEnd()}\n\n${section}`;
  writeFileSync(readme, text);
  return { json, readme };
}

// ---------- ratios and the machine-readable result ----------

/** A figure of the run, with its unit (for context; targets are ratios of two of them). */
export interface Figure {
  what: string;
  value: number;
  unit: string;
}

/** A target: the measured figure ÷ its baseline, measured in the same run, against a bound. */
export interface RatioTarget extends TargetResult {
  value: number;
  measured: Figure;
  baseline: Figure;
}

/**
 * `measured ÷ baseline` against `bound` (`atLeast` for rates, `atMost` for times and sizes). A
 * missing or zero figure fails the target.
 */
export function ratioTarget(
  what: string,
  measured: Figure,
  baseline: Figure,
  bound: { atLeast: number } | { atMost: number },
): RatioTarget {
  const ratio = measured.value / baseline.value;
  const ok = Number.isFinite(ratio) && baseline.value > 0;
  const value = ok ? round(ratio, 3) : NaN;
  return 'atLeast' in bound
    ? { what, value, target: `≥ ${bound.atLeast}`, pass: ok && ratio >= bound.atLeast, measured, baseline }
    : { what, value, target: `≤ ${bound.atMost}`, pass: ok && ratio <= bound.atMost, measured, baseline };
}

/** 0 when every target and check passed, else 1: a missed ratio fails the run like a failed check. */
export function exitCode(rep: { targets: TargetResult[]; checks: CheckResult[] }): number {
  return [...rep.targets, ...rep.checks].every((k) => k.pass) ? 0 : 1;
}

/** What every benchmark hands to `npm run bench:all` (bench/all.ts) and prints as one line. */
export interface BenchResult {
  bench: string;
  date: string;
  finishedAt: string;
  /** QUICK or FULL (BENCH_MODE, set by bench:all), or the sizes a standalone run used. */
  mode: string;
  settings: Record<string, unknown>;
  machine: Partial<Machine>;
  /** Set-up steps (loading, seeding) and how long each took: context, never a failure. */
  setupSeconds: Record<string, number>;
  targets: (TargetResult & Partial<Pick<RatioTarget, 'measured' | 'baseline'>>)[];
  checks: CheckResult[];
  /** Absolute figures, for context only. */
  context: Figure[];
}

/**
 * Prints the run's result as one line (`BENCH_RESULT {…}`) and writes it to BENCH_RESULT_FILE when
 * set (bench:all sets it for each benchmark).
 */
export function emitResult(
  r: Omit<BenchResult, 'mode' | 'setupSeconds'> & { setupSeconds?: Record<string, number> },
): void {
  const out: BenchResult = {
    ...r,
    mode: process.env.BENCH_MODE ?? 'standalone',
    setupSeconds: { ...setupSeconds, ...r.setupSeconds },
  };
  const text = JSON.stringify(out);
  if (process.env.BENCH_RESULT_FILE) writeFileSync(process.env.BENCH_RESULT_FILE, `${text}\n`);
  console.log(`BENCH_RESULT ${text}`);
}

/** The 1-minute load average now (other work on the machine skews what follows). */
export const loadAverage = (): number => round(os.loadavg()[0], 2);

/**
 * Every benchmark in one go: `npm run bench:all` (QUICK, the default, 25 minutes on 2 cores on 2026-11-30)
 * or `npm run bench:all -- --full` (FULL: every benchmark at its recorded size, an estimated 40 minutes).
 *
 * Builds the services once (output in a log file, not in the benchmarks' output), then runs the
 * benchmarks one after the other, each as its own `npm run bench:…` with BENCH_BUILT=1, BENCH_MODE
 * and BENCH_RESULT_FILE set, and records the load average before each. Every benchmark hands back
 * its result (bench/lib.ts `emitResult`: ratios with their targets and baselines, checks, context);
 * one that does not (a benchmark written without bench/lib.ts) is read from its PASS/FAIL lines.
 * Writes bench/results/summary-<date>.md and .json: the machine, and per benchmark its load before,
 * duration, exit code, every ratio with its target and PASS/FAIL, and its checks, so that two days
 * are compared by their ratios. Exit code 1 when any benchmark failed (a check, a ratio, or a crash).
 *
 * QUICK differs from FULL only in sizes (BENCH_UNITS=2000 for intake, 100,000 XLSX rows only for
 * awards-memory, 120 s of soak); registry, scoring and awards run at their recorded size in both.
 * `BENCH_ONLY=registry,scoring` runs a subset. bench:documents and bench:notifications are run
 * when package.json has them. `--summarize bench/results/summary-<date>.json` writes a recorded
 * run's .md again. A benchmark that started with the load average above the core count is marked
 * busy: its ratios are not comparable with a quiet run's.
 */
import { spawn, spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { BenchResult, buildServices, round, SERVICES } from './lib';

const ROOT = join(__dirname, '..');
const RESULTS_DIR = join(ROOT, 'bench', 'results');
const FULL = process.argv.includes('--full') || process.env.BENCH_FULL === '1';
const MODE = FULL ? 'FULL' : 'QUICK';

interface Entry {
  name: string;
  script: string;
  /** Environment of the QUICK mode (FULL: none, every benchmark at its recorded size). */
  quick: Record<string, string>;
  /** Uses bench/lib.ts: honours BENCH_BUILT (the services built once here). */
  ours: boolean;
}

const BENCHES: Entry[] = [
  { name: 'registry', script: 'bench', quick: {}, ours: true },
  { name: 'intake', script: 'bench:intake', quick: { BENCH_UNITS: '2000' }, ours: true },
  { name: 'scoring', script: 'bench:scoring', quick: {}, ours: true },
  { name: 'awards', script: 'bench:awards', quick: {}, ours: true },
  {
    name: 'awards-memory',
    script: 'bench:awards-memory',
    quick: { BENCH_SIZES: '100000', BENCH_CSV: '0' },
    ours: true,
  },
  { name: 'soak', script: 'bench:soak', quick: { SOAK_SECONDS: '120' }, ours: true },
  // Written by other engineers; run when package.json has them.
  { name: 'documents', script: 'bench:documents', quick: { BENCH_QUICK: '1' }, ours: false },
  { name: 'notifications', script: 'bench:notifications', quick: { BENCH_QUICK: '1' }, ours: false },
];

interface Ran {
  name: string;
  script: string;
  env: Record<string, string>;
  loadBefore: [number, number, number];
  startedAt: string;
  seconds: number;
  exitCode: number | null;
  log: string;
  result: BenchResult | null;
  /** PASS/FAIL lines read from the output when the benchmark handed back no result. */
  verdictLines: { what: string; pass: boolean }[];
  pass: boolean;
}

const loadavg = (): [number, number, number] =>
  os.loadavg().map((x) => round(x, 2)) as [number, number, number];

function machine() {
  const cpus = os.cpus();
  const pg = spawnSync('psql', ['-h', '127.0.0.1', '-U', 'postgres', '-Atc', 'SHOW server_version'], {
    encoding: 'utf8',
  });
  return {
    cpu: cpus[0]?.model.trim() ?? '?',
    cores: cpus.length,
    memoryGiB: round(os.totalmem() / 2 ** 30),
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    postgres: pg.status === 0 ? pg.stdout.trim() : '?',
    hostname: os.hostname(),
  };
}

/** Runs one benchmark, its output both on the console and in its log file. */
function run(e: Entry, dir: string): Promise<Ran> {
  const resultFile = join(dir, `${e.name}.result.json`);
  const logFile = join(dir, `${e.name}.log`);
  // A size set in the environment wins over the mode's (e.g. SOAK_SECONDS=30 for a trial).
  const sizes = Object.fromEntries(
    Object.entries(FULL ? {} : e.quick).map(([k, v]) => [k, process.env[k] ?? v]),
  );
  const env: Record<string, string> = { ...sizes, BENCH_MODE: MODE };
  const loadBefore = loadavg();
  const startedAt = new Date().toISOString();
  console.log(
    `\n[bench:all] ${e.name} (npm run ${e.script}${Object.entries(env)
      .map(([k, v]) => ` ${k}=${v}`)
      .join('')}), load before ${loadBefore.join(' ')}`,
  );
  const out = createWriteStream(logFile);
  const t0 = performance.now();
  let text = '';
  return new Promise((resolve) => {
    const child = spawn('npm', ['run', '--silent', e.script], {
      cwd: ROOT,
      env: {
        ...process.env,
        ...env,
        BENCH_RESULT_FILE: resultFile,
        ...(e.ours ? { BENCH_BUILT: '1' } : {}),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const take = (chunk: Buffer, to: NodeJS.WriteStream) => {
      out.write(chunk);
      to.write(chunk);
      text += chunk.toString();
    };
    child.stdout.on('data', (c: Buffer) => take(c, process.stdout));
    child.stderr.on('data', (c: Buffer) => take(c, process.stderr));
    child.on('close', (code) => {
      out.end();
      let result: BenchResult | null = null;
      if (existsSync(resultFile)) result = JSON.parse(readFileSync(resultFile, 'utf8')) as BenchResult;
      else {
        const line = text.split('\n').find((l) => l.startsWith('BENCH_RESULT '));
        if (line) result = JSON.parse(line.slice('BENCH_RESULT '.length)) as BenchResult;
      }
      result ??= fromOwnJson(e.name, startedAt);
      const verdictLines = result
        ? []
        : [...text.matchAll(/^\s*(?:\[\w+\]\s*)?(?:- )?(PASS|FAIL|MET|MISS|OK)\s+(.+)$/gm)].map((m) => ({
            what: m[2].trim(),
            pass: m[1] === 'PASS' || m[1] === 'MET' || m[1] === 'OK',
          }));
      const allPass = result
        ? [...result.targets, ...result.checks].every((k) => k.pass)
        : verdictLines.every((k) => k.pass);
      resolve({
        name: e.name,
        script: e.script,
        env,
        loadBefore,
        startedAt,
        seconds: round((performance.now() - t0) / 1000, 0),
        exitCode: code,
        log: logFile,
        result,
        verdictLines,
        pass: code === 0 && allPass,
      });
    });
  });
}

/**
 * A benchmark written without bench/lib.ts: its own results file of this run
 * (bench/results/<name>-<date>[-quick].json, written after it started), read as far as it has
 * `targets` ({what, value, target, met|pass}) and `checks` (a list of {what, ok|pass} or an object
 * of booleans).
 */
function fromOwnJson(name: string, startedAt: string): BenchResult | null {
  const date = startedAt.slice(0, 10);
  const file = [`${name}-${date}-quick.json`, `${name}-${date}.json`]
    .map((f) => join(RESULTS_DIR, f))
    .filter((f) => existsSync(f) && statSync(f).mtime.toISOString() >= startedAt)[0];
  if (!file) return null;
  const j = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  const list = (x: unknown): Record<string, unknown>[] =>
    Array.isArray(x) ? (x as Record<string, unknown>[]) : [];
  const ok = (x: Record<string, unknown>): boolean => (x.pass ?? x.met ?? x.ok) === true;
  const checks =
    j.checks && !Array.isArray(j.checks) && typeof j.checks === 'object'
      ? Object.entries(j.checks as Record<string, unknown>).map(([what, v]) => ({ what, pass: v === true }))
      : list(j.checks).map((c) => ({ what: String(c.what ?? c.name ?? '?'), pass: ok(c) }));
  return {
    bench: name,
    date,
    finishedAt: '',
    mode: MODE,
    settings: { from: file },
    machine: (j.machine ?? {}) as BenchResult['machine'],
    setupSeconds: {},
    targets: list(j.targets).map((t) => ({
      what: String(t.what ?? '?'),
      value: t.value as number,
      target: String(t.target ?? ''),
      pass: ok(t),
    })),
    checks,
    context: [],
  };
}

const verdict = (pass: boolean): string => (pass ? 'PASS' : 'FAIL');
const cell = (s: unknown): string => String(s).replace(/\|/g, '\\|');

/** Other work on the machine: more runnable tasks than cores before the benchmark started. */
const busy = (r: Ran, cores: number): boolean => r.loadBefore[0] > cores;

function markdown(
  date: string,
  mode: string,
  m: ReturnType<typeof machine>,
  ran: Ran[],
  totalS: number,
  buildS: number,
) {
  const busyOnes = ran.filter((r) => busy(r, m.cores)).map((r) => r.name);
  const lines = [
    `# Benchmarks ${date} (${mode})`,
    '',
    `\`npm run bench:all${mode === 'FULL' ? ' -- --full' : ''}\`: ${ran.length} benchmarks one after the other in ${round(totalS / 60, 1)} min (build ${buildS} s before, not measured). Every target is a ratio to a baseline measured in the same run (bench/README.md says why each baseline); absolute figures are context. Compare days by the ratios.`,
    '',
    ...(busyOnes.length
      ? [
          `**Load above the ${m.cores} cores** before ${busyOnes.join(', ')}: other work on the machine, or the 1-minute average still counting the previous benchmark's own processes (it decays over minutes). A ratio holds when the whole machine is slower, not when other processes take turns with the services: the full path (gateway, NATS, a service, Postgres, several processes) loses more to that than a two-process baseline does. Those ratios are not comparable with a quiet run's.`,
          '',
        ]
      : []),
    '| machine | |',
    '| --- | --- |',
    `| CPU | ${m.cpu}, ${m.cores} cores |`,
    `| memory | ${m.memoryGiB} GiB |`,
    `| OS | ${m.os} |`,
    `| Node | ${m.node} |`,
    `| Postgres | ${m.postgres} |`,
    '',
    '| benchmark | mode settings | load before (1/5/15 min) | duration | exit | result |',
    '| --- | --- | --- | --- | --- | --- |',
    ...ran.map(
      (r) =>
        `| ${r.name} | ${
          Object.entries(r.env)
            .filter(([k]) => k !== 'BENCH_MODE')
            .map(([k, v]) => `${k}=${v}`)
            .join(' ') || '—'
        } | ${r.loadBefore.join(' / ')}${busy(r, m.cores) ? ' (busy)' : ''} | ${round(r.seconds / 60, 1)} min | ${r.exitCode} | ${verdict(r.pass)} |`,
    ),
    '',
    '## Ratios',
    '',
    '| benchmark | ratio | value | target | result | measured | baseline (same run) |',
    '| --- | --- | --- | --- | --- | --- | --- |',
  ];
  for (const r of ran)
    for (const t of r.result?.targets ?? [])
      lines.push(
        `| ${r.name} | ${cell(t.what)} | ${t.value} | ${t.target} | ${verdict(t.pass)} | ${
          t.measured ? cell(`${t.measured.what}: ${t.measured.value} ${t.measured.unit}`) : '—'
        } | ${t.baseline ? cell(`${t.baseline.what}: ${t.baseline.value} ${t.baseline.unit}`) : '—'} |`,
      );
  lines.push('', '## Checks', '');
  for (const r of ran) {
    const checks = r.result?.checks ?? r.verdictLines;
    const failed = checks.filter((k) => !k.pass);
    lines.push(
      `- **${r.name}**: ${checks.length - failed.length} of ${checks.length} pass${
        failed.length ? `; FAIL: ${failed.map((k) => k.what).join('; ')}` : ''
      }${r.result ? '' : ' (no BENCH_RESULT: read from its PASS/FAIL lines)'}${
        r.exitCode !== 0 ? ` (exit code ${r.exitCode}; log ${r.log})` : ''
      }`,
    );
  }
  lines.push('', '## Context (absolute figures of this run; not targets)', '');
  for (const r of ran) {
    const ctx = r.result?.context ?? [];
    const setup = Object.entries(r.result?.setupSeconds ?? {});
    if (!ctx.length && !setup.length) continue;
    lines.push(
      `- **${r.name}**: ${[
        ...ctx.map((c) => `${c.what} ${c.value}${c.unit ? ` ${c.unit}` : ''}`),
        ...setup.map(([k, v]) => `set-up: ${k} ${v} s`),
      ].join('; ')}`,
    );
  }
  return `${lines.join('\n')}\n`;
}

async function main(): Promise<number> {
  const t0 = performance.now();
  const date = new Date().toISOString().slice(0, 10);
  const scripts = (
    JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }
  ).scripts;
  const only = process.env.BENCH_ONLY?.split(',').map((s) => s.trim());
  const list = BENCHES.filter((e) => scripts[e.script] && (!only || only.includes(e.name)));
  const skipped = BENCHES.filter((e) => !scripts[e.script]).map((e) => e.script);
  const m = machine();
  const dir = join(os.tmpdir(), `bench-all-${new Date().toISOString().replace(/[:.]/g, '-')}`);
  mkdirSync(dir, { recursive: true });
  console.log(
    `[bench:all] ${MODE}: ${list.map((e) => e.name).join(', ')}${skipped.length ? ` (not in package.json: ${skipped.join(', ')})` : ''}`,
  );
  console.log(`[bench:all] ${m.cpu}, ${m.cores} cores, ${m.memoryGiB} GiB, Node ${m.node}; logs in ${dir}`);
  const b0 = performance.now();
  process.env.BENCH_BUILT = '';
  buildServices(SERVICES);
  const buildS = round((performance.now() - b0) / 1000, 0);
  const ran: Ran[] = [];
  for (const e of list) {
    ran.push(await run(e, dir));
    const r = ran[ran.length - 1];
    console.log(
      `[bench:all] ${e.name}: ${verdict(r.pass)} in ${round(r.seconds / 60, 1)} min (exit ${r.exitCode})`,
    );
  }
  const totalS = (performance.now() - t0) / 1000;
  mkdirSync(RESULTS_DIR, { recursive: true });
  const md = markdown(date, MODE, m, ran, totalS, buildS);
  const base = join(RESULTS_DIR, `summary-${date}`);
  writeFileSync(`${base}.md`, md);
  writeFileSync(
    `${base}.json`,
    `${JSON.stringify({ date, mode: MODE, minutes: round(totalS / 60, 1), buildSeconds: buildS, machine: m, benchmarks: ran }, null, 2)}\n`,
  );
  console.log(`\n${md}`);
  console.log(`[bench:all] wrote ${base}.md and .json in ${round(totalS / 60, 1)} min`);
  return ran.every((r) => r.pass) ? 0 : 1;
}

/** `--summarize <summary-….json>`: writes the .md of a recorded run again (e.g. after this file's rendering changed). */
function summarize(file: string): number {
  const j = JSON.parse(readFileSync(file, 'utf8')) as {
    date: string;
    mode: string;
    minutes: number;
    buildSeconds: number;
    machine: ReturnType<typeof machine>;
    benchmarks: Ran[];
  };
  const md = markdown(j.date, j.mode, j.machine, j.benchmarks, j.minutes * 60, j.buildSeconds);
  writeFileSync(file.replace(/\.json$/, '.md'), md);
  console.log(md);
  return j.benchmarks.every((r) => r.pass) ? 0 : 1;
}

const summarizeAt = process.argv.indexOf('--summarize');
(summarizeAt >= 0 ? Promise.resolve(summarize(process.argv[summarizeAt + 1])) : main()).then(
  (code) => process.exit(code),
  (e) => {
    console.error(`[bench:all] failed: ${e instanceof Error ? (e.stack ?? e.message) : e}`);
    process.exit(1);
  },
);

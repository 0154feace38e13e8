/**
 * Memory of the awards service while it imports a large records file: `npm run bench:awards-memory`
 * (or `node -r @swc-node/register bench/awards-import-memory.ts`), about 5 minutes on 2 cores.
 *
 * Builds gateway, registry and awards and starts them from dist/ on the run's own database, NATS
 * prefix and bucket (awards as its own process). Writes record files as officials' spreadsheets
 * (exceljs's streaming writer with shared strings, as Excel writes them): 100,000 and 400,000 rows
 * of XLSX, and 400,000 rows of CSV. For each file it starts a fresh awards process, lets it settle,
 * then imports the file through the storage path (presigned PUT, `POST …/uploads/{id}/import` →
 * 202, the `records-import` job, the upload polled until DONE) while it reads the process's
 * `VmRSS` from /proc/<pid>/status every 100 ms. It records the idle RSS, the peak during the
 * import, the kernel's high-water mark (`VmHWM`), the import's time, and checks that every row is
 * stored. Targets are ratios to a baseline of the same run: the peak RSS of each import ÷ the same
 * process's idle RSS just before it (≤ 1.5: what the import adds, whatever the machine's V8 and
 * allocator make of an idle service). Peak RSS under 256 MiB (issue 12) stays a check: memory is
 * not a speed of the machine. Exit code 1 when a check or a ratio fails.
 * BENCH_SIZES=100000,400000 and BENCH_CSV=0 make a shorter run.
 */
import ExcelJS from 'exceljs';
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream, readFileSync, rmSync, statSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { once } from 'node:events';
import { connect } from 'nats';
import { awardByCode, RECORD_COLUMNS } from '@tdkt/domain';
import { ROOT } from '../tools/system';
import {
  benchInfra,
  buildServices,
  cleanups,
  emitResult,
  exitCode,
  ended,
  log,
  machineInfo,
  pgClient,
  printVerdicts,
  ratioTarget,
  round,
  runBench,
  saveResults,
  sleep,
  verdictItems,
} from './lib';

const MiB = 2 ** 20;
const TARGET_MIB = 256;
/** Peak RSS during an import ÷ the process's idle RSS before it (bench/README.md). */
const TARGET_PEAK_VS_IDLE = 1.5;
const SIZES = (process.env.BENCH_SIZES ?? '100000,400000').split(',').map(Number);
const WITH_CSV = process.env.BENCH_CSV !== '0';
const RESULTS_DIR = join(ROOT, 'bench', 'results');
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const CODES = [
  'BK-CHU-TICH-TINH',
  'CSTD-BO-TINH',
  'TT-LAO-DONG-XUAT-SAC',
  'CO-THI-DUA-TINH',
  'BK-THU-TUONG',
  'HC-LAO-DONG-3',
  'LAO-DONG-TIEN-TIEN',
  'CSTD-CO-SO',
  'GIAY-KHEN',
];
const CATEGORIES = ['Người lao động trực tiếp', 'Lãnh đạo, quản lý', 'Nông dân', 'Khác'];

interface FileSpec {
  label: string;
  kind: 'xlsx' | 'csv';
  rows: number;
}

/** A recipient kind the award type allows (collective-only and individual-only types exist). */
function kindFor(code: string, i: number): 'Tập thể' | 'Cá nhân' {
  const allowed = awardByCode(code)?.recipients ?? 'BOTH';
  if (allowed === 'COLLECTIVE') return 'Tập thể';
  if (allowed === 'INDIVIDUAL') return 'Cá nhân';
  return i % 5 === 0 ? 'Tập thể' : 'Cá nhân';
}

/** Line i of a file: a distinct decision, recipient and unit; dates over the first half of 2026. */
function line(tag: string, i: number, units: string[]): string[] {
  const code = CODES[i % CODES.length];
  const kind = kindFor(code, i);
  const day = new Date(Date.UTC(2026, 0, 1 + (i % 180))).toISOString().slice(0, 10);
  return [
    `${i}/QĐ-${tag}`,
    day,
    'Ủy ban nhân dân tỉnh',
    code,
    kind,
    kind === 'Tập thể' ? `Phòng ${i} Sở Nội vụ` : `Nguyễn Thị Người Nhập ${i}`,
    units[i % units.length],
    kind === 'Tập thể' ? '' : CATEGORIES[i % CATEGORIES.length],
  ];
}

/** Writes the file with bounded memory (exceljs's streaming writer; CSV line by line). */
async function writeFile(dir: string, f: FileSpec, units: string[]): Promise<string> {
  const path = join(dir, `khen-thuong-${f.label}.${f.kind}`);
  const tag = f.label.toUpperCase();
  if (f.kind === 'xlsx') {
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({
      filename: path,
      useSharedStrings: true,
      useStyles: false,
    });
    const ws = wb.addWorksheet('Khen thưởng');
    ws.addRow([...RECORD_COLUMNS]).commit();
    for (let i = 0; i < f.rows; i += 1) ws.addRow(line(tag, i, units)).commit();
    ws.commit();
    await wb.commit();
    return path;
  }
  const out = createWriteStream(path);
  const quote = (c: string) => (/[",\r\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c);
  const write = async (cells: readonly string[]) => {
    if (!out.write(`${cells.map(quote).join(',')}\r\n`)) await once(out, 'drain');
  };
  await write(RECORD_COLUMNS);
  for (let i = 0; i < f.rows; i += 1) await write(line(tag, i, units));
  out.end();
  await once(out, 'finish');
  return path;
}

async function sha256Of(path: string): Promise<string> {
  const h = createHash('sha256');
  for await (const chunk of createReadStream(path)) h.update(chunk as Buffer);
  return h.digest('hex');
}

/** VmRSS and VmHWM of a process, in bytes (undefined once it is gone). */
function memoryOf(pid: number): { rss: number; hwm: number } | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (name: string) =>
      Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN) * 1024;
    return { rss: kb('VmRSS'), hwm: kb('VmHWM') };
  } catch {
    return undefined;
  }
}

/** Samples a process's VmRSS every `everyMs` until stopped: the peak and the samples. */
function sampler(pid: number, everyMs = 100) {
  let peak = 0;
  const samples: { t: number; rssMiB: number }[] = [];
  const t0 = performance.now();
  const timer = setInterval(() => {
    const m = memoryOf(pid);
    if (!m) return;
    peak = Math.max(peak, m.rss);
    samples.push({ t: round((performance.now() - t0) / 1000, 1), rssMiB: round(m.rss / MiB) });
  }, everyMs);
  return {
    stop: () => {
      clearInterval(timer);
      const m = memoryOf(pid);
      if (m) peak = Math.max(peak, m.rss);
      return { peak, hwm: m?.hwm ?? NaN, samples };
    },
  };
}

async function main(): Promise<number> {
  const infra = await benchInfra();
  const { db, nats, pg, prefix, storage } = infra;
  const { secret, startService, stopService } = await import('../tools/system');
  const { freePort } = await import('@tdkt/testing');
  buildServices(['gateway', 'registry', 'awards']);
  const common = { NATS_URL: nats.url, NATS_PREFIX: prefix, LOG_LEVEL: 'warn' };
  const demoPassword = secret(12);
  const started: Awaited<ReturnType<typeof startService>>[] = [];
  cleanups.push({
    what: 'stop services',
    run: async () => {
      for (const s of started.reverse()) if (!ended(s.child)) await stopService(s);
    },
  });
  const launch = async (name: string, env: Record<string, string>, port?: number) => {
    const s = await startService(
      { name, port: port ?? (await freePort()), env: { ...common, ...env } },
      { quiet: true },
    );
    started.push(s);
    return s;
  };
  await launch('registry', { DATABASE_URL: db.url, REGISTRY_SEED_DEMO: 'true', DEMO_PASSWORD: demoPassword });
  const gateway = await launch('gateway', { JWT_SECRET: secret(32) });
  const login = await fetch(`${gateway.url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'board', password: demoPassword }),
  });
  const auth = { authorization: `Bearer ${((await login.json()) as { accessToken: string }).accessToken}` };

  const c = await pgClient(db.url);
  const units = (
    await c.query<{ code: string }>(
      `SELECT code FROM registry.units WHERE kind IN ('PROVINCE', 'CITY')
       AND (valid_from IS NULL OR valid_from <= '2026-01-01') AND (valid_to IS NULL OR valid_to >= '2026-01-01') ORDER BY code`,
    )
  ).rows.map((r) => r.code);
  await c.end();

  const dir = await mkdtemp(join(os.tmpdir(), 'awards-memory-'));
  cleanups.push({ what: 'remove files', run: async () => rmSync(dir, { recursive: true, force: true }) });
  const files: FileSpec[] = [
    ...SIZES.map((rows) => ({ label: `${rows / 1000}k-xlsx`, kind: 'xlsx' as const, rows })),
    ...(WITH_CSV
      ? [{ label: `${Math.max(...SIZES) / 1000}k-csv`, kind: 'csv' as const, rows: Math.max(...SIZES) }]
      : []),
  ];
  const loadBefore = round(os.loadavg()[0], 2);
  const runs = [];
  for (const f of files) {
    log(`writing ${f.rows} rows as ${f.kind.toUpperCase()}…`);
    const path = await writeFile(dir, f, units);
    const size = statSync(path).size;
    const sha256 = await sha256Of(path);

    log(`starting a fresh awards process for ${f.label}…`);
    const awards = await launch('awards', { DATABASE_URL: db.url, ...storage });
    const pid = awards.child.pid as number;
    await sleep(3000);
    const idle = memoryOf(pid);

    const ticket = (await (
      await fetch(`${gateway.url}/api/v1/awards/records/uploads`, {
        method: 'POST',
        headers: { ...auth, 'content-type': 'application/json' },
        body: JSON.stringify({
          fileName: `khen-thuong-${f.label}.${f.kind}`,
          contentType: f.kind === 'xlsx' ? XLSX : 'text/csv',
          size,
          sha256,
        }),
      })
    ).json()) as { id: string; upload: { url: string; headers: Record<string, string> } };
    const put = await fetch(ticket.upload.url, {
      method: 'PUT',
      body: new Uint8Array(readFileSync(path)),
      headers: ticket.upload.headers,
    });
    await put.arrayBuffer();
    if (!put.ok) throw new Error(`PUT to storage: ${put.status}`);

    log(`importing ${f.label} (${round(size / MiB)} MiB) through the records-import job…`);
    const meter = sampler(pid);
    const t0 = performance.now();
    const start = await fetch(`${gateway.url}/api/v1/awards/records/uploads/${ticket.id}/import`, {
      method: 'POST',
      headers: auth,
    });
    const location = start.headers.get('location');
    await start.arrayBuffer();
    if (start.status !== 202 || !location) throw new Error(`import answered ${start.status}`);
    let view: {
      status: string;
      processedRows: number;
      totalRows: number | null;
      error: string | null;
      job: unknown;
    };
    for (;;) {
      await sleep(500);
      view = (await (await fetch(`${gateway.url}${location}`, { headers: auth })).json()) as typeof view;
      if (view.status === 'DONE' || view.status === 'FAILED') break;
      if (performance.now() - t0 > 15 * 60_000) throw new Error(`${f.label}: no end after 15 minutes`);
    }
    const seconds = round((performance.now() - t0) / 1000, 1);
    const m = meter.stop();
    if (view.status !== 'DONE') log(`${f.label} FAILED: ${view.error}`);
    const q = await pgClient(db.url);
    const stored = Number(
      (
        await q.query(`SELECT count(*) n FROM awards.records WHERE decision_number LIKE $1`, [
          `%/QĐ-${f.label.toUpperCase()}`,
        ])
      ).rows[0].n,
    );
    await q.end();
    const run = {
      file: f.label,
      kind: f.kind,
      rows: f.rows,
      fileMiB: round(size / MiB),
      idleRssMiB: round((idle?.rss ?? NaN) / MiB),
      peakRssMiB: round(m.peak / MiB),
      hwmMiB: round(m.hwm / MiB),
      importSeconds: seconds,
      rowsPerSecond: round(f.rows / seconds, 0),
      status: view.status,
      stored,
      samples: m.samples.filter((_, i) => i % 10 === 0),
    };
    log(
      `${f.label}: peak RSS ${run.peakRssMiB} MiB (idle ${run.idleRssMiB}, VmHWM ${run.hwmMiB}), ${seconds} s, ${stored} rows stored`,
    );
    runs.push(run);
    await stopService(awards);
    started.splice(started.indexOf(awards), 1);
    rmSync(path, { force: true });
  }

  const nc = await connect({ servers: nats.url });
  const natsVersion = nc.info?.version ?? '?';
  await nc.close();
  const now = new Date();
  const rep = {
    date: now.toISOString().slice(0, 10),
    finishedAt: now.toISOString(),
    settings: { sizes: SIZES, csv: WITH_CSV, sampleEveryMs: 100, targetMiB: TARGET_MIB },
    machine: await machineInfo(db.url, natsVersion, { postgres: pg.source, nats: nats.source }, loadBefore),
    runs,
    targets: runs.map((r) =>
      ratioTarget(
        `peak RSS of awards importing ${r.rows.toLocaleString('en')} ${r.kind.toUpperCase()} rows ÷ its idle RSS before (MiB)`,
        { what: 'peak RSS during the import', value: r.peakRssMiB, unit: 'MiB' },
        { what: 'idle RSS of the same process', value: r.idleRssMiB, unit: 'MiB' },
        { atMost: TARGET_PEAK_VS_IDLE },
      ),
    ),
    checks: [
      ...runs.map((r) => ({
        what: `${r.file}: peak RSS ${r.peakRssMiB} MiB < ${TARGET_MIB} MiB`,
        pass: r.peakRssMiB < TARGET_MIB,
      })),
      ...runs.map((r) => ({
        what: `${r.file}: the import is DONE with every row stored (${r.stored} of ${r.rows})`,
        pass: r.status === 'DONE' && r.stored === r.rows,
      })),
    ],
  };
  console.log(`\nAwards import memory — ${rep.finishedAt} — ${rep.machine.cpu}, ${rep.machine.cores} cores`);
  for (const r of runs)
    console.log(
      `${r.file}: ${r.fileMiB} MiB, idle ${r.idleRssMiB} MiB, peak ${r.peakRssMiB} MiB, VmHWM ${r.hwmMiB} MiB, ${r.importSeconds} s (${r.rowsPerSecond} rows/s)`,
    );
  printVerdicts(rep);
  saveResults(RESULTS_DIR, 'awards-import-memory', rep, [
    `${rep.machine.cpu}, ${rep.machine.cores} cores, ${rep.machine.memoryGiB} GiB, Node ${rep.machine.node}, ${rep.machine.postgres.split(' on ')[0]}; load before ${rep.machine.loadBefore}. \`npm run bench:awards-memory\`: each file imported through storage and the \`records-import\` job by a fresh awards process (from dist/), its VmRSS sampled every 100 ms.`,
    '',
    '| file | rows | MiB | idle RSS | peak RSS | VmHWM | import |',
    '| ---- | ---- | --- | -------- | -------- | ----- | ------ |',
    ...runs.map(
      (r) =>
        `| ${r.kind.toUpperCase()} | ${r.rows.toLocaleString('en')} | ${r.fileMiB} | ${r.idleRssMiB} MiB | ${r.peakRssMiB} MiB | ${r.hwmMiB} MiB | ${r.importSeconds} s |`,
    ),
    '',
    ...verdictItems(rep),
    '',
  ]);
  emitResult({
    bench: 'awards-memory',
    date: rep.date,
    finishedAt: rep.finishedAt,
    settings: rep.settings,
    machine: rep.machine,
    targets: rep.targets,
    checks: rep.checks,
    context: runs.flatMap((r) => [
      { what: `${r.file}: peak RSS`, value: r.peakRssMiB, unit: 'MiB' },
      { what: `${r.file}: import`, value: r.importSeconds, unit: 's' },
    ]),
  });
  return exitCode(rep);
}

runBench(main, 45 * 60_000);

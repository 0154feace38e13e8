/**
 * Award statistics at national scale: `npm run bench:awards` (about 5 minutes on 2 cores).
 *
 * Loads with SQL (not measured, no time limit; its duration is reported) 5,000,000 award records
 * over the 34 provinces and 10 years (2017–2026) with the monthly counts imports keep, and a
 * cluster of 10 of them; then measures, each against a baseline taken in the same run:
 *   1. the cluster's cross-table for H1 2026 through the gateway, 32 connections, 10 s, against the
 *      raw aggregate query over the records, 32 at once on Postgres (req/s);
 *   2. the national table for 2026 (every province) through the gateway, five times, against the
 *      raw aggregate query over the year's records, five times (best of each, ms);
 *   3. a 100,000-row XLSX file of records: presigned upload to storage, then the import as a job
 *      (202, the upload followed until DONE; timed from the request to DONE), against reading the
 *      same file with exceljs's streaming reader and inserting its rows in batches, in one
 *      transaction, into a copy of the records table with the same indexes (s).
 * It checks that the cross-table's grand total equals a direct count of the records and that the
 * import stored every row. Targets are ratios (TARGETS); absolute times are context. Exit code 1
 * when a check or a ratio fails. BENCH_RECORDS makes a smaller trial.
 */
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { performance } from 'node:perf_hooks';
import ExcelJS from 'exceljs';
import { createHash } from 'node:crypto';
import { connect } from 'nats';
import { awardByCode, RECORD_COLUMNS } from '@tdkt/domain';
import { ROOT } from '../tools/system';
import { Pool } from 'pg';
import {
  benchInfra,
  benchSystem,
  closedLoop,
  emitResult,
  exitCode,
  loadAverage,
  log,
  loopFigures,
  machineInfo,
  measureOk,
  pgClient,
  printVerdicts,
  ratioTarget,
  round,
  runBench,
  saveResults,
  setupSeconds,
  verdictItems,
} from './lib';

const RECORDS = Number(process.env.BENCH_RECORDS ?? 5_000_000);
const CONNECTIONS = 32;
/**
 * Postgres connections of the raw baselines, as many as a service's pool (DB_POOL_SIZE's default):
 * the same 32 calls in flight queue for them as they queue for the service's.
 */
const BASELINE_POOL = 10;
const CODES = [
  'BK-CHU-TICH-TINH',
  'CSTD-BO-TINH',
  'TT-LAO-DONG-XUAT-SAC',
  'CO-THI-DUA-TINH',
  'BK-THU-TUONG',
  'CO-THI-DUA-CHINH-PHU',
  'HC-LAO-DONG-3',
  'HC-LAO-DONG-2',
  'LAO-DONG-TIEN-TIEN',
  'CSTD-CO-SO',
  'GIAY-KHEN',
  'TT-LAO-DONG-TIEN-TIEN',
];
/**
 * Ratio targets, set so that the committed figures of the best run meet them (bench/README.md):
 * cluster = cross-tables/s ÷ raw aggregate queries/s (both 32 at once); national = the service's
 * time ÷ the raw query's; import = the import's time ÷ parsing and inserting the same rows raw.
 */
const TARGETS = { cluster: 2, national: 0.5, import: 8 };
const RESULTS_DIR = join(ROOT, 'bench', 'results');

async function main(): Promise<number> {
  const infra = await benchInfra();
  const { pg, nats, db } = infra;
  const { gateway, auth } = await benchSystem(infra);

  const c = await pgClient(db.url);
  let clusterIds: string[];
  let nationIds: string[];
  const t0 = performance.now();
  try {
    log(`loading ${RECORDS} award records over the 34 provinces and 10 years…`);
    nationIds = (
      await c.query<{ id: string }>(
        `SELECT id FROM registry.units WHERE kind IN ('PROVINCE', 'CITY')
         AND (valid_from IS NULL OR valid_from <= '2026-01-01') AND (valid_to IS NULL OR valid_to >= '2026-01-01') ORDER BY name`,
      )
    ).rows.map((r) => r.id);
    if (nationIds.length !== 34) throw new Error(`expected 34 provinces in 2026, found ${nationIds.length}`);
    clusterIds = nationIds.slice(0, 10);
    const [g] = (
      await c.query<{ id: string }>(
        `INSERT INTO registry.groups (code, name, name_search, kind, organiser_kind)
         VALUES ('bench-cluster', 'Cụm thi đua thử tải', 'cum thi dua thu tai', 'CLUSTER', 'CENTRAL_COUNCIL') RETURNING id`,
      )
    ).rows;
    await c.query(
      `INSERT INTO registry.memberships (group_id, unit_id, valid_from) SELECT $1, u, '2016-01-01' FROM unnest($2::uuid[]) u`,
      [g.id, clusterIds],
    );
    await c.query('SET synchronous_commit = off');
    await c.query(`INSERT INTO awards.record_imports (id, content_sha256, file_name, records, created_by)
      VALUES ('00000000-0000-4000-8000-000000000001', repeat('0', 64), 'bench', ${RECORDS}, gen_random_uuid())`);
    // In chunks (the client has no time limit; chunks keep each statement's memory small).
    const CHUNK = 250_000;
    for (let start = 1; start <= RECORDS; start += CHUNK) {
      await c.query(
        `INSERT INTO awards.records (id, import_id, decision_number, decision_key, decision_date, authority, award_code,
           recipient_kind, recipient_name, recipient_key, unit_id, category)
         SELECT gen_random_uuid(), '00000000-0000-4000-8000-000000000001', 'QĐ-' || (i / 50), 'qđ-' || (i / 50),
           date '2017-01-01' + (i % 3652), 'UBND tỉnh', ($1::text[])[1 + i % ${CODES.length}],
           CASE WHEN i % 5 = 0 THEN 'COLLECTIVE' ELSE 'INDIVIDUAL' END, 'Người ' || i, 'nguoi ' || i,
           ($2::uuid[])[1 + (i * 7) % 34],
           CASE WHEN i % 5 = 0 THEN NULL WHEN i % 5 = 1 THEN 'LEADER' ELSE 'DIRECT_WORKER' END
         FROM generate_series($3::int, $4::int) i`,
        [CODES, nationIds, start, Math.min(start + CHUNK - 1, RECORDS)],
      );
    }
    // The monthly counts an import keeps (the same statement as the service's, for the whole load).
    await c.query(
      `INSERT INTO awards.record_month_counts (unit_id, month, award_code, recipient_kind, category, n)
       SELECT unit_id, date_trunc('month', decision_date)::date, award_code, recipient_kind, coalesce(category, ''), count(*)
       FROM awards.records GROUP BY 1, 2, 3, 4, 5`,
    );
    await c.query('ANALYZE awards.records; ANALYZE awards.record_month_counts');
  } finally {
    await c.end();
  }
  const loadS = round((performance.now() - t0) / 1000, 1);
  setupSeconds['load (all)'] = loadS;
  log(`loaded in ${loadS} s`);
  const loadBefore = loadAverage();

  // The raw aggregate query over the records (no monthly counts), on Postgres directly: the
  // baseline the service's answers are compared with.
  const q = `SELECT unit_id, award_code, recipient_kind, category, count(*)::int AS n FROM awards.records
             WHERE unit_id = ANY($1::uuid[]) AND decision_date BETWEEN $2 AND $3 GROUP BY 1, 2, 3, 4`;
  const raw = await pgClient(db.url);
  const time = async (ids: string[], from: string, to: string) => {
    const s = performance.now();
    await raw.query(q, [ids, from, to]);
    return performance.now() - s;
  };
  const rawCluster: number[] = [];
  const rawNation: number[] = [];
  for (let i = 0; i < 5; i += 1) {
    rawCluster.push(await time(clusterIds, '2026-01-01', '2026-06-30'));
    rawNation.push(await time(nationIds, '2026-01-01', '2026-12-31'));
  }
  const direct = Number(
    (
      await raw.query(
        `SELECT count(*) n FROM awards.records WHERE unit_id = ANY($1::uuid[]) AND decision_date BETWEEN '2026-01-01' AND '2026-06-30'`,
        [clusterIds],
      )
    ).rows[0].n,
  );
  await raw.end();

  log('1/3 the cluster cross-table, H1 2026, 32 connections, and the raw query 32 at once…');
  const pool = new Pool({ connectionString: db.url, max: BASELINE_POOL });
  pool.on('error', () => undefined);
  const rawOp = () => pool.query(q, [clusterIds, '2026-01-01', '2026-06-30']);
  await closedLoop(CONNECTIONS, 2, rawOp);
  const rawClusterLoop = loopFigures(await closedLoop(CONNECTIONS, 10, rawOp));
  await pool.end();
  const path = '/api/v1/groups/bench-cluster/awards/statistics?from=2026-01-01&to=2026-06-30';
  const check = (await (await fetch(`${gateway.url}${path}`, { headers: auth })).json()) as {
    table: { grandTotal: number };
  };
  const { figures: cluster } = await measureOk(
    { url: `${gateway.url}${path}`, connections: CONNECTIONS, headers: auth },
    1,
  );

  log('2/3 the national table for 2026…');
  const national: number[] = [];
  for (let i = 0; i < 5; i += 1) {
    const s = performance.now();
    const r = await fetch(`${gateway.url}/api/v1/awards/statistics?from=2026-01-01&to=2026-12-31`, {
      headers: auth,
    });
    await r.json();
    if (r.status !== 200) throw new Error(`national table: ${r.status}`);
    national.push(round(performance.now() - s, 0));
  }

  log('3/3 importing 100,000 records from an XLSX file through storage, and the raw parse + insert…');
  const codes = await provinceCodes(db.url);
  const bytes = await xlsxOf(codes);
  const importRun = await importLarge(gateway.url, auth, bytes);
  const rawImport = await parseAndInsert(db.url, bytes);

  const nc = await connect({ servers: nats.url });
  const natsVersion = nc.info?.version ?? '?';
  await nc.close();
  const now = new Date();
  const bestNational = Math.min(...national);
  const bestRawNation = round(Math.min(...rawNation), 1);
  const targets = [
    ratioTarget(
      'cluster cross-table through the gateway ÷ the raw aggregate query on Postgres, 32 at once (req/s)',
      { what: 'cross-table, H1 2026, cluster of 10', value: cluster.reqPerSec, unit: 'req/s' },
      { what: 'raw aggregate query over the records', value: rawClusterLoop.reqPerSec, unit: 'req/s' },
      { atLeast: TARGETS.cluster },
    ),
    ratioTarget(
      'national table for a year through the gateway ÷ the raw aggregate query (best of 5 each, ms)',
      { what: 'national table 2026', value: bestNational, unit: 'ms' },
      { what: 'raw aggregate query, 34 provinces, 2026', value: bestRawNation, unit: 'ms' },
      { atMost: TARGETS.national },
    ),
    ratioTarget(
      'import of 100,000 XLSX rows (job, from storage) ÷ parsing the file and inserting its rows raw (s)',
      { what: 'import through the records-import job', value: importRun.seconds, unit: 's' },
      {
        what: 'exceljs streaming read + batched INSERTs, one transaction',
        value: rawImport.seconds,
        unit: 's',
      },
      { atMost: TARGETS.import },
    ),
  ];
  const rep = {
    date: now.toISOString().slice(0, 10),
    finishedAt: now.toISOString(),
    settings: { records: RECORDS, provinces: 34, years: 10, clusterProvinces: 10, connections: CONNECTIONS },
    machine: await machineInfo(db.url, natsVersion, { postgres: pg.source, nats: nats.source }, loadBefore),
    loadSeconds: loadS,
    baseline: {
      rawClusterQueryMs: rawCluster.map((x) => round(x, 1)),
      rawNationalQueryMs: rawNation.map((x) => round(x, 1)),
      rawClusterQueryAt32: rawClusterLoop,
      rawImport,
    },
    cluster,
    nationalMs: national,
    import100k: importRun,
    targets,
    checks: [
      {
        what: 'the cross-table total equals a direct count of the records',
        pass: check.table.grandTotal === direct,
      },
      { what: 'cross-tables without errors', pass: cluster.non2xx === 0 && cluster.errors === 0 },
      { what: 'the raw aggregate queries without errors', pass: rawClusterLoop.errors === 0 },
      { what: 'the import stored all 100,000 rows', pass: importRun.records === 100_000 },
      { what: 'the raw parse + insert stored all 100,000 rows', pass: rawImport.rows === 100_000 },
    ],
  };
  console.log(
    `\nAwards at national scale — ${rep.finishedAt} — ${rep.machine.cpu}, ${rep.machine.cores} cores`,
  );
  console.log(
    `loaded ${RECORDS} records in ${loadS} s; raw queries: cluster ${JSON.stringify(rep.baseline.rawClusterQueryMs)} ms (32 at once: ${rawClusterLoop.reqPerSec}/s), national ${JSON.stringify(rep.baseline.rawNationalQueryMs)} ms`,
  );
  console.log(
    `cluster cross-table: ${JSON.stringify(cluster)}; national table: ${JSON.stringify(national)} ms`,
  );
  console.log(`import: ${JSON.stringify(importRun)}; raw parse + insert: ${JSON.stringify(rawImport)}`);
  printVerdicts(rep);
  saveResults(RESULTS_DIR, 'awards', rep, [
    `${rep.machine.cpu}, ${rep.machine.cores} cores, Node ${rep.machine.node}, ${rep.machine.postgres.split(' on ')[0]}; load before ${rep.machine.loadBefore}. \`npm run bench:awards\`: ${RECORDS} records, 34 provinces, 2017–2026, loaded in ${loadS} s.`,
    '',
    `- raw aggregate query (baseline): cluster H1 ${rep.baseline.rawClusterQueryMs.join(' / ')} ms, ${rawClusterLoop.reqPerSec}/s 32 at once; national year ${rep.baseline.rawNationalQueryMs.join(' / ')} ms`,
    `- cluster cross-table through the gateway, ${CONNECTIONS} connections: ${cluster.reqPerSec}/s, p50 ${cluster.p50Ms} ms, p99 ${cluster.p99Ms} ms`,
    `- national table for 2026 through the gateway: ${national.join(' / ')} ms`,
    `- import of 100,000 XLSX rows through storage: file ${importRun.mib} MiB, upload ${importRun.uploadSeconds} s, import ${importRun.seconds} s (${importRun.records} records); raw parse + insert ${rawImport.seconds} s (parse ${rawImport.parseSeconds} s)`,
    ...verdictItems(rep),
    '',
  ]);
  emitResult({
    bench: 'awards',
    date: rep.date,
    finishedAt: rep.finishedAt,
    settings: rep.settings,
    machine: rep.machine,
    targets,
    checks: rep.checks,
    context: [
      { what: 'cluster cross-table p99', value: cluster.p99Ms, unit: 'ms' },
      { what: 'raw cluster query, best single', value: round(Math.min(...rawCluster), 1), unit: 'ms' },
      { what: 'national table, best of 5', value: bestNational, unit: 'ms' },
      { what: 'import of 100,000 XLSX rows', value: importRun.seconds, unit: 's' },
    ],
  });
  return exitCode(rep);
}

async function provinceCodes(dbUrl: string): Promise<string[]> {
  const c = await pgClient(dbUrl);
  try {
    return (
      await c.query<{ code: string }>(
        `SELECT code FROM registry.units WHERE kind IN ('PROVINCE', 'CITY')
         AND (valid_from IS NULL OR valid_from <= '2026-01-01') AND (valid_to IS NULL OR valid_to >= '2026-01-01') ORDER BY code`,
      )
    ).rows.map((r) => r.code);
  } finally {
    await c.end();
  }
}

/** A recipient kind the award type allows (collective-only and individual-only types exist). */
function kindFor(code: string, i: number): 'Tập thể' | 'Cá nhân' {
  const allowed = awardByCode(code)?.recipients ?? 'BOTH';
  if (allowed === 'COLLECTIVE') return 'Tập thể';
  if (allowed === 'INDIVIDUAL') return 'Cá nhân';
  return i % 5 === 0 ? 'Tập thể' : 'Cá nhân';
}

/** 100,000 rows written as officials' XLSX. */
async function xlsxOf(codes: string[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Khen thưởng');
  ws.addRow([...RECORD_COLUMNS]);
  for (let i = 0; i < 100_000; i += 1) {
    const code = CODES[i % CODES.length];
    const kind = kindFor(code, i);
    ws.addRow([
      `${i}/QĐ-UBND`,
      '2026-03-02',
      'UBND tỉnh',
      code,
      kind,
      `Người nhập ${i}`,
      codes[i % codes.length],
      kind === 'Tập thể' ? '' : 'Người lao động trực tiếp',
    ]);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/**
 * The import's baseline: the least work that stores the same rows. The file read with exceljs's
 * streaming reader, each row's province looked up, the rows inserted 1,000 per statement in one
 * transaction into a copy of awards.records with the same indexes (no line checks, no problems
 * kept, no monthly counts, no job).
 */
async function parseAndInsert(dbUrl: string, bytes: Buffer) {
  const c = await pgClient(dbUrl);
  try {
    await c.query('CREATE TABLE bench_records (LIKE awards.records INCLUDING ALL)');
    const units = new Map(
      (await c.query<{ code: string; id: string }>(`SELECT code, id FROM registry.units`)).rows.map((r) => [
        r.code,
        r.id,
      ]),
    );
    const t0 = performance.now();
    let parseMs = 0;
    let batch: string[][] = [];
    const flush = async () => {
      if (!batch.length) return;
      const col = (i: number) => batch.map((r) => r[i]);
      await c.query(
        `INSERT INTO bench_records (id, import_id, decision_number, decision_key, decision_date, authority, award_code,
           recipient_kind, recipient_name, recipient_key, unit_id, category)
         SELECT gen_random_uuid(), '00000000-0000-4000-8000-000000000001', n, lower(n), d::date, a, w, k, r, lower(r), u::uuid, nullif(g, '')
         FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[]) AS x(n, d, a, w, k, r, u, g)`,
        [col(0), col(1), col(2), col(3), col(4), col(5), col(6), col(7)],
      );
      batch = [];
    };
    await c.query('BEGIN');
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from(bytes), {
      sharedStrings: 'cache',
      worksheets: 'emit',
    });
    let p0 = performance.now();
    for await (const ws of reader)
      for await (const row of ws as AsyncIterable<ExcelJS.Row>) {
        if (row.number === 1) continue;
        const v = (row.values as unknown[]).slice(1).map((x) => (x == null ? '' : String(x)));
        batch.push([
          v[0],
          v[1],
          v[2],
          v[3],
          v[4] === 'Tập thể' ? 'COLLECTIVE' : 'INDIVIDUAL',
          v[5],
          units.get(v[6]) ?? '',
          v[7] ? 'DIRECT_WORKER' : '',
        ]);
        if (batch.length === 1000) {
          parseMs += performance.now() - p0;
          await flush();
          p0 = performance.now();
        }
      }
    parseMs += performance.now() - p0;
    await flush();
    await c.query('COMMIT');
    return {
      seconds: round((performance.now() - t0) / 1000, 1),
      parseSeconds: round(parseMs / 1000, 1),
      rows: Number((await c.query('SELECT count(*) n FROM bench_records')).rows[0].n),
    };
  } finally {
    await c.end();
  }
}

/** The file sent to storage through the gateway's upload ticket, then imported as a job. */
async function importLarge(url: string, auth: Record<string, string>, bytes: Buffer) {
  const type = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
  const ticket = (await (
    await fetch(`${url}/api/v1/awards/records/uploads`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify({
        fileName: 'khen-thuong-100k.xlsx',
        contentType: type,
        size: bytes.length,
        sha256: createHash('sha256').update(bytes).digest('hex'),
      }),
    })
  ).json()) as { id: string; upload: { url: string; headers: Record<string, string> } };
  const u0 = performance.now();
  const up = await fetch(ticket.upload.url, { method: 'PUT', body: bytes, headers: ticket.upload.headers });
  await up.arrayBuffer();
  const uploadSeconds = round((performance.now() - u0) / 1000, 1);
  const t0 = performance.now();
  // The import runs as a job: 202 with the upload's Location, followed until DONE or FAILED.
  const r = await fetch(`${url}/api/v1/awards/records/uploads/${ticket.id}/import`, {
    method: 'POST',
    headers: auth,
  });
  const location = r.headers.get('location');
  await r.arrayBuffer();
  let view: { status: string; error: string | null; job: { result: { records?: number } | null } | null } = {
    status: r.status === 202 ? 'QUEUED' : 'FAILED',
    error: r.status === 202 ? null : `import answered ${r.status}`,
    job: null,
  };
  while (location && view.status !== 'DONE' && view.status !== 'FAILED') {
    await new Promise((ok) => setTimeout(ok, 250));
    view = (await (await fetch(`${url}${location}`, { headers: auth })).json()) as typeof view;
  }
  const seconds = round((performance.now() - t0) / 1000, 1);
  if (view.status !== 'DONE') log(`import ${view.status}: ${String(view.error).slice(0, 500)}`);
  return {
    mib: round(bytes.length / 2 ** 20, 1),
    uploadSeconds,
    seconds,
    records: view.job?.result?.records ?? 0,
  };
}

runBench(main, 40 * 60_000);

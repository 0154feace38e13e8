/**
 * Scoring for a national year: `npm run bench:scoring` (about 5 minutes on 2 cores).
 *
 * Loads, with SQL (not measured, no time limit; its duration is reported), 10,000 group-years of
 * 10 members with a published 60-criterion scheme and every member's 60 entries (6,000,000 rows),
 * and the member results the service keeps on each write, then measures, each against a baseline
 * taken in the same run (bench/README.md says why each is the right one):
 *
 *   1. ranking every group-year of the year through the gateway, three times, against the raw
 *      SQL that reads the year's 100,000 member results into Node (best of three each);
 *   2. one group's ranking through the gateway, random groups, 32 connections, 10 s after every
 *      group was asked once and a 3 s warm-up, without and with the per-criterion breakdown,
 *      against the least work that can produce the same answer: the raw SQL reading that group's
 *      600 entries plus one NATS request/reply carrying an answer of the same size (32 at once);
 *   3. the breakdown as it was before it was kept (scoring restarted with
 *      SCORING_BREAKDOWN_CACHE=off: computed from the entries on every read), in the same run.
 *
 * It checks that the stored results agree with the entries: for 20 random groups the leader from
 * the per-group ranking is the one in the year ranking. Targets are ratios (TARGETS); absolute
 * times are printed for context. Results: bench/results/scoring-<date>.json, that date's section in
 * bench/results/README.md and one BENCH_RESULT line. Exit code 1 when a check or a ratio fails.
 * BENCH_GROUPS makes a smaller trial.
 */
import autocannon from 'autocannon';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { connect } from 'nats';
import { Pool } from 'pg';
import { coalesceWrites } from '../libs/platform/src/adapters/nats-write-coalescing';
import { ROOT, startService, stopService } from '../tools/system';
import { cpuMeter, formatCpu } from './cpu';
import {
  benchInfra,
  benchSystem,
  cleanups,
  closedLoop,
  emitResult,
  ended,
  exitCode,
  Figure,
  loadAverage,
  log,
  loopFigures,
  machineInfo,
  measureOk,
  overItems,
  pgClient,
  printVerdicts,
  ratioTarget,
  round,
  runBench,
  saveResults,
  setupSeconds,
  startEcho,
  stopChild,
  timedSetup,
  verdictItems,
} from './lib';

const GROUPS = Number(process.env.BENCH_GROUPS ?? 10_000);
const MEMBERS = 10;
const SECTIONS = 6;
const PER_SECTION = 10;
const YEAR = 2030;
const CONNECTIONS = 32;
/**
 * Postgres connections of the raw baselines, as many as a service's pool (DB_POOL_SIZE's default):
 * the same 32 calls in flight queue for them as they queue for the service's.
 */
const BASELINE_POOL = 10;
/**
 * Ratio targets, set so that the committed figures of the best run meet them (bench/README.md):
 * rankAll = ranking the year through the gateway ÷ the raw read of the year's results (times);
 * group / breakdown = the service's rate ÷ its baseline's rate.
 */
const TARGETS = { rankAll: 4, group: 1, breakdown: 0.4 };
const RESULTS_DIR = join(ROOT, 'bench', 'results');

function scheme() {
  return {
    sections: Array.from({ length: SECTIONS }, (_, s) => ({
      type: 'SECTION',
      code: `s${s + 1}`,
      title: `Lĩnh vực ${s + 1}`,
      children: Array.from({ length: PER_SECTION }, (_, c) => ({
        type: 'CRITERION',
        code: `c${String(s * PER_SECTION + c + 1).padStart(2, '0')}`,
        title: `Tiêu chí ${s * PER_SECTION + c + 1}`,
        max: 10,
        method: { kind: 'MANUAL' },
        scoredBy: { kind: 'MEMBER' },
        evidenceRequired: false,
      })),
    })),
  };
}

/** The data set, with SQL (no time limit). Answers the group ids. */
async function load(dbUrl: string): Promise<string[]> {
  const c = await pgClient(dbUrl);
  try {
    await timedSetup('registry rows (groups, units, memberships)', async () => {
      await c.query(`INSERT INTO registry.groups (code, name, name_search, kind, organiser_kind)
        SELECT 'bench-g-' || g, 'Khối thử tải ' || g, 'khoi thu tai ' || g, 'BLOCK', 'PROVINCIAL_COUNCIL' FROM generate_series(1, ${GROUPS}) g`);
      await c.query(`INSERT INTO registry.units (code, name, name_search, kind)
        SELECT 'bench-u-' || u, 'Đơn vị thử tải ' || u, 'don vi thu tai ' || u, 'DEPARTMENT' FROM generate_series(1, ${GROUPS * MEMBERS}) u`);
      await c.query(`INSERT INTO registry.memberships (group_id, unit_id, valid_from)
        SELECT g.id, u.id, '2020-01-01' FROM registry.units u
        JOIN registry.groups g ON g.code = 'bench-g-' || ((substring(u.code from 9)::int - 1) / ${MEMBERS} + 1)
        WHERE u.code LIKE 'bench-u-%'`);
    });
    await c.query(
      `INSERT INTO scoring.schemes (id, group_id, year, version, state, body, tie_breaks, honours, created_by, published_at)
       SELECT gen_random_uuid(), g.id, $1, 1, 'PUBLISHED', $2, $3, $4, gen_random_uuid(), now()
       FROM registry.groups g WHERE g.code LIKE 'bench-g-%'`,
      [
        YEAR,
        JSON.stringify(scheme()),
        JSON.stringify([{ kind: 'MORE_AT_MAXIMUM' }, { kind: 'SECTION', section: 's1' }]),
        JSON.stringify({
          scope: 'GROUP',
          awards: [{ award: 'GOVERNMENT_FLAG', places: 1 }],
          minimumTotal: null,
        }),
      ],
    );
    await c.query(`SET synchronous_commit = off`);
    await timedSetup(`entries (${GROUPS * MEMBERS * SECTIONS * PER_SECTION} rows)`, () =>
      c.query(
        `INSERT INTO scoring.entries (group_id, year, member_id, criterion, self_value, evidence, scheme_version, updated_at)
         SELECT m.group_id, $1, m.unit_id, 'c' || lpad(k::text, 2, '0'), floor(random() * 11), false, 1, now()
         FROM registry.memberships m JOIN registry.groups g ON g.id = m.group_id AND g.code LIKE 'bench-g-%'
         CROSS JOIN generate_series(1, ${SECTIONS * PER_SECTION}) k`,
        [YEAR],
      ),
    );
    // The results the service keeps on each write, computed here in SQL for the MANUAL scheme.
    await timedSetup('member results', () =>
      c.query(
        `INSERT INTO scoring.member_results (group_id, year, member_id, total, self_total, at_maximum, by_section, tie_criteria, scheme_version)
         SELECT group_id, year, member_id, sum(points), sum(points), sum(at_max)::int, jsonb_object_agg(section, points), '{}'::jsonb, 1
         FROM (
           SELECT group_id, year, member_id, 's' || ((substring(criterion from 2)::int - 1) / ${PER_SECTION} + 1) AS section,
             sum(self_value) AS points, count(*) FILTER (WHERE self_value = 10) AS at_max
           FROM scoring.entries WHERE year = $1 GROUP BY 1, 2, 3, 4
         ) s GROUP BY group_id, year, member_id`,
        [YEAR],
      ),
    );
    await timedSetup('analyze', () =>
      c.query('ANALYZE scoring.entries; ANALYZE scoring.member_results; ANALYZE scoring.schemes'),
    );
    return (
      await c.query<{ id: string }>(`SELECT id FROM registry.groups WHERE code LIKE 'bench-g-%'`)
    ).rows.map((r) => r.id);
  } finally {
    await c.end();
  }
}

/**
 * The baseline of one group's ranking: the raw SQL that reads a random group's entries (a named
 * prepared statement, as the service's hot reads are, over as many connections as its pool) and then one NATS
 * request/reply to a responder in another process answering `replyBytes` (coalesced writes on
 * both ends, as the services'), 32 at once, 2 s warm-up + 10 s.
 */
async function entriesPlusNats(dbUrl: string, natsUrl: string, groupIds: string[], replyBytes: number) {
  const subject = `bench.scoring.echo.${randomUUID()}`;
  const echo = await startEcho(natsUrl, subject, ['coalesce', `reply=${replyBytes}`]);
  const nc = await connect({ servers: natsUrl, name: 'bench-baseline', maxReconnectAttempts: 0 });
  coalesceWrites(nc);
  const pool = new Pool({ connectionString: dbUrl, max: BASELINE_POOL });
  pool.on('error', () => undefined);
  const request = new TextEncoder().encode(
    JSON.stringify({ groupId: groupIds[0], year: YEAR, breakdown: true }),
  );
  let rows = 0;
  try {
    const op = async (): Promise<void> => {
      const g = groupIds[Math.floor(Math.random() * groupIds.length)];
      const r = await pool.query({
        name: 'bench_group_entries',
        text: `SELECT member_id, criterion, self_value, appraised_value FROM scoring.entries WHERE group_id = $1 AND year = $2`,
        values: [g, YEAR],
      });
      rows = r.rowCount ?? 0;
      const reply = await nc.request(subject, request, { timeout: 10_000 });
      if (reply.data.length !== replyBytes) throw new Error(`echo answered ${reply.data.length} bytes`);
    };
    await closedLoop(CONNECTIONS, 2, op);
    const r = await closedLoop(CONNECTIONS, 10, op);
    if (r.firstError) log(`warning: baseline: ${r.errors} errors, first: ${r.firstError}`);
    return { ...loopFigures(r), rowsPerGroup: rows, replyBytes };
  } finally {
    await pool.end();
    await nc.close();
    await stopChild(echo);
  }
}

async function main(): Promise<number> {
  const infra = await benchInfra();
  const { pg, nats, db } = infra;
  const { gateway, services, auth } = await benchSystem(infra);

  log(`loading ${GROUPS} group-years × ${MEMBERS} members × ${SECTIONS * PER_SECTION} criteria…`);
  const groupIds = await timedSetup('load (all)', () => load(db.url));
  const loadBefore = loadAverage();

  log('1/3 ranking every group-year of the year, against the raw read of its member results…');
  const rankAll: { serviceMs: number; endToEndMs: number; rawReadMs: number }[] = [];
  let year:
    | {
        groupYears: number;
        members: number;
        unbrokenTies: number;
        leaders: { groupId: string; memberIds: string[] }[];
      }
    | undefined;
  const raw = await pgClient(db.url);
  for (let i = 0; i < 3; i += 1) {
    const r0 = performance.now();
    await raw.query(
      `SELECT group_id, member_id, total, at_maximum, by_section, tie_criteria FROM scoring.member_results
       WHERE year = $1 ORDER BY group_id`,
      [YEAR],
    );
    const rawReadMs = round(performance.now() - r0, 0);
    const t0 = performance.now();
    const r = await fetch(`${gateway.url}/api/v1/scoring/years/${YEAR}/ranking`, { headers: auth });
    const body = (await r.json()) as { rankedInMs: number } & NonNullable<typeof year>;
    if (r.status !== 200) throw new Error(`year ranking: ${r.status} ${JSON.stringify(body)}`);
    rankAll.push({ serviceMs: body.rankedInMs, endToEndMs: round(performance.now() - t0, 0), rawReadMs });
    year = body;
  }
  await raw.end();
  log(`  ${JSON.stringify(rankAll)}`);

  // The stored results agree with the entries: leaders of 20 groups, computed both ways.
  let agree = 0;
  const sample = (year?.leaders ?? []).slice(0, 20);
  for (const l of sample) {
    const r = await fetch(`${gateway.url}/api/v1/groups/${l.groupId}/years/${YEAR}/ranking?breakdown=true`, {
      headers: auth,
    });
    const body = (await r.json()) as { scopes: { rows: { memberId: string; rank: number }[] }[] };
    const top = body.scopes[0].rows
      .filter((x) => x.rank === 1)
      .map((x) => x.memberId)
      .sort();
    if (JSON.stringify(top) === JSON.stringify([...l.memberIds].sort())) agree += 1;
  }

  const rankingPath = (g: string, query: string) => `/api/v1/groups/${g}/years/${YEAR}/ranking${query}`;
  const answerBytes = async (query: string) => {
    const r = await fetch(`${gateway.url}${rankingPath(groupIds[0], query)}`, { headers: auth });
    return (await r.arrayBuffer()).byteLength;
  };
  // Steady state: every group asked once, so scoring holds each group's members from the registry.
  const askEveryGroup = (query: string) =>
    overItems(groupIds, CONNECTIONS, 600, async (g) => {
      const r = await fetch(`${gateway.url}${rankingPath(g, query)}`, { headers: auth });
      await r.arrayBuffer();
      if (r.status !== 200) throw new Error(`ranking answered ${r.status}`);
    });
  await timedSetup('every group asked once', () => askEveryGroup(''));
  const summaryBytes = await answerBytes('');

  const scoringOf = () => services.find((s) => s.spec.name === 'scoring' && !ended(s.child));
  const pids = () => ({
    gateway: gateway.child.pid as number,
    scoring: scoringOf()?.child.pid as number,
    registry: services[0].child.pid as number,
    'bench (load)': process.pid,
  });
  const groupLoad = async (query: string) => {
    const spec = () => ({
      url: gateway.url,
      connections: CONNECTIONS,
      headers: auth,
      requests: [
        {
          setupRequest: (req: autocannon.RawRequest) => ({
            ...req,
            path: rankingPath(groupIds[Math.floor(Math.random() * groupIds.length)], query),
          }),
        },
      ],
    });
    let meter!: ReturnType<typeof cpuMeter>;
    const { figures: ok, res } = await measureOk(spec(), 2, () => (meter = cpuMeter(pids())));
    const figures = {
      ...ok,
      responseKiB: round(res.throughput.average / 1024 / Math.max(1, res.requests.average), 1),
    };
    return { figures, cpu: meter(figures.reqPerSec) };
  };

  log(`2/3 one group's ranking, ${CONNECTIONS} connections, and its baselines…`);
  // Every group's breakdown read once: the first read after a change computes and keeps it.
  const firstReads = await timedSetup('every group’s breakdown read once (computed and kept)', () =>
    askEveryGroup('?breakdown=true'),
  );
  const breakdownBytes = await answerBytes('?breakdown=true');
  const baseSummary = await entriesPlusNats(db.url, nats.url, groupIds, summaryBytes);
  const baseBreakdown = await entriesPlusNats(db.url, nats.url, groupIds, breakdownBytes);
  const light = await groupLoad('');
  const full = await groupLoad('?breakdown=true');

  log('3/3 the breakdown computed from the entries on every read (as before it was kept)…');
  const old = scoringOf();
  if (!old) throw new Error('scoring is not running');
  await stopService(old);
  const uncachedScoring = await startService(
    { ...old.spec, env: { ...old.spec.env, SCORING_BREAKDOWN_CACHE: 'off' } },
    { quiet: true },
  );
  services.push(uncachedScoring);
  cleanups.push({
    what: 'stop scoring (breakdown not kept)',
    run: async () => (ended(uncachedScoring.child) ? undefined : stopService(uncachedScoring)),
  });
  await askEveryGroup('');
  const before = await groupLoad('?breakdown=true');

  const nc = await connect({ servers: nats.url });
  const natsVersion = nc.info?.version ?? '?';
  await nc.close();
  const bestE2e = Math.min(...rankAll.map((r) => r.endToEndMs));
  const bestRaw = Math.min(...rankAll.map((r) => r.rawReadMs));
  const rate = (what: string, x: { reqPerSec: number }): Figure => ({
    what,
    value: x.reqPerSec,
    unit: 'req/s',
  });
  const targets = [
    ratioTarget(
      'rank every group-year: through the gateway ÷ the raw read of the year’s member results into Node (best of 3 each, ms)',
      { what: 'year ranking through the gateway', value: bestE2e, unit: 'ms' },
      { what: 'raw SELECT of the member results into Node', value: bestRaw, unit: 'ms' },
      { atMost: TARGETS.rankAll },
    ),
    ratioTarget(
      "one group's ranking (default) ÷ (raw SQL of its entries + one NATS round trip), req/s at 32",
      rate('GET …/ranking', light.figures),
      rate(`entries SELECT + NATS request/reply of ${summaryBytes} B`, baseSummary),
      { atLeast: TARGETS.group },
    ),
    ratioTarget(
      "one group's ranking with the per-criterion breakdown ÷ (raw SQL of its entries + one NATS round trip of the answer's size), req/s at 32",
      rate('GET …/ranking?breakdown=true', full.figures),
      rate(`entries SELECT + NATS request/reply of ${breakdownBytes} B`, baseBreakdown),
      { atLeast: TARGETS.breakdown },
    ),
  ];
  const checks = [
    {
      what: `the year ranking covers ${GROUPS} group-years and ${GROUPS * MEMBERS} members`,
      pass: year?.groupYears === GROUPS && year?.members === GROUPS * MEMBERS,
    },
    {
      what: 'stored results agree with the entries (20 groups)',
      pass: agree === sample.length && sample.length > 0,
    },
    {
      what: 'group rankings without errors',
      pass:
        [light.figures, full.figures, before.figures].every((f) => f.non2xx + f.errors === 0) &&
        firstReads.errors === 0,
    },
    {
      what: `the baselines read ${MEMBERS * SECTIONS * PER_SECTION} entries per group without errors`,
      pass:
        baseSummary.errors + baseBreakdown.errors === 0 &&
        baseSummary.rowsPerGroup === MEMBERS * SECTIONS * PER_SECTION,
    },
  ];
  const now = new Date();
  const rep = {
    date: now.toISOString().slice(0, 10),
    finishedAt: now.toISOString(),
    settings: {
      groups: GROUPS,
      members: MEMBERS,
      criteria: SECTIONS * PER_SECTION,
      connections: CONNECTIONS,
    },
    machine: await machineInfo(db.url, natsVersion, { postgres: pg.source, nats: nats.source }, loadBefore),
    setupSeconds,
    rankAll,
    year: { groupYears: year?.groupYears, members: year?.members, unbrokenTies: year?.unbrokenTies },
    storedResultsAgreeWithEntries: `${agree}/${sample.length}`,
    baselines: { summary: baseSummary, breakdown: baseBreakdown },
    groupRanking: full.figures,
    groupRankingWithoutBreakdown: light.figures,
    groupRankingBreakdownNotKept: before.figures,
    breakdownFirstReads: loopFigures(firstReads),
    cpu: { withBreakdown: full.cpu, withoutBreakdown: light.cpu, breakdownNotKept: before.cpu },
    targets,
    checks,
  };
  const beforeRatio = round(before.figures.reqPerSec / baseBreakdown.reqPerSec, 3);
  console.log(
    `\nScoring, national year — ${rep.finishedAt} — ${rep.machine.cpu}, ${rep.machine.cores} cores`,
  );
  console.log(`set-up: ${JSON.stringify(setupSeconds)} s; rank all: ${JSON.stringify(rankAll)}`);
  console.log(
    `baselines: summary ${JSON.stringify(baseSummary)}; breakdown ${JSON.stringify(baseBreakdown)}`,
  );
  console.log(`one group's ranking: ${JSON.stringify(light.figures)}`);
  console.log(`with the breakdown (kept): ${JSON.stringify(full.figures)}`);
  console.log(`with the breakdown computed on every read (before): ${JSON.stringify(before.figures)}`);
  console.log(formatCpu('without the breakdown', light.cpu));
  console.log(formatCpu('with the breakdown (kept)', full.cpu));
  console.log(formatCpu('with the breakdown (computed every read)', before.cpu));
  printVerdicts(rep);
  saveResults(RESULTS_DIR, 'scoring', rep, [
    `${rep.machine.cpu}, ${rep.machine.cores} cores, Node ${rep.machine.node}, ${rep.machine.postgres.split(' on ')[0]}; load before ${rep.machine.loadBefore}. \`npm run bench:scoring\`: ${GROUPS} group-years × ${MEMBERS} members × ${SECTIONS * PER_SECTION} criteria (${GROUPS * MEMBERS * SECTIONS * PER_SECTION} entries), loaded in ${setupSeconds['load (all)']} s.`,
    '',
    `- rank every group-year (raw read / through the gateway / in the service, ms): ${rankAll.map((r) => `${r.rawReadMs} / ${r.endToEndMs} / ${r.serviceMs}`).join('; ')}`,
    `- baseline, entries SELECT + NATS round trip, 32 at once: ${baseSummary.reqPerSec}/s (${summaryBytes} B answer), ${baseBreakdown.reqPerSec}/s (${breakdownBytes} B answer)`,
    `- one group's ranking, random groups, ${CONNECTIONS} connections: ${light.figures.reqPerSec}/s, p50 ${light.figures.p50Ms} ms, p99 ${light.figures.p99Ms} ms, ${light.figures.responseKiB} KiB`,
    `- with the breakdown, kept: ${full.figures.reqPerSec}/s, p50 ${full.figures.p50Ms} ms, p99 ${full.figures.p99Ms} ms, ${full.figures.responseKiB} KiB; computed on every read (before, same run): ${before.figures.reqPerSec}/s, p50 ${before.figures.p50Ms} ms, p99 ${before.figures.p99Ms} ms (÷ baseline ${beforeRatio})`,
    ...verdictItems(rep),
    '',
  ]);
  emitResult({
    bench: 'scoring',
    date: rep.date,
    finishedAt: rep.finishedAt,
    settings: rep.settings,
    machine: rep.machine,
    targets,
    checks,
    context: [
      { what: 'year ranking through the gateway, best of 3', value: bestE2e, unit: 'ms' },
      { what: "one group's ranking p99", value: light.figures.p99Ms, unit: 'ms' },
      { what: 'with the breakdown (kept) p99', value: full.figures.p99Ms, unit: 'ms' },
      rate('with the breakdown computed on every read (before)', before.figures),
      {
        what: 'with the breakdown computed on every read (before) ÷ its baseline',
        value: beforeRatio,
        unit: '',
      },
      {
        what: 'with the breakdown computed on every read (before) p99',
        value: before.figures.p99Ms,
        unit: 'ms',
      },
    ],
  });
  return exitCode(rep);
}

runBench(main, 40 * 60_000);

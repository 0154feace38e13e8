/**
 * Scoring for a national year: `npm run bench:scoring` (about 5 minutes on 2 cores).
 *
 * Loads, with SQL (not measured), 10,000 group-years of 10 members with a published 60-criterion
 * scheme and every member's 60 entries (6,000,000 rows), and the member results the service keeps
 * on each write, then measures:
 *
 *   1. ranking every group-year of the year from the database, inside the service (its own clock)
 *      and through the gateway, three times;
 *   2. one group's ranking through the gateway, random groups, 32 connections, 10 s after every
 *      group was asked once and a 3 s warm-up: with the per-criterion breakdown (10 members × 60
 *      criteria, computed from the entries) and without it (from the stored member results).
 *
 * It checks that the stored results agree with the entries: for 20 random groups the leader from
 * the per-group ranking (computed from the entries) is the one in the year ranking.
 * Targets (issue 4): (1) ≤ 2 s; (2) p99 ≤ 20 ms. Results: bench/results/scoring-<date>.json and
 * that date's section in bench/results/README.md. BENCH_GROUPS makes a smaller trial.
 */
import autocannon from 'autocannon';
import os from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { connect } from 'nats';
import { ROOT } from '../tools/system';
import { cpuMeter, formatCpu } from './cpu';
import {
  benchInfra,
  benchSystem,
  log,
  machineInfo,
  measureOk,
  overItems,
  pgClient,
  printVerdicts,
  round,
  runBench,
  saveResults,
  verdictItems,
} from './lib';

const GROUPS = Number(process.env.BENCH_GROUPS ?? 10_000);
const MEMBERS = 10;
const SECTIONS = 6;
const PER_SECTION = 10;
const YEAR = 2030;
const CONNECTIONS = 32;
const TARGETS = { rankAllMs: 2000, groupP99Ms: 20 };
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

async function main(): Promise<number> {
  const infra = await benchInfra();
  const { pg, nats, db } = infra;
  const { gateway, services, auth } = await benchSystem(infra);

  const c = await pgClient(db.url);
  let groupIds: string[];
  const loadT0 = performance.now();
  try {
    log(`loading ${GROUPS} group-years × ${MEMBERS} members × ${SECTIONS * PER_SECTION} criteria…`);
    await c.query(`INSERT INTO registry.groups (code, name, name_search, kind, organiser_kind)
      SELECT 'bench-g-' || g, 'Khối thử tải ' || g, 'khoi thu tai ' || g, 'BLOCK', 'PROVINCIAL_COUNCIL' FROM generate_series(1, ${GROUPS}) g`);
    await c.query(`INSERT INTO registry.units (code, name, name_search, kind)
      SELECT 'bench-u-' || u, 'Đơn vị thử tải ' || u, 'don vi thu tai ' || u, 'DEPARTMENT' FROM generate_series(1, ${GROUPS * MEMBERS}) u`);
    await c.query(`INSERT INTO registry.memberships (group_id, unit_id, valid_from)
      SELECT g.id, u.id, '2020-01-01' FROM registry.units u
      JOIN registry.groups g ON g.code = 'bench-g-' || ((substring(u.code from 9)::int - 1) / ${MEMBERS} + 1)
      WHERE u.code LIKE 'bench-u-%'`);
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
    await c.query(
      `INSERT INTO scoring.entries (group_id, year, member_id, criterion, self_value, evidence, scheme_version, updated_at)
       SELECT m.group_id, $1, m.unit_id, 'c' || lpad(k::text, 2, '0'), floor(random() * 11), false, 1, now()
       FROM registry.memberships m JOIN registry.groups g ON g.id = m.group_id AND g.code LIKE 'bench-g-%'
       CROSS JOIN generate_series(1, ${SECTIONS * PER_SECTION}) k`,
      [YEAR],
    );
    // The results the service keeps on each write, computed here in SQL for the MANUAL scheme.
    await c.query(
      `INSERT INTO scoring.member_results (group_id, year, member_id, total, self_total, at_maximum, by_section, tie_criteria, scheme_version)
       SELECT group_id, year, member_id, sum(points), sum(points), sum(at_max)::int, jsonb_object_agg(section, points), '{}'::jsonb, 1
       FROM (
         SELECT group_id, year, member_id, 's' || ((substring(criterion from 2)::int - 1) / ${PER_SECTION} + 1) AS section,
           sum(self_value) AS points, count(*) FILTER (WHERE self_value = 10) AS at_max
         FROM scoring.entries WHERE year = $1 GROUP BY 1, 2, 3, 4
       ) s GROUP BY group_id, year, member_id`,
      [YEAR],
    );
    await c.query('ANALYZE scoring.entries; ANALYZE scoring.member_results; ANALYZE scoring.schemes');
    groupIds = (
      await c.query<{ id: string }>(`SELECT id FROM registry.groups WHERE code LIKE 'bench-g-%'`)
    ).rows.map((r) => r.id);
  } finally {
    await c.end();
  }
  const loadS = round((performance.now() - loadT0) / 1000, 1);
  log(`loaded in ${loadS} s`);

  log('1/2 ranking every group-year of the year…');
  const rankAll: { serviceMs: number; endToEndMs: number }[] = [];
  let year:
    | {
        groupYears: number;
        members: number;
        unbrokenTies: number;
        leaders: { groupId: string; memberIds: string[] }[];
      }
    | undefined;
  for (let i = 0; i < 3; i += 1) {
    const t0 = performance.now();
    const r = await fetch(`${gateway.url}/api/v1/scoring/years/${YEAR}/ranking`, { headers: auth });
    const body = (await r.json()) as { rankedInMs: number } & NonNullable<typeof year>;
    if (r.status !== 200) throw new Error(`year ranking: ${r.status} ${JSON.stringify(body)}`);
    rankAll.push({ serviceMs: body.rankedInMs, endToEndMs: round(performance.now() - t0, 0) });
    year = body;
  }
  log(`  ${JSON.stringify(rankAll)}`);

  // The stored results agree with the entries: leaders of 20 groups, computed both ways.
  let agree = 0;
  const sample = (year?.leaders ?? []).slice(0, 20);
  for (const l of sample) {
    const r = await fetch(`${gateway.url}/api/v1/groups/${l.groupId}/years/${YEAR}/ranking`, {
      headers: auth,
    });
    const body = (await r.json()) as { scopes: { rows: { memberId: string; rank: number }[] }[] };
    const top = body.scopes[0].rows
      .filter((x) => x.rank === 1)
      .map((x) => x.memberId)
      .sort();
    if (JSON.stringify(top) === JSON.stringify([...l.memberIds].sort())) agree += 1;
  }

  log(
    `2/2 one group's ranking through the gateway, ${CONNECTIONS} connections (with and without the breakdown)…`,
  );
  const pids = {
    gateway: gateway.child.pid as number,
    scoring: services.find((s) => s.spec.name === 'scoring')?.child.pid as number,
    registry: services[0].child.pid as number,
    'bench (load)': process.pid,
  };
  const groupLoad = async (query: string) => {
    const spec = () => ({
      url: gateway.url,
      connections: CONNECTIONS,
      headers: auth,
      requests: [
        {
          setupRequest: (req: autocannon.RawRequest) => ({
            ...req,
            path: `/api/v1/groups/${groupIds[Math.floor(Math.random() * groupIds.length)]}/years/${YEAR}/ranking${query}`,
          }),
        },
      ],
    });
    let meter!: ReturnType<typeof cpuMeter>;
    const { figures: ok, res } = await measureOk(spec(), 2, () => (meter = cpuMeter(pids)));
    const figures = {
      ...ok,
      responseKiB: round(res.throughput.average / 1024 / Math.max(1, res.requests.average), 1),
    };
    return { figures, cpu: meter(figures.reqPerSec) };
  };
  // Steady state: every group asked once, so scoring holds each group's members from the registry.
  await overItems(groupIds, CONNECTIONS, 300, async (g) => {
    const r = await fetch(`${gateway.url}/api/v1/groups/${g}/years/${YEAR}/ranking`, {
      headers: auth,
    });
    await r.arrayBuffer();
  });
  const full = await groupLoad('?breakdown=true');
  const light = await groupLoad('');
  const group = full.figures;
  const cpu = full.cpu;

  const nc = await connect({ servers: nats.url });
  const natsVersion = nc.info?.version ?? '?';
  await nc.close();
  const best = Math.min(...rankAll.map((r) => r.serviceMs));
  const bestE2e = Math.min(...rankAll.map((r) => r.endToEndMs));
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
    machine: await machineInfo(
      db.url,
      natsVersion,
      { postgres: pg.source, nats: nats.source },
      round(os.loadavg()[0], 2),
    ),
    loadSeconds: loadS,
    rankAll,
    year: { groupYears: year?.groupYears, members: year?.members, unbrokenTies: year?.unbrokenTies },
    storedResultsAgreeWithEntries: `${agree}/${sample.length}`,
    groupRanking: group,
    groupRankingWithoutBreakdown: light.figures,
    cpu: { withBreakdown: cpu, withoutBreakdown: light.cpu },
    targets: [
      {
        what: 'rank every group-year from the database (service, best of 3, ms)',
        value: best,
        target: `≤ ${TARGETS.rankAllMs}`,
        pass: best <= TARGETS.rankAllMs,
      },
      {
        what: 'rank every group-year through the gateway (best of 3, ms)',
        value: bestE2e,
        target: `≤ ${TARGETS.rankAllMs}`,
        pass: bestE2e <= TARGETS.rankAllMs,
      },
      {
        what: "one group's ranking with the per-criterion breakdown (?breakdown=true), p99 at 32 connections (ms)",
        value: group.p99Ms,
        target: `≤ ${TARGETS.groupP99Ms}`,
        pass: group.p99Ms <= TARGETS.groupP99Ms,
      },
      {
        what: "one group's ranking (default, without the breakdown), p99 at 32 connections (ms)",
        value: light.figures.p99Ms,
        target: `≤ ${TARGETS.groupP99Ms}`,
        pass: light.figures.p99Ms <= TARGETS.groupP99Ms,
      },
    ],
    checks: [
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
        pass: group.non2xx + group.errors + light.figures.non2xx + light.figures.errors === 0,
      },
    ],
  };
  console.log(
    `\nScoring, national year — ${rep.finishedAt} — ${rep.machine.cpu}, ${rep.machine.cores} cores`,
  );
  console.log(
    `loaded ${GROUPS} × ${MEMBERS} × ${SECTIONS * PER_SECTION} in ${loadS} s; rank all: ${JSON.stringify(rankAll)}`,
  );
  console.log(
    `one group's ranking: ${JSON.stringify(group)}; without the breakdown: ${JSON.stringify(light.figures)}`,
  );
  console.log(formatCpu("one group's ranking", cpu));
  console.log(formatCpu('without the breakdown', light.cpu));
  printVerdicts(rep);
  saveResults(RESULTS_DIR, 'scoring', rep, [
    `${rep.machine.cpu}, ${rep.machine.cores} cores, Node ${rep.machine.node}, ${rep.machine.postgres.split(' on ')[0]}; load before ${rep.machine.loadBefore}. \`npm run bench:scoring\`: ${GROUPS} group-years × ${MEMBERS} members × ${SECTIONS * PER_SECTION} criteria (${GROUPS * MEMBERS * SECTIONS * PER_SECTION} entries).`,
    '',
    `- rank every group-year: ${rankAll.map((r) => `${r.serviceMs} ms in the service, ${r.endToEndMs} ms through the gateway`).join('; ')}`,
    `- one group's ranking (random groups, ${CONNECTIONS} connections): with the breakdown ${group.reqPerSec}/s, p50 ${group.p50Ms} ms, p99 ${group.p99Ms} ms, ${group.responseKiB} KiB per answer; without it ${light.figures.reqPerSec}/s, p50 ${light.figures.p50Ms} ms, p99 ${light.figures.p99Ms} ms, ${light.figures.responseKiB} KiB`,
    ...verdictItems(rep),
    '',
  ]);
  return rep.checks.every((k) => k.pass) ? 0 : 1;
}

runBench(main, 20 * 60_000);

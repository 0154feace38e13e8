import {
  GroupYearStateView,
  HonoursProposed,
  HonoursScopeView,
  HonoursView,
  RankingRowView,
  RankingScopeView,
  RankingView,
  YearRankingView,
} from '@tdkt/contracts';
import {
  HonourRule,
  MemberTotals,
  proposeHonours,
  rank,
  RankedMember,
  Ranking,
  round2,
  TieBreak,
} from '@tdkt/domain';
import type { LockHistoryRow } from '../group-years/group-years.repository';
import type { GroupYear } from '../registry/group-directory';
import { byScopeName, Results, Scope, scopeName, scopesOf, storedTotals } from '../scores/computation';
import type { MemberResultRow } from '../scores/scores.repository';
import { Breakdown, BreakdownMember, breakdownTotals } from './breakdown';
import type { YearResultRow } from './results.repository';

/**
 * Rows to the results' views: the lock state, rankings per scope (from the stored member results,
 * or with the per-criterion breakdown from the entries), honours, the national table. Pure: the
 * ranking and honour rules are libs/domain's.
 */

/** The national table lists the leaders of at most this many group-years. */
export const YEAR_LEADERS_MAX = 500;

export function groupYearStateView(
  groupId: string,
  year: number,
  locked: boolean,
  history: readonly LockHistoryRow[],
): GroupYearStateView {
  return {
    groupId,
    year,
    locked,
    history: history.map((h) => ({
      action: h.action,
      by: h.by,
      reason: h.reason,
      at: new Date(h.at).toISOString(),
    })),
  };
}

/** Each scope of the group-year ranked with `totals`, in Vietnamese order of the scopes' names. */
function rankedScopes<T extends { name: string }>(
  gy: GroupYear,
  scope: Scope,
  totals: (memberId: string) => MemberTotals,
  tieBreaks: readonly TieBreak[],
  view: (subgroupId: string | null, name: string, ranking: Ranking) => T,
): T[] {
  return [...scopesOf(gy, scope).entries()]
    .map(([subgroupId, members]) =>
      view(
        subgroupId,
        scopeName(gy, subgroupId),
        rank(
          members.map((m) => totals(m.unitId)),
          tieBreaks,
        ),
      ),
    )
    .sort(byScopeName);
}

function unitNames(gy: GroupYear): Map<string, string> {
  return new Map(gy.members.map((m) => [m.unitId, m.unitName]));
}

/** The fields every ranking row has (its criteria left empty). */
function rowOf(
  row: RankedMember,
  names: Map<string, string>,
  selfTotal: number,
  bySection: Record<string, number>,
): RankingRowView {
  return {
    memberId: row.memberId,
    unitName: names.get(row.memberId) ?? row.memberId,
    rank: row.rank,
    total: row.total,
    selfTotal,
    difference: round2(row.total - selfTotal),
    tied: row.tied,
    aheadOfNextBy: row.aheadOfNextBy,
    margin: row.margin,
    bySection,
    criteria: [],
  };
}

interface RankingHead {
  groupId: string;
  year: number;
  schemeVersion: number;
  locked: boolean;
  tieBreaks: TieBreak[];
}

/** Ranks, totals and section totals from the members' stored results (a member without one: zero). */
export function rankingSummaryView(
  gy: GroupYear,
  head: RankingHead,
  scope: Scope,
  results: readonly MemberResultRow[],
): RankingView {
  const stored = new Map(results.map((x) => [x.member_id, x]));
  const names = unitNames(gy);
  return {
    ...head,
    scopes: rankedScopes(
      gy,
      scope,
      (id) => storedTotals(id, stored.get(id)),
      head.tieBreaks,
      (subgroupId, name, ranking): RankingScopeView => ({
        subgroupId,
        name,
        ties: ranking.ties,
        rows: ranking.rows.map((row) => {
          const x = stored.get(row.memberId);
          return rowOf(row, names, x?.self_total ?? 0, x?.by_section ?? {});
        }),
      }),
    ),
  };
}

/**
 * The ranking with every criterion's self-scored and appraised values and points, from the
 * group-year's breakdown (computed from the entries, or kept since; see breakdown.ts).
 */
export function rankingBreakdownView(
  gy: GroupYear,
  head: RankingHead,
  scope: Scope,
  b: Breakdown,
): RankingView {
  const names = unitNames(gy);
  const byId = new Map(b.members.map((m) => [m.id, m]));
  return {
    ...head,
    scopes: rankedScopes(
      gy,
      scope,
      (id) => breakdownTotals(b, byId.get(id) as BreakdownMember),
      head.tieBreaks,
      (subgroupId, name, ranking): RankingScopeView => ({
        subgroupId,
        name,
        ties: ranking.ties,
        rows: ranking.rows.map((row) => {
          const m = byId.get(row.memberId) as BreakdownMember;
          return {
            ...rowOf(row, names, m.selfTotal, m.bySection),
            criteria: b.criteria.map((code, i) => ({
              criterion: code,
              self: m.self[i],
              final: m.final[i],
              points: m.points[i],
              selfPoints: m.selfPoints[i],
              difference: round2(m.points[i] - m.selfPoints[i]),
            })),
          };
        }),
      }),
    ),
  };
}

/** The honour proposals of each scope of the rule, from the (locked) results. */
export function honoursView(
  gy: GroupYear,
  head: { groupId: string; year: number; schemeVersion: number },
  rule: HonourRule,
  tieBreaks: readonly TieBreak[],
  res: Results,
): HonoursView {
  const names = unitNames(gy);
  return {
    ...head,
    rule,
    scopes: rankedScopes(
      gy,
      rule.scope,
      (id) => res.final.get(id) as MemberTotals,
      tieBreaks,
      (subgroupId, name, ranking): HonoursScopeView => {
        const h = proposeHonours(ranking, rule);
        return {
          subgroupId,
          name,
          proposals: h.proposals.map((p) => ({ ...p, unitName: names.get(p.memberId) ?? p.memberId })),
          undecided: h.undecided,
          belowMinimum: h.belowMinimum,
        };
      },
    ),
  };
}

/** The `scoring.honours.proposed` event of a honours view. */
export function honoursProposed(view: HonoursView): HonoursProposed {
  return {
    groupId: view.groupId,
    year: view.year,
    schemeVersion: view.schemeVersion,
    proposals: view.scopes.flatMap((s) =>
      s.proposals.map((p) => ({
        award: p.award,
        memberId: p.memberId,
        subgroupId: s.subgroupId,
        rank: p.rank,
        total: p.total,
        rationale: p.rationale,
      })),
    ),
    undecided: view.scopes.flatMap((s) => s.undecided.map((u) => ({ ...u, subgroupId: s.subgroupId }))),
  };
}

/**
 * Every group-year of a year ranked (rows ordered by group, as `yearResults` reads them): how
 * many, the ties no rule breaks, and each group's leaders (the first `YEAR_LEADERS_MAX` groups).
 * `rankedInMs` is the caller's to fill.
 */
export function yearRankingView(
  year: number,
  rows: readonly YearResultRow[],
  rules: ReadonlyMap<string, TieBreak[]>,
): YearRankingView {
  const view: YearRankingView = {
    year,
    groupYears: 0,
    members: rows.length,
    unbrokenTies: 0,
    rankedInMs: 0,
    leaders: [],
    leadersTruncated: false,
  };
  let i = 0;
  while (i < rows.length) {
    const groupId = rows[i].group_id;
    const members: MemberTotals[] = [];
    for (; i < rows.length && rows[i].group_id === groupId; i += 1)
      members.push(storedTotals(rows[i].member_id, rows[i]));
    const ranking = rank(members, rules.get(groupId) ?? []);
    view.groupYears += 1;
    view.unbrokenTies += ranking.ties.length;
    const top = ranking.rows.filter((x) => x.rank === 1);
    if (view.leaders.length < YEAR_LEADERS_MAX)
      view.leaders.push({ groupId, memberIds: top.map((x) => x.memberId), total: top[0]?.total ?? 0 });
    else view.leadersTruncated = true;
  }
  return view;
}

/**
 * One page of a ranking (`offset`, `limit` rows counted across the scopes in their order): a
 * large group-year read in several replies, each under NATS max_payload. A scope keeps its name
 * on every page it has rows on, its ties on the page of its first row; a scope with none of the
 * page's rows is left out.
 */
export function rankingPage(view: RankingView, offset: number, limit: number): RankingView {
  const total = view.scopes.reduce((n, s) => n + s.rows.length, 0);
  const end = offset + limit;
  const scopes: RankingScopeView[] = [];
  let start = 0;
  for (const s of view.scopes) {
    const from = Math.max(offset - start, 0);
    const to = Math.min(end - start, s.rows.length);
    // A scope's ties (lists of member ids, as long as the scope when nobody has scored yet) go
    // with the page holding its first row only: every page stays bounded by its rows.
    if (from < to) scopes.push({ ...s, rows: s.rows.slice(from, to), ties: from === 0 ? s.ties : [] });
    start += s.rows.length;
  }
  return { ...view, scopes, page: { offset, limit, total, nextOffset: end < total ? end : null } };
}

import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  GroupYearActorRequest,
  GroupYearStateView,
  HonoursView,
  RankingRequest,
  RankingView,
  RankYearRequest,
  YearRankingView,
  ReopenRequest,
  ScoringEvents,
} from '@tdkt/contracts';
import {
  Grant,
  HonourRule,
  mayLock,
  mayRankYear,
  mayReadGroupYear,
  mayReadResults,
  mayReopen,
  MemberTotals,
  nfc,
  proposeHonours,
  rank,
  round2,
  Scheme,
  TieBreak,
} from '@tdkt/domain';
import { addToOutbox, allow, AppError, makeEnvelope, prepared } from '@tdkt/platform';
import { performance } from 'node:perf_hooks';
import { DataSource } from 'typeorm';
import { SCHEMA } from '../database/entities';
import { SchemesService } from '../schemes/schemes.service';
import {
  byScopeName,
  defaultScope,
  rankScopes,
  results,
  scopeName,
  scopesOf,
  StoredResult,
  storedTotals,
} from '../scores/computation';
import { ScoresService } from '../scores/scores.service';

interface RankingState {
  locked: boolean | null;
  scheme: { version: number; tie_breaks: TieBreak[]; honours: HonourRule } | null;
  results: StoredResult[];
}

/** Locking, reopening, the ranking and the honour proposals of a group-year. */
@Injectable()
export class ResultsService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly schemes: SchemesService,
    private readonly scores: ScoresService,
  ) {}

  async state(r: GroupYearActorRequest): Promise<GroupYearStateView> {
    const gy = await this.schemes.groupYear(r.groupId, r.year);
    allow(
      mayReadGroupYear(
        r.actor.roles as Grant[],
        gy.groupId,
        r.year,
        gy.members.some((m) => m.unitId === r.actor.unitId),
      ),
    );
    return this.stateOf(gy.groupId, r.year);
  }

  /** The lock and its history (the caller was allowed). */
  private async stateOf(groupId: string, year: number): Promise<GroupYearStateView> {
    const history = await this.ds.query(
      `SELECT action, by, reason, at FROM ${SCHEMA}.lock_history WHERE group_id = $1 AND year = $2 ORDER BY id`,
      [groupId, year],
    );
    return {
      groupId,
      year,
      locked: await this.scores.locked(groupId, year),
      history: history.map(
        (h: { action: 'LOCK' | 'REOPEN'; by: string; reason: string | null; at: Date }) => ({
          ...h,
          at: new Date(h.at).toISOString(),
        }),
      ),
    };
  }

  /** At the preparatory conference: no change after this without a recorded reopen. */
  async lock(r: GroupYearActorRequest): Promise<GroupYearStateView> {
    const gy = await this.schemes.groupYear(r.groupId, r.year);
    allow(mayLock(r.actor.roles as Grant[], gy.groupId, r.year));
    await this.ds.transaction(async (m) => {
      await this.schemes.lockGroupYear(m, gy.groupId, r.year);
      const scheme = await this.schemes.published(gy.groupId, r.year, m);
      const rows = await this.scores.entries(gy.groupId, r.year, m);
      const res = results(scheme.body as Scheme, gy, rows);
      await m.query(`UPDATE ${SCHEMA}.group_years SET locked = true WHERE group_id = $1 AND year = $2`, [
        gy.groupId,
        r.year,
      ]);
      await m.query(
        `INSERT INTO ${SCHEMA}.lock_history (group_id, year, action, by) VALUES ($1, $2, 'LOCK', $3)`,
        [gy.groupId, r.year, r.actor.userId],
      );
      await addToOutbox(m, SCHEMA, [
        makeEnvelope(ScoringEvents.groupYearLocked, {
          groupId: gy.groupId,
          year: r.year,
          schemeVersion: scheme.version,
          lockedBy: r.actor.userId,
          lockedAt: new Date().toISOString(),
          totals: [...res.final.values()].map((t) => ({ memberId: t.memberId, total: t.total })),
        }),
      ]);
    });
    return this.stateOf(gy.groupId, r.year);
  }

  async reopen(r: ReopenRequest): Promise<GroupYearStateView> {
    const gy = await this.schemes.groupYear(r.groupId, r.year);
    allow(mayReopen(r.actor.roles as Grant[]));
    const reason = nfc(r.reason);
    await this.ds.transaction(async (m) => {
      const locked = await this.schemes.lockGroupYear(m, gy.groupId, r.year, true);
      if (!locked) throw AppError.invalidState(`The ${r.year} scores are not locked`);
      await m.query(`UPDATE ${SCHEMA}.group_years SET locked = false WHERE group_id = $1 AND year = $2`, [
        gy.groupId,
        r.year,
      ]);
      await m.query(
        `INSERT INTO ${SCHEMA}.lock_history (group_id, year, action, by, reason) VALUES ($1, $2, 'REOPEN', $3, $4)`,
        [gy.groupId, r.year, r.actor.userId, reason],
      );
      await addToOutbox(m, SCHEMA, [
        makeEnvelope(ScoringEvents.groupYearReopened, {
          groupId: gy.groupId,
          year: r.year,
          reopenedBy: r.actor.userId,
          reason,
          at: new Date().toISOString(),
        }),
      ]);
    });
    return this.stateOf(gy.groupId, r.year);
  }

  private async computed(r: GroupYearActorRequest) {
    const gy = await this.schemes.groupYear(r.groupId, r.year);
    const locked = await this.scores.locked(gy.groupId, r.year);
    const callerIsMember = gy.members.some((m) => m.unitId === r.actor.unitId);
    allow(mayReadResults(r.actor.roles as Grant[], gy.groupId, r.year, locked, callerIsMember));
    const scheme = await this.schemes.published(gy.groupId, r.year);
    const res = results(scheme.body as Scheme, gy, await this.scores.entries(gy.groupId, r.year));
    return { gy, locked, scheme, res };
  }

  /** Ranks and totals only, from the stored member results: ten rows instead of six hundred entries. */
  private async summary(r: RankingRequest): Promise<RankingView> {
    const gy = await this.schemes.groupYear(r.groupId, r.year);
    // A named prepared statement: this read carries the load of ranking pages.
    const [state] = await prepared<RankingState>(
      this.ds,
      'scoring_ranking_summary',
      `SELECT (SELECT locked FROM ${SCHEMA}.group_years WHERE group_id = $1 AND year = $2) AS locked,
         (SELECT row_to_json(s) FROM (SELECT version, tie_breaks, honours FROM ${SCHEMA}.schemes
            WHERE group_id = $1 AND year = $2 AND state = 'PUBLISHED' ORDER BY version DESC LIMIT 1) s) AS scheme,
         (SELECT coalesce(json_agg(m), '[]') FROM (SELECT member_id, total, self_total, at_maximum, by_section, tie_criteria
            FROM ${SCHEMA}.member_results WHERE group_id = $1 AND year = $2) m) AS results`,
      [gy.groupId, r.year],
    );
    const locked = state.locked === true;
    allow(
      mayReadResults(
        r.actor.roles as Grant[],
        gy.groupId,
        r.year,
        locked,
        gy.members.some((m) => m.unitId === r.actor.unitId),
      ),
    );
    if (!state.scheme)
      throw AppError.invalidState(
        `No published scheme for ${r.year}: the chair publishes the points table first`,
      );
    const tieBreaks = state.scheme.tie_breaks as TieBreak[];
    const stored = new Map<string, StoredResult>(state.results.map((x) => [x.member_id, x]));
    const scope = defaultScope(r.scope, state.scheme.honours as HonourRule, gy);
    return {
      groupId: gy.groupId,
      year: r.year,
      schemeVersion: state.scheme.version,
      locked,
      tieBreaks,
      scopes: [...scopesOf(gy, scope).entries()]
        .map(([subgroupId, members]) => {
          const ranking = rank(
            members.map((m) => storedTotals(m.unitId, stored.get(m.unitId))),
            tieBreaks,
          );
          const names = new Map(members.map((m) => [m.unitId, m.unitName]));
          return {
            subgroupId,
            name: scopeName(gy, subgroupId),
            ties: ranking.ties,
            rows: ranking.rows.map((row) => {
              const x = stored.get(row.memberId);
              return {
                memberId: row.memberId,
                unitName: names.get(row.memberId) ?? row.memberId,
                rank: row.rank,
                total: row.total,
                selfTotal: x?.self_total ?? 0,
                difference: round2(row.total - (x?.self_total ?? 0)),
                tied: row.tied,
                aheadOfNextBy: row.aheadOfNextBy,
                margin: row.margin,
                bySection: x?.by_section ?? {},
                criteria: [],
              };
            }),
          };
        })
        .sort(byScopeName),
    };
  }

  /**
   * Ranking per group or subgroup; with `breakdown`, every member's points per criterion, self-scored
   * and appraised, computed from the entries (a report of 10 × 60 cells, heavier by far).
   */
  async ranking(r: RankingRequest): Promise<RankingView> {
    if (r.breakdown !== true) return this.summary(r);
    const { gy, locked, scheme, res } = await this.computed(r);
    const scope = defaultScope(r.scope, scheme.honours as HonourRule, gy);
    return {
      groupId: gy.groupId,
      year: r.year,
      schemeVersion: scheme.version,
      locked,
      tieBreaks: scheme.tie_breaks,
      scopes: rankScopes(scheme.body as Scheme, gy, res, scope, scheme.tie_breaks as TieBreak[]),
    };
  }

  /** Every group-year of a year ranked per group, from the member results kept on each write. */
  async rankYear(r: RankYearRequest): Promise<YearRankingView> {
    allow(mayRankYear(r.actor.roles as Grant[]));
    const t0 = performance.now();
    const [rows, schemes] = await Promise.all([
      this.ds.query(
        `SELECT group_id, member_id, total, at_maximum, by_section, tie_criteria FROM ${SCHEMA}.member_results
         WHERE year = $1 ORDER BY group_id`,
        [r.year],
      ),
      this.ds.query(
        `SELECT DISTINCT ON (group_id) group_id, tie_breaks FROM ${SCHEMA}.schemes
         WHERE year = $1 AND state = 'PUBLISHED' ORDER BY group_id, version DESC`,
        [r.year],
      ),
    ]);
    const rules = new Map<string, TieBreak[]>(
      schemes.map((x: { group_id: string; tie_breaks: TieBreak[] }) => [x.group_id, x.tie_breaks]),
    );
    const view: YearRankingView = {
      year: r.year,
      groupYears: 0,
      members: rows.length,
      unbrokenTies: 0,
      rankedInMs: 0,
      leaders: [],
      leadersTruncated: false,
    };
    let i = 0;
    while (i < rows.length) {
      const groupId: string = rows[i].group_id;
      const members: MemberTotals[] = [];
      for (; i < rows.length && rows[i].group_id === groupId; i += 1)
        members.push(storedTotals(rows[i].member_id, rows[i]));
      const ranking = rank(members, rules.get(groupId) ?? []);
      view.groupYears += 1;
      view.unbrokenTies += ranking.ties.length;
      const top = ranking.rows.filter((x) => x.rank === 1);
      if (view.leaders.length < 500)
        view.leaders.push({ groupId, memberIds: top.map((x) => x.memberId), total: top[0]?.total ?? 0 });
      else view.leadersTruncated = true;
    }
    view.rankedInMs = Math.round(performance.now() - t0);
    return view;
  }

  /** The honour proposals of a locked year; `announce` also publishes them (chair or board). */
  async honours(r: GroupYearActorRequest, announce: boolean): Promise<HonoursView> {
    // Announcing is the chair's (or the board's): asked before anything about the year is read.
    if (announce) {
      const gy = await this.schemes.groupYear(r.groupId, r.year);
      allow(mayLock(r.actor.roles as Grant[], gy.groupId, r.year));
    }
    const { gy, locked, scheme, res } = await this.computed(r);
    if (!locked)
      throw AppError.invalidState('Honours are proposed from locked scores: the chair locks the year first');
    const rule = scheme.honours as HonourRule;
    const names = new Map(gy.members.map((m) => [m.unitId, m.unitName]));
    const scopes = [...scopesOf(gy, rule.scope).entries()]
      .map(([subgroupId, members]) => {
        const h = proposeHonours(
          rank(
            members.map((m) => res.final.get(m.unitId) as MemberTotals),
            scheme.tie_breaks as TieBreak[],
          ),
          rule,
        );
        return {
          subgroupId,
          name: scopeName(gy, subgroupId),
          proposals: h.proposals.map((p) => ({ ...p, unitName: names.get(p.memberId) ?? p.memberId })),
          undecided: h.undecided,
          belowMinimum: h.belowMinimum,
        };
      })
      .sort(byScopeName);
    const view: HonoursView = {
      groupId: gy.groupId,
      year: r.year,
      schemeVersion: scheme.version,
      rule,
      scopes,
    };
    if (announce) {
      await addToOutbox(this.ds.manager, SCHEMA, [
        makeEnvelope(ScoringEvents.honoursProposed, {
          groupId: gy.groupId,
          year: r.year,
          schemeVersion: scheme.version,
          proposals: scopes.flatMap((s) =>
            s.proposals.map((p) => ({
              award: p.award,
              memberId: p.memberId,
              subgroupId: s.subgroupId,
              rank: p.rank,
              total: p.total,
              rationale: p.rationale,
            })),
          ),
          undecided: scopes.flatMap((s) => s.undecided.map((u) => ({ ...u, subgroupId: s.subgroupId }))),
        }),
      ]);
    }
    return view;
  }
}

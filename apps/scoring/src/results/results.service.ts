import { Injectable } from '@nestjs/common';
import {
  GroupYearActorRequest,
  GroupYearStateView,
  HonoursView,
  RankingRequest,
  RankingView,
  RankYearRequest,
  ReopenRequest,
  ScoringEvents,
  YearRankingView,
} from '@tdkt/contracts';
import { nfc } from '@tdkt/domain';
import { AppError, makeEnvelope } from '@tdkt/platform';
import { performance } from 'node:perf_hooks';
import { Access } from '../access';
import { GroupYearsService } from '../group-years/group-years.service';
import { GroupDirectory, GroupYear } from '../registry/group-directory';
import { SchemesService } from '../schemes/schemes.service';
import { defaultScope, results } from '../scores/computation';
import { ScoresService } from '../scores/scores.service';
import { BREAKDOWN_CACHE, encodeBreakdown, usableBreakdown } from './breakdown';
import { ResultsRepository } from './results.repository';
import {
  groupYearStateView,
  honoursProposed,
  honoursView,
  rankingBreakdownView,
  rankingPage,
  rankingSummaryView,
  yearRankingView,
} from './results.views';

/** Locking, reopening, the ranking and the honour proposals of a group-year. */
@Injectable()
export class ResultsService {
  constructor(
    private readonly repo: ResultsRepository,
    private readonly years: GroupYearsService,
    private readonly schemes: SchemesService,
    private readonly scores: ScoresService,
    private readonly groups: GroupDirectory,
  ) {}

  async state(r: GroupYearActorRequest): Promise<GroupYearStateView> {
    const gy = await this.groups.get(r.groupId, r.year);
    Access.readGroupYear(r.actor, gy);
    return this.stateOf(gy.groupId, r.year);
  }

  /** The lock and its history (the caller was allowed). */
  private async stateOf(groupId: string, year: number): Promise<GroupYearStateView> {
    const [history, locked] = await Promise.all([
      this.years.history(groupId, year),
      this.years.isLocked(groupId, year),
    ]);
    return groupYearStateView(groupId, year, locked, history);
  }

  /** At the preparatory conference: no change after this without a recorded reopen. */
  async lock(r: GroupYearActorRequest): Promise<GroupYearStateView> {
    const gy = await this.groups.get(r.groupId, r.year);
    Access.lock(r.actor, gy);
    await this.years.transaction(async (m) => {
      await this.years.takeFor(m, gy.groupId, r.year, 'LOCK');
      const scheme = await this.schemes.published(gy.groupId, r.year, m);
      const res = results(scheme.body, gy, await this.scores.entries(gy.groupId, r.year, m));
      await this.years.record(m, {
        groupId: gy.groupId,
        year: r.year,
        action: 'LOCK',
        by: r.actor.userId,
        reason: null,
        event: makeEnvelope(ScoringEvents.groupYearLocked, {
          groupId: gy.groupId,
          year: r.year,
          schemeVersion: scheme.version,
          lockedBy: r.actor.userId,
          lockedAt: new Date().toISOString(),
          totals: [...res.final.values()].map((t) => ({ memberId: t.memberId, total: t.total })),
        }),
      });
    });
    return this.stateOf(gy.groupId, r.year);
  }

  /** The central board's, with a reason: the year's scores may change again. */
  async reopen(r: ReopenRequest): Promise<GroupYearStateView> {
    Access.reopen(r.actor);
    const gy = await this.groups.get(r.groupId, r.year);
    const reason = nfc(r.reason);
    await this.years.transaction(async (m) => {
      await this.years.takeFor(m, gy.groupId, r.year, 'REOPEN');
      await this.years.record(m, {
        groupId: gy.groupId,
        year: r.year,
        action: 'REOPEN',
        by: r.actor.userId,
        reason,
        event: makeEnvelope(ScoringEvents.groupYearReopened, {
          groupId: gy.groupId,
          year: r.year,
          reopenedBy: r.actor.userId,
          reason,
          at: new Date().toISOString(),
        }),
      });
    });
    return this.stateOf(gy.groupId, r.year);
  }

  /** The published scheme and every member's results computed from the entries, once the caller may read them. */
  private async computed(r: GroupYearActorRequest, gy: GroupYear) {
    const locked = await this.years.isLocked(gy.groupId, r.year);
    Access.readResults(r.actor, gy, locked);
    const scheme = await this.schemes.published(gy.groupId, r.year);
    const res = results(scheme.body, gy, await this.scores.entries(gy.groupId, r.year));
    return { locked, scheme, res };
  }

  /**
   * Ranking per group or subgroup. By default from the stored member results (one statement, ten
   * rows); with `breakdown`, every member's points per criterion, self-scored and appraised
   * (a report of 10 × 60 cells), from the breakdown kept with the results.
   */
  async ranking(r: RankingRequest): Promise<RankingView> {
    const view = await this.wholeRanking(r);
    // Paged (optional; a large group-year in several replies): a slice of the same ranking.
    return r.limit === undefined ? view : rankingPage(view, r.offset ?? 0, r.limit);
  }

  private async wholeRanking(r: RankingRequest): Promise<RankingView> {
    const gy = await this.groups.get(r.groupId, r.year);
    if (r.breakdown === true) return this.breakdown(r, gy);
    // Whether the caller may read it depends on the lock, read with everything else in one go;
    // nothing of it is answered before the caller is allowed.
    const state = await this.repo.rankingState(gy.groupId, r.year);
    const locked = state.locked === true;
    Access.readResults(r.actor, gy, locked);
    if (!state.scheme) throw AppError.of('SCHEME_NOT_PUBLISHED', { year: r.year });
    const head = {
      groupId: gy.groupId,
      year: r.year,
      schemeVersion: state.scheme.version,
      locked,
      tieBreaks: state.scheme.tie_breaks,
    };
    return rankingSummaryView(gy, head, defaultScope(r.scope, state.scheme.honours, gy), state.results);
  }

  /**
   * The ranking with every member's points per criterion: from the breakdown kept with the
   * results, or computed from the entries on the first read after a change (and kept).
   */
  private async breakdown(r: RankingRequest, gy: GroupYear): Promise<RankingView> {
    const state = await this.repo.breakdownState(gy.groupId, r.year);
    const locked = state.locked === true;
    Access.readResults(r.actor, gy, locked);
    if (!state.scheme) throw AppError.of('SCHEME_NOT_PUBLISHED', { year: r.year });
    const memberIds = gy.members.map((m) => m.unitId);
    let rules = state.scheme;
    let b = BREAKDOWN_CACHE ? usableBreakdown(state.body, rules.version, memberIds) : undefined;
    if (!b) {
      const scheme = await this.schemes.published(gy.groupId, r.year);
      const entries = await this.scores.entries(gy.groupId, r.year);
      b = encodeBreakdown(scheme.body, scheme.version, results(scheme.body, gy, entries));
      rules = scheme;
      if (BREAKDOWN_CACHE)
        await this.repo.saveBreakdown(
          gy.groupId,
          r.year,
          state.generation,
          b.schemeVersion,
          JSON.stringify(b),
        );
    }
    const head = {
      groupId: gy.groupId,
      year: r.year,
      schemeVersion: b.schemeVersion,
      locked,
      tieBreaks: rules.tie_breaks,
    };
    return rankingBreakdownView(gy, head, defaultScope(r.scope, rules.honours, gy), b);
  }

  /** Every group-year of a year ranked per group, from the member results kept on each write. */
  async rankYear(r: RankYearRequest): Promise<YearRankingView> {
    Access.rankYear(r.actor);
    const t0 = performance.now();
    const [rows, rules] = await Promise.all([this.repo.yearResults(r.year), this.repo.yearTieBreaks(r.year)]);
    const view = yearRankingView(r.year, rows, rules);
    view.rankedInMs = Math.round(performance.now() - t0);
    return view;
  }

  /** The honour proposals of a locked year; `announce` also publishes them (chair or board). */
  async honours(r: GroupYearActorRequest, announce: boolean): Promise<HonoursView> {
    const gy = await this.groups.get(r.groupId, r.year);
    // Announcing is the chair's (or the board's): asked before anything about the year is read.
    if (announce) Access.proposeHonours(r.actor, gy);
    const { locked, scheme, res } = await this.computed(r, gy);
    this.years.check(locked, 'PROPOSE_HONOURS', r.year);
    const view = honoursView(
      gy,
      { groupId: gy.groupId, year: r.year, schemeVersion: scheme.version },
      scheme.honours,
      scheme.tie_breaks,
      res,
    );
    if (announce)
      await this.repo.announce(makeEnvelope(ScoringEvents.honoursProposed, honoursProposed(view)));
    return view;
  }
}

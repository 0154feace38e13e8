import { Injectable } from '@nestjs/common';
import {
  ChangesRequest,
  DEFAULT_PAGE_SIZE,
  Page,
  FieldError,
  MemberRequest,
  MemberScoresView,
  PutScoresRequest,
  ScoreChangeView,
  ScoreEntryDto,
} from '@tdkt/contracts';
import { clip, criteriaOf, EntryKind, entryProblems, nfc, Scheme } from '@tdkt/domain';
import { AppError } from '@tdkt/platform';
import { EntityManager } from 'typeorm';
import { Access } from '../access';
import { GroupYearsService } from '../group-years/group-years.service';
import { problemsError } from '../problems';
import { GroupDirectory, GroupYear } from '../registry/group-directory';
import { SchemeRow } from '../schemes/schemes.repository';
import { SchemesService } from '../schemes/schemes.service';
import { results, storedResults } from './computation';
import { EntryRow, ScoresRepository } from './scores.repository';
import { memberScoresView, outsideBodyView, scoreChangeView } from './scores.views';

/** The field of an entry a problem of `entryProblems` is about. */
function problemField(message: string): 'reason' | 'evidence' | 'value' {
  return /lý do/.test(message) ? 'reason' : /minh chứng/.test(message) ? 'evidence' : 'value';
}

/** The outside bodies a scheme names (each criterion scored by one). */
function outsideBodiesOf(body: Scheme): string[] {
  return criteriaOf(body).flatMap((c) =>
    c.criterion.scoredBy.kind === 'OUTSIDE_BODY' ? [c.criterion.scoredBy.body] : [],
  );
}

/** Self-scores, appraisal and outside bodies' entries, each change kept with who, why and when. */
@Injectable()
export class ScoresService {
  constructor(
    private readonly repo: ScoresRepository,
    private readonly schemes: SchemesService,
    private readonly years: GroupYearsService,
    private readonly groups: GroupDirectory,
  ) {}

  /** Every entry of the group-year; `m`: the caller's transaction, if any. */
  entries(groupId: string, year: number, m?: EntityManager): Promise<EntryRow[]> {
    return this.repo.entries(groupId, year, m);
  }

  async put(r: PutScoresRequest): Promise<MemberScoresView> {
    await this.years.transaction((m) => this.record(m, r));
    return this.get(r);
  }

  /** Records a batch of entries in the caller's transaction (all or nothing); answers how many. */
  async record(m: EntityManager, r: PutScoresRequest): Promise<number> {
    const gy = await this.groups.get(r.groupId, r.year);
    // Who may write at all comes first: a read-only caller learns nothing about the year's state.
    Access.enterScores(r.actor, gy, r.memberId);
    if (!gy.members.some((x) => x.unitId === r.memberId))
      throw AppError.of(
        'SCORE_MEMBER_NOT_IN_GROUP',
        { member: r.memberId, group: gy.groupName, year: r.year },
        'memberId',
      );
    // The row lock first (a lock and a write never cross); whether the year is locked is told only
    // once every entry's author was allowed.
    const locked = await this.years.take(m, gy.groupId, r.year);
    const scheme = await this.schemes.published(gy.groupId, r.year, m);
    const criteria = new Map(criteriaOf(scheme.body).map((c) => [c.criterion.code, c.criterion]));
    const unknown: FieldError[] = [];
    const errors: FieldError[] = [];
    const plans: { e: ScoreEntryDto; kind: EntryKind }[] = [];
    r.body.entries.forEach((e, i) => {
      const c = criteria.get(e.criterion);
      if (!c) {
        unknown.push({
          field: `body.entries[${i}].criterion`,
          message: `không có tiêu chí "${clip(e.criterion)}" trong bảng điểm phiên bản ${scheme.version}`,
        });
        return;
      }
      const { kind, author } = Access.entry(r.actor, gy, r.memberId, c);
      for (const message of entryProblems(c, e, author))
        errors.push({ field: `body.entries[${i}].${problemField(message)}`, message });
      if (kind === 'APPRAISAL' && !e.reason?.trim())
        errors.push({ field: `body.entries[${i}].reason`, message: 'thẩm định thay đổi điểm cần nêu lý do' });
      plans.push({ e, kind });
    });
    this.years.check(locked, 'WRITE', r.year);
    if (unknown.length) throw problemsError('SCORE_CRITERION_UNKNOWN', { version: scheme.version }, unknown);
    if (errors.length) throw problemsError('SCORE_ENTRIES_INVALID', {}, errors);
    for (const { e, kind } of plans)
      await this.repo.record(m, {
        groupId: gy.groupId,
        year: r.year,
        memberId: r.memberId,
        criterion: e.criterion,
        kind,
        value: e.value,
        evidence: e.evidence === true,
        reason: e.reason ? nfc(e.reason) : null,
        schemeVersion: scheme.version,
        authorId: r.actor.userId,
        authorRole: Access.authorRole(r.actor, gy, kind),
      });
    await this.refreshResults(m, gy, scheme);
    return plans.length;
  }

  /** Recomputes every member's results of the group-year (RANK criteria depend on all of them). */
  private async refreshResults(m: EntityManager, gy: GroupYear, scheme: SchemeRow): Promise<void> {
    const res = results(scheme.body, gy, await this.repo.entries(gy.groupId, gy.year, m));
    await this.repo.saveResults(
      m,
      gy.groupId,
      gy.year,
      scheme.version,
      storedResults(res, scheme.tie_breaks),
    );
  }

  async get(r: MemberRequest): Promise<MemberScoresView> {
    const gy = await this.groups.get(r.groupId, r.year);
    const locked = await this.years.isLocked(gy.groupId, r.year);
    let scheme: SchemeRow | undefined;
    const published = async (): Promise<SchemeRow> =>
      (scheme ??= await this.schemes.published(gy.groupId, r.year));
    const view = await Access.scoresScope(r.actor, gy, r.memberId, locked, async () =>
      outsideBodiesOf((await published()).body),
    );
    if (!gy.members.some((m) => m.unitId === r.memberId))
      throw AppError.of('SCORING_MEMBER_NOT_FOUND', {
        member: r.memberId,
        group: gy.groupName,
        year: r.year,
      });
    const { body, version } = await published();
    const rows = await this.repo.entries(gy.groupId, r.year);
    const full = memberScoresView(
      { groupId: gy.groupId, year: r.year, memberId: r.memberId, schemeVersion: version, locked },
      rows,
      results(body, gy, rows),
    );
    if (view.scope === 'ALL') return full;
    const bodies = new Set(view.bodies);
    const theirs = criteriaOf(body)
      .map((c) => c.criterion)
      .filter((c) => c.scoredBy.kind === 'OUTSIDE_BODY' && bodies.has(c.scoredBy.body))
      .map((c) => c.code);
    return outsideBodyView(full, new Set(theirs));
  }

  /** The append-only trail: one member's (readable by that member) or the whole year's (leaders). */
  async changes(r: ChangesRequest): Promise<Page<ScoreChangeView>> {
    const gy = await this.groups.get(r.groupId, r.year);
    // The trail of a member: that member, its leaders and the board; never other members.
    Access.readTrail(r.actor, gy, r.memberId ?? null);
    const limit = r.limit ?? DEFAULT_PAGE_SIZE;
    const offset = r.offset ?? 0;
    const { rows, total } = await this.repo.changes(gy.groupId, r.year, r.memberId ?? null, {
      order: r.sort === '-at' ? 'DESC' : 'ASC',
      limit,
      offset,
    });
    return { items: rows.map(scoreChangeView), total, limit, offset };
  }
}

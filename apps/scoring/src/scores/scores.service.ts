import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  ChangesRequest,
  GroupYearActorRequest,
  FieldError,
  MemberRequest,
  MemberScoresView,
  PutScoresRequest,
  ScoreChangeView,
  ScoreKind,
} from '@tdkt/contracts';
import {
  clip,
  criteriaOf,
  entryCapacity,
  entryProblems,
  Grant,
  mayEnter,
  mayEnterScores,
  mayReadScores,
  nfc,
  Scheme,
  TieBreak,
} from '@tdkt/domain';
import { allow, AppError } from '@tdkt/platform';
import { DataSource, EntityManager } from 'typeorm';
import { SCHEMA } from '../database/entities';
import { problemsError, SchemesService } from '../schemes/schemes.service';
import { GroupYear } from '../registry/group-directory';
import { EntryRow, results, StoredResult } from './computation';

/** Self-scores, appraisal and outside bodies' entries, each change kept with who, why and when. */
@Injectable()
export class ScoresService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly schemes: SchemesService,
  ) {}

  /** Every entry of the group-year; `q`: the caller's transaction, if any. */
  async entries(groupId: string, year: number, q: DataSource | EntityManager = this.ds): Promise<EntryRow[]> {
    return q.query(`SELECT * FROM ${SCHEMA}.entries WHERE group_id = $1 AND year = $2`, [groupId, year]);
  }

  async locked(groupId: string, year: number): Promise<boolean> {
    const rows = await this.ds.query(
      `SELECT locked FROM ${SCHEMA}.group_years WHERE group_id = $1 AND year = $2`,
      [groupId, year],
    );
    return rows[0]?.locked === true;
  }

  async put(r: PutScoresRequest): Promise<MemberScoresView> {
    await this.ds.transaction((m) => this.record(m, r));
    return this.get(r);
  }

  /** Records a batch of entries in the caller's transaction (all or nothing); answers how many. */
  async record(m: EntityManager, r: PutScoresRequest): Promise<number> {
    const gy = await this.schemes.groupYear(r.groupId, r.year);
    const grants = r.actor.roles as Grant[];
    // Who may write at all comes first: a read-only caller learns nothing about the year's state.
    allow(mayEnterScores(grants, { memberId: r.memberId, groupId: gy.groupId, year: r.year }));
    if (!gy.members.some((x) => x.unitId === r.memberId))
      throw AppError.field('memberId', `is not a member of ${gy.groupName} in ${r.year}`);
    // The row lock first (a lock and a write never cross); whether the year is locked is told only
    // once every entry's author was allowed.
    const locked = await this.schemes.lockGroupYear(m, gy.groupId, r.year, true);
    const row = await this.schemes.published(gy.groupId, r.year, m);
    const scheme = row.body as Scheme;
    const criteria = new Map(criteriaOf(scheme).map((c) => [c.criterion.code, c.criterion]));
    const errors: FieldError[] = [];
    const plans = r.body.entries.map((e, i) => {
      const c = criteria.get(e.criterion);
      if (!c) {
        errors.push({
          field: `body.entries[${i}].criterion`,
          message: `no criterion "${clip(e.criterion)}" in scheme version ${row.version}`,
        });
        return null;
      }
      const cap = entryCapacity(
        grants,
        { memberId: r.memberId, groupId: gy.groupId, year: r.year },
        c.scoredBy,
      );
      if ('refused' in cap) throw AppError.forbidden(`${e.criterion}: ${cap.refused}`);
      const who = mayEnter(c, cap.author);
      if (who) throw AppError.forbidden(who);
      for (const message of entryProblems(c, e, cap.author))
        errors.push({
          field: `body.entries[${i}].${/reason/.test(message) ? 'reason' : /evidence/.test(message) ? 'evidence' : 'value'}`,
          message,
        });
      if (cap.kind === 'APPRAISAL' && !e.reason?.trim())
        errors.push({ field: `body.entries[${i}].reason`, message: 'an appraisal change needs a reason' });
      return { e, kind: cap.kind };
    });
    if (locked) throw this.schemes.lockedError(r.year);
    if (errors.length)
      throw problemsError(
        errors,
        `${errors.length} entr${errors.length === 1 ? 'y is' : 'ies are'} not valid`,
      );
    const role = (kind: string) =>
      kind === 'SELF'
        ? 'UNIT_OFFICER'
        : kind === 'OUTSIDE'
          ? 'OUTSIDE_BODY'
          : grants.some((g) => g.role === 'BOARD')
            ? 'BOARD'
            : (grants.find(
                (g) =>
                  (g.role === 'CHAIR' || g.role === 'VICE_CHAIR') &&
                  g.groupId === gy.groupId &&
                  g.year === r.year,
              )?.role ?? 'LEADERSHIP');
    for (const p of plans) {
      if (!p) continue;
      const reason = p.e.reason ? nfc(p.e.reason) : null;
      const [old] = await m.query(
        `SELECT self_value, appraised_value FROM ${SCHEMA}.entries WHERE group_id = $1 AND year = $2 AND member_id = $3 AND criterion = $4 FOR UPDATE`,
        [gy.groupId, r.year, r.memberId, p.e.criterion],
      );
      const oldValue =
        p.kind === 'SELF' ? (old?.self_value ?? null) : (old?.appraised_value ?? old?.self_value ?? null);
      if (p.kind === 'SELF')
        await m.query(
          `INSERT INTO ${SCHEMA}.entries (group_id, year, member_id, criterion, self_value, evidence, scheme_version, updated_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, now())
           ON CONFLICT (group_id, year, member_id, criterion) DO UPDATE SET self_value = EXCLUDED.self_value,
             evidence = EXCLUDED.evidence, scheme_version = EXCLUDED.scheme_version, updated_at = now()`,
          [gy.groupId, r.year, r.memberId, p.e.criterion, p.e.value, p.e.evidence === true, row.version],
        );
      else
        await m.query(
          `INSERT INTO ${SCHEMA}.entries (group_id, year, member_id, criterion, appraised_value, appraised_kind, reason, scheme_version, updated_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, now())
           ON CONFLICT (group_id, year, member_id, criterion) DO UPDATE SET appraised_value = EXCLUDED.appraised_value,
             appraised_kind = EXCLUDED.appraised_kind, reason = EXCLUDED.reason, scheme_version = EXCLUDED.scheme_version, updated_at = now()`,
          [gy.groupId, r.year, r.memberId, p.e.criterion, p.e.value, p.kind, reason, row.version],
        );
      await m.query(
        `INSERT INTO ${SCHEMA}.score_changes (group_id, year, member_id, criterion, kind, old_value, new_value, reason, author_id, author_role)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
        [
          gy.groupId,
          r.year,
          r.memberId,
          p.e.criterion,
          p.kind,
          oldValue,
          p.e.value,
          reason,
          r.actor.userId,
          role(p.kind),
        ],
      );
    }
    await this.refreshResults(m, gy, row);
    return plans.filter(Boolean).length;
  }

  /** Recomputes every member's results of the group-year (RANK criteria depend on all of them). */
  private async refreshResults(
    m: EntityManager,
    gy: GroupYear,
    scheme: { version: number; body: unknown; tie_breaks: unknown },
  ): Promise<void> {
    const res = results(scheme.body as Scheme, gy, await this.entries(gy.groupId, gy.year, m));
    const named = (scheme.tie_breaks as TieBreak[]).flatMap((t) =>
      t.kind === 'CRITERION' ? [t.criterion] : [],
    );
    const stored = [...res.final.values()].map((t): StoredResult => ({
      member_id: t.memberId,
      total: t.total,
      self_total: res.self.get(t.memberId)?.total ?? 0,
      at_maximum: t.atMaximum,
      by_section: t.bySection,
      tie_criteria: Object.fromEntries(named.map((c) => [c, t.byCriterion[c] ?? 0])),
    }));
    if (!stored.length) return;
    await m.query(
      `INSERT INTO ${SCHEMA}.member_results (group_id, year, member_id, total, self_total, at_maximum, by_section, tie_criteria, scheme_version)
       SELECT $1, $2, x.member_id, x.total, x.self_total, x.at_maximum, x.by_section, x.tie_criteria, $3
       FROM jsonb_to_recordset($4::jsonb) AS x(member_id uuid, total float8, self_total float8, at_maximum int, by_section jsonb, tie_criteria jsonb)
       ON CONFLICT (group_id, year, member_id) DO UPDATE SET total = EXCLUDED.total, self_total = EXCLUDED.self_total,
         at_maximum = EXCLUDED.at_maximum, by_section = EXCLUDED.by_section, tie_criteria = EXCLUDED.tie_criteria,
         scheme_version = EXCLUDED.scheme_version`,
      [gy.groupId, gy.year, scheme.version, JSON.stringify(stored)],
    );
  }

  /**
   * The group-year and whether it is locked, once the caller may read `memberId`'s scores (other
   * members' only after the lock, and only where `othersAfterLock`).
   */
  private async readable(r: GroupYearActorRequest, memberId: string, othersAfterLock: boolean) {
    const gy = await this.schemes.groupYear(r.groupId, r.year);
    const locked = await this.locked(gy.groupId, r.year);
    const callerIsMember = othersAfterLock && gy.members.some((m) => m.unitId === r.actor.unitId);
    allow(
      mayReadScores(
        r.actor.roles as Grant[],
        { memberId, groupId: gy.groupId, year: r.year },
        locked,
        callerIsMember,
      ),
    );
    return { gy, locked };
  }

  async get(r: MemberRequest): Promise<MemberScoresView> {
    const { gy, locked } = await this.readable(r, r.memberId, true);
    if (!gy.members.some((m) => m.unitId === r.memberId))
      throw AppError.notFound(`${r.memberId} is not a member in ${r.year}`);
    const row = await this.schemes.published(gy.groupId, r.year);
    const rows = await this.entries(gy.groupId, r.year);
    const res = results(row.body as Scheme, gy, rows);
    return {
      groupId: gy.groupId,
      year: r.year,
      memberId: r.memberId,
      schemeVersion: row.version,
      locked,
      entries: rows
        .filter((e) => e.member_id === r.memberId)
        .sort((a, b) => a.criterion.localeCompare(b.criterion))
        .map((e) => ({
          criterion: e.criterion,
          selfValue: e.self_value,
          evidence: e.evidence,
          appraisedValue: e.appraised_value,
          appraisedKind: e.appraised_kind as ScoreKind | null,
          reason: e.reason,
          schemeVersion: e.scheme_version,
          updatedAt: new Date(e.updated_at).toISOString(),
        })),
      selfTotal: res.self.get(r.memberId)?.total ?? 0,
      total: res.final.get(r.memberId)?.total ?? 0,
    };
  }

  /** The append-only trail: one member's (readable by that member) or the whole year's (leaders). */
  async changes(r: ChangesRequest): Promise<ScoreChangeView[]> {
    // The trail of a member: that member, its leaders and the board; never other members.
    const { gy } = await this.readable(r, r.memberId ?? '', false);
    const rows = await this.ds.query(
      `SELECT * FROM ${SCHEMA}.score_changes WHERE group_id = $1 AND year = $2 AND ($3::uuid IS NULL OR member_id = $3) ORDER BY id`,
      [gy.groupId, r.year, r.memberId ?? null],
    );
    return rows.map((x: Record<string, unknown>): ScoreChangeView => ({
      id: String(x.id),
      memberId: x.member_id as string,
      criterion: x.criterion as string,
      kind: x.kind as ScoreKind,
      oldValue: x.old_value as number | null,
      newValue: x.new_value as number,
      reason: x.reason as string | null,
      authorId: x.author_id as string,
      authorRole: x.author_role as string,
      at: new Date(x.at as string).toISOString(),
    }));
  }
}

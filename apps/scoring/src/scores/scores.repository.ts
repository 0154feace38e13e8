import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { EntryKind } from '@tdkt/domain';
import { DataSource, EntityManager } from 'typeorm';
import { SCHEMA } from '../database/entities';

/** A row of `entries`: one member's criterion, self-scored and appraised side by side. */
export interface EntryRow {
  member_id: string;
  criterion: string;
  self_value: number | null;
  evidence: boolean;
  appraised_value: number | null;
  appraised_kind: string | null;
  reason: string | null;
  scheme_version: number;
  updated_at: Date;
}

/** A row of `score_changes` (append-only). */
export interface ScoreChangeRow {
  id: string | number;
  member_id: string;
  criterion: string;
  kind: EntryKind;
  old_value: number | null;
  new_value: number;
  reason: string | null;
  author_id: string;
  author_role: string;
  at: Date;
}

/** A member's row of `member_results`, kept on each write of the group-year. */
export interface MemberResultRow {
  member_id: string;
  total: number;
  self_total: number;
  at_maximum: number;
  by_section: Record<string, number>;
  tie_criteria: Record<string, number>;
}

/** One entry to record, with the change it makes for the trail. */
export interface EntryWrite {
  groupId: string;
  year: number;
  memberId: string;
  criterion: string;
  kind: EntryKind;
  value: number;
  evidence: boolean;
  reason: string | null;
  schemeVersion: number;
  authorId: string;
  authorRole: string;
}

type Queryable = DataSource | EntityManager;

/** Entries, their trail and the member results kept from them. */
@Injectable()
export class ScoresRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /** Every entry of the group-year; `q`: the caller's transaction, if any. */
  entries(groupId: string, year: number, q: Queryable = this.ds): Promise<EntryRow[]> {
    return q.query(`SELECT * FROM ${SCHEMA}.entries WHERE group_id = $1 AND year = $2`, [groupId, year]);
  }

  /**
   * Records one entry in the caller's transaction (the group-year's row lock held): the member's
   * own value or the appraised one, and the change in the trail with the value it replaced.
   */
  async record(m: EntityManager, w: EntryWrite): Promise<void> {
    const [old] = await m.query(
      `SELECT self_value, appraised_value FROM ${SCHEMA}.entries
       WHERE group_id = $1 AND year = $2 AND member_id = $3 AND criterion = $4 FOR UPDATE`,
      [w.groupId, w.year, w.memberId, w.criterion],
    );
    const oldValue =
      w.kind === 'SELF' ? (old?.self_value ?? null) : (old?.appraised_value ?? old?.self_value ?? null);
    if (w.kind === 'SELF')
      await m.query(
        `INSERT INTO ${SCHEMA}.entries (group_id, year, member_id, criterion, self_value, evidence, scheme_version, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, now())
         ON CONFLICT (group_id, year, member_id, criterion) DO UPDATE SET self_value = EXCLUDED.self_value,
           evidence = EXCLUDED.evidence, scheme_version = EXCLUDED.scheme_version, updated_at = now()`,
        [w.groupId, w.year, w.memberId, w.criterion, w.value, w.evidence, w.schemeVersion],
      );
    else
      await m.query(
        `INSERT INTO ${SCHEMA}.entries (group_id, year, member_id, criterion, appraised_value, appraised_kind, reason, scheme_version, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, now())
         ON CONFLICT (group_id, year, member_id, criterion) DO UPDATE SET appraised_value = EXCLUDED.appraised_value,
           appraised_kind = EXCLUDED.appraised_kind, reason = EXCLUDED.reason, scheme_version = EXCLUDED.scheme_version, updated_at = now()`,
        [w.groupId, w.year, w.memberId, w.criterion, w.value, w.kind, w.reason, w.schemeVersion],
      );
    await m.query(
      `INSERT INTO ${SCHEMA}.score_changes (group_id, year, member_id, criterion, kind, old_value, new_value, reason, author_id, author_role)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [
        w.groupId,
        w.year,
        w.memberId,
        w.criterion,
        w.kind,
        oldValue,
        w.value,
        w.reason,
        w.authorId,
        w.authorRole,
      ],
    );
  }

  /** Replaces the members' stored results of the group-year (one statement), in the caller's transaction. */
  async saveResults(
    m: EntityManager,
    groupId: string,
    year: number,
    schemeVersion: number,
    results: MemberResultRow[],
  ): Promise<void> {
    if (!results.length) return;
    await m.query(
      `INSERT INTO ${SCHEMA}.member_results (group_id, year, member_id, total, self_total, at_maximum, by_section, tie_criteria, scheme_version)
       SELECT $1, $2, x.member_id, x.total, x.self_total, x.at_maximum, x.by_section, x.tie_criteria, $3
       FROM jsonb_to_recordset($4::jsonb) AS x(member_id uuid, total float8, self_total float8, at_maximum int, by_section jsonb, tie_criteria jsonb)
       ON CONFLICT (group_id, year, member_id) DO UPDATE SET total = EXCLUDED.total, self_total = EXCLUDED.self_total,
         at_maximum = EXCLUDED.at_maximum, by_section = EXCLUDED.by_section, tie_criteria = EXCLUDED.tie_criteria,
         scheme_version = EXCLUDED.scheme_version`,
      [groupId, year, schemeVersion, JSON.stringify(results)],
    );
  }

  /**
   * A page of the trail of one member (`memberId`) or of the whole group-year, by time (`ASC`
   * oldest first; equal times in the order written), with the count of the whole trail.
   */
  async changes(
    groupId: string,
    year: number,
    memberId: string | null,
    page: { order: 'ASC' | 'DESC'; limit: number; offset: number },
  ): Promise<{ rows: ScoreChangeRow[]; total: number }> {
    const where = 'group_id = $1 AND year = $2 AND ($3::uuid IS NULL OR member_id = $3)';
    const dir = page.order === 'DESC' ? 'DESC' : 'ASC';
    const rows: (ScoreChangeRow & { total: number })[] = await this.ds.query(
      `SELECT *, count(*) OVER ()::int AS total FROM ${SCHEMA}.score_changes
       WHERE ${where} ORDER BY at ${dir}, id ${dir} LIMIT $4 OFFSET $5`,
      [groupId, year, memberId, page.limit, page.offset],
    );
    if (rows.length > 0 || page.offset === 0) return { rows, total: rows[0]?.total ?? 0 };
    // Past the end: no row carries the count.
    const [{ n }]: { n: number }[] = await this.ds.query(
      `SELECT count(*)::int AS n FROM ${SCHEMA}.score_changes WHERE ${where}`,
      [groupId, year, memberId],
    );
    return { rows, total: n };
  }
}

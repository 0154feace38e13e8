import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { EventEnvelope } from '@tdkt/contracts';
import { addToOutbox } from '@tdkt/platform';
import { DataSource, EntityManager } from 'typeorm';
import { SCHEMA } from '../database/entities';

/** A row of `scheme_comments`. */
export interface CommentRow {
  id: string;
  group_id: string;
  year: number;
  version: number;
  criterion_code: string;
  text: string;
  author_id: string;
  unit_id: string | null;
  unit_name: string | null;
  at: Date;
}

/** A row of `scheme_signatures`. */
export interface SignatureRow {
  unit_id: string;
  unit_name: string;
  signed_by: string;
  on_behalf: boolean;
  role: string;
  at: Date;
}

/** A row of `scheme_publications`. */
export interface PublicationRow {
  scheme_id: string;
  published_by: string;
  without_signatures: boolean;
  reason: string | null;
  missing: { unitId: string; unitName: string }[];
  at: Date;
}

type Queryable = DataSource | EntityManager;

/**
 * The covenant's comments, signatures and publications, each kept with the scheme version it was
 * made on. Writes run in the caller's transaction, under the group-year's row lock.
 */
@Injectable()
export class CovenantRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /** Whether a version was already commented on or signed (a revision then keeps it). */
  async hasFeedback(m: EntityManager, groupId: string, year: number, version: number): Promise<boolean> {
    const [row] = await m.query(
      `SELECT EXISTS (SELECT 1 FROM ${SCHEMA}.scheme_comments WHERE group_id = $1 AND year = $2 AND version = $3)
           OR EXISTS (SELECT 1 FROM ${SCHEMA}.scheme_signatures WHERE group_id = $1 AND year = $2 AND version = $3)
           AS feedback`,
      [groupId, year, version],
    );
    return row.feedback === true;
  }

  async insertComment(m: EntityManager, c: Omit<CommentRow, 'at'>): Promise<CommentRow> {
    const [row]: CommentRow[] = await m.query(
      `INSERT INTO ${SCHEMA}.scheme_comments
         (id, group_id, year, version, criterion_code, text, author_id, unit_id, unit_name)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING *`,
      [c.id, c.group_id, c.year, c.version, c.criterion_code, c.text, c.author_id, c.unit_id, c.unit_name],
    );
    return row;
  }

  /** A page of the comments, oldest first; `version`, `criterionCode`: only those. */
  async comments(
    groupId: string,
    year: number,
    filter: { version?: number; criterionCode?: string },
    limit: number,
    offset: number,
  ): Promise<{ rows: CommentRow[]; total: number }> {
    const where = `group_id = $1 AND year = $2 AND ($3::int IS NULL OR version = $3)
      AND ($4::text IS NULL OR criterion_code = $4)`;
    const params = [groupId, year, filter.version ?? null, filter.criterionCode ?? null];
    const [rows, [count]] = await Promise.all([
      this.ds.query(
        `SELECT * FROM ${SCHEMA}.scheme_comments WHERE ${where} ORDER BY at, id LIMIT $5 OFFSET $6`,
        [...params, limit, offset],
      ) as Promise<CommentRow[]>,
      this.ds.query(
        `SELECT count(*)::int AS n FROM ${SCHEMA}.scheme_comments WHERE ${where}`,
        params,
      ) as Promise<{ n: number }[]>,
    ]);
    return { rows, total: count.n };
  }

  /** Records a unit's signature of a version; a second one for the same unit keeps the first. */
  async sign(
    m: EntityManager,
    s: { groupId: string; year: number; version: number } & Omit<SignatureRow, 'at'>,
  ): Promise<void> {
    await m.query(
      `INSERT INTO ${SCHEMA}.scheme_signatures (group_id, year, version, unit_id, unit_name, signed_by, on_behalf, role)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT DO NOTHING`,
      [s.groupId, s.year, s.version, s.unit_id, s.unit_name, s.signed_by, s.on_behalf, s.role],
    );
  }

  /** The signatures of a version, in the order they were made. */
  signatures(
    groupId: string,
    year: number,
    version: number,
    q: Queryable = this.ds,
  ): Promise<SignatureRow[]> {
    return q.query(
      `SELECT unit_id, unit_name, signed_by, on_behalf, role, at FROM ${SCHEMA}.scheme_signatures
       WHERE group_id = $1 AND year = $2 AND version = $3 ORDER BY at, unit_id`,
      [groupId, year, version],
    );
  }

  /** A discarded draft's comments and signatures go with it (its version number is used again). */
  async deleteFeedback(m: EntityManager, groupId: string, year: number, version: number): Promise<void> {
    for (const table of ['scheme_comments', 'scheme_signatures'])
      await m.query(`DELETE FROM ${SCHEMA}.${table} WHERE group_id = $1 AND year = $2 AND version = $3`, [
        groupId,
        year,
        version,
      ]);
  }

  /** How a version was published, and its event (in the publishing transaction). */
  async recordPublication(
    m: EntityManager,
    p: Omit<PublicationRow, 'at'>,
    event: EventEnvelope<unknown>,
  ): Promise<void> {
    await m.query(
      `INSERT INTO ${SCHEMA}.scheme_publications (scheme_id, published_by, without_signatures, reason, missing)
       VALUES ($1, $2, $3, $4, $5)`,
      [p.scheme_id, p.published_by, p.without_signatures, p.reason, JSON.stringify(p.missing)],
    );
    await addToOutbox(m, SCHEMA, [event]);
  }

  async publication(schemeId: string): Promise<PublicationRow | undefined> {
    const rows: PublicationRow[] = await this.ds.query(
      `SELECT * FROM ${SCHEMA}.scheme_publications WHERE scheme_id = $1`,
      [schemeId],
    );
    return rows[0];
  }
}

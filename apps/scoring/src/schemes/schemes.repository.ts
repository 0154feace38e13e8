import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { HonourRule, Scheme, SchemeStateName, TieBreak } from '@tdkt/domain';
import { DataSource, EntityManager } from 'typeorm';
import { SCHEMA } from '../database/entities';

/** A row of `schemes`: one version of a group-year's points table with its rules. */
export interface SchemeRow {
  id: string;
  group_id: string;
  year: number;
  version: number;
  state: SchemeStateName;
  body: Scheme;
  tie_breaks: TieBreak[];
  honours: HonourRule;
  created_at: Date;
  published_at: Date | null;
}

/** What a draft holds. */
export interface SchemeContent {
  scheme: Scheme;
  tieBreaks: TieBreak[];
  honours: HonourRule;
  by: string;
}

type Queryable = DataSource | EntityManager;

/** The versions of the points tables (a published version is never updated nor deleted). */
@Injectable()
export class SchemesRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /** The latest version (`published`: the latest published one); `q`: the caller's transaction, if any. */
  async latest(
    groupId: string,
    year: number,
    published = false,
    q: Queryable = this.ds,
  ): Promise<SchemeRow | undefined> {
    const rows: SchemeRow[] = await q.query(
      published
        ? `SELECT * FROM ${SCHEMA}.schemes WHERE group_id = $1 AND year = $2 AND state = 'PUBLISHED'
           ORDER BY version DESC LIMIT 1`
        : `SELECT * FROM ${SCHEMA}.schemes WHERE group_id = $1 AND year = $2 ORDER BY version DESC LIMIT 1`,
      [groupId, year],
    );
    return rows[0];
  }

  async version(groupId: string, year: number, version: number): Promise<SchemeRow | undefined> {
    const rows: SchemeRow[] = await this.ds.query(
      `SELECT * FROM ${SCHEMA}.schemes WHERE group_id = $1 AND year = $2 AND version = $3`,
      [groupId, year, version],
    );
    return rows[0];
  }

  async byId(id: string): Promise<SchemeRow> {
    const rows: SchemeRow[] = await this.ds.query(`SELECT * FROM ${SCHEMA}.schemes WHERE id = $1`, [id]);
    return rows[0];
  }

  /** Replaces a draft's content (the draft's row, in the caller's transaction). */
  async replaceDraft(m: EntityManager, id: string, c: SchemeContent): Promise<void> {
    await m.query(
      `UPDATE ${SCHEMA}.schemes SET body = $2, tie_breaks = $3, honours = $4, created_by = $5, created_at = now()
       WHERE id = $1 AND state = 'DRAFT'`,
      [id, JSON.stringify(c.scheme), JSON.stringify(c.tieBreaks), JSON.stringify(c.honours), c.by],
    );
  }

  async insertDraft(
    m: EntityManager,
    row: { id: string; groupId: string; year: number; version: number },
    c: SchemeContent,
  ): Promise<void> {
    await m.query(
      `INSERT INTO ${SCHEMA}.schemes (id, group_id, year, version, state, body, tie_breaks, honours, created_by)
       VALUES ($1, $2, $3, $4, 'DRAFT', $5, $6, $7, $8)`,
      [
        row.id,
        row.groupId,
        row.year,
        row.version,
        JSON.stringify(c.scheme),
        JSON.stringify(c.tieBreaks),
        JSON.stringify(c.honours),
        c.by,
      ],
    );
  }

  /** A draft a newer draft version replaces (kept with its comments and signatures, no longer the draft). */
  async supersede(m: EntityManager, id: string): Promise<void> {
    await m.query(`UPDATE ${SCHEMA}.schemes SET state = 'SUPERSEDED' WHERE id = $1 AND state = 'DRAFT'`, [
      id,
    ]);
  }

  /** Whether any version of the group-year's scheme was ever published. */
  async everPublished(groupId: string, year: number, q: Queryable = this.ds): Promise<boolean> {
    const rows: unknown[] = await q.query(
      `SELECT 1 FROM ${SCHEMA}.schemes WHERE group_id = $1 AND year = $2 AND state = 'PUBLISHED' LIMIT 1`,
      [groupId, year],
    );
    return rows.length > 0;
  }

  async deleteDraft(m: EntityManager, id: string): Promise<void> {
    await m.query(`DELETE FROM ${SCHEMA}.schemes WHERE id = $1 AND state = 'DRAFT'`, [id]);
  }

  async publish(m: EntityManager, id: string): Promise<void> {
    await m.query(
      `UPDATE ${SCHEMA}.schemes SET state = 'PUBLISHED', published_at = now() WHERE id = $1 AND state = 'DRAFT'`,
      [id],
    );
  }
}

import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DossierPartView, EventEnvelope } from '@tdkt/contracts';
import { addToOutbox } from '@tdkt/platform';
import { DataSource, EntityManager } from 'typeorm';
import { SCHEMA } from '../database/entities';

/** A row of `honours.dossiers`. */
export interface DossierRow {
  id: string;
  group_id: string;
  year: number;
  member_unit_id: string;
  member_unit_name: string;
  award: string;
  award_form: string | null;
  subgroup_id: string | null;
  rank: number;
  total: string;
  state: string;
  /** The parts as they were when submitted (null while a draft or returned). */
  parts: DossierPartView[] | null;
  return_reason: string | null;
  decision_id: string | null;
  created_by: string;
  created_at: Date;
  updated_at: Date;
}

/** A row of `honours.dossier_steps`. */
export interface StepRow {
  dossier_id: string;
  action: string;
  state: string;
  by: string;
  reason: string | null;
  at: Date;
}

export type NewDossier = Omit<
  DossierRow,
  'state' | 'parts' | 'return_reason' | 'decision_id' | 'created_at' | 'updated_at'
>;

/** Every statement on dossiers and their steps. */
@Injectable()
export class DossiersRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  transaction<T>(work: (m: EntityManager) => Promise<T>): Promise<T> {
    return this.ds.transaction(work);
  }

  /** Inserts a DRAFT with its CREATE step; false when the same honour's dossier exists. */
  async insert(m: EntityManager, d: NewDossier): Promise<boolean> {
    const rows: unknown[] = await m.query(
      `INSERT INTO ${SCHEMA}.dossiers (id, group_id, year, member_unit_id, member_unit_name, award, award_form,
         subgroup_id, rank, total, state, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 'DRAFT', $11)
       ON CONFLICT (group_id, year, member_unit_id, award) DO NOTHING RETURNING 1`,
      [
        d.id,
        d.group_id,
        d.year,
        d.member_unit_id,
        d.member_unit_name,
        d.award,
        d.award_form,
        d.subgroup_id,
        d.rank,
        d.total,
        d.created_by,
      ],
    );
    if (rows.length === 0) return false;
    await this.step(m, d.id, 'CREATE', 'DRAFT', d.created_by, null);
    return true;
  }

  async byHonour(
    groupId: string,
    year: number,
    unitId: string,
    award: string,
  ): Promise<DossierRow | undefined> {
    const rows: DossierRow[] = await this.ds.query(
      `SELECT * FROM ${SCHEMA}.dossiers WHERE group_id = $1 AND year = $2 AND member_unit_id = $3 AND award = $4`,
      [groupId, year, unitId, award],
    );
    return rows[0];
  }

  async get(
    id: string,
    m: EntityManager | DataSource = this.ds,
    lock = false,
  ): Promise<DossierRow | undefined> {
    const rows: DossierRow[] = await m.query(
      `SELECT * FROM ${SCHEMA}.dossiers WHERE id = $1${lock ? ' FOR UPDATE' : ''}`,
      [id],
    );
    return rows[0];
  }

  async steps(ids: string[]): Promise<StepRow[]> {
    if (!ids.length) return [];
    return this.ds.query(
      `SELECT dossier_id, action, state, by, reason, at FROM ${SCHEMA}.dossier_steps
       WHERE dossier_id = ANY($1::uuid[]) ORDER BY seq`,
      [ids],
    );
  }

  /** A group-year's dossiers (of these units only, when given), by subgroup, rank and honour. */
  async list(
    groupId: string,
    year: number,
    unitIds: string[] | null,
    state: string | null,
    limit: number,
    offset: number,
  ): Promise<{ rows: DossierRow[]; total: number }> {
    const where = `group_id = $1 AND year = $2 AND ($3::uuid[] IS NULL OR member_unit_id = ANY($3::uuid[]))
      AND ($4::text IS NULL OR state = $4)`;
    const [rows, count] = await Promise.all([
      this.ds.query(
        `SELECT * FROM ${SCHEMA}.dossiers WHERE ${where}
         ORDER BY subgroup_id NULLS FIRST, rank, award, id LIMIT $5 OFFSET $6`,
        [groupId, year, unitIds, state, limit, offset],
      ) as Promise<DossierRow[]>,
      this.ds.query(`SELECT count(*)::int AS n FROM ${SCHEMA}.dossiers WHERE ${where}`, [
        groupId,
        year,
        unitIds,
        state,
      ]) as Promise<{ n: number }[]>,
    ]);
    return { rows, total: count[0].n };
  }

  /** Moves a dossier to `state` (the caller checked the transition on the locked row) and records the step. */
  async move(
    m: EntityManager,
    id: string,
    action: string,
    state: string,
    by: string,
    changes: { parts?: DossierPartView[] | null; returnReason?: string | null; decisionId?: string | null },
  ): Promise<void> {
    await m.query(
      `UPDATE ${SCHEMA}.dossiers SET state = $2, updated_at = now(),
         parts = CASE WHEN $3::boolean THEN $4::jsonb ELSE parts END,
         return_reason = CASE WHEN $5::boolean THEN $6 ELSE return_reason END,
         decision_id = CASE WHEN $7::boolean THEN $8::uuid ELSE decision_id END
       WHERE id = $1`,
      [
        id,
        state,
        changes.parts !== undefined,
        changes.parts === undefined || changes.parts === null ? null : JSON.stringify(changes.parts),
        changes.returnReason !== undefined,
        changes.returnReason ?? null,
        changes.decisionId !== undefined,
        changes.decisionId ?? null,
      ],
    );
    await this.step(m, id, action, state, by, changes.returnReason ?? null);
  }

  async step(
    m: EntityManager,
    id: string,
    action: string,
    state: string,
    by: string,
    reason: string | null,
  ): Promise<void> {
    await m.query(
      `INSERT INTO ${SCHEMA}.dossier_steps (dossier_id, action, state, by, reason) VALUES ($1, $2, $3, $4, $5)`,
      [id, action, state, by, reason],
    );
  }

  /** Queues events in the caller's transaction. */
  announce(m: EntityManager, envelopes: EventEnvelope<unknown>[]): Promise<void> {
    return addToOutbox(m, SCHEMA, envelopes);
  }
}

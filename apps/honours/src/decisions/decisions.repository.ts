import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { EventEnvelope } from '@tdkt/contracts';
import { addToOutbox } from '@tdkt/platform';
import { DataSource, EntityManager } from 'typeorm';
import { SCHEMA } from '../database/entities';

/** A row of `honours.decisions`, with the id of the decision that corrected it (if any). */
export interface DecisionRow {
  id: string;
  number: string;
  signed_on: string;
  authority: string;
  signer_name: string;
  signer_title: string | null;
  title: string | null;
  corrects: string | null;
  corrected_by: string | null;
  override_reason: string | null;
  override_by: string | null;
  recorded_by: string;
  recorded_at: Date;
}

/** A row of `honours.decision_awards`. */
export interface DecisionAwardRow {
  decision_id: string;
  line: number;
  award: string;
  recipient_kind: string;
  recipient_unit_id: string;
  recipient_unit_name: string;
  recipient_name: string | null;
  dossier_id: string | null;
  beyond_proposed: boolean;
}

/** An accepted dossier (or one decided by the decision being corrected) a decision may grant. */
export interface GrantableRow {
  id: string;
  member_unit_id: string;
  award_form: string | null;
  state: string;
  decision_id: string | null;
}

const DECISION_COLUMNS = `d.id, d.number, to_char(d.signed_on, 'YYYY-MM-DD') AS signed_on, d.authority, d.signer_name,
  d.signer_title, d.title, d.corrects, c.id AS corrected_by, d.override_reason, d.override_by, d.recorded_by, d.recorded_at`;

/** Every statement on decisions, their lines, and the dossiers they decide. */
@Injectable()
export class DecisionsRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  transaction<T>(work: (m: EntityManager) => Promise<T>): Promise<T> {
    return this.ds.transaction(work);
  }

  async get(id: string, m: EntityManager | DataSource = this.ds): Promise<DecisionRow | undefined> {
    const rows: DecisionRow[] = await m.query(
      `SELECT ${DECISION_COLUMNS} FROM ${SCHEMA}.decisions d
       LEFT JOIN ${SCHEMA}.decisions c ON c.corrects = d.id WHERE d.id = $1`,
      [id],
    );
    return rows[0];
  }

  /** Locks the decision a new one corrects (two corrections of it never cross). */
  async lock(m: EntityManager, id: string): Promise<boolean> {
    const rows: unknown[] = await m.query(`SELECT 1 FROM ${SCHEMA}.decisions WHERE id = $1 FOR UPDATE`, [id]);
    return rows.length > 0;
  }

  async byNumber(authorityKey: string, numberKey: string): Promise<{ id: string } | undefined> {
    const rows: { id: string }[] = await this.ds.query(
      `SELECT id FROM ${SCHEMA}.decisions WHERE authority_key = $1 AND number_key = $2`,
      [authorityKey, numberKey],
    );
    return rows[0];
  }

  async awards(ids: string[]): Promise<DecisionAwardRow[]> {
    if (!ids.length) return [];
    return this.ds.query(
      `SELECT * FROM ${SCHEMA}.decision_awards WHERE decision_id = ANY($1::uuid[]) ORDER BY decision_id, line`,
      [ids],
    );
  }

  /** Newest signed first; only decisions granting one of `unitIds` when given. */
  async list(
    unitIds: string[] | null,
    limit: number,
    offset: number,
  ): Promise<{ rows: DecisionRow[]; total: number }> {
    const where = `($1::uuid[] IS NULL OR EXISTS (SELECT 1 FROM ${SCHEMA}.decision_awards a
      WHERE a.decision_id = d.id AND a.recipient_unit_id = ANY($1::uuid[])))`;
    const [rows, count] = await Promise.all([
      this.ds.query(
        `SELECT ${DECISION_COLUMNS} FROM ${SCHEMA}.decisions d LEFT JOIN ${SCHEMA}.decisions c ON c.corrects = d.id
         WHERE ${where} ORDER BY d.signed_on DESC, d.recorded_at DESC, d.id LIMIT $2 OFFSET $3`,
        [unitIds, limit, offset],
      ) as Promise<DecisionRow[]>,
      this.ds.query(`SELECT count(*)::int AS n FROM ${SCHEMA}.decisions d WHERE ${where}`, [
        unitIds,
      ]) as Promise<{ n: number }[]>,
    ]);
    return { rows, total: count[0].n };
  }

  /**
   * The dossiers a decision may grant, locked: ACCEPTED ones of these units, and those decided by
   * the decision it corrects.
   */
  async grantable(m: EntityManager, unitIds: string[], corrects: string | null): Promise<GrantableRow[]> {
    return m.query(
      `SELECT id, member_unit_id, award_form, state, decision_id FROM ${SCHEMA}.dossiers
       WHERE (state = 'ACCEPTED' AND member_unit_id = ANY($1::uuid[]))
          OR ($2::uuid IS NOT NULL AND state = 'DECIDED' AND decision_id = $2::uuid)
       ORDER BY created_at, id FOR UPDATE`,
      [unitIds, corrects],
    );
  }

  /** Inserts the decision; false when the authority already has a decision with that number. */
  async insert(
    m: EntityManager,
    d: Omit<DecisionRow, 'corrected_by' | 'recorded_at'> & { number_key: string; authority_key: string },
  ): Promise<boolean> {
    const rows: unknown[] = await m.query(
      `INSERT INTO ${SCHEMA}.decisions (id, number, number_key, signed_on, authority, authority_key, signer_name,
         signer_title, title, corrects, override_reason, override_by, recorded_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
       ON CONFLICT (authority_key, number_key) DO NOTHING RETURNING 1`,
      [
        d.id,
        d.number,
        d.number_key,
        d.signed_on,
        d.authority,
        d.authority_key,
        d.signer_name,
        d.signer_title,
        d.title,
        d.corrects,
        d.override_reason,
        d.override_by,
        d.recorded_by,
      ],
    );
    return rows.length > 0;
  }

  /** Whether a decision already corrects `id` (a decision is corrected once; correct the newest). */
  async correctedBy(m: EntityManager, id: string): Promise<string | undefined> {
    const rows: { id: string }[] = await m.query(`SELECT id FROM ${SCHEMA}.decisions WHERE corrects = $1`, [
      id,
    ]);
    return rows[0]?.id;
  }

  async insertAwards(m: EntityManager, rows: DecisionAwardRow[]): Promise<void> {
    const col = <T>(f: (x: DecisionAwardRow) => T) => rows.map(f);
    await m.query(
      `INSERT INTO ${SCHEMA}.decision_awards (decision_id, line, award, recipient_kind, recipient_unit_id,
         recipient_unit_name, recipient_name, dossier_id, beyond_proposed)
       SELECT * FROM unnest($1::uuid[], $2::int[], $3::text[], $4::text[], $5::uuid[], $6::text[], $7::text[],
         $8::uuid[], $9::boolean[])`,
      [
        col((x) => x.decision_id),
        col((x) => x.line),
        col((x) => x.award),
        col((x) => x.recipient_kind),
        col((x) => x.recipient_unit_id),
        col((x) => x.recipient_unit_name),
        col((x) => x.recipient_name),
        col((x) => x.dossier_id),
        col((x) => x.beyond_proposed),
      ],
    );
  }

  /** Marks dossiers DECIDED by `decisionId` (from ACCEPTED, or re-decided by a correction), with a step each. */
  async decide(m: EntityManager, dossierIds: string[], decisionId: string, by: string): Promise<void> {
    if (!dossierIds.length) return;
    await m.query(
      `UPDATE ${SCHEMA}.dossiers SET state = 'DECIDED', decision_id = $2, updated_at = now() WHERE id = ANY($1::uuid[])`,
      [dossierIds, decisionId],
    );
    await this.steps(m, dossierIds, 'DECIDE', 'DECIDED', by);
  }

  /** Dossiers the corrected decision granted and its correction does not: back to ACCEPTED. */
  async undecide(m: EntityManager, dossierIds: string[], by: string): Promise<void> {
    if (!dossierIds.length) return;
    await m.query(
      `UPDATE ${SCHEMA}.dossiers SET state = 'ACCEPTED', decision_id = NULL, updated_at = now() WHERE id = ANY($1::uuid[])`,
      [dossierIds],
    );
    await this.steps(m, dossierIds, 'CORRECT', 'ACCEPTED', by);
  }

  private async steps(
    m: EntityManager,
    ids: string[],
    action: string,
    state: string,
    by: string,
  ): Promise<void> {
    await m.query(
      `INSERT INTO ${SCHEMA}.dossier_steps (dossier_id, action, state, by)
       SELECT id, $2, $3, $4 FROM unnest($1::uuid[]) AS t(id)`,
      [ids, action, state, by],
    );
  }

  announce(m: EntityManager, envelopes: EventEnvelope<unknown>[]): Promise<void> {
    return addToOutbox(m, SCHEMA, envelopes);
  }
}

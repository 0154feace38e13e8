import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { processOnce } from '@tdkt/platform';
import { DataSource, EntityManager } from 'typeorm';
import { SCHEMA } from '../database/entities';

/** The durable consumer of `honours.decision.recorded` (its processed event ids). */
export const DECISIONS_CONSUMER = 'awards-honours-decisions';

/** What awards knows of a decision of the honours service. */
export interface HonoursDecisionRow {
  decision_id: string;
  import_id: string | null;
  records: number;
  superseded_by: string | null;
}

/** An award record made from a decision's line. */
export interface DecisionRecordRow {
  id: string;
  line: number;
  decisionNumber: string;
  decisionKey: string;
  decisionDate: string;
  authority: string;
  awardCode: string;
  recipientKind: string;
  recipientName: string;
  recipientKey: string;
  unitId: string;
}

/** A month count a set of records adds (or, superseded, takes away). */
interface MonthDelta {
  unit_id: string;
  month: string;
  award_code: string;
  recipient_kind: string;
  category: string;
  n: number;
}

/** Every statement of the decisions consumer: the decision rows, its import, records and month counts. */
@Injectable()
export class DecisionsRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /** Runs `effect` once per event id (recorded in the same transaction); false when already processed. */
  processOnce(eventId: string, effect: (m: EntityManager) => Promise<void>): Promise<boolean> {
    return processOnce(this.ds, SCHEMA, DECISIONS_CONSUMER, eventId, effect);
  }

  /** The decision's row, locked (made empty first so that two events about it queue here). */
  async claim(m: EntityManager, decisionId: string): Promise<HonoursDecisionRow> {
    await m.query(
      `INSERT INTO ${SCHEMA}.honours_decisions (decision_id) VALUES ($1) ON CONFLICT DO NOTHING`,
      [decisionId],
    );
    const rows: HonoursDecisionRow[] = await m.query(
      `SELECT decision_id, import_id, records, superseded_by FROM ${SCHEMA}.honours_decisions
       WHERE decision_id = $1 FOR UPDATE`,
      [decisionId],
    );
    return rows[0];
  }

  /** The import a decision's records belong to (one per decision: its content key is the decision). */
  async addImport(
    m: EntityManager,
    i: { id: string; sha: string; fileName: string; records: number; unitIds: string[]; createdBy: string },
  ): Promise<void> {
    await m.query(
      `INSERT INTO ${SCHEMA}.record_imports (id, content_sha256, file_name, records, unit_ids, created_by)
       VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING`,
      [i.id, i.sha, i.fileName, i.records, i.unitIds, i.createdBy],
    );
  }

  /**
   * The lines whose award is already recorded under the same natural key (decision number, form,
   * recipient, unit — the `records_once` index) by another record: another authority's decision of
   * the same number, or an imported file. Their own earlier insert (same id) is not a collision.
   */
  async collisions(m: EntityManager, rows: DecisionRecordRow[]): Promise<number[]> {
    if (!rows.length) return [];
    const found: { line: number }[] = await m.query(
      `SELECT t.line FROM unnest($1::uuid[], $2::int[], $3::text[], $4::text[], $5::text[], $6::text[], $7::uuid[])
         AS t(id, line, k, c, rk, nk, u)
       WHERE EXISTS (SELECT 1 FROM ${SCHEMA}.records r WHERE r.decision_key = t.k AND r.award_code = t.c
         AND r.recipient_kind = t.rk AND r.recipient_key = t.nk AND r.unit_id = t.u AND r.id <> t.id)
       ORDER BY t.line`,
      [
        rows.map((x) => x.id),
        rows.map((x) => x.line),
        rows.map((x) => x.decisionKey),
        rows.map((x) => x.awardCode),
        rows.map((x) => x.recipientKind),
        rows.map((x) => x.recipientKey),
        rows.map((x) => x.unitId),
      ],
    );
    return found.map((x) => x.line);
  }

  /**
   * Inserts the records not stored yet (their ids are derived from decision + line, so a replay
   * inserts nothing; the caller has taken out the lines colliding on the natural key) and adds the
   * inserted ones to the month counts.
   */
  async addRecords(m: EntityManager, importId: string, rows: DecisionRecordRow[]): Promise<number> {
    if (!rows.length) return 0;
    const col = <T>(f: (x: DecisionRecordRow) => T) => rows.map(f);
    const inserted: MonthDelta[] = await m.query(
      `WITH ins AS (
         INSERT INTO ${SCHEMA}.records (id, import_id, source_line, decision_number, decision_key, decision_date,
           authority, award_code, recipient_kind, recipient_name, recipient_key, unit_id, category)
         SELECT t.id, $1, t.line, t.n, t.k, t.d, t.a, t.c, t.rk, t.nm, t.nk, t.u, NULL
         FROM unnest($2::uuid[], $3::int[], $4::text[], $5::text[], $6::date[], $7::text[], $8::text[], $9::text[],
           $10::text[], $11::text[], $12::uuid[]) AS t(id, line, n, k, d, a, c, rk, nm, nk, u)
         ON CONFLICT (id) DO NOTHING
         RETURNING unit_id, decision_date, award_code, recipient_kind)
       SELECT unit_id, to_char(date_trunc('month', decision_date), 'YYYY-MM-DD') AS month, award_code,
         recipient_kind, '' AS category, count(*)::int AS n
       FROM ins GROUP BY 1, 2, 3, 4`,
      [
        importId,
        col((x) => x.id),
        col((x) => x.line),
        col((x) => x.decisionNumber),
        col((x) => x.decisionKey),
        col((x) => x.decisionDate),
        col((x) => x.authority),
        col((x) => x.awardCode),
        col((x) => x.recipientKind),
        col((x) => x.recipientName),
        col((x) => x.recipientKey),
        col((x) => x.unitId),
      ],
    );
    await this.shiftMonthCounts(m, inserted, 1);
    return inserted.reduce((s, x) => s + x.n, 0);
  }

  /** Removes an import's records (a superseded decision's) and takes them off the month counts. */
  async removeRecords(m: EntityManager, importId: string): Promise<number> {
    const removed: MonthDelta[] = await m.query(
      `WITH del AS (DELETE FROM ${SCHEMA}.records WHERE import_id = $1
         RETURNING unit_id, decision_date, award_code, recipient_kind, coalesce(category, '') AS category)
       SELECT unit_id, to_char(date_trunc('month', decision_date), 'YYYY-MM-DD') AS month, award_code,
         recipient_kind, category, count(*)::int AS n
       FROM del GROUP BY 1, 2, 3, 4, 5`,
      [importId],
    );
    await this.shiftMonthCounts(m, removed, -1);
    return removed.reduce((s, x) => s + x.n, 0);
  }

  private async shiftMonthCounts(m: EntityManager, deltas: MonthDelta[], sign: 1 | -1): Promise<void> {
    if (!deltas.length) return;
    const col = <T>(f: (x: MonthDelta) => T) => deltas.map(f);
    await m.query(
      `INSERT INTO ${SCHEMA}.record_month_counts (unit_id, month, award_code, recipient_kind, category, n)
       SELECT * FROM unnest($1::uuid[], $2::date[], $3::text[], $4::text[], $5::text[], $6::int[])
       ON CONFLICT (unit_id, month, award_code, recipient_kind, category)
       DO UPDATE SET n = ${SCHEMA}.record_month_counts.n + EXCLUDED.n`,
      [
        col((x) => x.unit_id),
        col((x) => x.month),
        col((x) => x.award_code),
        col((x) => x.recipient_kind),
        col((x) => x.category),
        col((x) => sign * x.n),
      ],
    );
    // Only the counts just lowered can have reached zero.
    if (sign < 0)
      await m.query(
        `DELETE FROM ${SCHEMA}.record_month_counts c
         USING unnest($1::uuid[], $2::date[], $3::text[], $4::text[], $5::text[]) AS t(u, mo, a, rk, cat)
         WHERE c.unit_id = t.u AND c.month = t.mo AND c.award_code = t.a AND c.recipient_kind = t.rk
           AND c.category = t.cat AND c.n = 0`,
        [
          col((x) => x.unit_id),
          col((x) => x.month),
          col((x) => x.award_code),
          col((x) => x.recipient_kind),
          col((x) => x.category),
        ],
      );
  }

  async mark(
    m: EntityManager,
    decisionId: string,
    set: { importId?: string; records?: number; supersededBy?: string; collidedLines?: number[] },
  ): Promise<void> {
    await m.query(
      `UPDATE ${SCHEMA}.honours_decisions SET import_id = coalesce($2, import_id), records = coalesce($3, records),
         superseded_by = coalesce($4, superseded_by), collided_lines = coalesce($5::int[], collided_lines),
         collisions = coalesce(cardinality($5::int[]), collisions)
       WHERE decision_id = $1`,
      [
        decisionId,
        set.importId ?? null,
        set.records ?? null,
        set.supersededBy ?? null,
        set.collidedLines ?? null,
      ],
    );
  }
}

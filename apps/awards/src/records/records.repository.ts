import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AwardCount, AwardRecord, fold } from '@tdkt/domain';
import { execute } from '@tdkt/platform';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { SCHEMA } from '../database/entities';

/** One imported file (`awards.record_imports`). */
export interface RecordImportRow {
  id: string;
  content_sha256: string;
  file_name: string;
  records: number;
  /** The units its records count for (null for imports made before they were kept). */
  unit_ids: string[] | null;
  created_by: string;
  created_at: Date;
}

/** A record to store, with the line of the file it comes from. */
export interface LineRecord {
  line: number;
  record: AwardRecord;
}

/** A record already stored under the same key as a line of the file being imported. */
export interface RecordConflict {
  /** The line of the file. */
  line: number;
  import_id: string;
  /** The line of its own file the stored record came from (null for records loaded otherwise). */
  source_line: number | null;
}

/** Records counted per unit, first day of the month, type, recipient kind and category ('' unstated). */
export interface MonthCount {
  unitId: string;
  month: string;
  awardCode: string;
  recipientKind: string;
  category: string;
  n: number;
}

/** Every statement on award records, their imports and their monthly counts. */
@Injectable()
export class RecordsRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /**
   * Runs `work` in one transaction (an import is all or nothing); what it answers is what a retry
   * of the same Idempotency-Key answers.
   */
  transaction<T>(work: (m: EntityManager) => Promise<T>): Promise<T> {
    return this.ds.transaction(work);
  }

  async importBySha(sha: string): Promise<RecordImportRow | undefined> {
    const rows: RecordImportRow[] = await this.ds.query(
      `SELECT * FROM ${SCHEMA}.record_imports WHERE content_sha256 = $1`,
      [sha],
    );
    return rows[0];
  }

  async importById(id: string): Promise<RecordImportRow | undefined> {
    const rows: RecordImportRow[] = await this.ds.query(
      `SELECT * FROM ${SCHEMA}.record_imports WHERE id = $1`,
      [id],
    );
    return rows[0];
  }

  /** The units an import's records count for. */
  async importUnits(importId: string): Promise<string[]> {
    const rows: { unit_id: string }[] = await this.ds.query(
      `SELECT DISTINCT unit_id FROM ${SCHEMA}.records WHERE import_id = $1`,
      [importId],
    );
    return rows.map((r) => r.unit_id);
  }

  /**
   * Claims a content for an import (its row, with no records counted yet); undefined when an
   * import of the same content committed meanwhile (a concurrent one is waited for).
   */
  async claimImport(
    m: EntityManager,
    i: { id: string; sha256: string; fileName: string; createdBy: string },
  ): Promise<RecordImportRow | undefined> {
    const rows: RecordImportRow[] = await m.query(
      `INSERT INTO ${SCHEMA}.record_imports (id, content_sha256, file_name, records, created_by)
       VALUES ($1, $2, $3, 0, $4) ON CONFLICT (content_sha256) DO NOTHING RETURNING *`,
      [i.id, i.sha256, i.fileName, i.createdBy],
    );
    return rows[0];
  }

  async finishImport(
    m: EntityManager,
    importId: string,
    records: number,
    unitIds: string[],
  ): Promise<RecordImportRow> {
    const { rows } = await execute<RecordImportRow>(
      m,
      `UPDATE ${SCHEMA}.record_imports SET records = $2, unit_ids = $3::uuid[] WHERE id = $1 RETURNING *`,
      [importId, records, unitIds],
    );
    return rows[0];
  }

  /**
   * Stores the records that are not stored yet (same decision, type, recipient and unit) and
   * answers the lines stored; a line left out repeats a stored record, or an earlier line of the
   * same statement.
   */
  async insertNew(m: EntityManager, importId: string, records: readonly LineRecord[]): Promise<Set<number>> {
    if (!records.length) return new Set();
    const col = <T>(f: (x: LineRecord) => T) => records.map(f);
    const rows: { source_line: number }[] = await m.query(
      `INSERT INTO ${SCHEMA}.records (id, import_id, source_line, decision_number, decision_key, decision_date, authority,
         award_code, recipient_kind, recipient_name, recipient_key, unit_id, category)
       SELECT t.id, $1, t.line, t.n, t.k, t.d, t.a, t.c, t.rk, t.nm, t.nk, t.u, t.cat
       FROM unnest($2::uuid[], $3::int[], $4::text[], $5::text[], $6::date[], $7::text[], $8::text[], $9::text[],
         $10::text[], $11::text[], $12::uuid[], $13::text[]) AS t(id, line, n, k, d, a, c, rk, nm, nk, u, cat)
       ON CONFLICT (decision_key, award_code, recipient_kind, recipient_key, unit_id) DO NOTHING
       RETURNING source_line`,
      [
        importId,
        col(() => randomUUID()),
        col((x) => x.line),
        col((x) => x.record.decisionNumber),
        col((x) => fold(x.record.decisionNumber)),
        col((x) => x.record.decisionDate),
        col((x) => x.record.authority),
        col((x) => x.record.awardCode),
        col((x) => x.record.recipientKind),
        col((x) => x.record.recipientName),
        col((x) => fold(x.record.recipientName)),
        col((x) => x.record.unitId),
        col((x) => x.record.category),
      ],
    );
    return new Set(rows.map((r) => r.source_line));
  }

  /** The stored record each of these lines repeats (from this import or an earlier one). */
  async conflicts(m: EntityManager, records: readonly LineRecord[]): Promise<RecordConflict[]> {
    if (!records.length) return [];
    const col = <T>(f: (x: LineRecord) => T) => records.map(f);
    return m.query(
      `SELECT t.line, r.import_id, r.source_line
       FROM unnest($1::int[], $2::text[], $3::text[], $4::text[], $5::text[], $6::uuid[]) AS t(line, k, c, rk, nk, u)
       JOIN ${SCHEMA}.records r ON r.decision_key = t.k AND r.award_code = t.c AND r.recipient_kind = t.rk
         AND r.recipient_key = t.nk AND r.unit_id = t.u
       ORDER BY t.line`,
      [
        col((x) => x.line),
        col((x) => fold(x.record.decisionNumber)),
        col((x) => x.record.awardCode),
        col((x) => x.record.recipientKind),
        col((x) => fold(x.record.recipientName)),
        col((x) => x.record.unitId),
      ],
    );
  }

  /** Adds an import's records to the monthly counts the statistics read. */
  async addMonthCounts(m: EntityManager, counts: readonly MonthCount[]): Promise<void> {
    if (!counts.length) return;
    const col = <T>(f: (x: MonthCount) => T) => counts.map(f);
    await m.query(
      `INSERT INTO ${SCHEMA}.record_month_counts (unit_id, month, award_code, recipient_kind, category, n)
       SELECT * FROM unnest($1::uuid[], $2::date[], $3::text[], $4::text[], $5::text[], $6::int[])
       ON CONFLICT (unit_id, month, award_code, recipient_kind, category)
       DO UPDATE SET n = ${SCHEMA}.record_month_counts.n + EXCLUDED.n`,
      [
        col((x) => x.unitId),
        col((x) => x.month),
        col((x) => x.awardCode),
        col((x) => x.recipientKind),
        col((x) => x.category),
        col((x) => x.n),
      ],
    );
  }

  /**
   * Awards per unit, type, recipient kind and category in [from, to]: whole months [start, end)
   * from the monthly counts, the days of partial months at either end from the records themselves.
   */
  async counts(
    unitIds: string[],
    from: string,
    to: string,
    start: string,
    end: string,
  ): Promise<AwardCount[]> {
    const rows: {
      unit_id: string;
      award_code: string;
      recipient_kind: 'COLLECTIVE' | 'INDIVIDUAL';
      category: AwardCount['category'];
      n: number;
    }[] = await this.ds.query(
      `SELECT unit_id, award_code, recipient_kind, category, sum(n)::int AS n FROM (
         SELECT unit_id, award_code, recipient_kind, nullif(category, '') AS category, n FROM ${SCHEMA}.record_month_counts
         WHERE unit_id = ANY($1::uuid[]) AND month >= $4::date AND month < $5::date
         UNION ALL
         SELECT unit_id, award_code, recipient_kind, category, 1 FROM ${SCHEMA}.records
         WHERE unit_id = ANY($1::uuid[]) AND decision_date >= $2::date AND decision_date < $4::date
         UNION ALL
         SELECT unit_id, award_code, recipient_kind, category, 1 FROM ${SCHEMA}.records
         WHERE unit_id = ANY($1::uuid[]) AND decision_date >= $5::date AND decision_date <= $3::date
       ) x GROUP BY 1, 2, 3, 4`,
      [unitIds, from, to, start, end],
    );
    return rows.map((x) => ({
      unitId: x.unit_id,
      awardCode: x.award_code,
      recipientKind: x.recipient_kind,
      category: x.category,
      n: x.n,
    }));
  }
}

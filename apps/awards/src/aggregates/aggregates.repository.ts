import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AggregateRowView } from '@tdkt/contracts';
import { writeOnce } from '@tdkt/platform';
import { DataSource } from 'typeorm';
import { SCHEMA } from '../database/entities';

/** A stored report table (`awards.aggregate_tables`). */
export interface AggregateTableRow {
  id: string;
  content_sha256: string;
  group_id: string;
  period_from: string;
  period_to: string;
  title: string | null;
  units: string[];
  rows: AggregateRowView[];
  flagged_rows: number;
  created_by: string;
  created_at: Date;
}

export type NewAggregateTable = Omit<AggregateTableRow, 'created_at'>;

/** Every statement on the report tables. */
@Injectable()
export class AggregatesRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /**
   * Stores a table unless one of the same content is stored (then undefined). One statement: under
   * an Idempotency-Key it runs in its own transaction, whose result a retry answers.
   */
  insertOnce(t: NewAggregateTable): Promise<AggregateTableRow | undefined> {
    return writeOnce(this.ds, async (m) => {
      const rows: AggregateTableRow[] = await m.query(
        `INSERT INTO ${SCHEMA}.aggregate_tables (id, content_sha256, group_id, period_from, period_to, title, units, rows,
           flagged_rows, created_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT (content_sha256) DO NOTHING RETURNING *`,
        [
          t.id,
          t.content_sha256,
          t.group_id,
          t.period_from,
          t.period_to,
          t.title,
          JSON.stringify(t.units),
          JSON.stringify(t.rows),
          t.flagged_rows,
          t.created_by,
        ],
      );
      return rows[0];
    });
  }

  async bySha(sha: string): Promise<AggregateTableRow | undefined> {
    const rows: AggregateTableRow[] = await this.ds.query(
      `SELECT * FROM ${SCHEMA}.aggregate_tables WHERE content_sha256 = $1`,
      [sha],
    );
    return rows[0];
  }

  async byId(id: string): Promise<AggregateTableRow | undefined> {
    const rows: AggregateTableRow[] = await this.ds.query(
      `SELECT * FROM ${SCHEMA}.aggregate_tables WHERE id = $1`,
      [id],
    );
    return rows[0];
  }
}

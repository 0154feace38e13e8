import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { SCHEMA } from '../database/entities';

export interface ReceiptRow {
  number: string;
  campaign_id: string;
  submission_id: string;
  version: number;
  idempotency_key: string;
  issued_at: Date;
  issued_by: string;
  late: boolean;
  files: { fileId: string; name: string; contentType: string; size: number; sha256: string }[];
}

/**
 * Receipts as read back. They are written by submit, in the one statement that seals the version
 * (`SubmissionsRepository.seal`).
 */
@Injectable()
export class ReceiptsRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /** A submission's receipts, newest version first. */
  async ofSubmission(id: string): Promise<ReceiptRow[]> {
    return this.ds.query(`SELECT * FROM ${SCHEMA}.receipts WHERE submission_id = $1 ORDER BY version DESC`, [
      id,
    ]);
  }

  /** The receipt a submit with this Idempotency-Key issued. */
  async byKey(id: string, key: string): Promise<ReceiptRow | undefined> {
    const rows: ReceiptRow[] = await this.ds.query(
      `SELECT * FROM ${SCHEMA}.receipts WHERE submission_id = $1 AND idempotency_key = $2`,
      [id, key],
    );
    return rows[0];
  }
}

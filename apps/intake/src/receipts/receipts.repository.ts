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
  /** Absent on a row written before the column existed and read from a stale replay. */
  verification_code?: string;
}

/** A receipt with what it covers (its submission's unit, group, year, campaign and kind). */
export interface ReceiptCoverRow extends ReceiptRow {
  unit_id: string;
  group_id: string;
  year: number;
  kind: string;
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

  /** One version's receipt. */
  async ofVersion(id: string, version: number): Promise<ReceiptRow | undefined> {
    const rows: ReceiptRow[] = await this.ds.query(
      `SELECT * FROM ${SCHEMA}.receipts WHERE submission_id = $1 AND version = $2`,
      [id, version],
    );
    return rows[0];
  }

  /** The receipt with this verification code, and what it covers. */
  async byCode(code: string): Promise<ReceiptCoverRow | undefined> {
    const rows: ReceiptCoverRow[] = await this.ds.query(
      `SELECT r.*, s.unit_id, s.group_id, s.year, s.kind
         FROM ${SCHEMA}.receipts r JOIN ${SCHEMA}.submissions s ON s.id = r.submission_id
        WHERE r.verification_code = $1`,
      [code],
    );
    return rows[0];
  }
}

import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { SubmissionSubmitted } from '@tdkt/contracts';
import type { SelfScoreSheetStatus } from '@tdkt/domain';
import { insertOnce, InsertOnceSpec, processOnce } from '@tdkt/platform';
import { DataSource, EntityManager } from 'typeorm';
import { SCHEMA } from '../database/entities';

/** A row of `self_score_sheets`: what became of one submitted version's sheet. */
export interface SelfScoreSheetRow {
  submission_id: string;
  version: number;
  group_id: string;
  year: number;
  member_id: string;
  receipt_number: string;
  status: SelfScoreSheetStatus;
  detail: string | null;
  entries: number;
  received_at: Date;
}

/** The name of scoring's durable consumer of intake's submissions (its processed event ids). */
export const SHEETS_CONSUMER = 'scoring-self-score-sheets';

/** What the NO_SHEET note of many events inserts, in one statement. */
const NO_SHEET_NOTE: InsertOnceSpec = {
  insert: `INSERT INTO ${SCHEMA}.self_score_sheets (submission_id, version, group_id, year, member_id, receipt_number, status, detail, entries)`,
  columns: [
    ['submission_id', 'uuid'],
    ['version', 'int'],
    ['group_id', 'uuid'],
    ['year', 'int'],
    ['member_id', 'uuid'],
    ['receipt_number', 'text'],
    ['detail', 'text'],
  ],
  select: `e.submission_id, e.version, e.group_id, e.year, e.member_id, e.receipt_number, 'NO_SHEET', e.detail, 0`,
};

/** The sheets received through intake, each noted once per event (processed ids kept with the note). */
@Injectable()
export class SheetsRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /** One member's sheets (`memberId`) or the whole group-year's, in the order received. */
  list(groupId: string, year: number, memberId: string | null): Promise<SelfScoreSheetRow[]> {
    return this.ds.query(
      `SELECT * FROM ${SCHEMA}.self_score_sheets WHERE group_id = $1 AND year = $2 AND ($3::uuid IS NULL OR member_id = $3)
       ORDER BY received_at`,
      [groupId, year, memberId],
    );
  }

  /** Runs `effect` once for the event: its id is recorded in the same transaction (false: already processed). */
  processOnce(eventId: string, effect: (m: EntityManager) => Promise<void>): Promise<boolean> {
    return processOnce(this.ds, SCHEMA, SHEETS_CONSUMER, eventId, effect);
  }

  /** Notes what became of a submission's sheet, in the caller's transaction (once per submission version). */
  async note(
    m: EntityManager,
    d: SubmissionSubmitted,
    status: SelfScoreSheetStatus,
    detail: string | null,
    entries = 0,
  ): Promise<void> {
    await m.query(
      `INSERT INTO ${SCHEMA}.self_score_sheets (submission_id, version, group_id, year, member_id, receipt_number, status, detail, entries)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT DO NOTHING`,
      [d.submissionId, d.version, d.groupId, d.year, d.unitId, d.receiptNumber, status, detail, entries],
    );
  }

  /** Records the events and a NO_SHEET note with `detail` for each, in one statement. */
  noteNoSheet(events: readonly { id: string; data: SubmissionSubmitted }[], detail: string): Promise<void> {
    return insertOnce(
      this.ds,
      SCHEMA,
      SHEETS_CONSUMER,
      NO_SHEET_NOTE,
      events.map(({ id, data: d }) => ({
        eventId: id,
        values: [d.submissionId, d.version, d.groupId, d.year, d.unitId, d.receiptNumber, detail],
      })),
    );
  }
}

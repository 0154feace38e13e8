import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { EventEnvelope } from '@tdkt/contracts';
import { addToOutbox } from '@tdkt/platform';
import { DataSource, EntityManager } from 'typeorm';
import { SCHEMA } from '../database/entities';

/** A line of `lock_history` (append-only). */
export interface LockHistoryRow {
  action: 'LOCK' | 'REOPEN';
  by: string;
  reason: string | null;
  at: Date;
}

/** A lock or a reopen, with its event. */
export interface YearChange {
  groupId: string;
  year: number;
  action: 'LOCK' | 'REOPEN';
  by: string;
  reason: string | null;
  event: EventEnvelope<unknown>;
}

/**
 * The group-year's row (`group_years`: locked or not) and its lock history. Every write of a
 * group-year — scheme, entries, lock, reopen — takes the row's lock first (`lockForWrite`), so a
 * lock and a write never cross.
 */
@Injectable()
export class GroupYearsRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /**
   * A transaction for a write of the group-year (under an Idempotency-Key it keeps the key, and a
   * replay answers what `work` returned).
   */
  transaction<T>(work: (m: EntityManager) => Promise<T>): Promise<T> {
    return this.ds.transaction(work);
  }

  /** Takes the group-year's row lock (making the row) in the caller's transaction; answers whether it is locked. */
  async lockForWrite(m: EntityManager, groupId: string, year: number): Promise<boolean> {
    await m.query(
      `INSERT INTO ${SCHEMA}.group_years (group_id, year) VALUES ($1, $2) ON CONFLICT DO NOTHING`,
      [groupId, year],
    );
    const [row] = await m.query(
      `SELECT locked FROM ${SCHEMA}.group_years WHERE group_id = $1 AND year = $2 FOR UPDATE`,
      [groupId, year],
    );
    return row.locked === true;
  }

  async isLocked(groupId: string, year: number): Promise<boolean> {
    const rows = await this.ds.query(
      `SELECT locked FROM ${SCHEMA}.group_years WHERE group_id = $1 AND year = $2`,
      [groupId, year],
    );
    return rows[0]?.locked === true;
  }

  /** Locks or reopens (the row lock held), records it in the history and queues its event. */
  async record(m: EntityManager, change: YearChange): Promise<void> {
    await m.query(`UPDATE ${SCHEMA}.group_years SET locked = $3 WHERE group_id = $1 AND year = $2`, [
      change.groupId,
      change.year,
      change.action === 'LOCK',
    ]);
    await m.query(
      `INSERT INTO ${SCHEMA}.lock_history (group_id, year, action, by, reason) VALUES ($1, $2, $3, $4, $5)`,
      [change.groupId, change.year, change.action, change.by, change.reason],
    );
    await addToOutbox(m, SCHEMA, [change.event]);
  }

  history(groupId: string, year: number): Promise<LockHistoryRow[]> {
    return this.ds.query(
      `SELECT action, by, reason, at FROM ${SCHEMA}.lock_history WHERE group_id = $1 AND year = $2 ORDER BY id`,
      [groupId, year],
    );
  }
}

import { idempotencyTablesDown, idempotencyTablesUp, jobTablesDown, jobTablesUp } from '@tdkt/platform';
import { MigrationInterface, QueryRunner } from 'typeorm';

/** Render jobs (the platform's `jobs` table) and answers kept per Idempotency-Key; hand-written. */
export class Jobs1796000000001 implements MigrationInterface {
  name = 'Jobs1796000000001';

  async up(q: QueryRunner): Promise<void> {
    for (const sql of jobTablesUp('documents')) await q.query(sql);
    for (const sql of idempotencyTablesUp('documents')) await q.query(sql);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const sql of idempotencyTablesDown('documents')) await q.query(sql);
    for (const sql of jobTablesDown('documents')) await q.query(sql);
  }
}

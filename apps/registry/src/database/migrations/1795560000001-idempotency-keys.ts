import { idempotencyTablesDown, idempotencyTablesUp } from '@tdkt/platform';
import { MigrationInterface, QueryRunner } from 'typeorm';

/** Answers kept per Idempotency-Key (hand-written; see platform/idempotency). */
export class IdempotencyKeys1795560000001 implements MigrationInterface {
  name = 'IdempotencyKeys1795560000001';

  async up(q: QueryRunner): Promise<void> {
    for (const sql of idempotencyTablesUp('registry')) await q.query(sql);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const sql of idempotencyTablesDown('registry')) await q.query(sql);
  }
}

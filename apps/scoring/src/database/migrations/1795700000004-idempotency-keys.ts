import { idempotencyTablesDown, idempotencyTablesUp } from '@tdkt/platform';
import { MigrationInterface, QueryRunner } from 'typeorm';

/** Answers kept per Idempotency-Key (hand-written; see platform/idempotency). */
export class IdempotencyKeys1795700000004 implements MigrationInterface {
  name = 'IdempotencyKeys1795700000004';

  async up(q: QueryRunner): Promise<void> {
    for (const sql of idempotencyTablesUp('scoring')) await q.query(sql);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const sql of idempotencyTablesDown('scoring')) await q.query(sql);
  }
}

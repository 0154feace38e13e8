import { idempotencyTablesDown, idempotencyTablesUp } from '@tdkt/platform';
import { MigrationInterface, QueryRunner } from 'typeorm';

/** Answers kept per Idempotency-Key (hand-written; see platform/idempotency). */
export class IdempotencyKeys1795600000003 implements MigrationInterface {
  name = 'IdempotencyKeys1795600000003';

  async up(q: QueryRunner): Promise<void> {
    for (const sql of idempotencyTablesUp('intake')) await q.query(sql);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const sql of idempotencyTablesDown('intake')) await q.query(sql);
  }
}

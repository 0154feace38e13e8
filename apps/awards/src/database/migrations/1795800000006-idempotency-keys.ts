import { idempotencyTablesDown, idempotencyTablesUp } from '@tdkt/platform';
import { MigrationInterface, QueryRunner } from 'typeorm';

/** Answers kept per Idempotency-Key (hand-written; see platform/idempotency). */
export class IdempotencyKeys1795800000006 implements MigrationInterface {
  name = 'IdempotencyKeys1795800000006';

  async up(q: QueryRunner): Promise<void> {
    for (const sql of idempotencyTablesUp('awards')) await q.query(sql);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const sql of idempotencyTablesDown('awards')) await q.query(sql);
  }
}

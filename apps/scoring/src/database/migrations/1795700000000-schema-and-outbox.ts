import { outboxTablesDown, outboxTablesUp } from '@tdkt/platform';
import { MigrationInterface, QueryRunner } from 'typeorm';

/** The scoring schema, its outbox and processed-events tables (hand-written; see platform/outbox). */
export class SchemaAndOutbox1795700000000 implements MigrationInterface {
  name = 'SchemaAndOutbox1795700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('CREATE SCHEMA IF NOT EXISTS "scoring"');
    for (const sql of outboxTablesUp('scoring')) await q.query(sql);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const sql of outboxTablesDown('scoring')) await q.query(sql);
  }
}

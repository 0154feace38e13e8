import { outboxTablesDown, outboxTablesUp } from '@tdkt/platform';
import { MigrationInterface, QueryRunner } from 'typeorm';

/** The awards schema, its outbox and processed-events tables (hand-written; see platform/outbox). */
export class SchemaAndOutbox1795800000000 implements MigrationInterface {
  name = 'SchemaAndOutbox1795800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('CREATE SCHEMA IF NOT EXISTS "awards"');
    for (const sql of outboxTablesUp('awards')) await q.query(sql);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const sql of outboxTablesDown('awards')) await q.query(sql);
  }
}

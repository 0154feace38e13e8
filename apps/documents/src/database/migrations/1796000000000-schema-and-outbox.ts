import { outboxTablesDown, outboxTablesUp } from '@tdkt/platform';
import { MigrationInterface, QueryRunner } from 'typeorm';

/** The documents schema and its outbox (render jobs go to the work queue through it); hand-written. */
export class SchemaAndOutbox1796000000000 implements MigrationInterface {
  name = 'SchemaAndOutbox1796000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('CREATE SCHEMA IF NOT EXISTS "documents"');
    for (const sql of outboxTablesUp('documents')) await q.query(sql);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const sql of outboxTablesDown('documents')) await q.query(sql);
  }
}

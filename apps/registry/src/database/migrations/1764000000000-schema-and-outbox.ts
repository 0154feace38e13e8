import { outboxTablesDown, outboxTablesUp } from '@tdkt/platform';
import { MigrationInterface, QueryRunner } from 'typeorm';

/** The registry schema, its outbox and its processed-events table (hand-written; see platform/outbox). */
export class SchemaAndOutbox1764000000000 implements MigrationInterface {
  name = 'SchemaAndOutbox1764000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('CREATE SCHEMA IF NOT EXISTS "registry"');
    for (const sql of outboxTablesUp('registry')) await q.query(sql);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const sql of outboxTablesDown('registry')) await q.query(sql);
  }
}

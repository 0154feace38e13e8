import { outboxTablesDown, outboxTablesUp } from '@tdkt/platform';
import { MigrationInterface, QueryRunner } from 'typeorm';

/** The intake schema, its outbox and processed-events tables, and the receipt sequence (hand-written). */
export class SchemaOutboxSequence1795600000000 implements MigrationInterface {
  name = 'SchemaOutboxSequence1795600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('CREATE SCHEMA IF NOT EXISTS "intake"');
    for (const sql of outboxTablesUp('intake')) await q.query(sql);
    // Receipt numbers: a sequence never blocks concurrent submits (a per-campaign counter row
    // would serialise every submit of a campaign at the deadline peak). Numbers are unique, not
    // gap-free.
    await q.query('CREATE SEQUENCE "intake"."receipt_seq"');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP SEQUENCE "intake"."receipt_seq"');
    for (const sql of outboxTablesDown('intake')) await q.query(sql);
  }
}

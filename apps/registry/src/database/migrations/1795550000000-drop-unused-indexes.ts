import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Indexes that only cost writes: the name-search pattern indexes serve prefix LIKE, but search is
 * an infix match (they were never used), and outbox ids need no uniqueness of their own (rows are
 * claimed by seq; JetStream de-duplicates by id). Measured on the create path (bench/README.md).
 */
export class DropUnusedIndexes1795550000000 implements MigrationInterface {
  name = 'DropUnusedIndexes1795550000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS "registry"."units_name_search_pattern"`);
    await q.query(`DROP INDEX IF EXISTS "registry"."groups_name_search_pattern"`);
    await q.query(`ALTER TABLE "registry"."outbox" DROP CONSTRAINT IF EXISTS "outbox_id_key"`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "registry"."outbox" ADD CONSTRAINT "outbox_id_key" UNIQUE ("id")`);
    await q.query(
      `CREATE INDEX "groups_name_search_pattern" ON "registry"."groups" ("name_search" varchar_pattern_ops)`,
    );
    await q.query(
      `CREATE INDEX "units_name_search_pattern" ON "registry"."units" ("name_search" varchar_pattern_ops)`,
    );
  }
}

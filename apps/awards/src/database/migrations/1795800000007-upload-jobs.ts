import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Imports as jobs and read as streams: an upload names its `records-import` job; a record keeps
 * the line of its file (duplicates within a file are found by the database); an import keeps the
 * units it named (who may be shown it again). Written as tools/migration-generate.ts writes them.
 */
export class UploadJobs1795800000007 implements MigrationInterface {
  name = 'UploadJobs1795800000007';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "awards"."record_uploads" ADD "job_id" uuid`);
    await q.query(`ALTER TABLE "awards"."records" ADD "source_line" integer`);
    await q.query(`ALTER TABLE "awards"."record_imports" ADD "unit_ids" uuid array`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "awards"."record_imports" DROP COLUMN "unit_ids"`);
    await q.query(`ALTER TABLE "awards"."records" DROP COLUMN "source_line"`);
    await q.query(`ALTER TABLE "awards"."record_uploads" DROP COLUMN "job_id"`);
  }
}

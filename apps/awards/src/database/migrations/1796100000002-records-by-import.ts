import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A superseded decision's records are removed by their import (`DELETE … WHERE import_id`): an
 * index for it. And what awards could not record of a decision: the lines whose award was already
 * recorded under the same decision number, form, recipient and unit (another authority's decision,
 * or an imported file), counted instead of silently dropped.
 */
export class RecordsByImport1796100000002 implements MigrationInterface {
  name = 'RecordsByImport1796100000002';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX "records_by_import" ON "awards"."records" ("import_id") `);
    await q.query(
      `ALTER TABLE "awards"."honours_decisions" ADD "collisions" int NOT NULL DEFAULT 0, ADD "collided_lines" int[] NOT NULL DEFAULT '{}'`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE "awards"."honours_decisions" DROP COLUMN "collided_lines", DROP COLUMN "collisions"`,
    );
    await q.query(`DROP INDEX "awards"."records_by_import"`);
  }
}

import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The decisions of the honours service made award records here (apps/awards/src/decisions): one
 * row per decision (its import, or the decision that superseded it). Hand-written; no entity.
 */
export class HonoursDecisions1796100000001 implements MigrationInterface {
  name = 'HonoursDecisions1796100000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "awards"."honours_decisions" (
      "decision_id" uuid PRIMARY KEY,
      "import_id" uuid,
      "records" int NOT NULL DEFAULT 0,
      "superseded_by" uuid,
      "received_at" timestamptz NOT NULL DEFAULT now()
    )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "awards"."honours_decisions"`);
  }
}

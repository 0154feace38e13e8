import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A draft a revision replaced by a newer draft version (because members had commented on or signed
 * it) is SUPERSEDED: no longer the draft. The drafts left behind before this state existed (a DRAFT
 * with a newer version of the same group-year) become SUPERSEDED too.
 */
export class SupersededDrafts1795700000007 implements MigrationInterface {
  name = 'SupersededDrafts1795700000007';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `UPDATE "scoring"."schemes" s SET "state" = 'SUPERSEDED'
        WHERE s."state" = 'DRAFT' AND EXISTS (SELECT 1 FROM "scoring"."schemes" n
          WHERE n."group_id" = s."group_id" AND n."year" = s."year" AND n."version" > s."version")`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`UPDATE "scoring"."schemes" SET "state" = 'DRAFT' WHERE "state" = 'SUPERSEDED'`);
  }
}

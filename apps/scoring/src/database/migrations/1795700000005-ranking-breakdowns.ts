import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The per-criterion breakdown of a group-year's ranking, kept with the stored results
 * (hand-written; see apps/scoring/src/results/breakdown.ts). `generation` moves with every change
 * of the group-year's entries, by a statement trigger on `entries` (whoever writes them, the
 * service or a loader), and clears `body`; a reader stores a computed body only if the generation
 * it read before the entries is still the row's, so a write that commits meanwhile is never
 * hidden. No entity: nothing reads it through TypeORM.
 */
export class RankingBreakdowns1795700000005 implements MigrationInterface {
  name = 'RankingBreakdowns1795700000005';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "scoring"."ranking_breakdowns" ("group_id" uuid NOT NULL, "year" integer NOT NULL,
        "generation" bigint NOT NULL DEFAULT 0, "scheme_version" integer, "body" text,
        CONSTRAINT "ranking_breakdowns_pk" PRIMARY KEY ("group_id", "year"))`,
    );
    await q.query(
      `CREATE FUNCTION "scoring"."entries_changed"() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         INSERT INTO scoring.ranking_breakdowns (group_id, year, generation)
         SELECT DISTINCT group_id, year, 1 FROM changed
         ON CONFLICT (group_id, year) DO UPDATE
           SET generation = scoring.ranking_breakdowns.generation + 1, scheme_version = NULL, body = NULL;
         RETURN NULL;
       END $$`,
    );
    for (const [name, event, table] of [
      ['entries_inserted', 'INSERT', 'NEW'],
      ['entries_updated', 'UPDATE', 'NEW'],
      ['entries_deleted', 'DELETE', 'OLD'],
    ])
      await q.query(
        `CREATE TRIGGER "${name}" AFTER ${event} ON "scoring"."entries" REFERENCING ${table} TABLE AS changed
         FOR EACH STATEMENT EXECUTE FUNCTION "scoring"."entries_changed"()`,
      );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const name of ['entries_inserted', 'entries_updated', 'entries_deleted'])
      await q.query(`DROP TRIGGER "${name}" ON "scoring"."entries"`);
    await q.query(`DROP FUNCTION "scoring"."entries_changed"()`);
    await q.query(`DROP TABLE "scoring"."ranking_breakdowns"`);
  }
}

import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The covenant (hand-written; no entity: read and written by covenant.repository.ts only): the
 * members' comments on a scheme's criteria, their signatures, and how each version was published.
 * Each row keeps the scheme version it was made on (a revision after comments is a new version).
 */
export class Covenant1795700000006 implements MigrationInterface {
  name = 'Covenant1795700000006';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "scoring"."scheme_comments" ("id" uuid NOT NULL, "group_id" uuid NOT NULL,
        "year" integer NOT NULL, "version" integer NOT NULL, "criterion_code" character varying(64) NOT NULL,
        "text" text NOT NULL, "author_id" uuid NOT NULL, "unit_id" uuid, "unit_name" text,
        "at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "scheme_comments_pk" PRIMARY KEY ("id"))`,
    );
    await q.query(
      `CREATE INDEX "scheme_comments_by_group_year" ON "scoring"."scheme_comments" ("group_id", "year", "at", "id")`,
    );
    await q.query(
      `CREATE TABLE "scoring"."scheme_signatures" ("group_id" uuid NOT NULL, "year" integer NOT NULL,
        "version" integer NOT NULL, "unit_id" uuid NOT NULL, "unit_name" text NOT NULL, "signed_by" uuid NOT NULL,
        "on_behalf" boolean NOT NULL, "role" character varying(16) NOT NULL,
        "at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "scheme_signatures_pk" PRIMARY KEY ("group_id", "year", "version", "unit_id"))`,
    );
    await q.query(
      `CREATE TABLE "scoring"."scheme_publications" ("scheme_id" uuid NOT NULL, "published_by" uuid NOT NULL,
        "without_signatures" boolean NOT NULL, "reason" text, "missing" jsonb NOT NULL DEFAULT '[]'::jsonb,
        "at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "scheme_publications_pk" PRIMARY KEY ("scheme_id"))`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "scoring"."scheme_publications"`);
    await q.query(`DROP TABLE "scoring"."scheme_signatures"`);
    await q.query(`DROP INDEX "scoring"."scheme_comments_by_group_year"`);
    await q.query(`DROP TABLE "scoring"."scheme_comments"`);
  }
}

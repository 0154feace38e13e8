import { idempotencyTablesDown, idempotencyTablesUp, outboxTablesDown, outboxTablesUp } from '@tdkt/platform';
import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The honours schema (hand-written): the platform's outbox / processed_events and idempotency
 * keys; proposal dossiers with their steps; decisions with their awarded lines.
 */
export class Init1796100000000 implements MigrationInterface {
  name = 'Init1796100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('CREATE SCHEMA IF NOT EXISTS "honours"');
    for (const sql of outboxTablesUp('honours')) await q.query(sql);
    for (const sql of idempotencyTablesUp('honours')) await q.query(sql);
    // One dossier per proposed honour: group, year, member unit, honour.
    await q.query(`CREATE TABLE "honours"."dossiers" (
      "id" uuid PRIMARY KEY,
      "group_id" uuid NOT NULL,
      "year" int NOT NULL,
      "member_unit_id" uuid NOT NULL,
      "member_unit_name" varchar(300) NOT NULL,
      "award" varchar(64) NOT NULL,
      "award_form" varchar(64),
      "subgroup_id" uuid,
      "rank" int NOT NULL,
      "total" numeric(12, 2) NOT NULL,
      "state" varchar(16) NOT NULL,
      "parts" jsonb,
      "return_reason" text,
      "decision_id" uuid,
      "created_by" uuid NOT NULL,
      "created_at" timestamptz NOT NULL DEFAULT now(),
      "updated_at" timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT "dossiers_once" UNIQUE ("group_id", "year", "member_unit_id", "award")
    )`);
    await q.query(`CREATE INDEX "dossiers_by_state" ON "honours"."dossiers" ("state", "member_unit_id")`);
    await q.query(`CREATE TABLE "honours"."dossier_steps" (
      "seq" bigserial PRIMARY KEY,
      "dossier_id" uuid NOT NULL REFERENCES "honours"."dossiers" ("id"),
      "action" varchar(16) NOT NULL,
      "state" varchar(16) NOT NULL,
      "by" uuid NOT NULL,
      "reason" text,
      "at" timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE INDEX "dossier_steps_of" ON "honours"."dossier_steps" ("dossier_id", "seq")`);
    // A decision is never edited: a correction is a new decision naming it (once: `corrects` unique).
    await q.query(`CREATE TABLE "honours"."decisions" (
      "id" uuid PRIMARY KEY,
      "number" varchar(100) NOT NULL,
      "number_key" varchar(100) NOT NULL,
      "signed_on" date NOT NULL,
      "authority" varchar(300) NOT NULL,
      "authority_key" varchar(300) NOT NULL,
      "signer_name" varchar(200) NOT NULL,
      "signer_title" varchar(200),
      "title" varchar(500),
      "corrects" uuid UNIQUE REFERENCES "honours"."decisions" ("id"),
      "override_reason" text,
      "override_by" uuid,
      "recorded_by" uuid NOT NULL,
      "recorded_at" timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT "decisions_number_once" UNIQUE ("authority_key", "number_key")
    )`);
    await q.query(`CREATE TABLE "honours"."decision_awards" (
      "decision_id" uuid NOT NULL REFERENCES "honours"."decisions" ("id"),
      "line" int NOT NULL,
      "award" varchar(64) NOT NULL,
      "recipient_kind" varchar(16) NOT NULL,
      "recipient_unit_id" uuid NOT NULL,
      "recipient_unit_name" varchar(300) NOT NULL,
      "recipient_name" varchar(300),
      "dossier_id" uuid REFERENCES "honours"."dossiers" ("id"),
      "beyond_proposed" boolean NOT NULL,
      PRIMARY KEY ("decision_id", "line")
    )`);
    await q.query(
      `CREATE INDEX "decision_awards_by_unit" ON "honours"."decision_awards" ("recipient_unit_id", "decision_id")`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "honours"."decision_awards"`);
    await q.query(`DROP TABLE "honours"."decisions"`);
    await q.query(`DROP TABLE "honours"."dossier_steps"`);
    await q.query(`DROP TABLE "honours"."dossiers"`);
    for (const sql of idempotencyTablesDown('honours')) await q.query(sql);
    for (const sql of outboxTablesDown('honours')) await q.query(sql);
  }
}

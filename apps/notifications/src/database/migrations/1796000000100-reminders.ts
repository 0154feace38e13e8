import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Deadline reminders: the durable schedule (one row per milestone deadline and offset), claimed by
 * any instance with FOR UPDATE SKIP LOCKED under a lease; the daily digest (submissions seen, one
 * run per Vietnamese date); and the test clock (read only when NOTIFICATIONS_CLOCK=database).
 */
export class Reminders1796000000100 implements MigrationInterface {
  name = 'Reminders1796000000100';

  async up(q: QueryRunner): Promise<void> {
    // state: PENDING (waiting, or claimed while lease_until is ahead) → SENT | SKIPPED (reason:
    // DEADLINE_PASSED, SUPERSEDED) | CANCELLED (reason: MILESTONE_MOVED, MILESTONE_DELETED,
    // CAMPAIGN_DELETED). A moved deadline is a new row (its own deadline_on); the old one is
    // cancelled, and revived if the deadline moves back before it was sent.
    await q.query(`CREATE TABLE "notifications"."reminders" (
      "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      "campaign_id" uuid NOT NULL,
      "group_id" uuid NOT NULL,
      "year" int NOT NULL,
      "milestone_id" uuid NOT NULL,
      "milestone_code" varchar(64) NOT NULL,
      "milestone_title" text NOT NULL,
      "submission_kinds" varchar(40)[] NOT NULL,
      "offset_code" varchar(16) NOT NULL,
      "send_at" timestamptz NOT NULL,
      "deadline_on" date NOT NULL,
      "deadline_at" timestamptz NOT NULL,
      "state" varchar(16) NOT NULL DEFAULT 'PENDING',
      "reason" varchar(40),
      "attempts" int NOT NULL DEFAULT 0,
      "claimed_by" varchar(100),
      "lease_until" timestamptz,
      "last_error" text,
      "units" int,
      "recipients" int,
      "created_at" timestamptz NOT NULL DEFAULT now(),
      "updated_at" timestamptz NOT NULL DEFAULT now(),
      "finished_at" timestamptz,
      CONSTRAINT "reminders_once" UNIQUE ("milestone_id", "deadline_on", "offset_code"),
      CONSTRAINT "reminders_state" CHECK ("state" IN ('PENDING', 'SENT', 'SKIPPED', 'CANCELLED'))
    )`);
    await q.query(
      `CREATE INDEX "reminders_due" ON "notifications"."reminders" ("send_at") WHERE "state" = 'PENDING'`,
    );
    await q.query(`CREATE INDEX "reminders_by_campaign" ON "notifications"."reminders" ("campaign_id")`);
    // The daily digest: what was submitted when (from intake's events, once per event), and one run
    // per date (claimed under a lease like the reminders).
    await q.query(`CREATE TABLE "notifications"."digest_submissions" (
      "event_id" varchar(100) PRIMARY KEY,
      "group_id" uuid NOT NULL,
      "year" int NOT NULL,
      "unit_id" uuid NOT NULL,
      "kind" varchar(40) NOT NULL,
      "submitted_at" timestamptz NOT NULL
    )`);
    await q.query(
      `CREATE INDEX "digest_submissions_by_time" ON "notifications"."digest_submissions" ("submitted_at")`,
    );
    await q.query(`CREATE TABLE "notifications"."digest_runs" (
      "date" date PRIMARY KEY,
      "state" varchar(16) NOT NULL DEFAULT 'RUNNING',
      "claimed_by" varchar(100),
      "lease_until" timestamptz,
      "users" int,
      "created_at" timestamptz NOT NULL DEFAULT now(),
      "finished_at" timestamptz,
      CONSTRAINT "digest_runs_state" CHECK ("state" IN ('RUNNING', 'DONE'))
    )`);
    // At most one row: the instant tests set (NOTIFICATIONS_CLOCK=database); unused otherwise.
    await q.query(`CREATE TABLE "notifications"."test_clock" (
      "id" boolean PRIMARY KEY DEFAULT true CHECK ("id"),
      "now" timestamptz NOT NULL
    )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE "notifications"."test_clock"');
    await q.query('DROP TABLE "notifications"."digest_runs"');
    await q.query('DROP TABLE "notifications"."digest_submissions"');
    await q.query('DROP TABLE "notifications"."reminders"');
  }
}

import { idempotencyTablesDown, idempotencyTablesUp, outboxTablesDown, outboxTablesUp } from '@tdkt/platform';
import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The notifications schema (hand-written): the platform's outbox / processed_events (consumer
 * dedupe) and idempotency keys; the inbox; e-mail deliveries; preferences.
 */
export class Init1796000000000 implements MigrationInterface {
  name = 'Init1796000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('CREATE SCHEMA IF NOT EXISTS "notifications"');
    for (const sql of outboxTablesUp('notifications')) await q.query(sql);
    for (const sql of idempotencyTablesUp('notifications')) await q.query(sql);
    // One inbox item per (cause, user): a redelivered event or a retried reminder adds nothing.
    await q.query(`CREATE TABLE "notifications"."inbox_items" (
      "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      "user_id" uuid NOT NULL,
      "source_key" varchar(200) NOT NULL,
      "kind" varchar(40) NOT NULL,
      "title" text NOT NULL,
      "body" text NOT NULL,
      "link" text,
      "params" jsonb NOT NULL DEFAULT '{}',
      "occurred_at" timestamptz NOT NULL,
      "created_at" timestamptz NOT NULL DEFAULT now(),
      "read_at" timestamptz,
      CONSTRAINT "inbox_items_once" UNIQUE ("source_key", "user_id")
    )`);
    // The list (newest first, keyset) and the unread count are both per user.
    await q.query(
      `CREATE INDEX "inbox_items_by_user" ON "notifications"."inbox_items" ("user_id", "created_at" DESC, "id" DESC)`,
    );
    await q.query(
      `CREATE INDEX "inbox_items_unread" ON "notifications"."inbox_items" ("user_id") WHERE "read_at" IS NULL`,
    );
    // One delivery per (cause, user, channel). `due_at`: when PENDING, the next attempt; when
    // SENDING, the end of the claimer's lease (then anyone may claim it again).
    await q.query(`CREATE TABLE "notifications"."deliveries" (
      "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      "source_key" varchar(200) NOT NULL,
      "user_id" uuid NOT NULL,
      "channel" varchar(16) NOT NULL,
      "kind" varchar(40) NOT NULL,
      "address" varchar(254) NOT NULL,
      "subject" text NOT NULL,
      "text" text NOT NULL,
      "html" text NOT NULL,
      "state" varchar(16) NOT NULL DEFAULT 'PENDING',
      "attempts" int NOT NULL DEFAULT 0,
      "due_at" timestamptz NOT NULL DEFAULT now(),
      "claimed_by" varchar(100),
      "last_error" text,
      "created_at" timestamptz NOT NULL DEFAULT now(),
      "updated_at" timestamptz NOT NULL DEFAULT now(),
      "sent_at" timestamptz,
      CONSTRAINT "deliveries_once" UNIQUE ("source_key", "user_id", "channel"),
      CONSTRAINT "deliveries_state" CHECK ("state" IN ('PENDING', 'SENDING', 'SENT', 'FAILED'))
    )`);
    await q.query(
      `CREATE INDEX "deliveries_due" ON "notifications"."deliveries" ("due_at") WHERE "state" IN ('PENDING', 'SENDING')`,
    );
    await q.query(
      `CREATE INDEX "deliveries_failed" ON "notifications"."deliveries" ("updated_at" DESC) WHERE "state" = 'FAILED'`,
    );
    // Per user and kind: e-mail on or off (no row: the kind's default). DAILY_DIGEST's row is the
    // digest option.
    await q.query(`CREATE TABLE "notifications"."preferences" (
      "user_id" uuid NOT NULL,
      "kind" varchar(40) NOT NULL,
      "email" boolean NOT NULL,
      "updated_at" timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY ("user_id", "kind")
    )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE "notifications"."preferences"');
    await q.query('DROP TABLE "notifications"."deliveries"');
    await q.query('DROP TABLE "notifications"."inbox_items"');
    for (const sql of idempotencyTablesDown('notifications')) await q.query(sql);
    for (const sql of outboxTablesDown('notifications')) await q.query(sql);
  }
}

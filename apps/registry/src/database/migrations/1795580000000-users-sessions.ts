import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Sessions, refresh tokens, password resets, the user administration audit and the shared login
 * counters (issue 16). SQL-only tables (no entities: the auth and users repositories own their SQL);
 * tokens are stored as SHA-256 hashes, never as given.
 */
export class UsersSessions1795580000000 implements MigrationInterface {
  name = 'UsersSessions1795580000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "registry"."sessions" (
         "id" uuid NOT NULL DEFAULT gen_random_uuid() PRIMARY KEY,
         "user_id" uuid NOT NULL REFERENCES "registry"."users"("id") ON DELETE CASCADE,
         "created_at" timestamptz NOT NULL DEFAULT now(),
         "expires_at" timestamptz NOT NULL,
         "revoked_at" timestamptz,
         "revoked_reason" varchar(32))`,
    );
    await q.query(
      `CREATE INDEX "sessions_user" ON "registry"."sessions" ("user_id") WHERE revoked_at IS NULL`,
    );
    await q.query(
      `CREATE TABLE "registry"."refresh_tokens" (
         "token_hash" char(64) NOT NULL PRIMARY KEY,
         "session_id" uuid NOT NULL REFERENCES "registry"."sessions"("id") ON DELETE CASCADE,
         "created_at" timestamptz NOT NULL DEFAULT now(),
         "rotated_at" timestamptz)`,
    );
    await q.query(`CREATE INDEX "refresh_tokens_session" ON "registry"."refresh_tokens" ("session_id")`);
    await q.query(
      `CREATE TABLE "registry"."password_resets" (
         "token_hash" char(64) NOT NULL PRIMARY KEY,
         "user_id" uuid NOT NULL REFERENCES "registry"."users"("id") ON DELETE CASCADE,
         "created_at" timestamptz NOT NULL DEFAULT now(),
         "expires_at" timestamptz NOT NULL,
         "used_at" timestamptz)`,
    );
    await q.query(
      `CREATE TABLE "registry"."user_audit" (
         "id" bigserial PRIMARY KEY,
         "at" timestamptz NOT NULL DEFAULT now(),
         "actor_id" uuid,
         "action" varchar(40) NOT NULL,
         "user_id" uuid NOT NULL,
         "before" jsonb,
         "after" jsonb)`,
    );
    await q.query(`CREATE INDEX "user_audit_user" ON "registry"."user_audit" ("user_id", "at")`);
    await q.query(
      `CREATE TABLE "registry"."login_throttle" (
         "key" varchar(300) NOT NULL PRIMARY KEY,
         "window_start" timestamptz NOT NULL,
         "count" integer NOT NULL)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "registry"."login_throttle"`);
    await q.query(`DROP TABLE "registry"."user_audit"`);
    await q.query(`DROP TABLE "registry"."password_resets"`);
    await q.query(`DROP TABLE "registry"."refresh_tokens"`);
    await q.query(`DROP TABLE "registry"."sessions"`);
  }
}

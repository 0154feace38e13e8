import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Each receipt gets a verification code anyone can check on the platform (the printed receipt
 * carries it): 32 hex digits, the MD5 of a gen_random_uuid() (built into Postgres 13+; a v4 UUID
 * has 122 random bits, no pgcrypto needed): not guessable, not derived from anything. Existing receipts get one
 * too; new ones get one from the column's default, so the submit statement is unchanged.
 */
export class ReceiptVerificationCode1795600000006 implements MigrationInterface {
  name = 'ReceiptVerificationCode1795600000006';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE "intake"."receipts" ADD "verification_code" character(32) NOT NULL DEFAULT md5((gen_random_uuid())::text)`,
    );
    await q.query(
      `CREATE UNIQUE INDEX "receipts_verification_code" ON "intake"."receipts" ("verification_code")`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "intake"."receipts_verification_code"`);
    await q.query(`ALTER TABLE "intake"."receipts" DROP COLUMN "verification_code"`);
  }
}

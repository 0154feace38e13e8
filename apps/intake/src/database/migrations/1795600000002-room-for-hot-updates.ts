import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Submit updates a submission and its version in place. With free room in each page Postgres
 * makes these HOT updates (no new entries in the tables' indexes: none of the updated columns is
 * indexed); with full pages every submit writes into every index. Receipts are never listed by
 * campaign (the campaign list goes through submissions), so that index only cost writes.
 */
export class RoomForHotUpdates1795600000002 implements MigrationInterface {
  name = 'RoomForHotUpdates1795600000002';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE "intake"."submissions" SET (fillfactor = 80)');
    await q.query('ALTER TABLE "intake"."submission_versions" SET (fillfactor = 80)');
    await q.query('DROP INDEX "intake"."receipts_by_campaign"');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('CREATE INDEX "receipts_by_campaign" ON "intake"."receipts" ("campaign_id")');
    await q.query('ALTER TABLE "intake"."submission_versions" RESET (fillfactor)');
    await q.query('ALTER TABLE "intake"."submissions" RESET (fillfactor)');
  }
}

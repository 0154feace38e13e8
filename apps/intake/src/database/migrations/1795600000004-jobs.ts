import { jobTablesDown, jobTablesUp } from '@tdkt/platform';
import { MigrationInterface, QueryRunner } from 'typeorm';

/** Long work as jobs: the `jobs` table (hand-written; see platform/jobs). */
export class Jobs1795600000004 implements MigrationInterface {
  name = 'Jobs1795600000004';

  async up(q: QueryRunner): Promise<void> {
    for (const sql of jobTablesUp('intake')) await q.query(sql);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const sql of jobTablesDown('intake')) await q.query(sql);
  }
}

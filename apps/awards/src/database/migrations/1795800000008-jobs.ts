import { jobTablesDown, jobTablesUp } from '@tdkt/platform';
import { MigrationInterface, QueryRunner } from 'typeorm';

/** Long work as jobs: the `jobs` table (hand-written; see platform/jobs). */
export class Jobs1795800000008 implements MigrationInterface {
  name = 'Jobs1795800000008';

  async up(q: QueryRunner): Promise<void> {
    for (const sql of jobTablesUp('awards')) await q.query(sql);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const sql of jobTablesDown('awards')) await q.query(sql);
  }
}

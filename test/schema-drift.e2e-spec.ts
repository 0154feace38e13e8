/**
 * Every service's entities and migrations agree: after its migrations, TypeORM would change
 * nothing (the registry has its own check in its integration test).
 */
import 'reflect-metadata';
import { migrate, pendingSchemaChanges } from '@tdkt/platform';
import { createDatabase, TestDatabase, testInfra } from '@tdkt/testing';
import { DataSource, DataSourceOptions, MigrationInterface } from 'typeorm';
import { awardsDataSourceOptions } from '../apps/awards/src/database/data-source';
import { honoursDataSourceOptions } from '../apps/honours/src/database/data-source';
import { intakeDataSourceOptions } from '../apps/intake/src/database/data-source';
import { scoringDataSourceOptions } from '../apps/scoring/src/database/data-source';

const SERVICES: [string, (url: string, pool?: number) => DataSourceOptions][] = [
  ['intake', intakeDataSourceOptions],
  ['scoring', scoringDataSourceOptions],
  ['awards', awardsDataSourceOptions],
  // Hand-written SQL, no entities: its migrations run in order, each once.
  ['honours', honoursDataSourceOptions],
];

describe('entities and migrations do not drift', () => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await createDatabase(testInfra().pgAdminUrl, 'drift');
  });

  afterAll(async () => {
    await db?.drop();
  });

  it.each(SERVICES)('%s', async (schema, options) => {
    const opts = options(db.url, 2);
    // The names TypeORM records: a migration's `name`, else its class name; in the declared order.
    const declared = (opts.migrations as (new () => MigrationInterface)[]).map((M) => new M().name ?? M.name);
    const ds = new DataSource(opts);
    await ds.initialize();
    try {
      // On an empty schema: every migration of the service runs, each once, in order.
      expect(await migrate(ds, schema)).toEqual(declared);
      expect(await pendingSchemaChanges(ds)).toEqual([]);
    } finally {
      await ds.destroy();
    }
  });
});

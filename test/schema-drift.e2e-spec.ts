/**
 * Every service's entities and migrations agree: after its migrations, TypeORM would change
 * nothing (the registry has its own check in its integration test).
 */
import 'reflect-metadata';
import { migrate, pendingSchemaChanges } from '@tdkt/platform';
import { createDatabase, TestDatabase, testInfra } from '@tdkt/testing';
import { DataSource, DataSourceOptions } from 'typeorm';
import { awardsDataSourceOptions } from '../apps/awards/src/database/data-source';
import { intakeDataSourceOptions } from '../apps/intake/src/database/data-source';
import { scoringDataSourceOptions } from '../apps/scoring/src/database/data-source';

const SERVICES: [string, (url: string, pool?: number) => DataSourceOptions][] = [
  ['intake', intakeDataSourceOptions],
  ['scoring', scoringDataSourceOptions],
  ['awards', awardsDataSourceOptions],
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
    const ds = new DataSource(options(db.url, 2));
    await ds.initialize();
    try {
      expect((await migrate(ds, schema)).length).toBeGreaterThan(0);
      expect(await pendingSchemaChanges(ds)).toEqual([]);
    } finally {
      await ds.destroy();
    }
  });
});

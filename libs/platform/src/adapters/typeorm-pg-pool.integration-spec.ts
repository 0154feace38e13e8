/**
 * What `pgPool` (and so `prepared`) relies on in TypeORM (`ds.driver.master` is not public API),
 * checked against the installed TypeORM and pg and a real Postgres: when an upgrade changes it,
 * this fails.
 */
import { createDatabase, TestDatabase, testInfra } from '@tdkt/testing';
import { Pool } from 'pg';
import { DataSource } from 'typeorm';
import { prepared } from '../database/prepared';
import { pgPool } from './typeorm-pg-pool';

describe('TypeORM Postgres driver pool (adapter)', () => {
  let db: TestDatabase;
  let ds: DataSource;

  beforeAll(async () => {
    db = await createDatabase(testInfra().pgAdminUrl, 'adapter');
    // One connection: whatever runs on the pool runs on the connection TypeORM's queries use.
    ds = new DataSource({ type: 'postgres', url: db.url, extra: { max: 1 } });
    await ds.initialize();
  });

  afterAll(async () => {
    await ds?.destroy();
    await db?.drop();
  });

  it('driver.master is the pg Pool the data source queries through, with its options', async () => {
    const pool = pgPool(ds);
    expect(pool).toBeInstanceOf(Pool);
    expect(pool.options.max).toBe(1);
    const [{ pid }] = await ds.query('SELECT pg_backend_pid() AS pid');
    const { rows } = await pool.query('SELECT pg_backend_pid() AS pid');
    expect(rows).toEqual([{ pid }]);
    expect(pool.totalCount).toBe(1);
  });

  it('prepared runs a named statement there: parsed once per connection, answered every time', async () => {
    const text = 'SELECT $1::int + 1 AS n';
    expect(await prepared(ds, 'adapter_plus_one', text, [41])).toEqual([{ n: 42 }]);
    expect(await prepared(ds, 'adapter_plus_one', text, [1])).toEqual([{ n: 2 }]);
    const statements = await ds.query(
      `SELECT name, statement FROM pg_prepared_statements WHERE name = 'adapter_plus_one'`,
    );
    expect(statements).toEqual([{ name: 'adapter_plus_one', statement: text }]);
  });

  it('names what is missing when a data source has no pg Pool there', () => {
    const other = new DataSource({ type: 'postgres', url: db.url });
    // Not initialized: the driver has made no pool yet.
    expect(() => pgPool(other)).toThrow(
      "TypeORM's postgres driver has no pg Pool at driver.master: named prepared statements need one",
    );
  });
});

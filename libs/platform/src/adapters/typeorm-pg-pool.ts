import type { Pool } from 'pg';
import type { DataSource } from 'typeorm';

/**
 * The pg `Pool` under a TypeORM Postgres data source: `ds.driver.master` (TypeORM's
 * PostgresDriver, not public API). Queries sent on it share the data source's connections (and
 * its `max`). Throws, naming what is missing, when the driver has no such pool (not Postgres, or a
 * TypeORM that moved it); adapters/typeorm-pg-pool.integration-spec.ts checks it against the
 * installed TypeORM and pg.
 */
export function pgPool(ds: DataSource): Pool {
  const master = (ds.driver as unknown as { master?: Partial<Pool> }).master;
  if (!master || typeof master.query !== 'function' || typeof master.connect !== 'function') {
    throw new Error(
      `TypeORM's ${ds.options.type} driver has no pg Pool at driver.master: named prepared statements need one`,
    );
  }
  return master as Pool;
}

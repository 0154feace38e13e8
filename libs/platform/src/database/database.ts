import { types } from 'pg';
import { DataSource, DataSourceOptions, EntityManager, EntitySchema, MixedList } from 'typeorm';

/** A `date` is a calendar day, not an instant: keep Postgres' `YYYY-MM-DD` text instead of a JS Date. */
types.setTypeParser(types.builtins.DATE, (v: string) => v);

export interface ServiceDatabaseOptions {
  url: string;
  /** The Postgres schema this service owns; nothing else reads or writes it. */
  schema: string;
  entities: MixedList<Function | string | EntitySchema>;
  migrations: MixedList<Function | string>;
  poolSize?: number;
  applicationName?: string;
}

/** TypeORM options for one service schema. `synchronize` is never on: the schema is migrations'. */
export function serviceDataSourceOptions(opts: ServiceDatabaseOptions): DataSourceOptions {
  return {
    type: 'postgres',
    url: opts.url,
    schema: opts.schema,
    entities: opts.entities,
    migrations: opts.migrations,
    migrationsTableName: 'migrations',
    migrationsRun: false,
    synchronize: false,
    /** gen_random_uuid() is built into Postgres 13+: no uuid-ossp extension (needs a superuser). */
    uuidExtension: 'pgcrypto',
    // Failures surface as coded errors (see mapPgError); TypeORM's own log would print parameters.
    logging: false,
    applicationName: opts.applicationName,
    extra: { max: opts.poolSize ?? 10, connectionTimeoutMillis: 5000, idleTimeoutMillis: 30_000 },
  };
}

/**
 * Applies pending migrations. Holds an advisory lock for the schema so N instances starting at once
 * migrate exactly once; the others wait and find nothing to do.
 */
export async function migrate(ds: DataSource, schema: string): Promise<string[]> {
  const qr = ds.createQueryRunner();
  await qr.connect();
  try {
    await qr.query('SELECT pg_advisory_lock(hashtext($1))', [`migrate:${schema}`]);
    await qr.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
    const done = await ds.runMigrations({ transaction: 'each' });
    return done.map((m) => m.name);
  } finally {
    await qr.query('SELECT pg_advisory_unlock(hashtext($1))', [`migrate:${schema}`]).catch(() => undefined);
    await qr.release();
  }
}

/**
 * The SQL TypeORM would run to make the database match the entities. After all migrations have
 * run this must be empty: anything else means entities and migrations drifted apart.
 */
export async function pendingSchemaChanges(ds: DataSource): Promise<string[]> {
  const log = await ds.driver.createSchemaBuilder().log();
  return log.upQueries.map((q) => q.query);
}

/**
 * Runs a statement and answers its rows and affected-row count, whatever the command. (TypeORM's
 * plain `query()` answers `[rows, count]` for UPDATE and DELETE but `rows` for everything else.)
 */
export async function execute<T = Record<string, unknown>>(
  m: EntityManager | DataSource,
  sql: string,
  params: unknown[] = [],
): Promise<{ rows: T[]; affected: number }> {
  const own = m instanceof DataSource ? m.createQueryRunner() : undefined;
  const qr = own ?? (m as EntityManager).queryRunner ?? (m as EntityManager).connection.createQueryRunner();
  try {
    const r = await qr.query(sql, params, true);
    return { rows: (r.records ?? []) as T[], affected: r.affected ?? (r.records?.length || 0) };
  } finally {
    if (qr !== (m as EntityManager).queryRunner) await qr.release();
  }
}

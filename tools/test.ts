/**
 * `npm test` (after lint, format and type checks): finds or starts Postgres and NATS JetStream the
 * same way `npm start` does, then runs every Jest tier against them. Each test file makes its own
 * database and NATS subject prefix, so reruns, parallel runs and leftovers never collide.
 * Extra arguments go to Jest (e.g. `npm run test:all -- --selectProjects unit`).
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { ensureNats, ensurePostgres, sweepTestDatabases } from '@tdkt/testing';

async function main(): Promise<number> {
  const log = (m: string): void => console.log(`[test] ${m}`);
  const t0 = Date.now();
  const pg = await ensurePostgres(log);
  const nats = await ensureNats(log);
  log(`postgres: ${pg.source}, nats: ${nats.source} (${Date.now() - t0} ms)`);
  const swept = await sweepTestDatabases(pg.adminUrl);
  if (swept) log(`dropped ${swept} stale test databases`);
  try {
    const jest = join(__dirname, '..', 'node_modules', 'jest', 'bin', 'jest.js');
    const result = spawnSync(process.execPath, [jest, '--ci', '--maxWorkers=2', ...process.argv.slice(2)], {
      stdio: 'inherit',
      env: {
        ...process.env,
        TZ: 'UTC',
        TEST_PG_ADMIN_URL: pg.adminUrl,
        TEST_NATS_URL: nats.url,
        LOG_LEVEL: 'warn',
      },
    });
    return result.status ?? 1;
  } finally {
    await nats.stop();
    await pg.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);

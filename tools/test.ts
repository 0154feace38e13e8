/**
 * `npm test` (after lint, format and type checks): finds or starts Postgres, NATS JetStream and an
 * S3-compatible server the same way `npm start` does, then runs every Jest tier against them. Each test file makes its own
 * database and NATS subject prefix, so reruns, parallel runs and leftovers never collide.
 * Extra arguments go to Jest (e.g. `npm run test:all -- --selectProjects unit`).
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { ensureChromium } from './chromium';
import { ensureNats, ensurePostgres, ensureS3, sweepTestDatabases } from '@tdkt/testing';

async function main(): Promise<number> {
  const log = (m: string): void => console.log(`[test] ${m}`);
  const t0 = Date.now();
  const pg = await ensurePostgres(log);
  const nats = await ensureNats(log);
  const s3 = await ensureS3(log);
  log(`postgres: ${pg.source}, nats: ${nats.source}, s3: ${s3.source} (${Date.now() - t0} ms)`);
  // The documents suites print PDFs in Chromium and read them with poppler.
  const noChromium = ensureChromium(log, true);
  if (noChromium) throw new Error(noChromium);
  const swept = await sweepTestDatabases(pg.adminUrl);
  if (swept) log(`dropped ${swept} stale test databases`);
  try {
    const jest = join(__dirname, '..', 'node_modules', 'jest', 'bin', 'jest.js');
    // Not spawnSync: an S3 server started here (s3rver) must keep serving while Jest runs.
    const child = spawn(process.execPath, [jest, '--ci', '--maxWorkers=2', ...process.argv.slice(2)], {
      stdio: 'inherit',
      env: {
        ...process.env,
        TZ: 'UTC',
        TEST_PG_ADMIN_URL: pg.adminUrl,
        TEST_NATS_URL: nats.url,
        TEST_S3_ENDPOINT: `${s3.useSSL ? 'https' : 'http'}://${s3.endPoint}:${s3.port}`,
        TEST_S3_ACCESS_KEY: s3.accessKey,
        TEST_S3_SECRET_KEY: s3.secretKey,
        TEST_S3_SOURCE: s3.source,
        LOG_LEVEL: 'warn',
      },
    });
    return await new Promise<number>((resolve) => child.once('exit', (code) => resolve(code ?? 1)));
  } finally {
    await s3.stop();
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

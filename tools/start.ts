/**
 * `npm start`: the whole system on this machine. Uses DATABASE_URL / NATS_URL when given and
 * reachable, else the machine's own Postgres and NATS, else starts local ones (embedded Postgres
 * from npm, nats-server -js, installed from Debian when missing and run as root) and an S3 server.
 * Builds the services, migrates, loads the demo registry and prints where to go. A service that
 * exits (a crash, kill -9) is restarted with the same port and environment after 0.5 s, 1 s, 2 s …
 * up to 30 s (from 0.5 s again once it has stayed up a minute), each exit and restart on the
 * console; the others keep running. Ctrl-C (or SIGTERM) stops everything it started and nothing
 * else, with no restart.
 */
import { join } from 'node:path';
import { Client } from 'pg';
import { ensureChromium } from './chromium';
import {
  ensureMailCatcher,
  ensureNats,
  ensurePostgres,
  ensureS3,
  officerToken,
  withDatabase,
} from '@tdkt/testing';
import { addDays, formatVietnameseDate, todayInVietnam } from '@tdkt/domain';
import { Call, loadDemoYear, openDemoDeadline } from './demo/scored-year';
import { build, secret, startSystem, Supervisor } from './system';

async function ensureDatabase(adminUrl: string, name: string): Promise<string> {
  const c = new Client({ connectionString: adminUrl });
  await c.connect();
  try {
    const { rowCount } = await c.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (!rowCount) await c.query(`CREATE DATABASE "${name}"`);
  } finally {
    await c.end();
  }
  return withDatabase(adminUrl, name);
}

/**
 * Browser origins the gateway allows under `npm start` when CORS_ORIGINS is not given: the usual
 * local front-end dev servers (Vite dev and preview, Angular, Vue CLI / webpack), on localhost and
 * 127.0.0.1. Nothing else: a production gateway allows only what CORS_ORIGINS names.
 */
const DEV_ORIGINS = [5173, 4173, 4200, 8080]
  .flatMap((port) => [`http://localhost:${port}`, `http://127.0.0.1:${port}`])
  .join(',');

async function main(): Promise<void> {
  const log = (m: string): void => console.log(`[start] ${m}`);
  const stops: (() => Promise<void>)[] = [];
  let stopping = false;
  const shutdown = async (code: number): Promise<void> => {
    if (stopping) return;
    stopping = true;
    log('stopping…');
    for (const stop of stops.reverse()) await stop().catch((e) => console.error(e));
    process.exit(code);
  };
  process.on('SIGINT', () => void shutdown(0));
  process.on('SIGTERM', () => void shutdown(0));
  try {
    const pg = await ensurePostgres(log);
    stops.push(pg.stop);
    const nats = await ensureNats(log);
    stops.push(nats.stop);
    // Files live as long as the rows that name them: kept in tmp/s3 when the database is kept.
    const s3 = await ensureS3(log, {
      directory: ['env', 'local'].includes(pg.source) ? join(__dirname, '..', 'tmp', 's3') : undefined,
    });
    stops.push(s3.stop);
    // Mail: SMTP_HOST when set and reachable, else the local mail catcher (SMTP + a web page).
    const mail = await ensureMailCatcher(log);
    stops.push(mail.stop);
    log(
      `postgres: ${pg.source}, nats: ${nats.source} (${nats.url}), s3: ${s3.source} (${s3.endPoint}:${s3.port})`,
    );
    const databaseUrl =
      process.env.DATABASE_URL && pg.source === 'env'
        ? process.env.DATABASE_URL
        : await ensureDatabase(pg.adminUrl, 'tdkt');
    // Documents needs Chromium and Vietnamese-complete fonts (installed when root and missing).
    const noDocuments = ensureChromium(log);
    if (noDocuments) log(`${noDocuments}; starting without the documents service`);
    log('building services…');
    build([
      'gateway',
      'registry',
      'intake',
      'scoring',
      'awards',
      'honours',
      'notifications',
      ...(noDocuments ? [] : ['documents']),
    ]);
    const demoPassword = process.env.DEMO_PASSWORD ?? secret(9);
    const port = Number(process.env.PORT ?? 3000);
    const metricsPort = process.env.METRICS_PORT ?? '9464';
    const jwtSecret = process.env.JWT_SECRET ?? secret(32);
    const supervisor = new Supervisor({ log: (m) => log(m) });
    stops.push(() => supervisor.stop());
    const { gateway } = await startSystem({
      databaseUrl,
      natsUrl: nats.url,
      natsPrefix: process.env.NATS_PREFIX ?? '',
      gatewayPort: port,
      demoPassword,
      jwtSecret,
      logLevel: process.env.LOG_LEVEL ?? 'warn',
      storage: {
        S3_ENDPOINT: `${s3.useSSL ? 'https' : 'http'}://${s3.endPoint}:${s3.port}`,
        S3_ACCESS_KEY: s3.accessKey,
        S3_SECRET_KEY: s3.secretKey,
        S3_REGION: s3.region,
        S3_BUCKET: process.env.S3_BUCKET ?? 'tdkt-evidence',
      },
      // Other SMTP_* settings (TLS, credentials) reach the services with the rest of the environment.
      mail: { SMTP_HOST: mail.smtpHost, SMTP_PORT: String(mail.smtpPort) },
      documents: !noDocuments,
      honours: true,
      supervisor,
      gatewayEnv: {
        CORS_ORIGINS: process.env.CORS_ORIGINS ?? DEV_ORIGINS,
        METRICS_PORT: metricsPort,
        DOCS_ENABLED: process.env.DOCS_ENABLED ?? 'true',
      },
    });
    let annualDue = '2026-11-29';
    if (process.env.DEMO_YEAR !== 'false') {
      // TN&DHMT 2023 scored, locked and its honours proposed, so every document renders from here.
      const call: Call = async (method, path, token, body) => {
        const r = await fetch(`${gateway.url}${path}`, {
          method,
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: body === undefined ? undefined : JSON.stringify(body),
        });
        const text = await r.text();
        return { status: r.status, body: text ? JSON.parse(text) : null };
      };
      const login = async (username: string): Promise<string> => {
        const r = await fetch(`${gateway.url}/api/v1/auth/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ username, password: demoPassword }),
        });
        if (r.status !== 200) throw new Error(`demo login ${username}: ${r.status}`);
        return ((await r.json()) as { accessToken: string }).accessToken;
      };
      const loaded = await loadDemoYear(call, {
        board: await login('board'),
        chair: await login('binhdinh'),
        // The members' officers have no demo logins: their tokens are made as the gateway would.
        officer: (unitId) => officerToken(jwtSecret, unitId),
      });
      log(`demo year TN&DHMT 2023 (scored, locked, honours proposed): ${loaded}`);
      const today = todayInVietnam();
      annualDue = await openDemoDeadline(call, await login('board'), today, addDays(today, 5));
      log(
        `demo block 2026: annual reports due ${annualDue} (reminders go to the members that have not sent them)`,
      );
    }
    console.log(`
TĐKT is running.
  API:       ${gateway.url}/api/v1
  API docs:  ${gateway.url}/docs   (OpenAPI JSON: ${gateway.url}/docs/openapi.json)
  Health:    ${gateway.url}/health/ready   Metrics: http://127.0.0.1:${metricsPort}/metrics (loopback only)
  Browsers:  CORS allows ${process.env.CORS_ORIGINS ?? 'the local dev servers (localhost/127.0.0.1 :5173 :4173 :4200 :8080)'}
  Mail:      ${mail.uiUrl ? `${mail.uiUrl}   (local mail catcher; SMTP ${mail.smtpHost}:${mail.smtpPort})` : `SMTP ${mail.smtpHost}:${mail.smtpPort} (SMTP_HOST)`}

Demo logins (password for all: ${demoPassword}):
  board     – Ban TĐKT Trung ương (changes anything)
  council   – Ủy viên Hội đồng TĐKT TW (reads)
  binhdinh  – Bình Định: Cụm trưởng Cụm TN&DHMT 2023
  lamdong   – Lâm Đồng: Cụm phó Cụm TN&DHMT 2023
  kontum    – Kon Tum: cán bộ đơn vị thành viên
  thaibinh  – Thái Bình: Cụm trưởng Cụm ĐBSH 2023
  tayninh   – Tây Ninh: Cụm trưởng Cụm Miền Đông Nam Bộ 2019
  sct-hatinh – Sở Công Thương Hà Tĩnh: Trưởng Khối kinh tế 2026 (minh họa)
  stc-hatinh – Sở Tài chính Hà Tĩnh: thành viên Khối kinh tế; hạn nộp báo cáo năm 2026: ${formatVietnameseDate(annualDue)}
  viewer    – chỉ xem

Try: curl -s ${gateway.url}/api/v1/auth/login -H 'content-type: application/json' \\
       -d '{"username":"board","password":"${demoPassword}"}'
Press Ctrl-C to stop everything this command started.`);
  } catch (e) {
    console.error(`[start] ${e instanceof Error ? e.message : e}`);
    await shutdown(1);
  }
}

void main();

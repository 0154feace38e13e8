/**
 * A whole system for black-box tests: its own database and NATS prefix, the registry, intake and
 * the gateway started in-process on a free port (scoring and awards too, for the suites that ask
 * for them), and HTTP helpers.
 */
import { INestApplication } from '@nestjs/common';
import { createDatabase, officerToken, runId, TestDatabase, testInfra } from '@tdkt/testing';
import { bootstrapRegistry } from '../../apps/registry/src/bootstrap';
import { bootstrapIntake } from '../../apps/intake/src/bootstrap';
import { bootstrapScoring } from '../../apps/scoring/src/bootstrap';
import { bootstrapAwards } from '../../apps/awards/src/bootstrap';
import { bootstrapDocuments } from '../../apps/documents/src/bootstrap';
import { createGateway } from '../../apps/gateway/src/bootstrap';
import { bootstrapNotifications } from '../../apps/notifications/src/bootstrap';
import { bootstrapHonours } from '../../apps/honours/src/bootstrap';

export const DEMO_PASSWORD = 'e2e-demo-password';

export interface TestSystem {
  baseUrl: string;
  prefix: string;
  db: TestDatabase;
  gateway: INestApplication;
  registry?: INestApplication;
  intake?: INestApplication;
  scoring?: INestApplication;
  awards?: INestApplication;
  documents?: INestApplication;
  notifications?: INestApplication;
  honours?: INestApplication;
  /** The environment notifications runs with (database, NATS prefix, SMTP_* given to startTestSystem). */
  notificationsEnv: Record<string, string>;
  startNotifications(extra?: Record<string, string>): Promise<void>;
  stopNotifications(): Promise<void>;
  /** An access token as the gateway issues it, for a unit officer (tests of many members). */
  officerToken(unitId: string): string;
  /** The secret the gateway signs its tokens with (a test crafting a token with other grants). */
  jwtSecret: string;
  /** The environment intake runs with (database, NATS prefix, storage bucket). */
  intakeEnv: Record<string, string>;
  startRegistry(): Promise<void>;
  stopRegistry(): Promise<void>;
  startIntake(extra?: Record<string, string>): Promise<void>;
  stopIntake(): Promise<void>;
  /** Awards' start and stop (a test restarting its consumers); started by `with: ['awards']`. */
  startAwards(): Promise<void>;
  stopAwards(): Promise<void>;
  stop(): Promise<void>;
}

/** Services started only for the suites that use them. */
export type OptionalService = 'scoring' | 'awards' | 'documents' | 'notifications' | 'honours';

export async function startTestSystem(
  opts: {
    with?: OptionalService[];
    /** Notifications' extra environment (SMTP_HOST, SMTP_PORT of the test's SMTP server…). */
    notificationsEnv?: Record<string, string>;
  } = {},
): Promise<TestSystem> {
  const { pgAdminUrl, natsUrl, s3 } = testInfra();
  if (!s3) throw new Error('no S3 server: run the tests through `npm test`');
  const db = await createDatabase(pgAdminUrl, 'e2e');
  const prefix = `t-${runId()}`;
  const common = { NATS_URL: natsUrl, NATS_PREFIX: prefix, HTTP_PORT: '0', LOG_LEVEL: 'warn' };
  const registryEnv = { ...common, DATABASE_URL: db.url, REGISTRY_SEED_DEMO: 'true', DEMO_PASSWORD };
  /** What intake, scoring and awards share: the database and the storage bucket. */
  const storageEnv = {
    ...common,
    DATABASE_URL: db.url,
    S3_ENDPOINT: s3.endpoint,
    S3_ACCESS_KEY: s3.accessKey,
    S3_SECRET_KEY: s3.secretKey,
    S3_BUCKET: prefix,
  };
  const intakeEnv: Record<string, string> = { ...storageEnv, RPC_TIMEOUT_MS: '2000' };
  const notificationsEnv: Record<string, string> = {
    ...common,
    DATABASE_URL: db.url,
    RPC_TIMEOUT_MS: '2000',
    FRONTEND_BASE_URL: 'https://tdkt.test',
    // Deadline reminders run on the real clock and would e-mail the demo units on some dates (a
    // demo deadline within 7 days): off unless a suite turns them on (notifications-reminders).
    REMINDERS_ENABLED: 'false',
    ...opts.notificationsEnv,
  };
  const sys: TestSystem = {
    baseUrl: '',
    prefix,
    db,
    gateway: undefined as unknown as INestApplication,
    intakeEnv,
    notificationsEnv,
    officerToken: () => '',
    jwtSecret: '',
    async startNotifications(extra = {}) {
      sys.notifications = await bootstrapNotifications({ ...notificationsEnv, ...extra });
    },
    async stopNotifications() {
      await sys.notifications?.close();
      sys.notifications = undefined;
    },
    async startIntake(extra = {}) {
      sys.intake = await bootstrapIntake({ ...intakeEnv, ...extra });
    },
    async stopIntake() {
      await sys.intake?.close();
      sys.intake = undefined;
    },
    async startAwards() {
      sys.awards = await bootstrapAwards(storageEnv);
    },
    async stopAwards() {
      await sys.awards?.close();
      sys.awards = undefined;
    },
    async startRegistry() {
      sys.registry = await bootstrapRegistry(registryEnv);
    },
    async stopRegistry() {
      await sys.registry?.close();
      sys.registry = undefined;
    },
    async stop() {
      await sys.gateway?.close();
      await sys.stopIntake();
      await sys.scoring?.close();
      await sys.awards?.close();
      await sys.documents?.close();
      await sys.honours?.close();
      await sys.stopNotifications();
      await sys.stopRegistry();
      await db.drop();
    },
  };
  await sys.startRegistry();
  await sys.startIntake();
  const optional = new Set(opts.with);
  if (optional.has('scoring')) sys.scoring = await bootstrapScoring(storageEnv);
  if (optional.has('awards')) sys.awards = await bootstrapAwards(storageEnv);
  if (optional.has('honours'))
    sys.honours = await bootstrapHonours({ ...common, DATABASE_URL: db.url, RPC_TIMEOUT_MS: '5000' });
  if (optional.has('documents')) sys.documents = await bootstrapDocuments(storageEnv);
  if (optional.has('notifications')) await sys.startNotifications();
  const jwtSecret = `e2e-secret-${runId()}-0123456789abcdef`;
  sys.officerToken = (unitId: string) => officerToken(jwtSecret, unitId);
  sys.jwtSecret = jwtSecret;
  const { app } = await createGateway({
    ...common,
    JWT_SECRET: jwtSecret,
    RPC_TIMEOUT_MS: '1000',
  });
  await app.listen(0, '127.0.0.1');
  sys.gateway = app;
  sys.baseUrl = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  return sys;
}

export interface Res<T = unknown> {
  status: number;
  body: T;
  headers: Headers;
}

export async function http<T = any>( // eslint-disable-line @typescript-eslint/no-explicit-any
  sys: TestSystem,
  method: string,
  path: string,
  opts: { token?: string; body?: unknown; raw?: string | Uint8Array; headers?: Record<string, string> } = {},
): Promise<Res<T>> {
  const headers: Record<string, string> = { ...opts.headers };
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  let payload: string | Uint8Array | undefined;
  if (opts.raw !== undefined) payload = opts.raw;
  else if (opts.body !== undefined) payload = JSON.stringify(opts.body);
  if (payload !== undefined) headers['content-type'] ??= 'application/json';
  const r = await fetch(`${sys.baseUrl}${path}`, { method, headers, body: payload });
  const text = await r.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    /* not JSON */
  }
  return { status: r.status, body: body as T, headers: r.headers };
}

export async function login(sys: TestSystem, username: string, password = DEMO_PASSWORD): Promise<string> {
  const r = await http<{ accessToken: string }>(sys, 'POST', '/api/v1/auth/login', {
    body: { username, password },
  });
  if (r.status !== 200) throw new Error(`login ${username}: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body.accessToken;
}

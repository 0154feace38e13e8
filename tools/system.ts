/**
 * Launches the whole system from built services (dist/apps/<service>/main.js, or from their
 * TypeScript sources) against the given infrastructure, bare or under a Supervisor that restarts a
 * service whose process exits. Used by `npm start`, the benchmarks and the fault tests.
 */
import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { freePort, waitFor } from '@tdkt/testing';

export const ROOT = join(__dirname, '..');

export interface ServiceSpec {
  name: string;
  env: Record<string, string>;
  /** Port of its HTTP server (health, metrics; the gateway's API). */
  port: number;
  /**
   * Run apps/<name>/src/main.ts through @swc-node/register instead of the build in
   * dist/apps/<name>/main.js (tests: nothing to build).
   */
  fromSource?: boolean;
  /**
   * What a restart under a Supervisor changes in `env`: the registry loads the demo registry at its
   * first start only (REGISTRY_SEED_DEMO=false afterwards), because a reload would put back demo rows
   * edited since (names, leaders, roles, deactivated users) without publishing any event.
   */
  restartEnv?: Record<string, string>;
}

export interface RunningService {
  spec: ServiceSpec;
  /** The process now serving (a supervised service gets a new one at each restart). */
  child: ChildProcess;
  url: string;
  /** Stops it for good (a supervised service: without a restart). */
  stop?: () => Promise<void>;
}

export function build(projects: string[]): void {
  const nx = join(ROOT, 'node_modules', 'nx', 'dist', 'bin', 'nx.js');
  const r = spawnSync(
    process.execPath,
    [nx, 'run-many', '-t', 'build', `--projects=${projects.join(',')}`, '--output-style=static'],
    {
      cwd: ROOT,
      stdio: ['ignore', 'inherit', 'inherit'],
      env: { ...process.env, NX_NO_CLOUD: 'true', NX_TUI: 'false', NX_DAEMON: 'false' },
    },
  );
  if (r.status !== 0) throw new Error(`build failed (${projects.join(', ')})`);
}

/** Starts the service's process (not waiting for it to be ready). */
function spawnService(
  spec: ServiceSpec,
  opts: { quiet?: boolean; env?: Record<string, string> } = {},
): ChildProcess {
  // PROFILE_SERVICES=<dir>: every service writes a V8 CPU profile there when it stops.
  const profile = process.env.PROFILE_SERVICES
    ? [
        '--cpu-prof',
        `--cpu-prof-dir=${process.env.PROFILE_SERVICES}`,
        `--cpu-prof-name=${spec.name}-\${pid}.cpuprofile`,
        '--require',
        join(ROOT, 'bench', 'exit-on-term.js'),
      ]
    : [];
  const main = spec.fromSource
    ? ['-r', '@swc-node/register', join(ROOT, 'apps', spec.name, 'src', 'main.ts')]
    : ['--enable-source-maps', join(ROOT, 'dist', 'apps', spec.name, 'main.js')];
  return spawn(process.execPath, [...profile, ...main], {
    cwd: ROOT,
    env: {
      ...process.env,
      ...spec.env,
      ...opts.env,
      HTTP_PORT: String(spec.port),
      HTTP_HOST: '127.0.0.1',
    },
    stdio: ['ignore', opts.quiet ? 'ignore' : 'inherit', 'inherit'],
  });
}

const serviceUrl = (spec: ServiceSpec): string => `http://127.0.0.1:${spec.port}`;

const ended = (child: ChildProcess): boolean => child.exitCode !== null || child.signalCode !== null;

async function isReady(url: string): Promise<boolean> {
  const r = await fetch(`${url}/health/ready`, { signal: AbortSignal.timeout(2000) }).catch(() => undefined);
  await r?.arrayBuffer().catch(() => undefined);
  return r?.ok === true;
}

/** Resolves once the service answers /health/ready; rejects when its process exits first. */
async function waitReady(spec: ServiceSpec, child: ChildProcess, timeoutMs = 60_000): Promise<void> {
  let exited = ended(child);
  child.once('exit', () => (exited = true));
  await waitFor(
    `${spec.name} readiness`,
    async () => {
      if (exited) throw new Error(`${spec.name} exited during start`);
      return isReady(serviceUrl(spec));
    },
    timeoutMs,
  );
  if (exited) throw new Error(`${spec.name} exited during start`);
}

export async function startService(
  spec: ServiceSpec,
  opts: { quiet?: boolean } = {},
): Promise<RunningService> {
  const child = spawnService(spec, opts);
  try {
    await waitReady(spec, child);
  } catch (e) {
    if (!ended(child)) child.kill('SIGKILL');
    throw e;
  }
  return { spec, child, url: serviceUrl(spec) };
}

/** SIGTERM, then SIGKILL after `graceMs`; resolves when the process has exited. */
function terminate(child: ChildProcess, graceMs = 10_000): Promise<void> {
  if (ended(child)) return Promise.resolve();
  return new Promise<void>((resolve) => {
    const t = setTimeout(() => child.kill('SIGKILL'), graceMs);
    child.once('exit', () => {
      clearTimeout(t);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

export async function stopService(s: RunningService): Promise<void> {
  if (s.stop) return s.stop();
  await terminate(s.child);
}

// ---------- supervision ----------

/** What a Supervisor reports: an exit, the restart that follows, and when the new process is ready. */
export type SupervisorEvent =
  | {
      type: 'exit';
      service: string;
      at: number;
      pid?: number;
      code: number | null;
      signal: NodeJS.Signals | null;
      uptimeMs: number;
      /** The restart this exit leads to (1 for the first since the service last stayed up). */
      attempt: number;
      delayMs: number;
    }
  | { type: 'restart'; service: string; at: number; pid?: number; attempt: number }
  | { type: 'ready'; service: string; at: number; pid?: number; attempt: number; afterMs: number };

export interface SupervisorOptions {
  /** Wait before the first restart; doubles with each further exit (default 500 ms). */
  initialDelayMs?: number;
  /** Longest wait between restarts (default 30 s). */
  maxDelayMs?: number;
  /** A process that stayed up this long starts the backoff again from the beginning (default 60 s). */
  resetAfterMs?: number;
  /** Exits and restarts, one line each (default: console.log with a `[supervisor]` prefix). */
  log?: (m: string) => void;
  onEvent?: (e: SupervisorEvent) => void;
}

const seconds = (ms: number): string =>
  ms < 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms / 1000)} s`;

/** A service kept running by a Supervisor: `child` is whichever process serves now. */
export class SupervisedService implements RunningService {
  readonly url: string;
  /** Restarts so far. */
  restarts = 0;
  /** Consecutive exits since the service last stayed up `resetAfterMs` (the attempt number). */
  attempt = 0;
  /** Whether the current process has answered /health/ready. */
  ready = false;
  private current: ChildProcess;
  private startedAt = Date.now();
  private timer?: NodeJS.Timeout;
  private stopped = false;

  constructor(
    readonly label: string,
    readonly spec: ServiceSpec,
    child: ChildProcess,
    private readonly sup: Supervisor,
    private readonly quiet: boolean,
  ) {
    this.url = serviceUrl(spec);
    this.current = child;
  }

  get child(): ChildProcess {
    return this.current;
  }

  /** From now on, an exit of the process is followed by a restart. */
  watch(): void {
    const child = this.current;
    child.once('exit', (code, signal) => this.exited(child, code, signal));
  }

  private exited(child: ChildProcess, code: number | null, signal: NodeJS.Signals | null): void {
    if (this.stopped || this.sup.stopping || child !== this.current) return;
    this.ready = false;
    const uptimeMs = Date.now() - this.startedAt;
    if (uptimeMs >= this.sup.resetAfterMs) this.attempt = 0;
    this.attempt += 1;
    const delayMs = Math.min(this.sup.initialDelayMs * 2 ** (this.attempt - 1), this.sup.maxDelayMs);
    const how = signal ? `signal ${signal}` : `code ${code}`;
    this.sup.log(
      `${this.label} (pid ${child.pid}) exited with ${how} after ${seconds(uptimeMs)}; ` +
        `restart attempt ${this.attempt} in ${seconds(delayMs)}`,
    );
    this.sup.emit({
      type: 'exit',
      service: this.label,
      at: Date.now(),
      pid: child.pid,
      code,
      signal,
      uptimeMs,
      attempt: this.attempt,
      delayMs,
    });
    this.timer = setTimeout(() => this.restart(), delayMs);
  }

  private restart(): void {
    this.timer = undefined;
    if (this.stopped || this.sup.stopping) return;
    const attempt = this.attempt;
    const child = spawnService(this.spec, { quiet: this.quiet, env: this.spec.restartEnv });
    this.current = child;
    this.startedAt = Date.now();
    this.restarts += 1;
    child.once('error', (e) => this.sup.log(`${this.label}: ${e.message}`));
    this.watch();
    this.sup.log(`${this.label} restarted (attempt ${attempt}, pid ${child.pid}, port ${this.spec.port})`);
    this.sup.emit({ type: 'restart', service: this.label, at: this.startedAt, pid: child.pid, attempt });
    void this.reportReady(child, attempt);
  }

  /** Logs when a restarted process is ready (it is not killed when slow: its dependencies may be down). */
  private async reportReady(child: ChildProcess, attempt: number): Promise<void> {
    const t0 = Date.now();
    while (!this.stopped && !this.sup.stopping && child === this.current && !ended(child)) {
      if (await isReady(this.url)) {
        if (child !== this.current || ended(child)) return;
        this.ready = true;
        const afterMs = Date.now() - t0;
        this.sup.log(`${this.label} ready ${seconds(afterMs)} after restart attempt ${attempt}`);
        this.sup.emit({
          type: 'ready',
          service: this.label,
          at: Date.now(),
          pid: child.pid,
          attempt,
          afterMs,
        });
        return;
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  /** Stops the service for good: no restart afterwards. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    await terminate(this.current);
  }
}

/**
 * Keeps services running: a service whose process exits (a crash, kill -9) is started again with
 * the same port and environment (plus its `restartEnv`) after 0.5 s, 1 s, 2 s … up to 30 s; a
 * process that stayed up 60 s starts that backoff again. Every exit and restart is logged with the
 * exit code or signal and the attempt number. `stop()` stops every service it started, with no
 * restart from then on.
 */
export class Supervisor {
  readonly initialDelayMs: number;
  readonly maxDelayMs: number;
  readonly resetAfterMs: number;
  readonly log: (m: string) => void;
  /** Set by stop(): exits are expected from then on. */
  stopping = false;
  readonly services: SupervisedService[] = [];
  private readonly onEvent?: (e: SupervisorEvent) => void;
  /** Processes of first starts not yet ready (stopped too when the supervisor stops). */
  private readonly starting = new Set<ChildProcess>();

  constructor(o: SupervisorOptions = {}) {
    this.initialDelayMs = o.initialDelayMs ?? 500;
    this.maxDelayMs = o.maxDelayMs ?? 30_000;
    this.resetAfterMs = o.resetAfterMs ?? 60_000;
    this.log = o.log ?? ((m) => console.log(`[supervisor] ${m}`));
    this.onEvent = o.onEvent;
  }

  emit(e: SupervisorEvent): void {
    this.onEvent?.(e);
  }

  /**
   * Starts a service and waits until it is ready (rejects, leaving nothing running, when it exits
   * or is not ready within a minute); from then on it is restarted whenever it exits.
   */
  async start(spec: ServiceSpec, opts: { quiet?: boolean } = {}): Promise<SupervisedService> {
    if (this.stopping) throw new Error('the supervisor is stopping');
    const same = this.services.filter((s) => s.spec.name === spec.name).length;
    const label = same ? `${spec.name}#${same + 1}` : spec.name;
    const child = spawnService(spec, opts);
    const service = new SupervisedService(label, spec, child, this, opts.quiet ?? false);
    this.starting.add(child);
    try {
      await waitReady(spec, child);
    } catch (e) {
      if (!ended(child)) child.kill('SIGKILL');
      throw e;
    } finally {
      this.starting.delete(child);
    }
    if (this.stopping) {
      await terminate(child);
      throw new Error('the supervisor is stopping');
    }
    service.ready = true;
    service.watch();
    this.services.push(service);
    return service;
  }

  /** The service of that label (`registry`, `intake#2`…). */
  get(label: string): SupervisedService {
    const s = this.services.find((x) => x.label === label);
    if (!s) throw new Error(`no supervised service ${label}`);
    return s;
  }

  /** Stops every service, the last started first; none is restarted from now on. */
  async stop(): Promise<void> {
    this.stopping = true;
    await Promise.all([...this.starting].map((c) => terminate(c)));
    for (const s of [...this.services].reverse()) await s.stop();
  }
}

export function secret(bytes = 24): string {
  return randomBytes(bytes).toString('base64url');
}

export interface SystemOptions {
  databaseUrl: string;
  natsUrl: string;
  natsPrefix: string;
  gatewayPort?: number;
  demoPassword: string;
  jwtSecret: string;
  logLevel?: string;
  quiet?: boolean;
  registryInstances?: number;
  intakeInstances?: number;
  /** Object storage for intake (S3_ENDPOINT, S3_ACCESS_KEY, S3_SECRET_KEY, S3_BUCKET…); no intake without it. */
  storage?: Record<string, string>;
  /** SMTP for notifications (SMTP_HOST, SMTP_PORT, …): the local mail catcher under `npm start`. */
  mail?: Record<string, string>;
  /** Start the documents service too (needs storage and Chromium: tools/chromium.ts). */
  documents?: boolean;
  /** Start the honours service too (proposal dossiers and decisions; built by the caller). */
  honours?: boolean;
  /** Extra environment for intake (e.g. DB_POOL_SIZE). */
  intakeEnv?: Record<string, string>;
  /** Extra environment for the gateway (e.g. RPC_TIMEOUT_MS). */
  gatewayEnv?: Record<string, string>;
  /** Extra environment for every service. */
  env?: Record<string, string>;
  /** Run the services from their TypeScript sources (nothing built). */
  fromSource?: boolean;
  /** Start every service under this supervisor (restarted when it exits), not bare. */
  supervisor?: Supervisor;
}

/** Registry (migrates and loads the demo registry), intake, awards, scoring, honours, then the gateway. */
export async function startSystem(
  o: SystemOptions,
): Promise<{ gateway: RunningService; services: RunningService[] }> {
  const common = {
    ...o.env,
    NATS_URL: o.natsUrl,
    NATS_PREFIX: o.natsPrefix,
    LOG_LEVEL: o.logLevel ?? 'info',
  };
  const launch = (spec: Omit<ServiceSpec, 'fromSource'>): Promise<RunningService> => {
    const full = { ...spec, fromSource: o.fromSource };
    return o.supervisor
      ? o.supervisor.start(full, { quiet: o.quiet })
      : startService(full, { quiet: o.quiet });
  };
  const services: RunningService[] = [];
  for (let i = 0; i < (o.registryInstances ?? 1); i += 1) {
    services.push(
      await launch({
        name: 'registry',
        port: await freePort(),
        env: {
          ...common,
          DATABASE_URL: o.databaseUrl,
          REGISTRY_SEED_DEMO: i === 0 ? 'true' : 'false',
          DEMO_PASSWORD: o.demoPassword,
        },
        // Loaded once, at the first start (see ServiceSpec.restartEnv).
        restartEnv: { REGISTRY_SEED_DEMO: 'false' },
      }),
    );
  }
  for (let i = 0; i < (o.storage ? (o.intakeInstances ?? 1) : 0); i += 1) {
    services.push(
      await launch({
        name: 'intake',
        port: await freePort(),
        env: { ...common, DATABASE_URL: o.databaseUrl, ...o.storage, ...o.intakeEnv },
      }),
    );
  }
  // Awards always; scoring only with object storage; honours when asked (npm start).
  for (const name of [...(o.storage ? ['awards', 'scoring'] : ['awards']), ...(o.honours ? ['honours'] : [])])
    services.push(
      await launch({
        name,
        port: await freePort(),
        env: { ...common, DATABASE_URL: o.databaseUrl, ...o.storage },
      }),
    );
  // Notifications with the mail settings given (npm start: the local mail catcher).
  if (o.mail)
    services.push(
      await launch({
        name: 'notifications',
        port: await freePort(),
        env: {
          ...common,
          DATABASE_URL: o.databaseUrl,
          FRONTEND_BASE_URL: process.env.FRONTEND_BASE_URL ?? `http://localhost:${o.gatewayPort ?? 3000}`,
          ...o.mail,
        },
      }),
    );
  if (o.storage && o.documents)
    services.push(
      await launch({
        name: 'documents',
        port: await freePort(),
        env: {
          ...common,
          DATABASE_URL: o.databaseUrl,
          ...o.storage,
          PUBLIC_BASE_URL: process.env.PUBLIC_BASE_URL ?? `http://localhost:${o.gatewayPort ?? 3000}`,
        },
      }),
    );
  const gateway = await launch({
    name: 'gateway',
    port: o.gatewayPort ?? 3000,
    env: { ...common, JWT_SECRET: o.jwtSecret, ...o.gatewayEnv },
  });
  services.push(gateway);
  return { gateway, services };
}

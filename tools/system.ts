/**
 * Launches the whole system from built services (dist/apps/<service>/main.js) against the given
 * infrastructure. Used by `npm start` and by the benchmarks.
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
}

export interface RunningService {
  spec: ServiceSpec;
  child: ChildProcess;
  url: string;
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

export async function startService(
  spec: ServiceSpec,
  opts: { quiet?: boolean } = {},
): Promise<RunningService> {
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
  const child = spawn(
    process.execPath,
    [...profile, '--enable-source-maps', join(ROOT, 'dist', 'apps', spec.name, 'main.js')],
    {
      cwd: ROOT,
      env: { ...process.env, ...spec.env, HTTP_PORT: String(spec.port), HTTP_HOST: '127.0.0.1' },
      stdio: ['ignore', opts.quiet ? 'ignore' : 'inherit', 'inherit'],
    },
  );
  const url = `http://127.0.0.1:${spec.port}`;
  let exited = false;
  child.once('exit', () => (exited = true));
  await waitFor(
    `${spec.name} readiness`,
    async () => {
      if (exited) throw new Error(`${spec.name} exited during start`);
      const r = await fetch(`${url}/health/ready`);
      return r.ok;
    },
    60_000,
  );
  return { spec, child, url };
}

export async function stopService(s: RunningService): Promise<void> {
  if (s.child.exitCode !== null || s.child.signalCode !== null) return;
  await new Promise<void>((resolve) => {
    const t = setTimeout(() => s.child.kill('SIGKILL'), 10_000);
    s.child.once('exit', () => {
      clearTimeout(t);
      resolve();
    });
    s.child.kill('SIGTERM');
  });
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
  /** Extra environment for intake (e.g. DB_POOL_SIZE). */
  intakeEnv?: Record<string, string>;
}

/** Registry (migrates and loads the demo registry), intake, awards, scoring, then the gateway. */
export async function startSystem(
  o: SystemOptions,
): Promise<{ gateway: RunningService; services: RunningService[] }> {
  const common = { NATS_URL: o.natsUrl, NATS_PREFIX: o.natsPrefix, LOG_LEVEL: o.logLevel ?? 'info' };
  const services: RunningService[] = [];
  for (let i = 0; i < (o.registryInstances ?? 1); i += 1) {
    services.push(
      await startService(
        {
          name: 'registry',
          port: await freePort(),
          env: {
            ...common,
            DATABASE_URL: o.databaseUrl,
            REGISTRY_SEED_DEMO: i === 0 ? 'true' : 'false',
            DEMO_PASSWORD: o.demoPassword,
          },
        },
        { quiet: o.quiet },
      ),
    );
  }
  for (let i = 0; i < (o.storage ? (o.intakeInstances ?? 1) : 0); i += 1) {
    services.push(
      await startService(
        {
          name: 'intake',
          port: await freePort(),
          env: { ...common, DATABASE_URL: o.databaseUrl, ...o.storage, ...o.intakeEnv },
        },
        { quiet: o.quiet },
      ),
    );
  }
  // Awards always; scoring only with object storage.
  for (const name of o.storage ? ['awards', 'scoring'] : ['awards'])
    services.push(
      await startService(
        { name, port: await freePort(), env: { ...common, DATABASE_URL: o.databaseUrl, ...o.storage } },
        { quiet: o.quiet },
      ),
    );
  const gateway = await startService(
    { name: 'gateway', port: o.gatewayPort ?? 3000, env: { ...common, JWT_SECRET: o.jwtSecret } },
    { quiet: o.quiet },
  );
  services.push(gateway);
  return { gateway, services };
}

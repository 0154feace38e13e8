import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect } from 'nats';
import { dockerAvailable, startContainer } from './docker';
import { freePort, tcpReachable, waitFor } from './net';

export async function natsJetStreamReachable(url: string, timeoutMs = 1500): Promise<boolean> {
  const u = new URL(url.split(',')[0].replace(/^nats:/, 'http:'));
  if (!(await tcpReachable(u.hostname, Number(u.port || 4222), timeoutMs))) return false;
  try {
    const nc = await connect({ servers: url.split(','), timeout: timeoutMs, maxReconnectAttempts: 0 });
    try {
      const jsm = await nc.jetstreamManager({ timeout: timeoutMs });
      await jsm.getAccountInfo();
      return true;
    } finally {
      await nc.close();
    }
  } catch {
    return false;
  }
}

const CANDIDATES = [
  '/usr/sbin/nats-server',
  '/usr/bin/nats-server',
  '/usr/local/bin/nats-server',
  '/usr/local/sbin/nats-server',
];

function which(cmd: string): string | null {
  try {
    return execFileSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' }).trim() || null;
  } catch {
    return null;
  }
}

/**
 * The nats-server binary: NATS_SERVER_BIN, PATH, the Debian locations; installs Debian's package when
 * running as root and it is missing. Throws a message saying what to do otherwise.
 */
export function natsServerBinary(log: (m: string) => void = () => undefined): string {
  const fromEnv = process.env.NATS_SERVER_BIN;
  if (fromEnv && existsSync(fromEnv)) return fromEnv;
  const found = which('nats-server') ?? CANDIDATES.find((p) => existsSync(p));
  if (found) return found;
  if (process.getuid?.() === 0) {
    log('installing nats-server (apt-get install nats-server)');
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    try {
      execFileSync('apt-get', ['install', '-y', '-q', 'nats-server'], { stdio: 'ignore', env });
    } catch {
      execFileSync('apt-get', ['update', '-q'], { stdio: 'ignore', env });
      execFileSync('apt-get', ['install', '-y', '-q', 'nats-server'], { stdio: 'ignore', env });
    }
    const installed = CANDIDATES.find((p) => existsSync(p));
    if (installed) return installed;
  }
  throw new Error(
    'nats-server was not found. Install it (Debian/Ubuntu: sudo apt-get install nats-server), ' +
      'set NATS_SERVER_BIN to its path, or set NATS_URL to a running NATS with JetStream.',
  );
}

/** A nats-server process of our own, with JetStream on disk, that can be stopped and started again. */
export class NatsServerProcess {
  private child?: ChildProcess;
  readonly url: string;

  private constructor(
    private readonly bin: string,
    readonly port: number,
    readonly storeDir: string,
    private readonly ownsDir: boolean,
  ) {
    this.url = `nats://127.0.0.1:${port}`;
  }

  static async start(
    opts: { port?: number; storeDir?: string; log?: (m: string) => void } = {},
  ): Promise<NatsServerProcess> {
    const bin = natsServerBinary(opts.log);
    const port = opts.port ?? (await freePort());
    const dir = opts.storeDir ?? mkdtempSync(join(tmpdir(), 'tdkt-nats-'));
    const server = new NatsServerProcess(bin, port, dir, !opts.storeDir);
    await server.startProcess();
    return server;
  }

  async startProcess(): Promise<void> {
    if (this.child) return;
    this.child = spawn(this.bin, ['-a', '127.0.0.1', '-p', String(this.port), '-js', '-sd', this.storeDir], {
      stdio: 'ignore',
    });
    const child = this.child;
    child.once('exit', () => {
      if (this.child === child) this.child = undefined;
    });
    await waitFor(`nats-server on ${this.port}`, () => natsJetStreamReachable(this.url, 500), 15_000);
  }

  /** Stops the server (SIGKILL when `hard`), keeping its JetStream store for a restart. */
  async stopProcess(hard = false): Promise<void> {
    const child = this.child;
    if (!child) return;
    this.child = undefined;
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill(hard ? 'SIGKILL' : 'SIGTERM');
    });
  }

  async stop(): Promise<void> {
    await this.stopProcess();
    if (this.ownsDir) rmSync(this.storeDir, { recursive: true, force: true });
  }
}

export interface NatsHandle {
  url: string;
  source: string;
  stop(): Promise<void>;
}

/**
 * Finds a NATS with JetStream to use, or starts one: NATS_URL when reachable; else the machine's own
 * on 127.0.0.1:4222; else a container (Docker present); else a local nats-server process.
 */
export async function ensureNats(log: (m: string) => void = () => undefined): Promise<NatsHandle> {
  const given = process.env.NATS_URL;
  if (given) {
    if (await natsJetStreamReachable(given))
      return { url: given, source: 'env', stop: async () => undefined };
    log('NATS_URL is set but not reachable (or has no JetStream); starting a local NATS instead');
  }
  const local = 'nats://127.0.0.1:4222';
  if (await natsJetStreamReachable(local))
    return { url: local, source: 'local', stop: async () => undefined };
  if (await dockerAvailable()) {
    log('starting NATS in a container');
    const c = await startContainer('nats:2.10-alpine', 4222, {
      command: ['-js'],
      waitLog: /Server is ready/,
    });
    return { url: `nats://${c.host}:${c.port}`, source: 'docker', stop: c.stop };
  }
  log('starting nats-server -js');
  const server = await NatsServerProcess.start({ log });
  return { url: server.url, source: 'process', stop: () => server.stop() };
}

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, tcpReachable } from './net';

export interface S3Handle {
  endPoint: string;
  port: number;
  useSSL: boolean;
  accessKey: string;
  secretKey: string;
  region: string;
  source: string;
  stop(): Promise<void>;
}

/**
 * Finds or starts an S3-compatible server: S3_ENDPOINT (host:port) when reachable; else s3rver from
 * npm. s3rver does not check signatures or checksums: services verify uploads themselves.
 */
export async function ensureS3(log: (m: string) => void = () => undefined): Promise<S3Handle> {
  const given = process.env.S3_ENDPOINT;
  if (given) {
    const u = new URL(given.includes('://') ? given : `http://${given}`);
    const port = Number(u.port || (u.protocol === 'https:' ? 443 : 80));
    if (await tcpReachable(u.hostname, port)) {
      return {
        endPoint: u.hostname,
        port,
        useSSL: u.protocol === 'https:',
        accessKey: process.env.S3_ACCESS_KEY ?? '',
        secretKey: process.env.S3_SECRET_KEY ?? '',
        region: process.env.S3_REGION ?? 'us-east-1',
        source: 'env',
        stop: async () => undefined,
      };
    }
    log('S3_ENDPOINT is set but not reachable; starting s3rver instead');
  }
  const { default: S3rver } = await import('s3rver');
  const dir = mkdtempSync(join(tmpdir(), 'tdkt-s3-'));
  const port = await freePort();
  const server = new S3rver({ port, address: '127.0.0.1', directory: dir, silent: true });
  await server.run();
  return {
    endPoint: '127.0.0.1',
    port,
    useSSL: false,
    accessKey: 'S3RVER',
    secretKey: 'S3RVER',
    region: 'us-east-1',
    source: 's3rver',
    stop: async () => {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

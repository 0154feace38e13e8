import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dockerAvailable, startContainer } from './docker';
import { freePort, runId, tcpReachable } from './net';

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
 * Origins the local S3 server (s3rver) answers CORS for, on every bucket it creates: any port on
 * loopback (the dev servers `npm start` allows, and the pages browser tests serve), or
 * `S3_CORS_ORIGINS` (comma-separated; one `*` per origin allowed, as in S3). Nothing foreign.
 */
export const LOCAL_S3_CORS_ORIGINS = ['http://localhost:*', 'http://127.0.0.1:*'];

/**
 * The bucket CORS rule browsers need to PUT files to presigned URLs and read them back (S3
 * PutBucketCors XML; deploy/minio/cors.xml is this for production origins).
 */
export function bucketCorsXml(origins: string[]): string {
  return [
    '<CORSConfiguration>',
    '  <CORSRule>',
    ...origins.map(
      (o) => `    <AllowedOrigin>${o.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</AllowedOrigin>`,
    ),
    '    <AllowedMethod>PUT</AllowedMethod>',
    '    <AllowedMethod>GET</AllowedMethod>',
    '    <AllowedMethod>HEAD</AllowedMethod>',
    '    <AllowedHeader>*</AllowedHeader>',
    '    <ExposeHeader>ETag</ExposeHeader>',
    '    <MaxAgeSeconds>3000</MaxAgeSeconds>',
    '  </CORSRule>',
    '</CORSConfiguration>',
  ].join('\n');
}

interface S3rverStore {
  putBucket(bucket: string): Promise<unknown>;
  putSubresource(bucket: string, key: undefined, resource: unknown): Promise<void>;
}

/**
 * Gives every bucket s3rver creates (the services make theirs at start) the CORS rule, the way an
 * operator sets it on MinIO once (`mc cors set`). Uses s3rver internals (its store and config
 * model, s3rver 3.7): the browser e2e test fails if an upgrade changes them.
 */
function corsOnEveryBucket(server: unknown, origins: string[]): void {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { getConfigModel } = require('s3rver/lib/models/config') as {
    getConfigModel(type: 'cors'): { validate(xml: string): unknown };
  };
  const config = getConfigModel('cors').validate(bucketCorsXml(origins));
  const store = (server as { store: S3rverStore }).store;
  const putBucket = store.putBucket.bind(store);
  store.putBucket = async (bucket: string) => {
    const made = await putBucket(bucket);
    await store.putSubresource(bucket, undefined, config);
    return made;
  };
}

/**
 * Finds or starts an S3-compatible server: S3_ENDPOINT (host:port) when reachable; else MinIO in a
 * container when a Docker engine answers; else s3rver from npm. s3rver checks no signature, no
 * POST policy (size range, content type, expiry) and no checksum: services verify uploads
 * themselves (intake does: size, type from the first bytes, SHA-256, upload window).
 */
export async function ensureS3(
  log: (m: string) => void = () => undefined,
  /** s3rver only: keep the objects in this folder across runs (default: a temporary one, removed at stop). */
  opts: { directory?: string } = {},
): Promise<S3Handle> {
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
  if (process.env.TDKT_S3 !== 's3rver' && (await dockerAvailable())) {
    log('starting MinIO in a container');
    const accessKey = `test${runId()}`;
    const secretKey = `secret-${runId()}-${runId()}`;
    const c = await startContainer('minio/minio', 9000, {
      env: { MINIO_ROOT_USER: accessKey, MINIO_ROOT_PASSWORD: secretKey },
      command: ['server', '/data'],
      waitLog: /API:/,
    });
    return {
      endPoint: c.host,
      port: c.port,
      useSSL: false,
      accessKey,
      secretKey,
      region: 'us-east-1',
      source: 'docker-minio',
      stop: c.stop,
    };
  }
  const { default: S3rver } = await import('s3rver');
  const kept = opts.directory;
  if (kept) mkdirSync(kept, { recursive: true });
  const dir = kept ?? mkdtempSync(join(tmpdir(), 'tdkt-s3-'));
  const port = await freePort();
  const server = new S3rver({ port, address: '127.0.0.1', directory: dir, silent: true });
  const corsOrigins = process.env.S3_CORS_ORIGINS?.split(',')
    .map((o) => o.trim())
    .filter(Boolean);
  corsOnEveryBucket(server, corsOrigins?.length ? corsOrigins : LOCAL_S3_CORS_ORIGINS);
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
      if (!kept) rmSync(dir, { recursive: true, force: true });
    },
  };
}

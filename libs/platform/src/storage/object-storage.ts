import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { Client } from 'minio';
import type { StorageServiceConfig } from '../config/config';
import { presignV4 } from './presign';

export interface ObjectInfo {
  size: number;
  lastModified: Date;
  metaData: Record<string, string>;
}

function clientFor(endpoint: string, c: StorageServiceConfig): Client {
  const u = new URL(endpoint);
  const useSSL = u.protocol === 'https:';
  return new Client({
    endPoint: u.hostname,
    port: Number(u.port || (useSSL ? 443 : 80)),
    useSSL,
    accessKey: c.S3_ACCESS_KEY,
    secretKey: c.S3_SECRET_KEY,
    region: c.S3_REGION,
    pathStyle: true,
  });
}

const isNotFound = (e: unknown) => {
  const code = (e as { code?: string }).code;
  return code === 'NotFound' || code === 'NoSuchKey' || code === 'NoSuchBucket';
};

/**
 * One bucket of object storage through the `minio` client. Presigned URLs are made with the public
 * endpoint (what browsers reach); everything else goes to the internal one.
 *
 * Nothing here trusts the storage server to enforce a policy: callers verify size, checksum and
 * type after an upload (local S3 servers such as s3rver check neither signatures nor policies).
 */
export class ObjectStorage {
  private readonly client: Client;
  private readonly signer: Client;
  readonly bucket: string;

  constructor(private readonly config: StorageServiceConfig) {
    this.client = clientFor(config.S3_ENDPOINT, config);
    this.signer = clientFor(config.S3_PUBLIC_ENDPOINT ?? config.S3_ENDPOINT, config);
    this.bucket = config.S3_BUCKET;
  }

  async ensureBucket(region: string): Promise<void> {
    if (!(await this.client.bucketExists(this.bucket))) {
      await this.client.makeBucket(this.bucket, region).catch(async (e) => {
        // Another instance made it in between.
        if (!(await this.client.bucketExists(this.bucket))) throw e;
      });
    }
  }

  /** Reachability for readiness checks. */
  async ping(): Promise<void> {
    await this.client.bucketExists(this.bucket);
  }

  /**
   * A browser upload bound to one key, one content type and one exact size, until `expires`: a
   * presigned PUT with `content-type` and `content-length` signed. The client sends the bytes as the
   * body with exactly `headers`. Cheaper for the storage server than a POST form (no multipart to
   * parse); a server that checks signatures refuses another type or size.
   */
  presignUpload(o: { key: string; contentType: string; size: number; expires: Date }): {
    url: string;
    headers: Record<string, string>;
  } {
    return presignV4({
      method: 'PUT',
      endpoint: this.config.S3_PUBLIC_ENDPOINT ?? this.config.S3_ENDPOINT,
      bucket: this.bucket,
      key: o.key,
      region: this.config.S3_REGION,
      accessKey: this.config.S3_ACCESS_KEY,
      secretKey: this.config.S3_SECRET_KEY,
      expiresIn: Math.ceil((o.expires.getTime() - Date.now()) / 1000),
      headers: { 'content-type': o.contentType, 'content-length': String(o.size) },
    });
  }

  /** A short-lived download link; `headers` become the response's headers (e.g. content-disposition). */
  presignGet(key: string, ttlSeconds: number, headers: Record<string, string> = {}): Promise<string> {
    return this.signer.presignedGetObject(this.bucket, key, ttlSeconds, headers);
  }

  async stat(key: string): Promise<ObjectInfo | null> {
    try {
      const s = await this.client.statObject(this.bucket, key);
      return { size: s.size, lastModified: s.lastModified, metaData: s.metaData as Record<string, string> };
    } catch (e) {
      if (isNotFound(e)) return null;
      throw e;
    }
  }

  /** The first `length` bytes (fewer if the object is shorter). */
  async head(key: string, length: number): Promise<Buffer> {
    const s = await this.client.getPartialObject(this.bucket, key, 0, length);
    return readAll(s, length);
  }

  /** The whole object, refused beyond `maxBytes` (for small documents such as spreadsheets). */
  async read(key: string, maxBytes: number): Promise<Buffer> {
    const info = await this.stat(key);
    if (!info) throw new Error(`no object ${key}`);
    if (info.size > maxBytes) throw new Error(`object ${key} has ${info.size} bytes, more than ${maxBytes}`);
    return readAll(await this.client.getObject(this.bucket, key), maxBytes);
  }

  /**
   * SHA-256 (hex) and length of the stored bytes, streamed. `onBytes` hears how many bytes were
   * hashed so far, at most every `everyBytes` (a job's progress); the hash waits for it.
   */
  async sha256(
    key: string,
    onBytes?: (hashed: number) => Promise<void> | void,
    everyBytes = 8 * 1024 * 1024,
  ): Promise<{ sha256: string; size: number }> {
    const s = await this.client.getObject(this.bucket, key);
    const h = createHash('sha256');
    let size = 0;
    let told = 0;
    for await (const chunk of s as AsyncIterable<Buffer>) {
      h.update(chunk);
      size += chunk.length;
      if (onBytes && size - told >= everyBytes) {
        told = size;
        await onBytes(size);
      }
    }
    return { sha256: h.digest('hex'), size };
  }

  /** The stored bytes as a stream (read as they come: memory does not grow with the object). */
  async stream(key: string): Promise<Readable> {
    return this.client.getObject(this.bucket, key);
  }

  async put(
    key: string,
    body: Buffer | Readable,
    size?: number,
    meta: Record<string, string> = {},
  ): Promise<void> {
    await this.client.putObject(this.bucket, key, body, size, meta);
  }

  async remove(key: string): Promise<void> {
    await this.client.removeObject(this.bucket, key);
  }
}

async function readAll(s: Readable, limit: number): Promise<Buffer> {
  const parts: Buffer[] = [];
  let n = 0;
  for await (const chunk of s as AsyncIterable<Buffer>) {
    parts.push(chunk);
    n += chunk.length;
    if (n >= limit) {
      s.destroy();
      break;
    }
  }
  return Buffer.concat(parts).subarray(0, limit);
}

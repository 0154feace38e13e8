import { createHash, createHmac } from 'node:crypto';

/**
 * AWS Signature V4 in the query string (a presigned URL) with chosen headers signed. The `minio`
 * client never signs `content-type` or `content-length` in a presigned URL; a PUT bound to one
 * type and one exact size needs both, so that a server checking signatures (S3, MinIO) refuses
 * any other. The client must send exactly the `headers` given back.
 */
export interface PresignInput {
  method: 'GET' | 'PUT';
  /** The public endpoint, e.g. http://127.0.0.1:9000 (path-style addressing). */
  endpoint: string;
  bucket: string;
  key: string;
  region: string;
  accessKey: string;
  secretKey: string;
  /** Seconds, 1 … 604800. */
  expiresIn: number;
  /** Signed headers besides host (names in any case). */
  headers?: Record<string, string>;
  now?: Date;
}

/** RFC 3986 escaping as S3 expects it (encodeURIComponent leaves !'()* alone). */
const escape = (s: string) =>
  encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

const hmac = (key: Buffer | string, data: string) => createHmac('sha256', key).update(data).digest();

export function presignV4(i: PresignInput): { url: string; headers: Record<string, string> } {
  const u = new URL(i.endpoint);
  const host = u.host; // includes a non-default port
  const now = i.now ?? new Date();
  const amzDate = now
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
  const day = amzDate.slice(0, 8);
  const scope = `${day}/${i.region}/s3/aws4_request`;
  const expires = Math.min(604_800, Math.max(1, Math.floor(i.expiresIn)));
  const path = `/${escape(i.bucket)}/${i.key.split('/').map(escape).join('/')}`;

  const signed: Record<string, string> = { host };
  for (const [k, v] of Object.entries(i.headers ?? {})) signed[k.toLowerCase()] = String(v).trim();
  const names = Object.keys(signed).sort();

  const query: [string, string][] = [
    ['X-Amz-Algorithm', 'AWS4-HMAC-SHA256'],
    ['X-Amz-Credential', `${i.accessKey}/${scope}`],
    ['X-Amz-Date', amzDate],
    ['X-Amz-Expires', String(expires)],
    ['X-Amz-SignedHeaders', names.join(';')],
  ];
  const canonicalQuery = query
    .map(([k, v]) => `${escape(k)}=${escape(v)}`)
    .sort()
    .join('&');
  const canonicalRequest = [
    i.method,
    path,
    canonicalQuery,
    names.map((n) => `${n}:${signed[n].replace(/ +/g, ' ')}\n`).join(''),
    names.join(';'),
    'UNSIGNED-PAYLOAD',
  ].join('\n');
  const stringToSign = [
    'AWS4-HMAC-SHA256',
    amzDate,
    scope,
    createHash('sha256').update(canonicalRequest).digest('hex'),
  ].join('\n');
  const key = hmac(hmac(hmac(hmac(`AWS4${i.secretKey}`, day), i.region), 's3'), 'aws4_request');
  const signature = createHmac('sha256', key).update(stringToSign).digest('hex');
  const { host: _host, ...headers } = signed;
  return {
    url: `${u.protocol}//${host}${path}?${canonicalQuery}&X-Amz-Signature=${signature}`,
    headers,
  };
}

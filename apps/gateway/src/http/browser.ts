import type { FastifyReply, FastifyRequest } from 'fastify';
import helmet from 'helmet';
import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { brotliCompressSync, constants as zlib, gzipSync } from 'node:zlib';
import { errorMessage } from '@tdkt/contracts';
import { problem, sendProblem } from './problem';

/**
 * What a browser app on another origin needs from the gateway, done in the one `onRequest` and the
 * one `onSend` hook of the platform (no plugin hooks of their own: each hook costs every request).
 *
 * - CORS for the configured origins only (`CORS_ORIGINS`): preflights answered 204, credentials
 *   allowed, the headers a client reads exposed. Any other origin gets no CORS header at all (the
 *   browser then refuses to hand the answer to the page) and its preflight a 403 problem naming the
 *   origin, instead of a 404.
 * - Security headers: helmet's, computed once at start (one set for the API, one for /docs, whose
 *   Swagger UI needs its own scripts and inline styles).
 * - ETag (weak, of the body) with 304 on If-None-Match for JSON answers to GET, with
 *   `Cache-Control: private, no-cache`: a client revalidates each time and skips the body when
 *   nothing changed.
 * - Compression (br, else gzip) of JSON and the /docs pages above 1 KiB. Never of a stream (file
 *   downloads, the SSE inbox stream) or a Buffer (files, already-compressed formats).
 */

/** Request headers a cross-origin page may send. */
export const ALLOWED_HEADERS = [
  'Authorization',
  'Content-Type',
  'Idempotency-Key',
  'If-None-Match',
  'X-Request-Id',
  'X-File-Name',
  'Accept-Language',
  'Last-Event-ID',
];
/** Response headers a cross-origin page may read. */
export const EXPOSED_HEADERS = [
  'Location',
  'Retry-After',
  'X-Request-Id',
  'Server-Timing',
  'ETag',
  'Content-Disposition',
];
const METHODS = 'GET, HEAD, POST, PUT, PATCH, DELETE';
/** Seconds a browser may reuse a preflight's answer. */
const PREFLIGHT_MAX_AGE = '600';
/** Smallest body worth compressing (bytes). */
export const COMPRESS_THRESHOLD = 1024;

/** `https://app.example.vn, http://localhost:5173` → the set of exact origins (no trailing slash). */
export function parseOrigins(value: string | undefined): Set<string> {
  const origins = new Set<string>();
  for (const part of (value ?? '').split(',')) {
    const o = part.trim().replace(/\/+$/, '');
    if (o) origins.add(o);
  }
  return origins;
}

/** The headers helmet would set, computed once by running it against a recording response. */
function helmetHeaders(options: Parameters<typeof helmet>[0]): Record<string, string> {
  const headers: Record<string, string> = {};
  const res = {
    setHeader(name: string, value: string | number) {
      headers[name.toLowerCase()] = String(value);
    },
    removeHeader(name: string) {
      delete headers[name.toLowerCase()];
    },
    getHeader: () => undefined,
  } as unknown as ServerResponse;
  helmet(options)({ headers: {} } as IncomingMessage, res, () => undefined);
  return headers;
}

/** Security headers of JSON answers: nothing is ever rendered, framed or run from them. */
export const API_SECURITY_HEADERS = helmetHeaders({
  contentSecurityPolicy: {
    useDefaults: false,
    directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"], baseUri: ["'none'"] },
  },
  frameguard: { action: 'deny' },
});

/** /docs (Swagger UI): its own scripts, inline styles and data: images; same-origin calls only. */
export const DOCS_SECURITY_HEADERS = helmetHeaders({
  contentSecurityPolicy: {
    directives: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'", "'unsafe-inline'"],
      imgSrc: ["'self'", 'data:'],
      connectSrc: ["'self'"],
      frameAncestors: ["'self'"],
      // Served over plain http on a LAN or localhost too: do not ask the browser to upgrade.
      upgradeInsecureRequests: null,
    },
  },
});

export interface BrowserOptions {
  /** Where the docs are served (`/docs`), or undefined when they are off. */
  docsPath?: string;
}

function appendVary(reply: FastifyReply, value: string): void {
  const vary = reply.getHeader('vary');
  if (!vary) reply.header('vary', value);
  else if (!String(vary).toLowerCase().includes(value.toLowerCase()))
    reply.header('vary', `${vary}, ${value}`);
}

/**
 * CORS, in the platform's `onRequest` hook. Answers true when it replied (a preflight).
 */
export function corsOnRequest(origins: Set<string>) {
  const exposed = EXPOSED_HEADERS.join(', ');
  const allowedHeaders = ALLOWED_HEADERS.join(', ');
  return (req: FastifyRequest, reply: FastifyReply): boolean => {
    const origin = req.headers.origin;
    if (origin === undefined) return false;
    const preflight = req.method === 'OPTIONS' && req.headers['access-control-request-method'] !== undefined;
    if (!origins.has(origin)) {
      if (!preflight) {
        reply.raw.setHeader('vary', 'Origin');
        return false;
      }
      reply.header('vary', 'Origin'); // no CORS headers: the browser keeps the answer from the page
      const detail = errorMessage('CORS_ORIGIN_REFUSED', { origin: origin.slice(0, 200) });
      sendProblem(reply, problem(403, detail, undefined, [{ field: 'Origin', message: detail }], req.url));
      return true;
    }
    if (!preflight) {
      // On the raw response: kept when a route takes the response over (the SSE inbox stream
      // hijacks it and writes its own head; Node merges these into it).
      const raw = reply.raw;
      raw.setHeader('access-control-allow-origin', origin);
      raw.setHeader('access-control-allow-credentials', 'true');
      raw.setHeader('access-control-expose-headers', exposed);
      raw.setHeader('vary', 'Origin');
      return false;
    }
    reply
      .header('access-control-allow-origin', origin)
      .header('access-control-allow-credentials', 'true')
      .header('vary', 'Origin')
      .code(204)
      .header('access-control-allow-methods', METHODS)
      .header('access-control-allow-headers', allowedHeaders)
      .header('access-control-max-age', PREFLIGHT_MAX_AGE)
      .send();
    return true;
  };
}

const JSON_CONTENT = /^application\/(?:[\w.+-]+\+)?json\b/i;
const DOCS_CONTENT = /^(?:text\/html|text\/css|application\/javascript|text\/javascript)\b/i;

/** The weak ETag of a body (SHA-1, base64url: 27 characters). */
export function weakEtag(body: string | Buffer): string {
  return `W/"${createHash('sha1').update(body).digest('base64url')}"`;
}

/** Whether an If-None-Match header names this (weak) tag; `*` matches anything. */
export function etagMatches(ifNoneMatch: string, etag: string): boolean {
  if (ifNoneMatch.trim() === '*') return true;
  const opaque = etag.replace(/^W\//, '');
  return ifNoneMatch.split(',').some((t) => t.trim().replace(/^W\//, '') === opaque);
}

/** br when the client takes it, else gzip, else nothing (q=0 refuses a coding). */
export function pickEncoding(accept: string | undefined): 'br' | 'gzip' | undefined {
  if (!accept) return undefined;
  const take = (coding: string): boolean =>
    accept.split(',').some((part) => {
      const [name, ...params] = part.trim().toLowerCase().split(';');
      if (name.trim() !== coding) return false;
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      return !q || Number(q.slice(2)) > 0;
    });
  if (take('br')) return 'br';
  if (take('gzip')) return 'gzip';
  return undefined;
}

/** Security headers, ETag/304 and compression, in the platform's `onSend` hook. */
export function browserOnSend(opts: BrowserOptions) {
  const docs = opts.docsPath;
  return (req: FastifyRequest, reply: FastifyReply, payload: unknown): unknown => {
    const isDocs = docs !== undefined && req.url.startsWith(docs);
    reply.headers(isDocs ? DOCS_SECURITY_HEADERS : API_SECURITY_HEADERS);
    // Only bodies held whole (a string, or the JSON bytes a service answered) of JSON or the docs'
    // pages: streams (downloads, SSE) and files (Buffers of other types) pass untouched.
    const whole = typeof payload === 'string' || Buffer.isBuffer(payload);
    if (!whole) return payload;
    const type = String(reply.getHeader('content-type') ?? '');
    const json = JSON_CONTENT.test(type);
    if (!json && !(isDocs && DOCS_CONTENT.test(type))) return payload;
    if (json && req.method === 'GET' && reply.statusCode === 200) {
      const cache = reply.getHeader('cache-control');
      if (cache === undefined || !String(cache).includes('no-store')) {
        const etag = (reply.getHeader('etag') as string | undefined) ?? weakEtag(payload);
        reply.header('etag', etag);
        if (cache === undefined) reply.header('cache-control', 'private, no-cache');
        const inm = req.headers['if-none-match'];
        if (inm && etagMatches(inm, etag)) {
          reply.code(304);
          reply.removeHeader('content-type');
          reply.removeHeader('content-length');
          return '';
        }
      }
    }
    if (payload.length < COMPRESS_THRESHOLD || reply.getHeader('content-encoding')) return payload;
    appendVary(reply, 'Accept-Encoding');
    const encoding = pickEncoding(req.headers['accept-encoding']);
    if (!encoding || req.method === 'HEAD') return payload;
    const body = typeof payload === 'string' ? Buffer.from(payload, 'utf8') : payload;
    const out =
      encoding === 'br'
        ? brotliCompressSync(body, {
            params: {
              [zlib.BROTLI_PARAM_MODE]: zlib.BROTLI_MODE_TEXT,
              // Quality 4: most of the size gain at a small fraction of quality 11's CPU.
              [zlib.BROTLI_PARAM_QUALITY]: 4,
              [zlib.BROTLI_PARAM_SIZE_HINT]: body.length,
            },
          })
        : gzipSync(body, { level: 6 });
    reply.header('content-encoding', encoding);
    reply.removeHeader('content-length');
    return out;
  };
}

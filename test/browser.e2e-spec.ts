/**
 * A front-end on another origin, in a real headless Chromium: a page served from its own loopback
 * port logs in through the gateway with fetch, creates a submission, asks for an upload ticket,
 * PUTs the bytes to the presigned URL (storage answers CORS), confirms, and reads the file back.
 * A page from an origin not in CORS_ORIGINS fails at CORS. Around it, what the browser relies on:
 * preflights, exposed headers, security headers (and /docs with its own CSP), ETag/304 and
 * compression.
 */
import { INestApplication } from '@nestjs/common';
import { SubmissionKind } from '@tdkt/contracts';
import { runId, testInfra } from '@tdkt/testing';
import { createServer, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { brotliDecompressSync } from 'node:zlib';
import puppeteer, { Browser } from 'puppeteer-core';
import { createGateway } from '../apps/gateway/src/bootstrap';
import { CHROMIUM_FLAGS } from '../apps/documents/src/chromium/chromium-pool';
import { chromiumPath } from '../apps/documents/src/chromium/chromium-path';
import { GROUP, YEAR, setUpCampaign } from './support/intake';
import { DEMO_PASSWORD, login, startTestSystem, TestSystem } from './support/system';
import { client, failure, ok } from './support/api';

/** The front-end's page: its flow is the code a front-end team would write, run in the page. */
const PAGE = `<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><title>Ứng dụng thử</title></head>
<body><h1>Ứng dụng thử</h1>
<script>
const hex = (buf) => [...new Uint8Array(buf)].map((b) => b.toString(16).padStart(2, '0')).join('');
window.uploadFlow = async ({ api, username, password, groupId, year, kind, text }) => {
  const out = {};
  let r = await fetch(api + '/api/v1/auth/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  out.login = r.status;
  const { accessToken } = await r.json();
  const json = { authorization: 'Bearer ' + accessToken, 'content-type': 'application/json' };
  r = await fetch(api + '/api/v1/submissions', {
    method: 'POST',
    headers: { ...json, 'idempotency-key': 'page-' + Math.random().toString(36).slice(2) },
    body: JSON.stringify({ groupId, year, kind, title: 'Báo cáo từ trình duyệt' }),
  });
  out.create = r.status;
  out.requestId = r.headers.get('x-request-id');
  out.serverTiming = r.headers.get('server-timing');
  const submission = await r.json();
  const bytes = new TextEncoder().encode('%PDF-1.7\\n% ' + text + '\\n%%EOF\\n');
  const sha256 = hex(await crypto.subtle.digest('SHA-256', bytes));
  r = await fetch(api + '/api/v1/submissions/' + submission.id + '/files', {
    method: 'POST',
    headers: json,
    body: JSON.stringify({ fileName: 'Báo cáo năm.pdf', contentType: 'application/pdf', size: bytes.length, sha256 }),
  });
  out.ticket = r.status;
  const ticket = await r.json();
  out.uploadUrl = ticket.upload.url;
  const headers = { ...ticket.upload.headers };
  delete headers['content-length']; // the browser sets it (a forbidden header name for scripts)
  r = await fetch(ticket.upload.url, { method: ticket.upload.method, headers, body: bytes });
  out.put = r.status;
  out.putEtag = r.headers.get('etag');
  const base = api + '/api/v1/submissions/' + submission.id + '/files/' + ticket.file.id;
  r = await fetch(base + '/confirm', { method: 'POST', headers: { authorization: json.authorization } });
  out.confirm = r.status;
  out.confirmed = await r.json();
  // A read twice: the second time with the ETag of the first, answered 304 without a body.
  const auth = { authorization: json.authorization };
  r = await fetch(api + '/api/v1/submissions/' + submission.id, { headers: auth, cache: 'no-store' });
  out.read = r.status;
  out.etag = r.headers.get('etag');
  out.cacheControl = r.headers.get('cache-control');
  r = await fetch(api + '/api/v1/submissions/' + submission.id, {
    headers: { ...auth, 'if-none-match': out.etag },
    cache: 'no-store',
  });
  out.revalidated = r.status;
  r = await fetch(base + '/download', { headers: auth, cache: 'no-store' });
  out.link = r.status;
  const link = await r.json();
  r = await fetch(link.url);
  out.download = r.status;
  out.text = await r.text();
  return out;
};
window.readStream = async ({ api, username, password }) => {
  const signIn = await fetch(api + '/api/v1/auth/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  const { accessToken } = await signIn.json();
  const ctrl = new AbortController();
  const r = await fetch(api + '/api/v1/me/inbox/stream', {
    headers: { authorization: 'Bearer ' + accessToken },
    signal: ctrl.signal,
  });
  const reader = r.body.getReader();
  const decoder = new TextDecoder();
  let text = '';
  while (!text.includes('event: ready')) {
    const { value, done } = await reader.read();
    if (done) break;
    text += decoder.decode(value, { stream: true });
  }
  ctrl.abort();
  return { status: r.status, type: r.headers.get('content-type'), text };
};
window.tryLogin = async (api) => {
  try {
    const r = await fetch(api + '/api/v1/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'board', password: 'x' }),
    });
    return 'answered ' + r.status;
  } catch (e) {
    return 'failed: ' + e.message;
  }
};
window.tryRead = async (api) => {
  try {
    const r = await fetch(api + '/health/live');
    return 'answered ' + r.status;
  } catch (e) {
    return 'failed: ' + e.message;
  }
};
</script></body></html>`;

/** The page on its own loopback port (a port of its own choosing: no race for a free one). */
async function servePage(): Promise<{ server: Server; origin: string }> {
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(PAGE);
  });
  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(0, '127.0.0.1', ok);
  });
  return { server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

describe('a browser app on another origin', () => {
  let sys: TestSystem;
  let gateway: INestApplication;
  let api: string;
  let browser: Browser;
  let allowedOrigin: string;
  let foreignOrigin: string;
  const pages: Server[] = [];

  beforeAll(async () => {
    sys = await startTestSystem();
    const board = await login(sys, 'board');
    await setUpCampaign(sys, board);
    const allowed = await servePage();
    const foreign = await servePage();
    pages.push(allowed.server, foreign.server);
    allowedOrigin = allowed.origin;
    foreignOrigin = foreign.origin;
    // The gateway a front-end team is given: its origin allowed, and nothing else.
    const { app } = await createGateway({
      NATS_URL: testInfra().natsUrl,
      NATS_PREFIX: sys.prefix,
      HTTP_PORT: '0',
      LOG_LEVEL: 'warn',
      JWT_SECRET: `browser-${runId()}-0123456789abcdef0123456789`,
      CORS_ORIGINS: `${allowedOrigin}, https://app.tdkt.example.vn`,
    });
    await app.listen(0, '127.0.0.1');
    gateway = app;
    api = (await app.getUrl()).replace('[::1]', '127.0.0.1');
    browser = await puppeteer.launch({
      executablePath: chromiumPath(process.env.CHROMIUM_PATH),
      args: CHROMIUM_FLAGS,
      headless: true,
    });
  }, 90_000);

  afterAll(async () => {
    await browser?.close();
    for (const p of pages) await new Promise((ok) => p.close(ok));
    await gateway?.close();
    await sys?.stop();
  });

  it('logs in, creates a submission, uploads to the presigned URL, confirms and reads it back', async () => {
    const page = await browser.newPage();
    try {
      await page.goto(`${allowedOrigin}/`);
      const text = `Báo cáo năm ${runId()}`;
      const out = await page.evaluate(
        (args) =>
          (globalThis as unknown as { uploadFlow(a: unknown): Promise<Record<string, unknown>> }).uploadFlow(
            args,
          ),
        {
          api,
          username: 'stc-hatinh',
          password: DEMO_PASSWORD,
          groupId: GROUP,
          year: YEAR,
          kind: SubmissionKind.ANNUAL_REPORT,
          text,
        },
      );
      expect(out).toMatchObject({
        login: 200,
        create: 201,
        ticket: 201,
        put: 200,
        confirm: 200,
        read: 200,
        revalidated: 304,
        cacheControl: 'private, no-cache',
        link: 200,
        download: 200,
      });
      expect(out.confirmed).toMatchObject({ state: 'CONFIRMED' });
      // Exposed to the page: the request id, Server-Timing, the ETag; storage's ETag too.
      expect(out.requestId).toMatch(/^[\w.:-]+$/);
      expect(out.serverTiming).toMatch(/^app;dur=/);
      expect(out.etag).toMatch(/^W\/"[\w-]{27}"$/);
      expect(out.putEtag).toBeTruthy();
      // The upload went to storage on yet another origin, straight from the page.
      expect(new URL(String(out.uploadUrl)).origin).not.toBe(allowedOrigin);
      expect(new URL(String(out.uploadUrl)).origin).not.toBe(new URL(api).origin);
      expect(out.text).toContain(text);
    } finally {
      await page.close();
    }
  }, 60_000);

  it('the live inbox stream (SSE) reaches the page, uncompressed', async () => {
    const page = await browser.newPage();
    try {
      await page.goto(`${allowedOrigin}/`);
      const out = await page.evaluate(
        (args) =>
          (
            globalThis as unknown as {
              readStream(a: unknown): Promise<{ status: number; type: string; text: string }>;
            }
          ).readStream(args),
        { api, username: 'stc-hatinh', password: DEMO_PASSWORD },
      );
      expect(out.status).toBe(200);
      expect(out.type).toMatch(/^text\/event-stream/);
      expect(out.text).toContain('event: ready');
    } finally {
      await page.close();
    }
    // Asked for br by a client that takes it: still sent as is, event by event (never buffered).
    const { accessToken } = await ok(
      client({ baseUrl: api }).POST('/api/v1/auth/login', {
        body: { username: 'stc-hatinh', password: DEMO_PASSWORD },
      }),
    );
    const { request } = await import('node:http');
    const head = await new Promise<Record<string, unknown>>((ok, fail) => {
      const req = request(
        `${api}/api/v1/me/inbox/stream`,
        {
          headers: {
            authorization: `Bearer ${accessToken}`,
            'accept-encoding': 'br, gzip',
            origin: allowedOrigin,
          },
        },
        (res) => {
          res.once('data', () => {
            ok(res.headers);
            req.destroy();
          });
        },
      );
      req.on('error', fail);
      req.end();
    });
    expect(head['content-type']).toMatch(/^text\/event-stream/);
    expect(head['content-encoding']).toBeUndefined();
    expect(head['access-control-allow-origin']).toBe(allowedOrigin);
  }, 30_000);

  it('a page from an origin not allowed fails at CORS (the preflight is refused, not a 404)', async () => {
    const page = await browser.newPage();
    try {
      await page.goto(`${foreignOrigin}/`);
      const login = await page.evaluate(
        (a) => (globalThis as unknown as { tryLogin(a: string): Promise<string> }).tryLogin(a),
        api,
      );
      expect(login).toMatch(/^failed: /);
      // Even a simple GET (no preflight) is kept from the page: no CORS header on the answer.
      const read = await page.evaluate(
        (a) => (globalThis as unknown as { tryRead(a: string): Promise<string> }).tryRead(a),
        api,
      );
      expect(read).toMatch(/^failed: /);
    } finally {
      await page.close();
    }
    const preflight = await fetch(`${api}/api/v1/auth/login`, {
      method: 'OPTIONS',
      headers: {
        origin: foreignOrigin,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type',
      },
    });
    expect(preflight.status).toBe(403);
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
    expect(preflight.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(await preflight.json()).toMatchObject({
      status: 403,
      errors: [{ field: 'Origin', message: expect.stringContaining(foreignOrigin) }],
    });
    const simple = await fetch(`${api}/health/live`, { headers: { origin: foreignOrigin } });
    expect(simple.status).toBe(200);
    expect(simple.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('preflight of an allowed origin: methods, request headers, credentials, max age', async () => {
    const r = await fetch(`${api}/api/v1/submissions/x/submit`, {
      method: 'OPTIONS',
      headers: {
        origin: 'https://app.tdkt.example.vn',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization, idempotency-key, content-type',
      },
    });
    expect(r.status).toBe(204);
    expect(r.headers.get('access-control-allow-origin')).toBe('https://app.tdkt.example.vn');
    expect(r.headers.get('access-control-allow-credentials')).toBe('true');
    expect(r.headers.get('access-control-allow-methods')).toContain('POST');
    const allowed = (r.headers.get('access-control-allow-headers') ?? '').toLowerCase();
    for (const h of ['authorization', 'idempotency-key', 'content-type', 'if-none-match'])
      expect(allowed).toContain(h);
    expect(r.headers.get('vary')).toContain('Origin');
    const get = await fetch(`${api}/health/live`, { headers: { origin: 'https://app.tdkt.example.vn' } });
    expect(get.headers.get('access-control-expose-headers')).toBe(
      'Location, Retry-After, X-Request-Id, Server-Timing, ETag, Content-Disposition',
    );
  });

  it('security headers on the API; /docs keeps its own CSP and renders in the browser', async () => {
    const r = await fetch(`${api}/health/live`);
    expect(r.headers.get('x-content-type-options')).toBe('nosniff');
    expect(r.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(r.headers.get('x-frame-options')).toBe('DENY');
    expect(r.headers.get('referrer-policy')).toBe('no-referrer');
    expect(r.headers.get('strict-transport-security')).toMatch(/max-age=\d+/);
    const docs = await fetch(`${api}/docs`);
    expect(docs.status).toBe(200);
    expect(docs.headers.get('content-security-policy')).toContain("script-src 'self'");
    const page = await browser.newPage();
    const refused: string[] = [];
    page.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) refused.push(m.text());
    });
    try {
      await page.goto(`${api}/docs`, { waitUntil: 'load' });
      await page.waitForSelector('.swagger-ui .info .title', { timeout: 20_000 });
      expect(refused).toEqual([]);
    } finally {
      await page.close();
    }
  }, 60_000);

  it('JSON above 1 KiB is compressed (br, else gzip) and revalidates with its ETag', async () => {
    // A token of this test's gateway (its own JWT secret).
    const { accessToken: token } = await ok(
      client({ baseUrl: api }).POST('/api/v1/auth/login', {
        body: { username: 'board', password: DEMO_PASSWORD },
      }),
    );
    // raw fetch and node:http below: the encodings and validators on the wire are the subject
    const path = `${api}/api/v1/units`;
    const plain = await fetch(path, {
      headers: { authorization: `Bearer ${token}`, 'accept-encoding': 'identity' },
    });
    const text = await plain.text();
    expect(plain.status).toBe(200);
    expect(Buffer.byteLength(text)).toBeGreaterThan(1024);
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect(plain.headers.get('vary')).toContain('Accept-Encoding');
    // Node's fetch decodes by itself; ask with a raw request to see the encoding.
    const { request } = await import('node:http');
    const raw = await new Promise<{ headers: Record<string, unknown>; body: Buffer }>((ok, fail) => {
      const req = request(
        path,
        { headers: { authorization: `Bearer ${token}`, 'accept-encoding': 'gzip, br' } },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => ok({ headers: res.headers, body: Buffer.concat(chunks) }));
        },
      );
      req.on('error', fail);
      req.end();
    });
    expect(raw.headers['content-encoding']).toBe('br');
    expect(brotliDecompressSync(raw.body).toString('utf8')).toBe(text);
    expect(raw.body.length).toBeLessThan(Buffer.byteLength(text));
    // The same weak ETag whatever the encoding; 304 without a body when it still matches.
    expect(raw.headers.etag).toBe(plain.headers.get('etag'));
    const again = await fetch(path, {
      headers: { authorization: `Bearer ${token}`, 'if-none-match': String(raw.headers.etag) },
    });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
    // Errors and writes carry no ETag.
    const missing = await failure(
      client({ baseUrl: api }, token).GET('/api/v1/groups/{groupId}/members', {
        params: { path: { groupId: 'khong-co' }, query: { year: YEAR } },
      }),
      404,
    );
    expect(missing.headers.get('etag')).toBeNull();
  });
});

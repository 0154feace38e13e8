/**
 * Sessions across gateway instances (issue 16): refresh tokens rotated on use (a reused one revokes
 * the session), logout and deactivation reaching every instance, tokens of an OIDC issuer (a key
 * set made here, served by a tiny JWKS server) mapped to our users, and a login limit that neither
 * a forged X-Forwarded-For nor a second gateway dodges.
 */
import { INestApplication } from '@nestjs/common';
import { expectEventually, runId, testInfra } from '@tdkt/testing';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { Client } from 'pg';
import { createGateway } from '../apps/gateway/src/bootstrap';
import { DEMO_PASSWORD, login, startTestSystem, TestSystem } from './support/system';
import { client, ok, refused, reply, statusOf } from './support/api';

jest.setTimeout(90_000);

describe('sessions on every gateway instance', () => {
  let sys: TestSystem;
  /** The first of this file's gateways (all share one JWT secret, like the instances of a deployment). */
  let main: TestSystem;
  let board: string;
  const SECRET = `e2e-sessions-${runId()}-0123456789abcdef`;
  const extra: INestApplication[] = [];
  let jwks: Server;
  let jwksUrl: string;
  let signOidc: (
    claims: Record<string, unknown>,
    opts?: { audience?: string; issuer?: string },
  ) => Promise<string>;
  const ISSUER = 'https://idp.test/realms/tdkt';

  /** Another gateway on the same NATS prefix (its own token cache, its own limiter). */
  async function gateway(env: Record<string, string> = {}): Promise<TestSystem> {
    const { app } = await createGateway({
      NATS_URL: testInfra().natsUrl,
      NATS_PREFIX: sys.prefix,
      JWT_SECRET: SECRET,
      LOG_LEVEL: 'warn',
      ...env,
    });
    await app.listen(0, '127.0.0.1');
    extra.push(app);
    return { ...sys, baseUrl: (await app.getUrl()).replace('[::1]', '127.0.0.1') };
  }

  beforeAll(async () => {
    sys = await startTestSystem();
    main = await gateway();
    board = await login(main, 'board');
    // The identity provider's key set: made here, served over HTTP as a JWKS.
    const { publicKey, privateKey } = await generateKeyPair('RS256');
    const jwk = { ...(await exportJWK(publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
    jwks = createServer((_req, res) => {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ keys: [jwk] }));
    });
    await new Promise<void>((resolve) => jwks.listen(0, '127.0.0.1', resolve));
    jwksUrl = `http://127.0.0.1:${(jwks.address() as AddressInfo).port}/jwks`;
    signOidc = (claims, opts = {}) =>
      new SignJWT(claims)
        .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
        .setIssuer(opts.issuer ?? ISSUER)
        .setAudience(opts.audience ?? 'tdkt-api')
        .setSubject(`idp-${runId()}`)
        .setIssuedAt()
        .setExpirationTime('10m')
        .sign(privateKey);
  });
  afterAll(async () => {
    for (const app of extra) await app.close();
    await new Promise((r) => jwks?.close(r));
    await sys?.stop();
  });

  const signIn = (on: TestSystem, username: string, password = DEMO_PASSWORD) =>
    client(on).POST('/api/v1/auth/login', { body: { username, password } });
  const me = (on: TestSystem, token: string) => client(on, token).GET('/api/v1/auth/me');

  it('login answers a 15-minute access token and a refresh token; refresh rotates; a reused one revokes all', async () => {
    const s = await ok(signIn(main, 'council'), 200);
    expect(s).toMatchObject({ tokenType: 'Bearer', user: { username: 'council' } });
    const ttl = new Date(s.expiresAt).getTime() - Date.now();
    expect(ttl).toBeGreaterThan(14 * 60_000);
    expect(ttl).toBeLessThanOrEqual(15 * 60_000);
    expect(typeof s.refreshToken).toBe('string');

    const r1 = await ok(
      client(main).POST('/api/v1/auth/refresh', { body: { refreshToken: s.refreshToken } }),
      200,
    );
    expect(r1.refreshToken).not.toBe(s.refreshToken);
    expect((await ok(me(main, r1.accessToken))).username).toBe('council');
    const r2 = await ok(
      client(main).POST('/api/v1/auth/refresh', { body: { refreshToken: r1.refreshToken } }),
      200,
    );

    // The first refresh token, used again: it leaked. The whole session ends, thief and owner alike.
    const reused = await refused(
      client(main).POST('/api/v1/auth/refresh', { body: { refreshToken: s.refreshToken } }),
      401,
    );
    expect(reused).toMatchObject({ code: 'REFRESH_TOKEN_INVALID', errors: [{ field: 'refreshToken' }] });
    await refused(
      client(main).POST('/api/v1/auth/refresh', { body: { refreshToken: r2.refreshToken } }),
      401,
    );
    await expectEventually(async () => {
      expect(await statusOf(me(main, r2.accessToken))).toBe(401);
    }, 5000);
    // Other sessions of the same user go on.
    expect(await statusOf(signIn(main, 'council'))).toBe(200);
  });

  it('logout on one gateway reaches another that had the token cached', async () => {
    const other = await gateway();
    const s = await ok(signIn(main, 'binhdinh'));
    expect(await statusOf(me(other, s.accessToken))).toBe(200); // cached there now
    const out = await reply(client(main, s.accessToken).POST('/api/v1/auth/logout'));
    expect(out.status).toBe(204);
    expect(await statusOf(me(main, s.accessToken))).toBe(401);
    await expectEventually(async () => {
      const r = await refused(me(other, s.accessToken), 401);
      expect(r.code).toBe('SESSION_REVOKED');
    }, 10_000);
    expect(
      await statusOf(client(other).POST('/api/v1/auth/refresh', { body: { refreshToken: s.refreshToken } })),
    ).toBe(401);
  });

  it('a lost broadcast is made up within the recheck period (TOKEN_RECHECK_SECONDS)', async () => {
    // Revoked in the database directly, so no broadcast is sent (as if it were lost): the gateway
    // finds out when it asks again.
    const other = await gateway({ TOKEN_RECHECK_SECONDS: '1' });
    const s = await ok(signIn(main, 'lamdong'));
    expect(await statusOf(me(other, s.accessToken))).toBe(200);
    const pg = new Client({ connectionString: sys.db.url });
    await pg.connect();
    try {
      await pg.query(
        `UPDATE registry.sessions SET revoked_at = now()
          WHERE user_id = (SELECT id FROM registry.users WHERE username = 'lamdong')`,
      );
    } finally {
      await pg.end();
    }
    await expectEventually(async () => {
      expect(await statusOf(me(other, s.accessToken))).toBe(401);
    }, 10_000);
  });

  it('deactivation takes effect on every gateway instance within a minute', async () => {
    const other = await gateway();
    const created = await ok(
      client(main, board).POST('/api/v1/users', {
        body: {
          username: 'tam.thoi',
          displayName: 'Người dùng tạm thời',
          email: 'tam.thoi@example.vn',
          roles: [{ role: 'VIEWER' }],
        },
      }),
      201,
    );
    const set = await reply(
      client(main).POST('/api/v1/auth/password/reset', {
        body: { token: created.passwordReset.resetToken, newPassword: 'Ruộng bậc thang Mù Cang Chải' },
      }),
    );
    expect(set.status).toBe(204);
    const s = await ok(signIn(other, 'tam.thoi', 'Ruộng bậc thang Mù Cang Chải'));
    expect(await statusOf(me(other, s.accessToken))).toBe(200);
    expect(await statusOf(me(main, s.accessToken))).toBe(200);
    const off = await reply(
      client(main, board).PATCH('/api/v1/users/{id}', {
        params: { path: { id: created.id } },
        body: { active: false },
      }),
    );
    expect(off.status).toBe(200);
    await expectEventually(async () => {
      expect(await statusOf(me(other, s.accessToken))).toBe(401);
      expect(await statusOf(me(main, s.accessToken))).toBe(401);
    }, 10_000);
  });

  it('accepts tokens of the configured OIDC issuer (JWKS), mapped to our user by e-mail', async () => {
    const created = await ok(
      client(main, board).POST('/api/v1/users', {
        body: {
          username: 'oidc.user',
          displayName: 'Người dùng SSO',
          email: 'SSO.User@Example.vn',
          roles: [{ role: 'VIEWER' }],
        },
      }),
      201,
    );
    const sso = await gateway({ OIDC_ISSUER: ISSUER, OIDC_AUDIENCE: 'tdkt-api', OIDC_JWKS_URL: jwksUrl });
    const token = await signOidc({ email: 'sso.user@example.vn', email_verified: true });
    const r = await ok(me(sso, token), 200);
    expect(r).toMatchObject({ id: created.id, username: 'oidc.user', roles: [{ role: 'VIEWER' }] });
    expect(await statusOf(client(sso, token).GET('/api/v1/units', { params: { query: { limit: 1 } } }))).toBe(
      200,
    );
    // Our own tokens still work there.
    expect(await statusOf(me(sso, board))).toBe(200);

    const refused = async (t: string) => await statusOf(me(sso, t));
    expect(await refused(await signOidc({ email: 'sso.user@example.vn' }, { audience: 'another-api' }))).toBe(
      401,
    );
    expect(await refused(await signOidc({ email: 'nobody@example.vn' }))).toBe(401);
    expect(await refused(await signOidc({ email: 'sso.user@example.vn', email_verified: false }))).toBe(401);
    const { privateKey: foreign } = await generateKeyPair('RS256');
    const forged = await new SignJWT({ email: 'sso.user@example.vn' })
      .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
      .setIssuer(ISSUER)
      .setAudience('tdkt-api')
      .setExpirationTime('10m')
      .sign(foreign);
    expect(await refused(forged)).toBe(401);
    // Without OIDC configured, the same token is refused.
    expect(await statusOf(me(main, token))).toBe(401);
    // Deactivated: refused within the recheck.
    await reply(
      client(main, board).PATCH('/api/v1/users/{id}', {
        params: { path: { id: created.id } },
        body: { active: false },
      }),
    );
    await expectEventually(
      async () => {
        expect(await statusOf(me(sso, token))).toBe(401);
      },
      65_000,
      500,
    );
  });

  it('counts logins per account across addresses and gateways (X-Forwarded-For from a trusted proxy)', async () => {
    const a = await gateway({ TRUSTED_PROXIES: '127.0.0.1/32' });
    const b = await gateway({ TRUSTED_PROXIES: '127.0.0.0/8, ::1/128' });
    const statuses: number[] = [];
    for (let i = 0; i < 31; i += 1) {
      const on = i % 2 === 0 ? a : b;
      const r = await reply(
        client(on).POST('/api/v1/auth/login', {
          body: { username: 'kontum', password: `sai-${i}` },
          headers: { 'x-forwarded-for': `198.51.100.${i + 1}` },
        }),
      );
      statuses.push(r.status);
    }
    // 30 wrong guesses at one account from 30 addresses through two gateways: the 31st is refused.
    expect(statuses.slice(0, 30)).toEqual(Array(30).fill(401));
    expect(statuses[30]).toBe(429);
  });

  it('a different X-Forwarded-For per attempt from an untrusted peer dodges nothing; two gateways share the count', async () => {
    const a = await gateway();
    const b = await gateway();
    const statuses: number[] = [];
    for (let i = 0; i < 35; i += 1) {
      const on = i < 20 ? a : b;
      const r = await reply(
        client(on).POST('/api/v1/auth/login', {
          body: { username: `khong-co-${i}`, password: 'doan-bua' },
          headers: { 'x-forwarded-for': `203.0.113.${i + 1}` },
        }),
      );
      statuses.push(r.status);
      if (r.status === 429) {
        expect(r.problem).toMatchObject({ code: 'LOGIN_THROTTLED', kind: 'RATE_LIMITED' });
        expect(Number(r.headers.get('retry-after'))).toBeGreaterThan(0);
        expect(r.problem?.detail).toMatch(/thử lại sau \d+ giây/);
      }
    }
    // Counted under the peer (127.0.0.1), 20 on one gateway and 15 on the other: 30 pass, 5 do not.
    expect(statuses.filter((s) => s === 401)).toHaveLength(30);
    expect(statuses.slice(30)).toEqual(Array(5).fill(429));
  });
});

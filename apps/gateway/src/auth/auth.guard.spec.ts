import 'reflect-metadata';
import { ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import { ErrorCode, errorMessage, ErrorReason, RegistryRpc, Role, RoleGrant, RpcDef } from '@tdkt/contracts';
import { Permission } from '@tdkt/domain';
import { currentIdempotency, Public, requestContext, RpcCallError, RpcClient } from '@tdkt/platform';
import { createSecretKey } from 'node:crypto';
import { OwnIdempotencyKey } from '../http/idempotency';
import { Problem, ProblemException } from '../http/problem';
import type { GatewayConfig } from '../config';
import { AuthedRequest, AuthGuard, Claims, Requires } from './auth.guard';
import { TokenCache } from './token-cache';

const GROUP_ID = '3f1c2a9e-5b7d-4e21-9c3a-1d2e3f4a5b6c';
const GROUP_CODE = 'cum-tn-dhmt';

/** Routes as the controllers declare them. */
class Routes {
  @Public()
  login(): void {}

  read(): void {}

  @Requires(Permission.MANAGE_UNITS)
  createUnit(): void {}

  @Requires(Permission.MANAGE_CAMPAIGN, 'group-year')
  campaign(): void {}

  @OwnIdempotencyKey()
  @Requires(Permission.MANAGE_CAMPAIGN, 'group-year')
  submit(): void {}
}

/** The registry as the guard sees it: knows one group by its code. */
class FakeRegistry {
  readonly asked: [string, unknown][] = [];
  readonly revoked = new Set<string>();
  down = false;
  async request<Req, Res>(def: RpcDef<Req, Res>, payload: Req): Promise<Res> {
    this.asked.push([def.subject, payload]);
    if (def.subject === RegistryRpc.authSession.subject) {
      if (this.down)
        throw new RpcCallError({ code: ErrorCode.SERVICE_UNAVAILABLE, message: 'down' }, def.subject);
      const { sessionId } = payload as { sessionId: string };
      return { active: !this.revoked.has(sessionId) } as Res;
    }
    const { id } = payload as { id: string };
    if (def.subject === RegistryRpc.groupGet.subject && id === GROUP_CODE) return { id: GROUP_ID } as Res;
    throw new RpcCallError({ code: ErrorCode.NOT_FOUND, message: `Không tìm thấy nhóm ${id}` }, def.subject);
  }
}

const jwtService = (secret: string) =>
  new JwtService({
    // As the gateway module makes it.
    secret: createSecretKey(Buffer.from(secret, 'utf8')) as unknown as string,
    signOptions: { expiresIn: 3600, algorithm: 'HS256', issuer: 'tdkt-gateway' },
    verifyOptions: { algorithms: ['HS256'], issuer: 'tdkt-gateway' },
  });
const SECRET = 'unit-test-secret-unit-test-secret-0000';

const claims = (roles: RoleGrant[]): Claims => ({
  sub: '7c9e6679-7425-40de-944b-e07fc1f90ae7',
  username: 'binhdinh',
  name: 'Cán bộ Bình Định',
  unitId: 'b1a2c3d4-0000-4000-8000-000000000001',
  roles,
});
const OFFICER = claims([{ role: Role.UNIT_OFFICER, unitId: 'b1a2c3d4-0000-4000-8000-000000000001' }]);
const CHAIR_2023 = claims([
  { role: Role.UNIT_OFFICER, unitId: 'b1a2c3d4-0000-4000-8000-000000000001' },
  { role: Role.CHAIR, groupId: GROUP_ID, year: 2023 },
]);
const BOARD = claims([{ role: Role.BOARD }]);
const NOBODY = claims([]);

describe('AuthGuard', () => {
  let jwt: JwtService;
  let registry: FakeRegistry;
  let guard: AuthGuard;

  beforeEach(() => {
    jwt = jwtService(SECRET);
    registry = new FakeRegistry();
    guard = new AuthGuard(new Reflector(), jwt, registry as unknown as RpcClient);
  });
  afterEach(() => jest.restoreAllMocks());

  const bearer = (c: Claims) => `Bearer ${jwt.sign({ ...c })}`;
  const request = (
    authorization?: string,
    params: Record<string, string> = {},
    method = 'GET',
    headers: Record<string, string> = {},
  ): AuthedRequest => ({
    method,
    params,
    headers: { ...headers, ...(authorization ? { authorization } : {}) },
  });
  const context = (route: keyof Routes, req: AuthedRequest) =>
    ({
      getHandler: () => Routes.prototype[route],
      getClass: () => Routes,
      switchToHttp: () => ({ getRequest: () => req }),
    }) as unknown as ExecutionContext;

  /** Whether the guard lets the request through, or the problem it refuses it with. */
  async function outcome(route: keyof Routes, req: AuthedRequest): Promise<boolean | Problem> {
    try {
      return await guard.canActivate(context(route, req));
    } catch (e) {
      if (e instanceof ProblemException) return e.problemBody;
      throw e;
    }
  }
  /** A refusal with the catalogue's text of `reason` (the problem's code) and the kind of its status. */
  const refused = (status: number, reason: ErrorReason, kind: ErrorCode) =>
    expect.objectContaining({ status, detail: errorMessage(reason), code: reason, kind });

  it('a public route needs no token', async () => {
    const req = request();
    expect(await outcome('login', req)).toBe(true);
    expect(req.user).toBeUndefined();
  });

  it.each([
    ['no header', undefined],
    ['another scheme', 'Basic Ym9hcmQ6eA=='],
    ['an empty bearer', 'Bearer '],
  ])('a missing token (%s) is a 401 saying where to get one', async (_label, authorization) => {
    expect(await outcome('read', request(authorization))).toEqual(
      refused(401, 'TOKEN_MISSING', ErrorCode.UNAUTHENTICATED),
    );
  });

  it('an invalid token is a 401: garbage, another secret, another issuer, tampered claims', async () => {
    const other = jwtService('another-secret-another-secret-000000');
    const foreign = new JwtService({
      secret: SECRET,
      signOptions: { issuer: 'someone-else', expiresIn: 3600 },
    });
    const [header, , signature] = bearer(OFFICER).slice(7).split('.');
    const tampered = Buffer.from(JSON.stringify({ ...BOARD, exp: 9_999_999_999 })).toString('base64url');
    for (const authorization of [
      'Bearer x.y.z',
      `Bearer ${other.sign({ ...BOARD })}`,
      `Bearer ${foreign.sign({ ...BOARD })}`,
      `Bearer ${header}.${tampered}.${signature}`,
    ]) {
      expect(await outcome('read', request(authorization))).toEqual(
        refused(401, 'TOKEN_INVALID', ErrorCode.UNAUTHENTICATED),
      );
    }
  });

  it('an expired token is a 401, also one accepted before it expired', async () => {
    const expired = `Bearer ${jwt.sign({ ...BOARD }, { expiresIn: -1 })}`;
    expect(await outcome('read', request(expired))).toEqual(
      refused(401, 'TOKEN_INVALID', ErrorCode.UNAUTHENTICATED),
    );
    const token = `Bearer ${jwt.sign({ ...BOARD }, { expiresIn: 60 })}`;
    expect(await outcome('read', request(token))).toBe(true);
    const now = Date.now();
    jest.spyOn(Date, 'now').mockReturnValue(now + 61_000);
    expect(await outcome('read', request(token))).toEqual(
      refused(401, 'TOKEN_INVALID', ErrorCode.UNAUTHENTICATED),
    );
  });

  it('a valid token: the request carries its claims; reading the registry needs a role', async () => {
    const req = request(bearer(OFFICER));
    expect(await outcome('read', req)).toBe(true);
    expect(req.user).toMatchObject(OFFICER);
    expect(await outcome('read', request(bearer(NOBODY)))).toEqual(
      refused(403, 'ACCESS_NO_ROLE', ErrorCode.FORBIDDEN),
    );
  });

  it('a permission refused says why', async () => {
    expect(await outcome('createUnit', request(bearer(OFFICER), {}, 'POST'))).toEqual(
      refused(403, 'ACCESS_BOARD_ONLY', ErrorCode.FORBIDDEN),
    );
    expect(await outcome('createUnit', request(bearer(BOARD), {}, 'POST'))).toBe(true);
  });

  it('a group-year scope: the group code is resolved through the registry, the year from the path', async () => {
    const chair = bearer(CHAIR_2023);
    expect(await outcome('campaign', request(chair, { groupId: GROUP_CODE, year: '2023' }, 'PUT'))).toBe(
      true,
    );
    expect(registry.asked).toEqual([[RegistryRpc.groupGet.subject, { id: GROUP_CODE }]]);
    expect(await outcome('campaign', request(chair, { groupId: GROUP_CODE, year: '2024' }, 'PUT'))).toEqual(
      refused(403, 'ACCESS_CHAIR_ONLY', ErrorCode.FORBIDDEN),
    );
    // A group id (any case) is used as it is: no request to the registry.
    registry.asked.length = 0;
    expect(
      await outcome('campaign', request(chair, { groupId: GROUP_ID.toUpperCase(), year: '2023' }, 'PUT')),
    ).toBe(true);
    expect(registry.asked).toEqual([]);
  });

  it('a group-year scope: an unknown group is the registry’s 404; the board needs no lookup', async () => {
    const unknown = outcome(
      'campaign',
      request(bearer(CHAIR_2023), { groupId: 'khong-co', year: '2023' }, 'PUT'),
    );
    await expect(unknown).rejects.toBeInstanceOf(RpcCallError);
    await expect(unknown).rejects.toMatchObject({ body: { code: ErrorCode.NOT_FOUND } });
    registry.asked.length = 0;
    expect(
      await outcome('campaign', request(bearer(BOARD), { groupId: 'khong-co', year: '2023' }, 'PUT')),
    ).toBe(true);
    expect(registry.asked).toEqual([]);
  });

  it('binds the Idempotency-Key of an allowed write to the caller, unless the operation keeps its own', async () => {
    const key = { 'idempotency-key': 'key-0001-abcd' };
    const params = { groupId: GROUP_CODE, year: '2023' };
    const bound = (route: keyof Routes, c: Claims, headers: Record<string, string>) =>
      requestContext.run({ requestId: 'req-1' }, async () => [
        await outcome(route, request(bearer(c), params, 'PUT', headers)),
        currentIdempotency(),
      ]);
    expect(await bound('campaign', CHAIR_2023, key)).toEqual([
      true,
      { key: 'key-0001-abcd', scope: CHAIR_2023.sub },
    ]);
    expect(await bound('submit', CHAIR_2023, key)).toEqual([true, undefined]);
    // Permission first: a refused caller's key is neither checked nor bound.
    expect(await bound('campaign', OFFICER, { 'idempotency-key': 'bad' })).toEqual([
      refused(403, 'ACCESS_CHAIR_ONLY', ErrorCode.FORBIDDEN),
      undefined,
    ]);
    expect(await bound('campaign', CHAIR_2023, { 'idempotency-key': 'bad' })).toEqual([
      expect.objectContaining({
        status: 400,
        errors: [expect.objectContaining({ field: 'Idempotency-Key' })],
      }),
      undefined,
    ]);
  });

  describe('sessions (issue 16)', () => {
    const SID = '0f8b7e2a-1111-4c4c-8d8d-222233334444';
    let cache: TokenCache;
    beforeEach(() => {
      cache = new TokenCache();
      guard = new AuthGuard(new Reflector(), jwt, registry as unknown as RpcClient, cache, null, {
        TOKEN_RECHECK_SECONDS: 60,
      } as GatewayConfig);
    });
    const sessionAsks = () => registry.asked.filter(([s]) => s === RegistryRpc.authSession.subject).length;

    it('asks the registry about a token of a session once, then again after a minute', async () => {
      const token = `Bearer ${jwt.sign({ ...OFFICER, sid: SID })}`;
      expect(await outcome('read', request(token))).toBe(true);
      expect(await outcome('read', request(token))).toBe(true);
      expect(sessionAsks()).toBe(1);
      registry.revoked.add(SID);
      const now = Date.now();
      jest.spyOn(Date, 'now').mockReturnValue(now + 61_000);
      const answer = await outcome('read', request(token));
      expect(answer).toMatchObject({ status: 401, code: 'SESSION_REVOKED' });
      expect(sessionAsks()).toBe(2);
    });

    it('a revocation heard drops the cached tokens of that session at once', async () => {
      const token = `Bearer ${jwt.sign({ ...OFFICER, sid: SID })}`;
      expect(await outcome('read', request(token))).toBe(true);
      registry.revoked.add(SID);
      cache.revoke(OFFICER.sub, SID);
      expect(await outcome('read', request(token))).toMatchObject({ status: 401, code: 'SESSION_REVOKED' });
    });

    it('while the registry cannot answer, a valid token is trusted a few seconds at a time', async () => {
      const token = `Bearer ${jwt.sign({ ...OFFICER, sid: SID })}`;
      registry.down = true;
      expect(await outcome('read', request(token))).toBe(true);
      expect(await outcome('read', request(token))).toBe(true);
      expect(sessionAsks()).toBe(1);
      const now = Date.now();
      jest.spyOn(Date, 'now').mockReturnValue(now + 6_000);
      registry.down = false;
      registry.revoked.add(SID);
      expect(await outcome('read', request(token))).toMatchObject({ status: 401, code: 'SESSION_REVOKED' });
    });

    it('a token without a session (made with the secret) is not asked about', async () => {
      expect(await outcome('read', request(bearer(OFFICER)))).toBe(true);
      expect(sessionAsks()).toBe(0);
    });
  });
});

import { CanActivate, ExecutionContext, Inject, Injectable, Optional, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import { ActorDto, ErrorCode, errorMessage, ErrorReason, RegistryRpc, RoleGrant } from '@tdkt/contracts';
import { decide, Grant, holdsEverywhere, Permission } from '@tdkt/domain';
import { PUBLIC_ROUTE, RpcCallError, RpcClient } from '@tdkt/platform';
import { problem, ProblemException } from '../http/problem';
import { bindIdempotencyKey, isWrite, OWN_IDEMPOTENCY } from '../http/idempotency';
import type { GatewayConfig } from '../config';
import { AUTH_CONFIG, OIDC_VERIFIER } from './auth.providers';
import type { OidcVerifier } from './oidc';
import { TokenCache } from './token-cache';

export interface Claims {
  sub: string;
  username: string;
  name: string;
  unitId: string | null;
  roles: RoleGrant[];
  /** The session (signed in with a password): checked with the registry at most a minute apart. */
  sid?: string;
}

export interface AuthedRequest {
  method: string;
  headers: Record<string, string | string[] | undefined>;
  params: Record<string, string>;
  user?: Claims;
}

const PERMISSION = 'tdkt:permission';
type ScopeKind = 'none' | 'group-year';

/** The permission a route needs, and where its scope comes from (the `groupId` and `year` params). */
export const Requires = (permission: Permission, scope: ScopeKind = 'none'): MethodDecorator =>
  SetMetadata(PERMISSION, { permission, scope });

/** While the registry cannot answer, a verified token is trusted this long before asking again. */
const UNCHECKED_MS = 5_000;

const unauthenticated = (detail: string, reason?: string) =>
  new ProblemException(problem(401, detail, ErrorCode.UNAUTHENTICATED, undefined, undefined, reason));

/** The catalogue's text of the guard's refusal for each permission (the policy's reasons are English notes). */
const REFUSAL_OF: Record<Permission, ErrorReason> = {
  [Permission.READ_REGISTRY]: 'ACCESS_NO_ROLE',
  [Permission.MANAGE_UNITS]: 'ACCESS_BOARD_ONLY',
  [Permission.MANAGE_GROUPS]: 'ACCESS_BOARD_ONLY',
  [Permission.MANAGE_CAMPAIGN]: 'ACCESS_CHAIR_ONLY',
  [Permission.DECIDE_HONOURS]: 'ACCESS_HONOURS_BOARD_ONLY',
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const RPC_CLIENT = Symbol('RPC_CLIENT');

/**
 * Every route needs a valid bearer token unless marked @Public(); a route's @Requires permission is
 * decided by the pure policy in libs/domain with the caller's grants and the resource's scope.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  private readonly recheckMs: number;

  constructor(
    private readonly reflector: Reflector,
    private readonly jwt: JwtService,
    @Inject(RPC_CLIENT) private readonly rpc: RpcClient,
    @Optional() private readonly cache: TokenCache = new TokenCache(),
    @Optional() @Inject(OIDC_VERIFIER) private readonly oidc: OidcVerifier | null = null,
    @Optional() @Inject(AUTH_CONFIG) config?: GatewayConfig,
  ) {
    this.recheckMs = (config?.TOKEN_RECHECK_SECONDS ?? 60) * 1000;
  }

  /**
   * The caller's claims. Our tokens (HS256) are verified here; a token of the OIDC issuer with its
   * JWKS and mapped to our user by the registry. Either is then trusted for at most a minute
   * (TOKEN_RECHECK_SECONDS), when its session (ours) or its user (OIDC) is asked again: a logout or
   * a deactivation reaches every gateway instance within that, and at once through the registry's
   * revocation broadcast. Tokens without a session (made with the secret by tests and benchmarks)
   * are trusted until they expire.
   */
  private async verify(token: string): Promise<Claims> {
    const now = Date.now();
    const hit = this.cache.get(token, now);
    if (hit) return hit;
    const { claims, expMs } =
      this.oidc && this.oidc.claims(token) ? await this.verifyOidc(token) : await this.verifyOwn(token);
    let until = Math.min(expMs, claims.sid ? now + this.recheckMs : expMs);
    if (claims.sid) {
      // Only the registry's answer "not active" refuses: while it cannot answer (down, its database
      // down, slow), the signature alone is trusted a few seconds at a time and asked again.
      const active = await this.rpc
        .request(RegistryRpc.authSession, { sessionId: claims.sid, userId: claims.sub })
        .then((s) => s.active)
        .catch(() => null);
      if (active === false) throw unauthenticated(errorMessage('SESSION_REVOKED'), 'SESSION_REVOKED');
      if (active === null) until = Math.min(until, now + UNCHECKED_MS);
    }
    this.cache.set(token, claims, until);
    return claims;
  }

  private async verifyOwn(token: string): Promise<{ claims: Claims; expMs: number }> {
    try {
      const c = await this.jwt.verifyAsync<Claims & { exp: number }>(token);
      return { claims: c, expMs: c.exp * 1000 };
    } catch {
      throw unauthenticated(errorMessage('TOKEN_INVALID'), 'TOKEN_INVALID');
    }
  }

  private async verifyOidc(token: string): Promise<{ claims: Claims; expMs: number }> {
    const oidc = this.oidc as OidcVerifier;
    let identity: { email: string; exp: number };
    try {
      identity = await oidc.verify(token);
    } catch {
      throw unauthenticated(errorMessage('OIDC_TOKEN_INVALID'), 'OIDC_TOKEN_INVALID');
    }
    try {
      const user = await this.rpc.request(RegistryRpc.authExternal, { email: identity.email });
      const claims: Claims = {
        sub: user.id,
        username: user.username,
        name: user.displayName,
        unitId: user.unitId,
        roles: user.roles,
      };
      // Re-mapped (user active? roles?) at most a minute apart.
      return { claims, expMs: Math.min(identity.exp * 1000, Date.now() + this.recheckMs) };
    } catch (e) {
      if (e instanceof RpcCallError && e.body.code === ErrorCode.UNAUTHENTICATED)
        throw unauthenticated(errorMessage('EXTERNAL_USER_UNKNOWN'), 'EXTERNAL_USER_UNKNOWN');
      throw e;
    }
  }

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const targets = [ctx.getHandler(), ctx.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets)) return true;
    const req = ctx.switchToHttp().getRequest<AuthedRequest>();
    const header = req.headers.authorization;
    const token = typeof header === 'string' && header.startsWith('Bearer ') ? header.slice(7) : undefined;
    if (!token) throw unauthenticated(errorMessage('TOKEN_MISSING'), 'TOKEN_MISSING');
    req.user = await this.verify(token);
    const need =
      this.reflector.getAllAndOverride<{ permission: Permission; scope: ScopeKind }>(PERMISSION, targets) ??
      ({ permission: Permission.READ_REGISTRY, scope: 'none' } as const);
    const grants = req.user.roles as Grant[];
    let scope = {};
    if (need.scope === 'group-year' && !holdsEverywhere(grants)) {
      const groupId = req.params.groupId;
      const id = UUID.test(groupId)
        ? groupId.toLowerCase()
        : (await this.rpc.request(RegistryRpc.groupGet, { id: groupId })).id;
      scope = { groupId: id, year: Number(req.params.year) };
    }
    const decision = decide(grants, need.permission, scope);
    if (!decision.allowed) {
      const reason = REFUSAL_OF[need.permission] ?? 'ACCESS_DENIED';
      throw new ProblemException(
        problem(403, errorMessage(reason), ErrorCode.FORBIDDEN, undefined, undefined, reason),
      );
    }
    // Reads skip the metadata lookup: they carry no key.
    if (isWrite(req.method) && !this.reflector.getAllAndOverride<boolean>(OWN_IDEMPOTENCY, targets))
      bindIdempotencyKey(req, req.user.sub);
    return true;
  }
}

/** The caller as services see it (`actor`): from the verified token, never from the request body. */
export function actorOf(req: AuthedRequest): ActorDto {
  const c = req.user as Claims;
  return { userId: c.sub, unitId: c.unitId, roles: c.roles };
}

import { CanActivate, ExecutionContext, Inject, Injectable, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import { ActorDto, RegistryRpc, RoleGrant } from '@tdkt/contracts';
import { decide, Grant, holdsEverywhere, Permission } from '@tdkt/domain';
import { PUBLIC_ROUTE, RpcClient } from '@tdkt/platform';
import { problem, ProblemException } from '../http/problem';
import { bindIdempotencyKey, isWrite, OWN_IDEMPOTENCY } from '../http/idempotency';

export interface Claims {
  sub: string;
  username: string;
  name: string;
  unitId: string | null;
  roles: RoleGrant[];
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

/** ~1 KB each: 50,000 tokens (every officer of every member unit at a national deadline) ≈ 50 MB. */
const VERIFIED_TOKENS_KEPT = 50_000;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const RPC_CLIENT = Symbol('RPC_CLIENT');

/**
 * Every route needs a valid bearer token unless marked @Public(); a route's @Requires permission is
 * decided by the pure policy in libs/domain with the caller's grants and the resource's scope.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly jwt: JwtService,
    @Inject(RPC_CLIENT) private readonly rpc: RpcClient,
  ) {}

  /** Tokens already verified, until they expire: a token is immutable, so this is safe. */
  private readonly verified = new Map<string, { claims: Claims; expMs: number }>();

  private async verify(token: string): Promise<Claims> {
    const hit = this.verified.get(token);
    if (hit && hit.expMs > Date.now()) return hit.claims;
    let claims: Claims & { exp: number };
    try {
      claims = await this.jwt.verifyAsync<Claims & { exp: number }>(token);
    } catch {
      this.verified.delete(token);
      throw new ProblemException(problem(401, 'Invalid or expired token'));
    }
    // Oldest first out (a Map keeps insertion order): at a deadline peak every member unit's
    // officer is active at once, so the cache holds them all rather than emptying itself.
    if (this.verified.size >= VERIFIED_TOKENS_KEPT)
      this.verified.delete(this.verified.keys().next().value as string);
    this.verified.set(token, { claims, expMs: claims.exp * 1000 });
    return claims;
  }

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const targets = [ctx.getHandler(), ctx.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets)) return true;
    const req = ctx.switchToHttp().getRequest<AuthedRequest>();
    const header = req.headers.authorization;
    const token = typeof header === 'string' && header.startsWith('Bearer ') ? header.slice(7) : undefined;
    if (!token) throw new ProblemException(problem(401, 'Missing bearer token (POST /api/v1/auth/login)'));
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
    if (!decision.allowed) throw new ProblemException(problem(403, decision.reason));
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

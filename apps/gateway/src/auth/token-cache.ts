import { OnApplicationShutdown } from '@nestjs/common';
import { REGISTRY_AUTH_REVOKED } from '@tdkt/contracts';
import { prefixed } from '@tdkt/platform';
import { NatsConnection, Subscription } from 'nats';
import type { Claims } from './auth.guard';

/** ~1 KB each: 50,000 tokens (every officer of every member unit at a national deadline) ≈ 50 MB. */
const VERIFIED_TOKENS_KEPT = 50_000;

/**
 * Tokens this gateway instance has verified, each trusted until `until`: at most TOKEN_RECHECK_SECONDS
 * (≤ 60 s), then its session is asked again, so a logout or a deactivation reaches every instance
 * within a minute even if a broadcast is lost. The registry's `registry.auth.revoked` broadcast
 * drops a user's tokens at once (the usual case).
 */
export class TokenCache implements OnApplicationShutdown {
  private readonly entries = new Map<string, { claims: Claims; until: number }>();
  private readonly sub?: Subscription;

  constructor(nc?: NatsConnection, prefix = '') {
    this.sub = nc?.subscribe(prefixed(prefix, REGISTRY_AUTH_REVOKED), {
      callback: (_err, msg) => {
        try {
          const { userId, sessionId } = JSON.parse(new TextDecoder().decode(msg.data));
          this.revoke(userId, sessionId ?? null);
        } catch {
          this.entries.clear();
        }
      },
    });
  }

  get(token: string, now = Date.now()): Claims | undefined {
    const hit = this.entries.get(token);
    if (hit && hit.until > now) return hit.claims;
    if (hit) this.entries.delete(token);
    return undefined;
  }

  set(token: string, claims: Claims, until: number): void {
    // Oldest first out (a Map keeps insertion order): at a deadline peak every member unit's
    // officer is active at once, so the cache holds them all rather than emptying itself.
    if (this.entries.size >= VERIFIED_TOKENS_KEPT)
      this.entries.delete(this.entries.keys().next().value as string);
    this.entries.set(token, { claims, until });
  }

  delete(token: string): void {
    this.entries.delete(token);
  }

  /** Drops the user's tokens (of one session, when given). */
  revoke(userId: string, sessionId: string | null): void {
    for (const [token, e] of this.entries)
      if (e.claims.sub === userId && (!sessionId || e.claims.sid === sessionId)) this.entries.delete(token);
  }

  onApplicationShutdown(): void {
    this.sub?.unsubscribe();
  }
}

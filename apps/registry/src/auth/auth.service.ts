import { Inject, Injectable } from '@nestjs/common';
import {
  AuthUserView,
  ChangePasswordRequest,
  CompletePasswordResetDto,
  ExternalUserRequest,
  LoginDto,
  PasswordResetView,
  RefreshDto,
  REGISTRY_AUTH_REVOKED,
  SessionLoginRequest,
  SessionRequest,
  SessionStateView,
  SessionView,
  ThrottleRequest,
  ThrottleView,
} from '@tdkt/contracts';
import { grantsAtSignIn, officerUnits } from '@tdkt/domain';
import { AppError, InjectConfig, NATS_CONNECTION, prefixed } from '@tdkt/platform';
import { NatsConnection } from 'nats';
import { EntityManager } from 'typeorm';
import { RegistryConfig } from '../config';
import { AuthRepository, UserRow } from './auth.repository';
import { toAssignedRole, toAuthUserView, toUnitLeadership } from './auth.views';
import {
  hashPassword,
  needsRehash,
  newSecret,
  passwordProblem,
  secretHash,
  verifyPassword,
} from './password';

/** A dummy hash so an unknown user costs as much time as a wrong password. */
const DUMMY = 'scrypt$16384$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';

/** How long a password reset token works. */
export const RESET_TTL_SECONDS = 3 * 24 * 3600;

/** The window of the shared login counters. */
const THROTTLE_WINDOW_SECONDS = 60;

/**
 * Sign-in and sessions. A session is opened at sign-in and lives until it expires, is logged out,
 * or is revoked (a rotated refresh token used again, a password change or reset, the user
 * deactivated); each refresh rotates its refresh token. Every revocation is broadcast on
 * `registry.auth.revoked` so every gateway drops the tokens it verified for that user at once.
 */
@Injectable()
export class AuthService {
  constructor(
    private readonly repo: AuthRepository,
    @Inject(NATS_CONNECTION) private readonly nc: NatsConnection,
    @InjectConfig() private readonly config: RegistryConfig,
  ) {}

  /**
   * Checks the password and returns the user's grants (the registry's policy, `grantsAtSignIn`):
   * the assigned roles, plus CHAIR / VICE_CHAIR for each group-year in which the officer's own unit
   * leads the group. An unknown user and a wrong password are the same LOGIN_FAILED.
   */
  async verify(dto: LoginDto): Promise<AuthUserView> {
    const user = await this.repo.activeUser(dto.username.normalize('NFC').toLowerCase());
    const ok = await verifyPassword(dto.password, user?.password_hash ?? DUMMY);
    if (!user || !ok) throw AppError.of('LOGIN_FAILED');
    if (needsRehash(user.password_hash))
      await this.repo.setPasswordHash(user.id, await hashPassword(dto.password));
    return this.grantsOf(user);
  }

  async grantsOf(user: UserRow): Promise<AuthUserView> {
    const assigned = (await this.repo.roleAssignments(user.id)).map(toAssignedRole);
    const leads = (await this.repo.leadershipsOf(officerUnits(assigned))).map(toUnitLeadership);
    return toAuthUserView(user, grantsAtSignIn(assigned, leads));
  }

  /** Sign-in: the password checked, a session opened with its first refresh token. */
  async login(dto: SessionLoginRequest): Promise<SessionView> {
    const user = await this.verify(dto);
    const refreshToken = newSecret();
    const session = await this.repo.transaction(async (m) => {
      const s = await this.repo.openSession(m, user.id, dto.refreshTtlSeconds);
      await this.repo.addRefreshToken(m, s.id, secretHash(refreshToken));
      return s;
    });
    return {
      user,
      sessionId: session.id,
      refreshToken,
      refreshExpiresAt: new Date(session.expires_at).toISOString(),
    };
  }

  /**
   * Rotates the refresh token: the old one stops working, a new one is answered with the user's
   * grants as of now. A token already rotated, used again, means it leaked: the whole session is
   * revoked (the thief's and the owner's tokens alike).
   */
  async refresh(dto: RefreshDto): Promise<SessionView> {
    const hash = secretHash(dto.refreshToken);
    const next = newSecret();
    const outcome = await this.repo.transaction(async (m: EntityManager) => {
      const t = await this.repo.refreshForUpdate(m, hash);
      if (!t || t.revoked_at || new Date(t.expires_at) <= new Date()) return { kind: 'invalid' as const };
      if (t.rotated_at) {
        await this.repo.revokeSession(t.session_id, 'REFRESH_REUSED', undefined, m);
        return { kind: 'reused' as const, t };
      }
      const user = await this.repo.activeUserById(t.user_id, m);
      if (!user) return { kind: 'invalid' as const };
      await this.repo.markRotated(m, hash);
      await this.repo.addRefreshToken(m, t.session_id, secretHash(next));
      return { kind: 'rotated' as const, t, user };
    });
    if (outcome.kind === 'reused') this.broadcast(outcome.t.user_id, outcome.t.session_id);
    if (outcome.kind !== 'rotated') throw AppError.of('REFRESH_TOKEN_INVALID', {}, 'refreshToken');
    return {
      user: await this.grantsOf(outcome.user),
      sessionId: outcome.t.session_id,
      refreshToken: next,
      refreshExpiresAt: new Date(outcome.t.expires_at).toISOString(),
    };
  }

  async logout(dto: SessionRequest): Promise<SessionStateView> {
    const userId = await this.repo.revokeSession(dto.sessionId, 'LOGOUT', dto.userId);
    if (userId) this.broadcast(userId, dto.sessionId);
    return { active: false };
  }

  async session(dto: SessionRequest): Promise<SessionStateView> {
    return { active: await this.repo.sessionActive(dto.sessionId, dto.userId) };
  }

  /** An OIDC identity, mapped by e-mail: exactly one active user must have it. */
  async external(dto: ExternalUserRequest): Promise<AuthUserView> {
    const users = await this.repo.activeUsersByEmail(dto.email.normalize('NFC').trim());
    if (users.length !== 1) throw AppError.of('EXTERNAL_USER_UNKNOWN');
    return this.grantsOf(users[0]);
  }

  /**
   * Counts one attempt under each key (before the password is checked, so parallel guesses count
   * too); answers how long to wait when any key is over its limit. A successful sign-in is refunded.
   */
  async throttle(dto: ThrottleRequest): Promise<ThrottleView> {
    if (dto.refund) {
      await this.repo.refundAttempts(
        dto.keys.map((k) => k.key),
        THROTTLE_WINDOW_SECONDS,
      );
      return { retryAfter: 0 };
    }
    const limits = new Map(dto.keys.map((k) => [k.key, k.limit]));
    const rows = await this.repo.countAttempts([...limits.keys()], THROTTLE_WINDOW_SECONDS);
    const over = rows.filter((r) => r.count > (limits.get(r.key) ?? Infinity));
    return { retryAfter: over.length ? Math.max(...over.map((r) => r.retry_after)) : 0 };
  }

  /** The user changes their own password (the old one first); their other sessions are revoked. */
  async changePassword(dto: ChangePasswordRequest): Promise<SessionStateView> {
    const user = await this.repo.activeUserById(dto.actor.userId);
    if (!user || !(await verifyPassword(dto.oldPassword, user.password_hash)))
      throw AppError.of('PASSWORD_WRONG', {}, 'oldPassword');
    await this.setPassword(user, dto.newPassword, dto.actor.userId, 'PASSWORD_CHANGED');
    return { active: false };
  }

  /** The user sets a password with the one-time token the board gave them. */
  async completeReset(dto: CompletePasswordResetDto): Promise<SessionStateView> {
    const user = await this.repo.transaction(async (m) => {
      const user = await this.repo.usePasswordReset(m, secretHash(dto.token));
      if (!user) throw AppError.of('PASSWORD_RESET_INVALID', {}, 'token');
      this.checkPolicy(dto.newPassword, user.username);
      await this.repo.setPasswordHash(user.id, await hashPassword(dto.newPassword), m);
      await this.repo.revokeUserSessions(m, user.id, 'PASSWORD_RESET');
      await this.repo.audit(m, {
        actorId: user.id,
        action: 'PASSWORD_RESET_USED',
        userId: user.id,
        before: null,
        after: null,
      });
      return user;
    });
    this.broadcast(user.id);
    return { active: false };
  }

  /** A new one-time reset token for the user (earlier ones stop working); in the caller's transaction. */
  async issueReset(m: EntityManager, userId: string): Promise<PasswordResetView> {
    const token = newSecret();
    await this.repo.voidPasswordResets(m, userId);
    const expires = await this.repo.addPasswordReset(m, userId, secretHash(token), RESET_TTL_SECONDS);
    return { userId, resetToken: token, expiresAt: new Date(expires).toISOString() };
  }

  checkPolicy(password: string, username: string): void {
    const reason = passwordProblem(password, username);
    if (reason) throw AppError.of(reason, { min: 12 }, 'newPassword');
  }

  private async setPassword(user: UserRow, password: string, actorId: string, action: string): Promise<void> {
    this.checkPolicy(password, user.username);
    const hash = await hashPassword(password);
    await this.repo.transaction(async (m) => {
      await this.repo.setPasswordHash(user.id, hash, m);
      await this.repo.voidPasswordResets(m, user.id);
      await this.repo.revokeUserSessions(m, user.id, action);
      await this.repo.audit(m, { actorId, action, userId: user.id, before: null, after: null });
    });
    this.broadcast(user.id);
  }

  /** Tells every gateway to drop the tokens it verified for the user (or one session of theirs). */
  broadcast(userId: string, sessionId?: string): void {
    try {
      this.nc.publish(
        prefixed(this.config.NATS_PREFIX, REGISTRY_AUTH_REVOKED),
        new TextEncoder().encode(JSON.stringify({ userId, sessionId: sessionId ?? null })),
      );
    } catch {
      // The gateways re-ask within a minute anyway.
    }
  }
}

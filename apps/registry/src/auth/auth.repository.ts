import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { SCHEMA } from '../database/entities';

export interface UserRow {
  id: string;
  username: string;
  display_name: string;
  password_hash: string;
  unit_id: string | null;
}

export interface RoleAssignmentRow {
  role: string;
  unit_id: string | null;
  group_id: string | null;
  year: number | null;
}

export interface UnitLeadershipRow {
  group_id: string;
  year: number;
  role: string;
}

export interface RefreshRow {
  session_id: string;
  user_id: string;
  rotated_at: Date | null;
  expires_at: Date;
  revoked_at: Date | null;
}

export interface ThrottleRow {
  key: string;
  count: number;
  retry_after: number;
}

type Db = EntityManager | DataSource;

/** The rows of an UPDATE … RETURNING (TypeORM answers `[rows, count]` for an UPDATE on Postgres). */
const updated = <T>(result: unknown): T[] =>
  (Array.isArray(result) && Array.isArray(result[0]) ? result[0] : result) as T[];

/**
 * All SQL of sign-in: users, their role assignments and the leadership their units hold; sessions
 * and their refresh tokens (stored hashed); password resets; the shared login counters.
 */
@Injectable()
export class AuthRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /** The active user of that (already normalised) username. */
  async activeUser(username: string, m: Db = this.ds): Promise<UserRow | undefined> {
    const rows: UserRow[] = await m.query(
      `SELECT id, username, display_name, password_hash, unit_id FROM ${SCHEMA}.users WHERE username = $1 AND active`,
      [username],
    );
    return rows[0];
  }

  async activeUserById(id: string, m: Db = this.ds): Promise<UserRow | undefined> {
    const rows: UserRow[] = await m.query(
      `SELECT id, username, display_name, password_hash, unit_id FROM ${SCHEMA}.users WHERE id = $1 AND active`,
      [id],
    );
    return rows[0];
  }

  /** The active users with that e-mail (case-insensitive). */
  async activeUsersByEmail(email: string): Promise<UserRow[]> {
    return this.ds.query(
      `SELECT id, username, display_name, password_hash, unit_id FROM ${SCHEMA}.users
        WHERE lower(email) = lower($1) AND active LIMIT 2`,
      [email],
    );
  }

  async setPasswordHash(userId: string, hash: string, m: Db = this.ds): Promise<void> {
    await m.query(`UPDATE ${SCHEMA}.users SET password_hash = $2 WHERE id = $1`, [userId, hash]);
  }

  async roleAssignments(userId: string): Promise<RoleAssignmentRow[]> {
    return this.ds.query(
      `SELECT role, unit_id, group_id, year FROM ${SCHEMA}.role_assignments WHERE user_id = $1`,
      [userId],
    );
  }

  /** Every group-year that one of the units chairs or vice-chairs. */
  async leadershipsOf(unitIds: string[]): Promise<UnitLeadershipRow[]> {
    if (unitIds.length === 0) return [];
    return this.ds.query(
      `SELECT group_id, year, role FROM ${SCHEMA}.leaderships WHERE unit_id = ANY($1::uuid[])`,
      [unitIds],
    );
  }

  // ---------- sessions ----------

  async openSession(m: Db, userId: string, ttlSeconds: number): Promise<{ id: string; expires_at: Date }> {
    const rows: { id: string; expires_at: Date }[] = await m.query(
      `INSERT INTO ${SCHEMA}.sessions (user_id, expires_at) VALUES ($1, now() + make_interval(secs => $2))
       RETURNING id, expires_at`,
      [userId, ttlSeconds],
    );
    return rows[0];
  }

  async addRefreshToken(m: Db, sessionId: string, hash: string): Promise<void> {
    await m.query(`INSERT INTO ${SCHEMA}.refresh_tokens (token_hash, session_id) VALUES ($1, $2)`, [
      hash,
      sessionId,
    ]);
  }

  /** The refresh token and its session, locked (two uses at once: one rotates, the other is a reuse). */
  async refreshForUpdate(m: EntityManager, hash: string): Promise<RefreshRow | undefined> {
    const rows: RefreshRow[] = await m.query(
      `SELECT t.session_id, s.user_id, t.rotated_at, s.expires_at, s.revoked_at
         FROM ${SCHEMA}.refresh_tokens t JOIN ${SCHEMA}.sessions s ON s.id = t.session_id
        WHERE t.token_hash = $1 FOR UPDATE OF t, s`,
      [hash],
    );
    return rows[0];
  }

  async markRotated(m: EntityManager, hash: string): Promise<void> {
    await m.query(`UPDATE ${SCHEMA}.refresh_tokens SET rotated_at = now() WHERE token_hash = $1`, [hash]);
  }

  /** Revokes the session (if open); answers its user when it was open. */
  async revokeSession(
    sessionId: string,
    reason: string,
    userId?: string,
    m: Db = this.ds,
  ): Promise<string | null> {
    const rows = updated<{ user_id: string }>(
      await m.query(
        `UPDATE ${SCHEMA}.sessions SET revoked_at = now(), revoked_reason = $2
          WHERE id = $1 AND revoked_at IS NULL AND ($3::uuid IS NULL OR user_id = $3) RETURNING user_id`,
        [sessionId, reason, userId ?? null],
      ),
    );
    return rows[0]?.user_id ?? null;
  }

  /** Revokes every open session of the user. */
  async revokeUserSessions(m: Db, userId: string, reason: string): Promise<number> {
    const rows = updated<{ id: string }>(
      await m.query(
        `UPDATE ${SCHEMA}.sessions SET revoked_at = now(), revoked_reason = $2
          WHERE user_id = $1 AND revoked_at IS NULL RETURNING id`,
        [userId, reason],
      ),
    );
    return rows.length;
  }

  /** Open, unexpired, and its user active (and, when given, the user is the session's). */
  async sessionActive(sessionId: string, userId?: string): Promise<boolean> {
    const rows: unknown[] = await this.ds.query(
      `SELECT 1 FROM ${SCHEMA}.sessions s JOIN ${SCHEMA}.users u ON u.id = s.user_id
        WHERE s.id = $1 AND s.revoked_at IS NULL AND s.expires_at > now() AND u.active
          AND ($2::uuid IS NULL OR s.user_id = $2)`,
      [sessionId, userId ?? null],
    );
    return rows.length > 0;
  }

  // ---------- password resets ----------

  async addPasswordReset(m: Db, userId: string, hash: string, ttlSeconds: number): Promise<Date> {
    const rows: { expires_at: Date }[] = await m.query(
      `INSERT INTO ${SCHEMA}.password_resets (token_hash, user_id, expires_at)
       VALUES ($1, $2, now() + make_interval(secs => $3)) RETURNING expires_at`,
      [hash, userId, ttlSeconds],
    );
    return rows[0].expires_at;
  }

  /** Uses the reset token (once, unexpired, its user active); answers the user. */
  async usePasswordReset(m: EntityManager, hash: string): Promise<UserRow | undefined> {
    const result: unknown = await m.query(
      `UPDATE ${SCHEMA}.password_resets r SET used_at = now()
         FROM ${SCHEMA}.users u
        WHERE r.token_hash = $1 AND r.used_at IS NULL AND r.expires_at > now() AND u.id = r.user_id AND u.active
        RETURNING u.id, u.username, u.display_name, u.password_hash, u.unit_id`,
      [hash],
    );
    return updated<UserRow>(result)[0];
  }

  /** Earlier unused reset tokens of the user stop working (a new one, or the password set). */
  async voidPasswordResets(m: Db, userId: string): Promise<void> {
    await m.query(
      `UPDATE ${SCHEMA}.password_resets SET used_at = now() WHERE user_id = $1 AND used_at IS NULL`,
      [userId],
    );
  }

  // ---------- audit ----------

  async audit(
    m: Db,
    e: {
      actorId: string | null;
      action: string;
      userId: string;
      before: object | null;
      after: object | null;
    },
  ): Promise<void> {
    await m.query(
      `INSERT INTO ${SCHEMA}.user_audit (actor_id, action, user_id, before, after) VALUES ($1, $2, $3, $4, $5)`,
      [
        e.actorId,
        e.action,
        e.userId,
        e.before ? JSON.stringify(e.before) : null,
        e.after ? JSON.stringify(e.after) : null,
      ],
    );
  }

  // ---------- login counters ----------

  /**
   * Counts one attempt under each key in a window of `windowSeconds` that starts at the key's first
   * attempt (atomic: one statement, shared by every gateway instance). Answers each key's count and
   * the seconds left in its window.
   */
  async countAttempts(keys: string[], windowSeconds: number): Promise<ThrottleRow[]> {
    if (Math.random() < 0.01)
      await this.ds.query(
        `DELETE FROM ${SCHEMA}.login_throttle WHERE window_start < now() - make_interval(secs => $1)`,
        [windowSeconds * 10],
      );
    return this.ds.query(
      `INSERT INTO ${SCHEMA}.login_throttle AS t (key, window_start, count)
       SELECT k, clock_timestamp(), 1 FROM unnest($1::text[]) k
       ON CONFLICT (key) DO UPDATE SET
         count = CASE WHEN t.window_start > clock_timestamp() - make_interval(secs => $2) THEN t.count + 1 ELSE 1 END,
         window_start = CASE WHEN t.window_start > clock_timestamp() - make_interval(secs => $2)
                             THEN t.window_start ELSE clock_timestamp() END
       RETURNING key, count,
         GREATEST(1, ceil(extract(epoch FROM window_start + make_interval(secs => $2) - clock_timestamp())))::int AS retry_after`,
      [keys, windowSeconds],
    );
  }

  /** Gives one attempt back under each key (a successful sign-in), within the current window. */
  async refundAttempts(keys: string[], windowSeconds: number): Promise<void> {
    await this.ds.query(
      `UPDATE ${SCHEMA}.login_throttle SET count = GREATEST(count - 1, 0)
        WHERE key = ANY($1::text[]) AND window_start > clock_timestamp() - make_interval(secs => $2)`,
      [keys, windowSeconds],
    );
  }

  transaction<T>(work: (m: EntityManager) => Promise<T>): Promise<T> {
    return this.ds.transaction(work);
  }
}

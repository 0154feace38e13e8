import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { SCHEMA } from '../database/entities';

export interface RecipientRow {
  id: string;
  username: string;
  display_name: string;
  email: string | null;
  unit_id: string | null;
}

export interface RecipientQuery {
  unitIds: string[];
  groupId: string | null;
  year: number | null;
  chair: boolean;
  vice: boolean;
  members: boolean;
  board: boolean;
  userIds: string[];
}

/** A user as the board administers them, with the assigned roles (JSON). */
export interface AdminUserRow {
  id: string;
  username: string;
  display_name: string;
  email: string | null;
  unit_id: string | null;
  active: boolean;
  roles: { role: string; unit_id: string | null; group_id: string | null; year: number | null }[];
}

export interface UserAuditRow {
  id: string;
  at: Date;
  actor_id: string | null;
  action: string;
  user_id: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

type Db = EntityManager | DataSource;

const ADMIN_COLUMNS = `u.id, u.username, u.display_name, u.email, u.unit_id, u.active,
  COALESCE((SELECT json_agg(json_build_object('role', ra.role, 'unit_id', ra.unit_id, 'group_id', ra.group_id, 'year', ra.year)
                            ORDER BY ra.role, ra.group_id, ra.year)
              FROM ${SCHEMA}.role_assignments ra WHERE ra.user_id = u.id), '[]') AS roles`;

/** All SQL of users: the board's administration, and the users to notify (asked at send time). */
@Injectable()
export class UsersRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /**
   * The union, active users only: officers (UNIT_OFFICER grant) of `unitIds`; for the group-year,
   * the officers of the unit chairing / vice-chairing it and users granted CHAIR / VICE_CHAIR for
   * it, and the officers of the units that are members during that year; the BOARD; `userIds`.
   */
  async recipients(q: RecipientQuery): Promise<RecipientRow[]> {
    const roles = [...(q.chair ? ['CHAIR'] : []), ...(q.vice ? ['VICE_CHAIR'] : [])];
    return this.ds.query(
      `WITH units AS (
         SELECT unnest($1::uuid[]) AS unit_id
         UNION SELECT l.unit_id FROM ${SCHEMA}.leaderships l
           WHERE $2::uuid IS NOT NULL AND l.group_id = $2 AND l.year = $3 AND l.role = ANY($4::text[])
         UNION SELECT m.unit_id FROM ${SCHEMA}.memberships m
           WHERE $5 AND $2::uuid IS NOT NULL AND m.group_id = $2
             AND m.valid_from <= make_date($3::int, 12, 31)
             AND (m.valid_to IS NULL OR m.valid_to >= make_date($3::int, 1, 1))
       ),
       chosen AS (
         SELECT ra.user_id FROM ${SCHEMA}.role_assignments ra
           WHERE ra.role = 'UNIT_OFFICER' AND ra.unit_id IN (SELECT unit_id FROM units)
         UNION SELECT ra.user_id FROM ${SCHEMA}.role_assignments ra
           WHERE $2::uuid IS NOT NULL AND ra.role = ANY($4::text[]) AND ra.group_id = $2 AND ra.year = $3
         UNION SELECT ra.user_id FROM ${SCHEMA}.role_assignments ra WHERE $6 AND ra.role = 'BOARD'
         UNION SELECT unnest($7::uuid[])
       )
       SELECT u.id, u.username, u.display_name, u.email, u.unit_id
         FROM ${SCHEMA}.users u JOIN chosen c ON c.user_id = u.id
        WHERE u.active ORDER BY u.username`,
      [q.unitIds, q.groupId, q.year, roles, q.members, q.board, q.userIds],
    );
  }

  // ---------- administration (issue 16) ----------

  async list(q: { search: string | null; limit: number; offset: number }): Promise<{
    rows: AdminUserRow[];
    total: number;
  }> {
    const where = `($1::text IS NULL OR u.username ILIKE $1 OR u.display_name ILIKE $1 OR u.email ILIKE $1)`;
    const pattern = q.search ? `%${q.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
    const rows: AdminUserRow[] = await this.ds.query(
      `SELECT ${ADMIN_COLUMNS} FROM ${SCHEMA}.users u WHERE ${where} ORDER BY u.username LIMIT $2 OFFSET $3`,
      [pattern, q.limit, q.offset],
    );
    const [{ n }]: { n: number }[] = await this.ds.query(
      `SELECT count(*)::int AS n FROM ${SCHEMA}.users u WHERE ${where}`,
      [pattern],
    );
    return { rows, total: n };
  }

  async get(id: string, m: Db = this.ds, lock = false): Promise<AdminUserRow | undefined> {
    const rows: AdminUserRow[] = await m.query(
      `SELECT ${ADMIN_COLUMNS} FROM ${SCHEMA}.users u WHERE u.id = $1${lock ? ' FOR UPDATE OF u' : ''}`,
      [id],
    );
    return rows[0];
  }

  async insert(
    m: EntityManager,
    u: {
      username: string;
      displayName: string;
      email: string | null;
      unitId: string | null;
      passwordHash: string;
    },
  ): Promise<string | null> {
    const rows: { id: string }[] = await m.query(
      `INSERT INTO ${SCHEMA}.users (username, display_name, email, unit_id, password_hash)
       VALUES ($1, $2, $3, $4, $5) ON CONFLICT (username) DO NOTHING RETURNING id`,
      [u.username, u.displayName, u.email, u.unitId, u.passwordHash],
    );
    return rows[0]?.id ?? null;
  }

  async update(
    m: EntityManager,
    id: string,
    u: { displayName: string; email: string | null; unitId: string | null; active: boolean },
  ): Promise<void> {
    await m.query(
      `UPDATE ${SCHEMA}.users SET display_name = $2, email = $3, unit_id = $4, active = $5 WHERE id = $1`,
      [id, u.displayName, u.email, u.unitId, u.active],
    );
  }

  async setRoles(
    m: EntityManager,
    userId: string,
    roles: { role: string; unitId: string | null; groupId: string | null; year: number | null }[],
  ): Promise<void> {
    await m.query(`DELETE FROM ${SCHEMA}.role_assignments WHERE user_id = $1`, [userId]);
    if (roles.length === 0) return;
    await m.query(
      `INSERT INTO ${SCHEMA}.role_assignments (user_id, role, unit_id, group_id, year)
       SELECT $1, r, u, g, y FROM unnest($2::text[], $3::uuid[], $4::uuid[], $5::int[]) AS x(r, u, g, y)`,
      [
        userId,
        roles.map((r) => r.role),
        roles.map((r) => r.unitId),
        roles.map((r) => r.groupId),
        roles.map((r) => r.year),
      ],
    );
  }

  /** Which of the ids are units / groups (the rest do not exist). */
  async existing(
    unitIds: string[],
    groupIds: string[],
  ): Promise<{ units: Set<string>; groups: Set<string> }> {
    const units: { id: string }[] = unitIds.length
      ? await this.ds.query(`SELECT id FROM ${SCHEMA}.units WHERE id = ANY($1::uuid[])`, [unitIds])
      : [];
    const groups: { id: string }[] = groupIds.length
      ? await this.ds.query(`SELECT id FROM ${SCHEMA}.groups WHERE id = ANY($1::uuid[])`, [groupIds])
      : [];
    return { units: new Set(units.map((x) => x.id)), groups: new Set(groups.map((x) => x.id)) };
  }

  async auditPage(q: { userId: string | null; limit: number; offset: number }): Promise<{
    rows: UserAuditRow[];
    total: number;
  }> {
    const rows: UserAuditRow[] = await this.ds.query(
      `SELECT id::text, at, actor_id, action, user_id, before, after FROM ${SCHEMA}.user_audit
        WHERE $1::uuid IS NULL OR user_id = $1 ORDER BY at DESC, id DESC LIMIT $2 OFFSET $3`,
      [q.userId, q.limit, q.offset],
    );
    const [{ n }]: { n: number }[] = await this.ds.query(
      `SELECT count(*)::int AS n FROM ${SCHEMA}.user_audit WHERE $1::uuid IS NULL OR user_id = $1`,
      [q.userId],
    );
    return { rows, total: n };
  }

  transaction<T>(work: (m: EntityManager) => Promise<T>): Promise<T> {
    return this.ds.transaction(work);
  }
}

import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { MembersSort } from '@tdkt/contracts';
import { DataSource, EntityManager } from 'typeorm';
import { SCHEMA } from '../database/entities';
import { UNIT_COLUMNS, UnitRow } from '../units/units.repository';

/** A member unit with its membership (`m_…`) and subgroup (`s_…`, null when none). */
export interface MemberRow extends UnitRow {
  membership_id: string;
  m_from: string;
  m_to: string | null;
  s_id: string | null;
  s_code: string | null;
  s_name: string | null;
}

export interface MembershipRow {
  id: string;
  group_id: string;
  unit_id: string;
  subgroup_id: string | null;
  valid_from: string;
  valid_to: string | null;
}

const MEMBERSHIP_COLS = 'id, group_id, unit_id, subgroup_id, valid_from, valid_to';

/** ORDER BY of each order of a members page (fixed texts: nothing from the request). */
const MEMBER_ORDER: Record<MembersSort, string> = {
  subgroup: 's.code NULLS LAST, u.name_search, u.name, m.id',
  name: 'u.name_search, u.name, m.id',
  '-name': 'u.name_search DESC, u.name DESC, m.id DESC',
};

/** All SQL of memberships. */
@Injectable()
export class MembershipsRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /** Members of a group at any time within [from, to]. */
  async members(groupId: string, from: string, to: string, subgroupId?: string): Promise<MemberRow[]> {
    const params: unknown[] = [groupId, from, to];
    let extra = '';
    if (subgroupId) {
      params.push(subgroupId);
      extra = ' AND m.subgroup_id = $4';
    }
    return this.ds.query(
      `SELECT m.id AS membership_id, m.valid_from AS m_from, m.valid_to AS m_to,
              s.id AS s_id, s.code AS s_code, s.name AS s_name, ${UNIT_COLUMNS}
       FROM ${SCHEMA}.memberships m
       JOIN ${SCHEMA}.units u ON u.id = m.unit_id
       LEFT JOIN ${SCHEMA}.subgroups s ON s.id = m.subgroup_id
       WHERE m.group_id = $1 AND m.valid_from <= $3 AND (m.valid_to IS NULL OR m.valid_to >= $2)${extra}`,
      params,
    );
  }

  /**
   * One page of the members of a group within [from, to], ordered and cut here: by subgroup code
   * (those in none last) then name, or by name either way (the folded name, then the name, then
   * the membership: the same order on every read, so pages neither repeat nor skip a member).
   * `total` counts the whole period.
   */
  async membersPage(
    groupId: string,
    from: string,
    to: string,
    subgroupId: string | undefined,
    page: { sort: MembersSort; limit: number; offset: number },
  ): Promise<{ rows: MemberRow[]; total: number }> {
    const where = `m.group_id = $1 AND m.valid_from <= $3 AND (m.valid_to IS NULL OR m.valid_to >= $2)
       AND ($4::uuid IS NULL OR m.subgroup_id = $4)`;
    const order = MEMBER_ORDER[page.sort];
    const rows: (MemberRow & { total: number })[] = await this.ds.query(
      `SELECT m.id AS membership_id, m.valid_from AS m_from, m.valid_to AS m_to,
              s.id AS s_id, s.code AS s_code, s.name AS s_name, ${UNIT_COLUMNS},
              count(*) OVER ()::int AS total
       FROM ${SCHEMA}.memberships m
       JOIN ${SCHEMA}.units u ON u.id = m.unit_id
       LEFT JOIN ${SCHEMA}.subgroups s ON s.id = m.subgroup_id
       WHERE ${where}
       ORDER BY ${order} LIMIT $5 OFFSET $6`,
      [groupId, from, to, subgroupId ?? null, page.limit, page.offset],
    );
    if (rows.length > 0 || page.offset === 0) return { rows, total: rows[0]?.total ?? 0 };
    // Past the end: no row carries the count.
    const [{ n }]: { n: number }[] = await this.ds.query(
      `SELECT count(*)::int AS n FROM ${SCHEMA}.memberships m WHERE ${where}`,
      [groupId, from, to, subgroupId ?? null],
    );
    return { rows, total: n };
  }

  async find(m: EntityManager, groupId: string, id: string): Promise<MembershipRow | undefined> {
    const rows: MembershipRow[] = await m.query(
      `SELECT ${MEMBERSHIP_COLS} FROM ${SCHEMA}.memberships WHERE id = $1 AND group_id = $2 FOR UPDATE`,
      [id, groupId],
    );
    return rows[0];
  }

  /** Serialises membership changes of one unit in one group (overlap checks then hold). */
  async lockPair(m: EntityManager, groupId: string, unitId: string): Promise<void> {
    await m.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`membership:${groupId}:${unitId}`]);
  }

  async overlapping(
    m: EntityManager,
    groupId: string,
    unitId: string,
    from: string,
    to: string | null,
    exceptId?: string,
  ): Promise<MembershipRow | undefined> {
    const rows: MembershipRow[] = await m.query(
      `SELECT ${MEMBERSHIP_COLS} FROM ${SCHEMA}.memberships
       WHERE group_id = $1 AND unit_id = $2 AND id <> COALESCE($5::uuid, '00000000-0000-0000-0000-000000000000')
         AND ($4::date IS NULL OR valid_from <= $4::date) AND (valid_to IS NULL OR valid_to >= $3::date)
       LIMIT 1`,
      [groupId, unitId, from, to, exceptId ?? null],
    );
    return rows[0];
  }

  async insert(m: EntityManager, r: Omit<MembershipRow, 'id'>): Promise<MembershipRow> {
    const rows: MembershipRow[] = await m.query(
      `INSERT INTO ${SCHEMA}.memberships (group_id, unit_id, subgroup_id, valid_from, valid_to)
       VALUES ($1, $2, $3, $4, $5) RETURNING ${MEMBERSHIP_COLS}`,
      [r.group_id, r.unit_id, r.subgroup_id, r.valid_from, r.valid_to],
    );
    return rows[0];
  }

  async update(
    m: EntityManager,
    id: string,
    validTo: string | null,
    subgroupId: string | null,
  ): Promise<MembershipRow> {
    const [rows] = await m.query(
      `UPDATE ${SCHEMA}.memberships SET valid_to = $2, subgroup_id = $3 WHERE id = $1
       RETURNING ${MEMBERSHIP_COLS}`,
      [id, validTo, subgroupId],
    );
    return rows[0];
  }

  transaction<T>(work: (m: EntityManager) => Promise<T>): Promise<T> {
    return this.ds.transaction(work);
  }
}

import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { CreateGroupDto, ListGroupsQuery } from '@tdkt/contracts';
import { escapeLike, fold, nfc } from '@tdkt/domain';
import { DataSource, EntityManager } from 'typeorm';
import { SCHEMA } from '../database/entities';
import { idOrCode } from '../units/units.repository';

export interface GroupRow {
  id: string;
  code: string;
  name: string;
  kind: string;
  organiser_kind: string;
  organiser_unit_id: string | null;
  valid_from: string | null;
  valid_to: string | null;
}

export interface SubgroupRow {
  id: string;
  group_id: string;
  code: string;
  name: string;
}

const COLS = 'g.id, g.code, g.name, g.kind, g.organiser_kind, g.organiser_unit_id, g.valid_from, g.valid_to';
const SUBGROUP_COLS = 'id, group_id, code, name';

/** All SQL of groups and subgroups. */
@Injectable()
export class GroupsRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  async find(id: string, m: EntityManager | DataSource = this.ds): Promise<GroupRow | undefined> {
    const w = idOrCode('g', id);
    const rows: GroupRow[] = await m.query(`SELECT ${COLS} FROM ${SCHEMA}.groups g WHERE ${w.sql}`, [
      w.param,
    ]);
    return rows[0];
  }

  async list(q: ListGroupsQuery): Promise<{ rows: GroupRow[]; total: number }> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (q.q) {
      params.push(`%${escapeLike(fold(q.q))}%`);
      where.push(`g.name_search LIKE $${params.length}`);
    }
    if (q.kind) {
      params.push(q.kind);
      where.push(`g.kind = $${params.length}`);
    }
    if (q.year) {
      params.push(`${q.year}-01-01`, `${q.year}-12-31`);
      where.push(
        `(g.valid_from IS NULL OR g.valid_from <= $${params.length}) AND (g.valid_to IS NULL OR g.valid_to >= $${params.length - 1})`,
      );
    }
    const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
    params.push(q.limit ?? 50, q.offset ?? 0);
    const rows: (GroupRow & { total: number })[] = await this.ds.query(
      `SELECT ${COLS}, count(*) OVER ()::int AS total FROM ${SCHEMA}.groups g ${clause}
       ORDER BY g.name_search LIMIT $${params.length - 1} OFFSET $${params.length}`,
      params,
    );
    return { rows, total: rows[0]?.total ?? 0 };
  }

  async insert(m: EntityManager, dto: CreateGroupDto, organiserUnitId: string | null): Promise<GroupRow> {
    const name = nfc(dto.name);
    const rows: GroupRow[] = await m.query(
      `INSERT INTO ${SCHEMA}.groups (code, name, name_search, kind, organiser_kind, organiser_unit_id, valid_from, valid_to)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING ${COLS.replace(/g\./g, '')}`,
      [
        dto.code,
        name,
        fold(name),
        dto.kind,
        dto.organiserKind,
        organiserUnitId,
        dto.validFrom ?? null,
        dto.validTo ?? null,
      ],
    );
    return rows[0];
  }

  async update(
    m: EntityManager,
    id: string,
    patch: { name?: string; validTo?: string | null },
  ): Promise<GroupRow> {
    const sets: string[] = ['updated_at = now()'];
    const params: unknown[] = [id];
    if (patch.name !== undefined) {
      params.push(nfc(patch.name), fold(patch.name));
      sets.push(`name = $${params.length - 1}`, `name_search = $${params.length}`);
    }
    if (patch.validTo !== undefined) {
      params.push(patch.validTo);
      sets.push(`valid_to = $${params.length}`);
    }
    const [rows] = await m.query(
      `UPDATE ${SCHEMA}.groups SET ${sets.join(', ')} WHERE id = $1 RETURNING ${COLS.replace(/g\./g, '')}`,
      params,
    );
    return rows[0];
  }

  async subgroups(groupId: string): Promise<SubgroupRow[]> {
    return this.ds.query(
      `SELECT ${SUBGROUP_COLS} FROM ${SCHEMA}.subgroups WHERE group_id = $1 ORDER BY code`,
      [groupId],
    );
  }

  /** A subgroup of the group, by UUID or code. */
  async findSubgroup(groupId: string, idOrCodeValue: string): Promise<SubgroupRow | undefined> {
    const w = idOrCode('s', idOrCodeValue);
    const rows: SubgroupRow[] = await this.ds.query(
      `SELECT ${SUBGROUP_COLS} FROM ${SCHEMA}.subgroups s WHERE ${w.sql.replace('$1', '$2')} AND s.group_id = $1`,
      [groupId, w.param],
    );
    return rows[0];
  }

  async insertSubgroup(groupId: string, code: string, name: string): Promise<SubgroupRow> {
    const rows: SubgroupRow[] = await this.ds.query(
      `INSERT INTO ${SCHEMA}.subgroups (group_id, code, name) VALUES ($1, $2, $3) RETURNING ${SUBGROUP_COLS}`,
      [groupId, code, nfc(name)],
    );
    return rows[0];
  }

  transaction<T>(work: (m: EntityManager) => Promise<T>): Promise<T> {
    return this.ds.transaction(work);
  }
}

import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { SCHEMA } from '../database/entities';

/** A stored candidate: the unit and its votes (null without a vote). */
export interface StoredCandidate {
  unitId: string;
  votes: number | null;
}

/** A nomination with its unit's code and name. */
export interface NominationRow {
  group_id: string;
  year: number;
  role: string;
  unit_id: string;
  unit_code: string;
  unit_name: string;
  method: string;
  candidates: StoredCandidate[];
  nominated_at: Date;
  confirmed_on: string | null;
}

type Db = EntityManager | DataSource;

/** All SQL of next year's chair and vice-chair as nominated (`nominations`). */
@Injectable()
export class NominationsRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  async ofGroupYear(groupId: string, year: number, m: Db = this.ds): Promise<NominationRow[]> {
    return m.query(
      `SELECT n.group_id, n.year, n.role, n.unit_id, u.code AS unit_code, u.name AS unit_name, n.method,
              n.candidates, n.nominated_at, to_char(n.confirmed_on, 'YYYY-MM-DD') AS confirmed_on
       FROM ${SCHEMA}.nominations n JOIN ${SCHEMA}.units u ON u.id = n.unit_id
       WHERE n.group_id = $1 AND n.year = $2`,
      [groupId, year],
    );
  }

  /** Serialises nominating and confirming one group-year (the state checks then hold). */
  async lock(m: EntityManager, groupId: string): Promise<void> {
    await m.query(`SELECT 1 FROM ${SCHEMA}.groups WHERE id = $1 FOR UPDATE`, [groupId]);
  }

  async put(
    m: EntityManager,
    n: {
      groupId: string;
      year: number;
      role: string;
      unitId: string;
      method: string;
      candidates: StoredCandidate[];
      by: string;
    },
  ): Promise<void> {
    await m.query(
      `INSERT INTO ${SCHEMA}.nominations (group_id, year, role, unit_id, method, candidates, nominated_by)
       VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7)
       ON CONFLICT (group_id, year, role) DO UPDATE SET unit_id = EXCLUDED.unit_id, method = EXCLUDED.method,
         candidates = EXCLUDED.candidates, nominated_by = EXCLUDED.nominated_by, nominated_at = now(),
         confirmed_on = NULL`,
      [n.groupId, n.year, n.role, n.unitId, n.method, JSON.stringify(n.candidates), n.by],
    );
  }

  async confirm(m: EntityManager, groupId: string, year: number, on: string): Promise<void> {
    await m.query(`UPDATE ${SCHEMA}.nominations SET confirmed_on = $3 WHERE group_id = $1 AND year = $2`, [
      groupId,
      year,
      on,
    ]);
  }

  transaction<T>(work: (m: EntityManager) => Promise<T>): Promise<T> {
    return this.ds.transaction(work);
  }
}

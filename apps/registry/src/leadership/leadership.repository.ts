import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { SCHEMA } from '../database/entities';
import { UNIT_COLUMNS, UnitRow } from '../units/units.repository';

/** A leader of a group-year: the unit, its role (CHAIR, VICE_CHAIR) and how it was chosen. */
export interface LeaderRow extends UnitRow {
  role: string;
  chosen_by: string;
  decided_on: string | null;
}

/** All SQL of the chair and vice-chair per group-year (`leaderships`). */
@Injectable()
export class LeadershipRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  async leaders(
    groupId: string,
    year: number,
    m: EntityManager | DataSource = this.ds,
  ): Promise<LeaderRow[]> {
    return m.query(
      `SELECT l.role, l.chosen_by, l.decided_on, ${UNIT_COLUMNS}
       FROM ${SCHEMA}.leaderships l JOIN ${SCHEMA}.units u ON u.id = l.unit_id
       WHERE l.group_id = $1 AND l.year = $2`,
      [groupId, year],
    );
  }

  async clear(m: EntityManager, groupId: string, year: number, role: string): Promise<void> {
    await m.query(`DELETE FROM ${SCHEMA}.leaderships WHERE group_id = $1 AND year = $2 AND role = $3`, [
      groupId,
      year,
      role,
    ]);
  }

  async put(
    m: EntityManager,
    groupId: string,
    year: number,
    role: string,
    leader: { unitId: string; chosenBy: string | undefined; decidedOn: string | null },
  ): Promise<void> {
    await m.query(
      `INSERT INTO ${SCHEMA}.leaderships (group_id, year, role, unit_id, chosen_by, decided_on)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (group_id, year, role) DO UPDATE
         SET unit_id = EXCLUDED.unit_id, chosen_by = EXCLUDED.chosen_by, decided_on = EXCLUDED.decided_on`,
      [groupId, year, role, leader.unitId, leader.chosenBy, leader.decidedOn],
    );
  }

  transaction<T>(work: (m: EntityManager) => Promise<T>): Promise<T> {
    return this.ds.transaction(work);
  }
}

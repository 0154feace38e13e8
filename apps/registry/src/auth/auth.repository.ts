import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
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

/** All SQL of sign-in: users, their role assignments, and the leadership their units hold. */
@Injectable()
export class AuthRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /** The active user of that (already normalised) username. */
  async activeUser(username: string): Promise<UserRow | undefined> {
    const rows: UserRow[] = await this.ds.query(
      `SELECT id, username, display_name, password_hash, unit_id FROM ${SCHEMA}.users WHERE username = $1 AND active`,
      [username],
    );
    return rows[0];
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
}

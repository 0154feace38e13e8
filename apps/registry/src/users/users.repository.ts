import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
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

/** All SQL of the users to notify (notifications asks at send time). */
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
}

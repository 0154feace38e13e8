import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { execute } from '@tdkt/platform';
import { DataSource, EntityManager } from 'typeorm';
import { SCHEMA } from '../database/entities';

/** A unit as a conference names it. */
export interface UnitRefRow {
  id: string;
  code: string;
  name: string;
}

/** The stored lists of a conference (unit ids resolved; see conferences.views for their shapes). */
export interface StoredChair {
  unitId: string;
  role: string;
}
export interface StoredProgrammeItem {
  order: number;
  at: string | null;
  title: string;
  presenterUnitId: string | null;
  presenter: string | null;
}
export interface StoredInvitee {
  title: string;
  role: string | null;
  unitId: string | null;
}
export interface StoredDuty {
  unitId: string | null;
  holder: string | null;
  text: string;
  dueOn: string | null;
  offsetDays: number | null;
}
export interface StoredAttendee {
  unitId: string;
  present: boolean;
  representative: string | null;
}

export interface ConferenceRow {
  id: string;
  group_id: string;
  year: number;
  kind: string;
  starts_at: Date | null;
  ends_at: Date | null;
  place: string | null;
  host_unit_id: string | null;
  chairs: StoredChair[];
  programme: StoredProgrammeItem[];
  invitees: StoredInvitee[];
  duties: StoredDuty[];
  attendance: StoredAttendee[];
  updated_at: Date;
}

/** What planning writes (everything but the attendance). */
export interface ConferencePlan {
  startsAt: string | null;
  endsAt: string | null;
  place: string | null;
  hostUnitId: string | null;
  chairs: StoredChair[];
  programme: StoredProgrammeItem[];
  invitees: StoredInvitee[];
  duties: StoredDuty[];
}

const COLS =
  'id, group_id, year, kind, starts_at, ends_at, place, host_unit_id, chairs, programme, invitees, duties, attendance, updated_at';

type Db = EntityManager | DataSource;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** All SQL of conferences. */
@Injectable()
export class ConferencesRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /** A group-year's conferences (preparatory first). */
  async ofGroupYear(groupId: string, year: number, m: Db = this.ds): Promise<ConferenceRow[]> {
    return m.query(
      `SELECT ${COLS} FROM ${SCHEMA}.conferences WHERE group_id = $1 AND year = $2
       ORDER BY CASE kind WHEN 'PREPARATORY' THEN 0 ELSE 1 END`,
      [groupId, year],
    );
  }

  async find(
    groupId: string,
    year: number,
    kind: string,
    m: Db = this.ds,
  ): Promise<ConferenceRow | undefined> {
    const rows: ConferenceRow[] = await m.query(
      `SELECT ${COLS} FROM ${SCHEMA}.conferences WHERE group_id = $1 AND year = $2 AND kind = $3`,
      [groupId, year, kind],
    );
    return rows[0];
  }

  /** Creates the conference or replaces its plan (its attendance is kept). */
  async upsert(
    m: EntityManager,
    groupId: string,
    year: number,
    kind: string,
    p: ConferencePlan,
  ): Promise<ConferenceRow> {
    const [row]: ConferenceRow[] = await m.query(
      `INSERT INTO ${SCHEMA}.conferences
         (group_id, year, kind, starts_at, ends_at, place, host_unit_id, chairs, programme, invitees, duties)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb, $9::jsonb, $10::jsonb, $11::jsonb)
       ON CONFLICT (group_id, year, kind) DO UPDATE SET starts_at = EXCLUDED.starts_at, ends_at = EXCLUDED.ends_at,
         place = EXCLUDED.place, host_unit_id = EXCLUDED.host_unit_id, chairs = EXCLUDED.chairs,
         programme = EXCLUDED.programme, invitees = EXCLUDED.invitees, duties = EXCLUDED.duties, updated_at = now()
       RETURNING ${COLS}`,
      [
        groupId,
        year,
        kind,
        p.startsAt,
        p.endsAt,
        p.place,
        p.hostUnitId,
        JSON.stringify(p.chairs),
        JSON.stringify(p.programme),
        JSON.stringify(p.invitees),
        JSON.stringify(p.duties),
      ],
    );
    return row;
  }

  async setAttendance(m: EntityManager, id: string, attendance: StoredAttendee[]): Promise<ConferenceRow> {
    const { rows } = await execute<ConferenceRow>(
      m,
      `UPDATE ${SCHEMA}.conferences SET attendance = $2::jsonb, updated_at = now() WHERE id = $1 RETURNING ${COLS}`,
      [id, JSON.stringify(attendance)],
    );
    return rows[0];
  }

  /** The units named by id (a UUID) or code, each through its index. */
  async unitsByRef(refs: string[], m: Db = this.ds): Promise<UnitRefRow[]> {
    if (refs.length === 0) return [];
    const ids = refs.filter((r) => UUID.test(r)).map((r) => r.toLowerCase());
    const codes = refs.filter((r) => !UUID.test(r));
    return m.query(
      `SELECT id, code, name FROM ${SCHEMA}.units WHERE id = ANY($1::uuid[]) OR code = ANY($2::text[])`,
      [ids, codes],
    );
  }

  /** The ids of the group's member units at any time of the year. */
  async memberIds(groupId: string, year: number, m: Db = this.ds): Promise<Set<string>> {
    const rows: { unit_id: string }[] = await m.query(
      `SELECT DISTINCT unit_id FROM ${SCHEMA}.memberships
       WHERE group_id = $1 AND valid_from <= make_date($2, 12, 31)
         AND (valid_to IS NULL OR valid_to >= make_date($2, 1, 1))`,
      [groupId, year],
    );
    return new Set(rows.map((r) => r.unit_id));
  }

  transaction<T>(work: (m: EntityManager) => Promise<T>): Promise<T> {
    return this.ds.transaction(work);
  }
}

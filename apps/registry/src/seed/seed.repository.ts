import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { fold, nfc } from '@tdkt/domain';
import { DataSource, EntityManager } from 'typeorm';
import { SCHEMA } from '../database/entities';

/** A unit of the demo registry (upserted by code). */
export interface SeedUnitRow {
  code: string;
  name: string;
  kind: string;
  parentId: string | null;
  validFrom: string | null;
  validTo: string | null;
}

/** A group of the demo registry (upserted by code). */
export interface SeedGroupRow {
  code: string;
  name: string;
  kind: string;
  organiserKind: string;
  organiserUnitId: string | null;
}

export interface SeedMilestoneRow {
  code: string;
  title: string;
  startsOn?: string;
  dueOn?: string;
  anchorCode?: string;
  offsetDays?: number;
  submissionKinds?: string[];
}

/**
 * All SQL of the demo seed. Every write converges (upsert by natural key, or insert when absent), so
 * the seed runs at every start and never duplicates.
 */
@Injectable()
export class SeedRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /** One transaction for the whole seed, taken by one instance at a time. */
  transaction<T>(work: (m: EntityManager) => Promise<T>): Promise<T> {
    return this.ds.transaction(async (m) => {
      await m.query('SELECT pg_advisory_xact_lock(hashtext($1))', ['registry:demo-seed']);
      return work(m);
    });
  }

  async upsertUnit(m: EntityManager, u: SeedUnitRow): Promise<string> {
    const name = nfc(u.name);
    const [row] = await m.query(
      `INSERT INTO ${SCHEMA}.units (code, name, name_search, kind, parent_id, valid_from, valid_to)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, name_search = EXCLUDED.name_search,
         kind = EXCLUDED.kind, parent_id = EXCLUDED.parent_id, valid_from = EXCLUDED.valid_from,
         valid_to = EXCLUDED.valid_to
       RETURNING id`,
      [u.code, name, fold(name), u.kind, u.parentId, u.validFrom, u.validTo],
    );
    return row.id;
  }

  async addSuccession(
    m: EntityManager,
    predecessorId: string,
    successorId: string,
    effectiveOn: string,
  ): Promise<void> {
    await m.query(
      `INSERT INTO ${SCHEMA}.unit_successions (predecessor_id, successor_id, effective_on) VALUES ($1, $2, $3)
       ON CONFLICT DO NOTHING`,
      [predecessorId, successorId, effectiveOn],
    );
  }

  /** Code → id of every group. */
  async groupIds(m: EntityManager): Promise<Map<string, string>> {
    const rows: { code: string; id: string }[] = await m.query(`SELECT code, id FROM ${SCHEMA}.groups`);
    return new Map(rows.map((r) => [r.code, r.id]));
  }

  /** The user (active again, with this password), by username; returns its id. */
  async upsertUser(
    m: EntityManager,
    u: { username: string; displayName: string; passwordHash: string; unitId: string | null; email: string },
  ): Promise<string> {
    const [row] = await m.query(
      `INSERT INTO ${SCHEMA}.users (username, display_name, password_hash, unit_id, email) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (username) DO UPDATE SET display_name = EXCLUDED.display_name,
         password_hash = EXCLUDED.password_hash, unit_id = EXCLUDED.unit_id, email = EXCLUDED.email, active = true
       RETURNING id`,
      [u.username, nfc(u.displayName), u.passwordHash, u.unitId, u.email],
    );
    return row.id;
  }

  /** The user's role assignments become exactly this one. */
  async replaceRole(
    m: EntityManager,
    userId: string,
    grant: { role: string; unitId: string | null; groupId: string | null },
  ): Promise<void> {
    await m.query(`DELETE FROM ${SCHEMA}.role_assignments WHERE user_id = $1`, [userId]);
    await m.query(
      `INSERT INTO ${SCHEMA}.role_assignments (user_id, role, unit_id, group_id) VALUES ($1, $2, $3, $4)`,
      [userId, grant.role, grant.unitId, grant.groupId],
    );
  }

  /** The group by code (its name follows the seed; the rest is kept); returns its id. */
  async upsertGroup(m: EntityManager, g: SeedGroupRow): Promise<string> {
    const name = nfc(g.name);
    const [group] = await m.query(
      `INSERT INTO ${SCHEMA}.groups (code, name, name_search, kind, organiser_kind, organiser_unit_id)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, name_search = EXCLUDED.name_search
       RETURNING id`,
      [g.code, name, fold(name), g.kind, g.organiserKind, g.organiserUnitId],
    );
    return group.id;
  }

  async upsertSubgroup(m: EntityManager, groupId: string, code: string, name: string): Promise<string> {
    const [sub] = await m.query(
      `INSERT INTO ${SCHEMA}.subgroups (group_id, code, name) VALUES ($1, $2, $3)
       ON CONFLICT (group_id, code) DO UPDATE SET name = EXCLUDED.name RETURNING id`,
      [groupId, code, nfc(name)],
    );
    return sub.id;
  }

  /** The membership, unless the unit already has one in the group from that day. */
  async addMembership(
    m: EntityManager,
    r: {
      groupId: string;
      unitId: string;
      subgroupId: string | null;
      validFrom: string;
      validTo: string | null;
    },
  ): Promise<void> {
    await m.query(
      `INSERT INTO ${SCHEMA}.memberships (group_id, unit_id, subgroup_id, valid_from, valid_to)
       SELECT $1, $2, $3, $4, $5 WHERE NOT EXISTS (
         SELECT 1 FROM ${SCHEMA}.memberships WHERE group_id = $1 AND unit_id = $2 AND valid_from = $4)`,
      [r.groupId, r.unitId, r.subgroupId, r.validFrom, r.validTo],
    );
  }

  async putLeader(
    m: EntityManager,
    r: { groupId: string; year: number; role: string; unitId: string; chosenBy: string },
  ): Promise<void> {
    await m.query(
      `INSERT INTO ${SCHEMA}.leaderships (group_id, year, role, unit_id, chosen_by) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (group_id, year, role) DO UPDATE SET unit_id = EXCLUDED.unit_id, chosen_by = EXCLUDED.chosen_by`,
      [r.groupId, r.year, r.role, r.unitId, r.chosenBy],
    );
  }

  /** The group-year's campaign (retitled if it exists); returns its id. */
  async upsertCampaign(
    m: EntityManager,
    r: { groupId: string; year: number; title: string; latePolicy: string },
  ): Promise<string> {
    const [campaign] = await m.query(
      `INSERT INTO ${SCHEMA}.campaigns (group_id, year, title, late_policy) VALUES ($1, $2, $3, $4)
       ON CONFLICT (group_id, year) DO UPDATE SET title = EXCLUDED.title RETURNING id`,
      [r.groupId, r.year, nfc(r.title), r.latePolicy],
    );
    return campaign.id;
  }

  /** The milestone, unless the campaign already has one of that code (changes made since are kept). */
  async addMilestone(m: EntityManager, campaignId: string, ms: SeedMilestoneRow): Promise<void> {
    await m.query(
      `INSERT INTO ${SCHEMA}.milestones (campaign_id, code, title, starts_on, due_on, anchor_code, offset_days, submission_kinds)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (campaign_id, code) DO NOTHING`,
      [
        campaignId,
        ms.code,
        nfc(ms.title),
        ms.startsOn ?? null,
        ms.dueOn ?? null,
        ms.anchorCode ?? null,
        ms.offsetDays ?? null,
        ms.submissionKinds ?? [],
      ],
    );
  }

  /**
   * A conference of the demo campaign, unless the group-year already has one of that kind (plans
   * made since are kept). The lists are stored as the conferences feature stores them.
   */
  async addConference(
    m: EntityManager,
    r: {
      groupId: string;
      year: number;
      kind: string;
      place: string;
      hostUnitId: string;
      chairs: unknown[];
      programme: unknown[];
      invitees: unknown[];
      duties: unknown[];
    },
  ): Promise<void> {
    await m.query(
      `INSERT INTO ${SCHEMA}.conferences (group_id, year, kind, place, host_unit_id, chairs, programme, invitees, duties)
       VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7::jsonb, $8::jsonb, $9::jsonb)
       ON CONFLICT (group_id, year, kind) DO NOTHING`,
      [
        r.groupId,
        r.year,
        r.kind,
        nfc(r.place),
        r.hostUnitId,
        JSON.stringify(r.chairs),
        JSON.stringify(r.programme),
        JSON.stringify(r.invitees),
        JSON.stringify(r.duties),
      ],
    );
  }
}

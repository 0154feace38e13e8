import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { LeadershipRole, Role, UnitKind } from '@tdkt/contracts';
import { fold, nfc, slugify } from '@tdkt/domain';
import { DataSource, EntityManager } from 'typeorm';
import { SCHEMA } from '../database/entities';
import { hashPassword } from '../auth/password';
import merger from './data/provinces-2025-merger.json';
import { DEMO_BLOCK_PROVINCE, DEMO_BLOCKS, DEMO_GROUPS, DEMO_USERS, DemoGroup } from './demo-data';

interface SeedUnit {
  code: string;
  name: string;
  kind: UnitKind;
  validFrom: string | null;
  validTo: string | null;
  parentCode?: string;
}

const CITY_PREFIX = 'Thành phố ';
const MERGER_DAY = merger.effectiveFrom; // 2025-07-01
const LAST_DAY_BEFORE = '2025-06-30';

function unitFor(name: string, validFrom: string | null, validTo: string | null, codeSuffix = ''): SeedUnit {
  const short = name.startsWith(CITY_PREFIX) ? name.slice(CITY_PREFIX.length) : name;
  return {
    code: slugify(short) + codeSuffix,
    name,
    kind: name.startsWith(CITY_PREFIX) ? UnitKind.CITY : UnitKind.PROVINCE,
    validFrom,
    validTo,
  };
}

/**
 * The provincial units of the 2025 merger fixture: the 63 until 2025-06-30 and the 34 from
 * 2025-07-01, with succession links. A merged unit is a new unit even where it keeps a
 * predecessor's name (code suffixed -2025). Thừa Thiên Huế became the city Huế on 2025-01-01.
 */
export function provinceUnits(): { units: SeedUnit[]; successions: [string, string, string][] } {
  const units: SeedUnit[] = [];
  const successions: [string, string, string][] = [];
  for (const name of merger.unchanged) {
    if (name === 'Thành phố Huế') {
      const before = unitFor('Thừa Thiên Huế', null, '2024-12-31');
      const after = unitFor(name, '2025-01-01', null);
      units.push(before, after);
      successions.push([before.code, after.code, '2025-01-01']);
    } else {
      units.push(unitFor(name, null, null));
    }
  }
  for (const m of merger.merged) {
    const successor = unitFor(m.name, MERGER_DAY, null, '-2025');
    units.push(successor);
    for (const from of m.from) {
      const predecessor = unitFor(from, null, LAST_DAY_BEFORE);
      units.push(predecessor);
      successions.push([predecessor.code, successor.code, MERGER_DAY]);
    }
  }
  return { units, successions };
}

/** Loads the demo registry. Idempotent: run it at every start; it converges, never duplicates. */
@Injectable()
export class DemoSeeder {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  async run(demoPassword: string): Promise<{ units: number; groups: number; users: number }> {
    return this.ds.transaction(async (m) => {
      await m.query('SELECT pg_advisory_xact_lock(hashtext($1))', ['registry:demo-seed']);
      const { units, successions } = provinceUnits();
      const ids = new Map<string, string>();
      const byName = new Map<string, SeedUnit[]>();
      for (const u of units) {
        ids.set(u.code, await this.upsertUnit(m, u, null));
        byName.set(u.name, [...(byName.get(u.name) ?? []), u]);
      }
      for (const [pred, succ, on] of successions) {
        await m.query(
          `INSERT INTO ${SCHEMA}.unit_successions (predecessor_id, successor_id, effective_on) VALUES ($1, $2, $3)
           ON CONFLICT DO NOTHING`,
          [ids.get(pred), ids.get(succ), on],
        );
      }
      /** The unit of that name valid on `date`. */
      const unitOn = (name: string, date: string): string => {
        const found = (byName.get(name) ?? []).find(
          (u) => (u.validFrom === null || u.validFrom <= date) && (u.validTo === null || u.validTo >= date),
        );
        if (!found) throw new Error(`demo data: no unit ${name} on ${date}`);
        return ids.get(found.code) as string;
      };
      const provinceId = unitOn(DEMO_BLOCK_PROVINCE, '2023-01-01');
      for (const block of DEMO_BLOCKS) {
        for (const dept of block.members ?? []) {
          const u: SeedUnit = {
            code: `${slugify(dept)}-${slugify(DEMO_BLOCK_PROVINCE)}`,
            name: `${dept} tỉnh ${DEMO_BLOCK_PROVINCE}`,
            kind: UnitKind.DEPARTMENT,
            validFrom: null,
            validTo: null,
          };
          ids.set(u.code, await this.upsertUnit(m, u, provinceId));
          byName.set(dept, [u]);
        }
      }
      let groups = 0;
      for (const g of [...DEMO_GROUPS, ...DEMO_BLOCKS]) {
        await this.seedGroup(m, g, unitOn, g.organiserUnit ? provinceId : null);
        groups += 1;
      }
      const hash = await hashPassword(demoPassword);
      const groupIds = new Map<string, string>(
        (await m.query(`SELECT code, id FROM ${SCHEMA}.groups`)).map((r: { code: string; id: string }) => [
          r.code,
          r.id,
        ]),
      );
      for (const user of DEMO_USERS) {
        const unitId = user.unit ? unitOn(user.unit, '2023-06-30') : null;
        const [row] = await m.query(
          `INSERT INTO ${SCHEMA}.users (username, display_name, password_hash, unit_id) VALUES ($1, $2, $3, $4)
           ON CONFLICT (username) DO UPDATE SET display_name = EXCLUDED.display_name,
             password_hash = EXCLUDED.password_hash, unit_id = EXCLUDED.unit_id, active = true
           RETURNING id`,
          [user.username, nfc(user.displayName), hash, unitId],
        );
        await m.query(`DELETE FROM ${SCHEMA}.role_assignments WHERE user_id = $1`, [row.id]);
        await m.query(
          `INSERT INTO ${SCHEMA}.role_assignments (user_id, role, unit_id, group_id) VALUES ($1, $2, $3, $4)`,
          [
            row.id,
            user.role,
            user.role === Role.UNIT_OFFICER ? unitId : null,
            user.group ? groupIds.get(user.group) : null,
          ],
        );
      }
      return { units: ids.size, groups, users: DEMO_USERS.length };
    });
  }

  private async upsertUnit(m: EntityManager, u: SeedUnit, parentId: string | null): Promise<string> {
    const name = nfc(u.name);
    const [row] = await m.query(
      `INSERT INTO ${SCHEMA}.units (code, name, name_search, kind, parent_id, valid_from, valid_to)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, name_search = EXCLUDED.name_search,
         kind = EXCLUDED.kind, parent_id = EXCLUDED.parent_id, valid_from = EXCLUDED.valid_from,
         valid_to = EXCLUDED.valid_to
       RETURNING id`,
      [u.code, name, fold(name), u.kind, parentId, u.validFrom, u.validTo],
    );
    return row.id;
  }

  private async seedGroup(
    m: EntityManager,
    g: DemoGroup,
    unitOn: (name: string, date: string) => string,
    organiserUnitId: string | null,
  ): Promise<void> {
    const name = nfc(g.name);
    const [group] = await m.query(
      `INSERT INTO ${SCHEMA}.groups (code, name, name_search, kind, organiser_kind, organiser_unit_id)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, name_search = EXCLUDED.name_search
       RETURNING id`,
      [g.code, name, fold(name), g.kind, g.organiserKind, organiserUnitId],
    );
    const members: { unitId: string; subgroupId: string | null }[] = [];
    for (const s of g.subgroups ?? []) {
      const [sub] = await m.query(
        `INSERT INTO ${SCHEMA}.subgroups (group_id, code, name) VALUES ($1, $2, $3)
         ON CONFLICT (group_id, code) DO UPDATE SET name = EXCLUDED.name RETURNING id`,
        [group.id, s.code, nfc(s.name)],
      );
      for (const unit of s.members)
        members.push({ unitId: unitOn(unit, g.membershipFrom), subgroupId: sub.id });
    }
    for (const unit of g.members ?? [])
      members.push({ unitId: unitOn(unit, g.membershipFrom), subgroupId: null });
    for (const mem of members) {
      await m.query(
        `INSERT INTO ${SCHEMA}.memberships (group_id, unit_id, subgroup_id, valid_from, valid_to)
         SELECT $1, $2, $3, $4, $5 WHERE NOT EXISTS (
           SELECT 1 FROM ${SCHEMA}.memberships WHERE group_id = $1 AND unit_id = $2 AND valid_from = $4)`,
        [group.id, mem.unitId, mem.subgroupId, g.membershipFrom, g.membershipTo],
      );
    }
    for (const l of g.leadership) {
      const date = `${l.year}-06-30`;
      const rows: [LeadershipRole, string | undefined][] = [
        [LeadershipRole.CHAIR, l.chair],
        [LeadershipRole.VICE_CHAIR, l.vice],
      ];
      for (const [role, unit] of rows) {
        if (!unit) continue;
        await m.query(
          `INSERT INTO ${SCHEMA}.leaderships (group_id, year, role, unit_id, chosen_by) VALUES ($1, $2, $3, $4, $5)
           ON CONFLICT (group_id, year, role) DO UPDATE SET unit_id = EXCLUDED.unit_id, chosen_by = EXCLUDED.chosen_by`,
          [group.id, l.year, role, unitOn(unit, date), l.chosenBy],
        );
      }
    }
    for (const c of g.campaigns) {
      const [campaign] = await m.query(
        `INSERT INTO ${SCHEMA}.campaigns (group_id, year, title, late_policy) VALUES ($1, $2, $3, $4)
         ON CONFLICT (group_id, year) DO UPDATE SET title = EXCLUDED.title RETURNING id`,
        [group.id, c.year, nfc(c.title), c.latePolicy],
      );
      for (const ms of c.milestones) {
        await m.query(
          `INSERT INTO ${SCHEMA}.milestones (campaign_id, code, title, starts_on, due_on, anchor_code, offset_days, submission_kinds)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
           ON CONFLICT (campaign_id, code) DO NOTHING`,
          [
            campaign.id,
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
    }
  }
}

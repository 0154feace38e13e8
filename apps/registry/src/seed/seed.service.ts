import { Injectable } from '@nestjs/common';
import { LeadershipRole, UnitKind } from '@tdkt/contracts';
import { assignedGrant, nfc, slugify } from '@tdkt/domain';
import { EntityManager } from 'typeorm';
import { hashPassword } from '../auth/password';
import merger from './data/provinces-2025-merger.json';
import { DEMO_BLOCK_PROVINCE, DEMO_BLOCKS, DEMO_GROUPS, DEMO_USERS, DemoGroup } from './demo-data';
import { SeedRepository } from './seed.repository';

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
  constructor(private readonly repo: SeedRepository) {}

  async run(demoPassword: string): Promise<{ units: number; groups: number; users: number }> {
    return this.repo.transaction(async (m) => {
      const { units, successions } = provinceUnits();
      const ids = new Map<string, string>();
      const byName = new Map<string, SeedUnit[]>();
      for (const u of units) {
        ids.set(u.code, await this.repo.upsertUnit(m, { ...u, parentId: null }));
        byName.set(u.name, [...(byName.get(u.name) ?? []), u]);
      }
      for (const [pred, succ, on] of successions) {
        await this.repo.addSuccession(m, ids.get(pred) as string, ids.get(succ) as string, on);
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
          ids.set(u.code, await this.repo.upsertUnit(m, { ...u, parentId: provinceId }));
          byName.set(dept, [u]);
        }
      }
      let groups = 0;
      for (const g of [...DEMO_GROUPS, ...DEMO_BLOCKS]) {
        await this.seedGroup(m, g, unitOn, g.organiserUnit ? provinceId : null);
        groups += 1;
      }
      const hash = await hashPassword(demoPassword);
      const groupIds = await this.repo.groupIds(m);
      for (const user of DEMO_USERS) {
        const unitId = user.unit ? unitOn(user.unit, '2023-06-30') : null;
        const userId = await this.repo.upsertUser(m, {
          username: user.username,
          displayName: user.displayName,
          passwordHash: hash,
          unitId,
          email: `${user.username}@demo.tdkt.local`,
        });
        const groupId = user.group ? (groupIds.get(user.group) ?? null) : null;
        await this.repo.replaceRole(m, userId, assignedGrant(user.role, { unitId, groupId }));
      }
      return { units: ids.size, groups, users: DEMO_USERS.length };
    });
  }

  private async seedGroup(
    m: EntityManager,
    g: DemoGroup,
    unitOn: (name: string, date: string) => string,
    organiserUnitId: string | null,
  ): Promise<void> {
    const groupId = await this.repo.upsertGroup(m, {
      code: g.code,
      name: g.name,
      kind: g.kind,
      organiserKind: g.organiserKind,
      organiserUnitId,
    });
    const members: { unitId: string; subgroupId: string | null }[] = [];
    for (const s of g.subgroups ?? []) {
      const subgroupId = await this.repo.upsertSubgroup(m, groupId, s.code, s.name);
      for (const unit of s.members) members.push({ unitId: unitOn(unit, g.membershipFrom), subgroupId });
    }
    for (const unit of g.members ?? [])
      members.push({ unitId: unitOn(unit, g.membershipFrom), subgroupId: null });
    for (const mem of members) {
      await this.repo.addMembership(m, {
        groupId,
        unitId: mem.unitId,
        subgroupId: mem.subgroupId,
        validFrom: g.membershipFrom,
        validTo: g.membershipTo,
      });
    }
    for (const l of g.leadership) {
      const date = `${l.year}-06-30`;
      const rows: [LeadershipRole, string | undefined][] = [
        [LeadershipRole.CHAIR, l.chair],
        [LeadershipRole.VICE_CHAIR, l.vice],
      ];
      for (const [role, unit] of rows) {
        if (!unit) continue;
        await this.repo.putLeader(m, {
          groupId,
          year: l.year,
          role,
          unitId: unitOn(unit, date),
          chosenBy: l.chosenBy,
        });
      }
    }
    for (const c of g.campaigns) {
      const campaignId = await this.repo.upsertCampaign(m, {
        groupId,
        year: c.year,
        title: c.title,
        latePolicy: c.latePolicy,
      });
      for (const ms of c.milestones) await this.repo.addMilestone(m, campaignId, ms);
      for (const conf of c.conferences ?? []) {
        const at = (name: string) => unitOn(name, '2023-06-30');
        await this.repo.addConference(m, {
          groupId,
          year: c.year,
          kind: conf.kind,
          place: conf.place,
          hostUnitId: at(conf.host),
          chairs: conf.chairs.map(([unit, role]) => ({ unitId: at(unit), role })),
          programme: conf.programme.map((p, i) => ({
            order: i + 1,
            at: null,
            title: nfc(p.title),
            presenterUnitId: p.presenter ? at(p.presenter) : null,
            presenter: null,
          })),
          invitees: conf.invitees.map((x) => ({ title: nfc(x.title), role: nfc(x.role), unitId: null })),
          duties: conf.duties.map((d) => ({
            unitId: d.unit ? at(d.unit) : null,
            holder: d.holder ?? null,
            text: nfc(d.text),
            dueOn: d.dueOn ?? null,
            offsetDays: d.offsetDays ?? null,
          })),
        });
      }
    }
  }
}

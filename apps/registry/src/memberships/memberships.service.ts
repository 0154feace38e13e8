import { Injectable } from '@nestjs/common';
import {
  CreateMembershipRequest,
  CurrentSuccessorsView,
  MembersRequest,
  MembersView,
  MembershipView,
  RegistryEvents,
  SubgroupView,
  UnitView,
  UpdateMembershipRequest,
} from '@tdkt/contracts';
import { dayPeriod, isValidDate, Period, within, yearPeriod } from '@tdkt/domain';
import { addToOutbox, AppError, makeEnvelope } from '@tdkt/platform';
import { EntityManager } from 'typeorm';
import { SCHEMA } from '../database/entities';
import { GroupRow, GroupsRepository, toGroupView } from '../groups/groups.repository';
import { GroupsService } from '../groups/groups.service';
import { byVietnameseName, toUnitView } from '../units/unit.mapper';
import { UnitsRepository } from '../units/units.repository';
import { checkDates, UnitsService } from '../units/units.service';
import { MemberRow, MembershipRow, MembershipsRepository } from './memberships.repository';

function periodOf(r: { year?: number; on?: string }): Period {
  if (r.year !== undefined && r.on !== undefined)
    throw AppError.field('on', 'give either year or on, not both');
  if (r.on !== undefined) {
    if (!isValidDate(r.on)) throw AppError.field('on', 'is not a calendar date');
    return dayPeriod(r.on);
  }
  if (r.year !== undefined) return yearPeriod(r.year);
  throw AppError.field('year', 'give the year (or a date in on) the question is about');
}

function toMembershipView(r: MemberRow, groupId: string): MembershipView {
  return {
    id: r.membership_id,
    groupId,
    unit: toUnitView(r),
    subgroup: r.s_id ? { id: r.s_id, groupId, code: r.s_code as string, name: r.s_name as string } : null,
    validFrom: r.m_from,
    validTo: r.m_to,
  };
}

@Injectable()
export class MembershipsService {
  constructor(
    private readonly repo: MembershipsRepository,
    private readonly groups: GroupsService,
    private readonly groupsRepo: GroupsRepository,
    private readonly units: UnitsRepository,
    private readonly unitsService: UnitsService,
  ) {}

  private async subgroupOf(
    group: GroupRow,
    idOrCode: string | null | undefined,
    field: string,
  ): Promise<SubgroupView | null> {
    if (!idOrCode) return null;
    const s = await this.groupsRepo.findSubgroup(group.id, idOrCode);
    if (!s) throw AppError.field(field, 'no such subgroup in this group');
    return s;
  }

  /** Who was a member in the year (or on the date) asked: history as it was, never as it is now. */
  async members(r: MembersRequest): Promise<MembersView> {
    const period = periodOf(r);
    const group = await this.groups.get(r.groupId);
    const subgroup = await this.subgroupOf(group, r.subgroup, 'subgroup');
    const rows = await this.repo.members(group.id, period.from, period.to, subgroup?.id);
    const members = rows
      .map((r) => toMembershipView(r, group.id))
      .sort(
        (a, b) =>
          (a.subgroup?.code ?? '\uffff').localeCompare(b.subgroup?.code ?? '\uffff') ||
          byVietnameseName(a.unit, b.unit),
      );
    return { group: toGroupView(group), from: period.from, to: period.to, members };
  }

  /** The units of today that the members of that period have become, each once. */
  async currentSuccessors(r: MembersRequest): Promise<CurrentSuccessorsView> {
    const view = await this.members(r);
    const ids = [...new Set(view.members.map((m) => m.unit.id))];
    const map = await this.unitsService.currentSuccessorsOf(ids);
    const bySuccessor = new Map<string, { unit: UnitView; predecessors: Map<string, UnitView> }>();
    const memberUnits = new Map(view.members.map((m) => [m.unit.id, m.unit]));
    for (const id of ids) {
      for (const s of map.get(id) ?? []) {
        const entry = bySuccessor.get(s.id) ?? { unit: toUnitView(s), predecessors: new Map() };
        entry.predecessors.set(id, memberUnits.get(id) as UnitView);
        bySuccessor.set(s.id, entry);
      }
    }
    const successors = [...bySuccessor.values()]
      .map((e) => ({ unit: e.unit, predecessors: [...e.predecessors.values()].sort(byVietnameseName) }))
      .sort((a, b) => byVietnameseName(a.unit, b.unit));
    return { group: view.group, from: view.from, to: view.to, successors };
  }

  private async emit(m: EntityManager, row: MembershipRow, change: 'ADDED' | 'UPDATED'): Promise<void> {
    await addToOutbox(m, SCHEMA, [
      makeEnvelope(RegistryEvents.membershipChanged, {
        membershipId: row.id,
        groupId: row.group_id,
        unitId: row.unit_id,
        subgroupId: row.subgroup_id,
        validFrom: row.valid_from,
        validTo: row.valid_to,
        change,
      }),
    ]);
  }

  private async view(groupId: string, row: MembershipRow): Promise<MembershipView> {
    const rows = await this.repo.members(groupId, row.valid_from, row.valid_to ?? '9999-12-31');
    const found = rows.find((r) => r.membership_id === row.id) as MemberRow;
    return toMembershipView(found, groupId);
  }

  async create(r: CreateMembershipRequest): Promise<MembershipView> {
    checkDates(r.validFrom, r.validTo);
    const group = await this.groups.get(r.groupId);
    const unit = await this.units.find(r.unitId);
    if (!unit) throw AppError.field('unitId', 'no such unit');
    if (!within(r.validFrom, r.validTo ?? null, unit.valid_from, unit.valid_to)) {
      throw AppError.field(
        r.validTo ? 'validTo' : 'validFrom',
        `the membership must lie within the unit's own dates (${unit.valid_from ?? '…'} – ${unit.valid_to ?? '…'})`,
      );
    }
    if (!within(r.validFrom, r.validTo ?? null, group.valid_from, group.valid_to)) {
      throw AppError.field('validFrom', `the membership must lie within the group's dates`);
    }
    const subgroup = await this.subgroupOf(group, r.subgroupId, 'subgroupId');
    const row = await this.repo.transaction(async (m) => {
      await this.repo.lockPair(m, group.id, unit.id);
      const clash = await this.repo.overlapping(m, group.id, unit.id, r.validFrom, r.validTo ?? null);
      if (clash) {
        throw AppError.conflict(
          `${unit.name} is already a member from ${clash.valid_from} to ${clash.valid_to ?? '…'}`,
          'validFrom',
        );
      }
      const inserted = await this.repo.insert(m, {
        group_id: group.id,
        unit_id: unit.id,
        subgroup_id: subgroup?.id ?? null,
        valid_from: r.validFrom,
        valid_to: r.validTo ?? null,
      });
      await this.emit(m, inserted, 'ADDED');
      return inserted;
    });
    return this.view(group.id, row);
  }

  async update(r: UpdateMembershipRequest): Promise<MembershipView> {
    const group = await this.groups.get(r.groupId);
    const subgroup =
      r.subgroupId === undefined ? undefined : await this.subgroupOf(group, r.subgroupId, 'subgroupId');
    const row = await this.repo.transaction(async (m) => {
      const current = await this.repo.find(m, group.id, r.membershipId);
      if (!current) throw AppError.notFound(`membership ${r.membershipId} not found in this group`);
      const validTo = r.validTo === undefined ? current.valid_to : r.validTo;
      checkDates(current.valid_from, validTo);
      const unit = await this.units.find(current.unit_id, m);
      if (unit && !within(current.valid_from, validTo, unit.valid_from, unit.valid_to)) {
        throw AppError.field('validTo', `must not pass the unit's end (${unit.valid_to})`);
      }
      await this.repo.lockPair(m, group.id, current.unit_id);
      const clash = await this.repo.overlapping(
        m,
        group.id,
        current.unit_id,
        current.valid_from,
        validTo,
        current.id,
      );
      if (clash) throw AppError.conflict(`overlaps the membership from ${clash.valid_from}`, 'validTo');
      const updated = await this.repo.update(
        m,
        current.id,
        validTo,
        subgroup === undefined ? current.subgroup_id : (subgroup?.id ?? null),
      );
      await this.emit(m, updated, 'UPDATED');
      return updated;
    });
    return this.view(group.id, row);
  }
}

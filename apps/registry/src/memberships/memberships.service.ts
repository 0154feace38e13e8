import { Injectable } from '@nestjs/common';
import {
  CreateMembershipRequest,
  CurrentSuccessorsView,
  DEFAULT_PAGE_SIZE,
  MembersPageRequest,
  MembersPageView,
  MembersRequest,
  MembersView,
  MembershipView,
  RegistryEvents,
  UpdateMembershipRequest,
} from '@tdkt/contracts';
import { dayPeriod, isValidDate, Period, within, yearPeriod } from '@tdkt/domain';
import { addToOutbox, AppError, makeEnvelope } from '@tdkt/platform';
import { EntityManager } from 'typeorm';
import { SCHEMA } from '../database/entities';
import { GroupsService } from '../groups/groups.service';
import { toGroupView } from '../groups/groups.views';
import { UnitsRepository } from '../units/units.repository';
import { UnitsService } from '../units/units.service';
import { checkDates } from '../validation';
import { MemberRow, MembershipRow, MembershipsRepository } from './memberships.repository';
import { membershipChanged, toCurrentSuccessorsView, toMembers, toMembershipView } from './memberships.views';

function periodOf(r: { year?: number; on?: string }): Period {
  if (r.year !== undefined && r.on !== undefined) throw AppError.rule('on', 'eitherNotBoth', ['year', 'on']);
  if (r.on !== undefined) {
    if (!isValidDate(r.on)) throw AppError.rule('on', 'isCalendarDate');
    return dayPeriod(r.on);
  }
  if (r.year !== undefined) return yearPeriod(r.year);
  throw AppError.rule('year', 'requiredOneOf', ['year', 'on']);
}

const OPEN = '…';

/**
 * Dated memberships of units in groups. Changes are the central board's, decided by the gateway's
 * guard (MANAGE_GROUPS); the registry keeps the rules of the data (within the unit's and the
 * group's dates, no overlap for one unit in one group).
 */
@Injectable()
export class MembershipsService {
  constructor(
    private readonly repo: MembershipsRepository,
    private readonly groups: GroupsService,
    private readonly units: UnitsRepository,
    private readonly unitsService: UnitsService,
  ) {}

  /** Who was a member in the year (or on the date) asked: history as it was, never as it is now. */
  async members(r: MembersRequest): Promise<MembersView> {
    const period = periodOf(r);
    const group = await this.groups.load(r.groupId);
    const subgroup = await this.groups.subgroupOf(group, r.subgroup, 'subgroup');
    const rows = await this.repo.members(group.id, period.from, period.to, subgroup?.id);
    const view: MembersView = {
      group: toGroupView(group),
      from: period.from,
      to: period.to,
      members: [],
    };
    // Equal names keep the memberships' id order (a stable sort): the same order on every read,
    // so pages of it neither repeat nor skip a member.
    rows.sort((a, b) => (a.membership_id < b.membership_id ? -1 : a.membership_id > b.membership_id ? 1 : 0));
    const members = toMembers(rows, group.id);
    if (r.limit === undefined) return { ...view, members };
    // Paged (a large group in several replies): a slice of the same order.
    const offset = r.offset ?? 0;
    const end = offset + r.limit;
    return {
      ...view,
      members: members.slice(offset, end),
      total: members.length,
      nextOffset: end < members.length ? end : null,
    };
  }

  /** One page of who was a member in the year (or on the date) asked, ordered and cut in SQL. */
  async membersPage(r: MembersPageRequest): Promise<MembersPageView> {
    const period = periodOf(r);
    const group = await this.groups.load(r.groupId);
    const subgroup = await this.groups.subgroupOf(group, r.subgroup, 'subgroup');
    const limit = r.limit ?? DEFAULT_PAGE_SIZE;
    const offset = r.offset ?? 0;
    const { rows, total } = await this.repo.membersPage(group.id, period.from, period.to, subgroup?.id, {
      sort: r.sort ?? 'subgroup',
      limit,
      offset,
    });
    return {
      group: toGroupView(group),
      from: period.from,
      to: period.to,
      items: rows.map((row) => toMembershipView(row, group.id)),
      total,
      limit,
      offset,
    };
  }

  /** The units of today that the members of that period have become, each once. */
  async currentSuccessors(r: MembersRequest): Promise<CurrentSuccessorsView> {
    const view = await this.members(r);
    const ids = [...new Set(view.members.map((m) => m.unit.id))];
    return toCurrentSuccessorsView(view, await this.unitsService.currentSuccessorsOf(ids));
  }

  private async emit(m: EntityManager, row: MembershipRow, change: 'ADDED' | 'UPDATED'): Promise<void> {
    await addToOutbox(m, SCHEMA, [
      makeEnvelope(RegistryEvents.membershipChanged, membershipChanged(row, change)),
    ]);
  }

  private async view(groupId: string, row: MembershipRow): Promise<MembershipView> {
    const rows = await this.repo.members(groupId, row.valid_from, row.valid_to ?? '9999-12-31');
    const found = rows.find((r) => r.membership_id === row.id) as MemberRow;
    return toMembershipView(found, groupId);
  }

  async create(r: CreateMembershipRequest): Promise<MembershipView> {
    checkDates(r.validFrom, r.validTo);
    const group = await this.groups.load(r.groupId);
    const unit = await this.units.find(r.unitId);
    if (!unit) throw AppError.of('MEMBERSHIP_UNIT_NOT_FOUND', { id: r.unitId }, 'unitId');
    if (!within(r.validFrom, r.validTo ?? null, unit.valid_from, unit.valid_to)) {
      throw AppError.of(
        'MEMBERSHIP_OUTSIDE_UNIT',
        { from: unit.valid_from ?? OPEN, to: unit.valid_to ?? OPEN },
        r.validTo ? 'validTo' : 'validFrom',
      );
    }
    if (!within(r.validFrom, r.validTo ?? null, group.valid_from, group.valid_to)) {
      throw AppError.of(
        'MEMBERSHIP_OUTSIDE_GROUP',
        { from: group.valid_from ?? OPEN, to: group.valid_to ?? OPEN },
        'validFrom',
      );
    }
    const subgroup = await this.groups.subgroupOf(group, r.subgroupId, 'subgroupId');
    const row = await this.repo.transaction(async (m) => {
      await this.repo.lockPair(m, group.id, unit.id);
      const clash = await this.repo.overlapping(m, group.id, unit.id, r.validFrom, r.validTo ?? null);
      if (clash) {
        throw AppError.of(
          'MEMBERSHIP_OVERLAPS',
          { unit: unit.name, from: clash.valid_from, to: clash.valid_to ?? OPEN },
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
    const group = await this.groups.load(r.groupId);
    const subgroup =
      r.subgroupId === undefined
        ? undefined
        : await this.groups.subgroupOf(group, r.subgroupId, 'subgroupId');
    const row = await this.repo.transaction(async (m) => {
      const current = await this.repo.find(m, group.id, r.membershipId);
      if (!current) throw AppError.of('MEMBERSHIP_NOT_FOUND', { id: r.membershipId });
      const validTo = r.validTo === undefined ? current.valid_to : r.validTo;
      checkDates(current.valid_from, validTo);
      const unit = await this.units.find(current.unit_id, m);
      if (unit && !within(current.valid_from, validTo, unit.valid_from, unit.valid_to)) {
        throw AppError.of(
          'MEMBERSHIP_OUTSIDE_UNIT',
          { from: unit.valid_from ?? OPEN, to: unit.valid_to ?? OPEN },
          'validTo',
        );
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
      if (clash) {
        throw AppError.of(
          'MEMBERSHIP_OVERLAPS',
          { unit: unit?.name ?? current.unit_id, from: clash.valid_from, to: clash.valid_to ?? OPEN },
          'validTo',
        );
      }
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

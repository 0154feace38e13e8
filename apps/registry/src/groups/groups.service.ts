import { Injectable } from '@nestjs/common';
import {
  CreateGroupDto,
  CreateSubgroupRequest,
  GroupView,
  ListGroupsQuery,
  OrganiserKind,
  Page,
  SubgroupView,
  UpdateGroupDto,
} from '@tdkt/contracts';
import { AppError } from '@tdkt/platform';
import { constraintError } from '../errors';
import { UnitsRepository } from '../units/units.repository';
import { checkDates, checkName } from '../validation';
import { GroupRow, GroupsRepository, SubgroupRow } from './groups.repository';
import { toGroupView, toSubgroupView } from './groups.views';

/**
 * Groups (clusters and blocks) and their subgroups. Changes are the central board's, decided by
 * the gateway's guard (MANAGE_GROUPS); the registry keeps the rules of the data.
 */
@Injectable()
export class GroupsService {
  constructor(
    private readonly repo: GroupsRepository,
    private readonly units: UnitsRepository,
  ) {}

  /** The group by UUID or code, or GROUP_NOT_FOUND. */
  async load(id: string): Promise<GroupRow> {
    const group = await this.repo.find(id);
    if (!group) throw AppError.of('GROUP_NOT_FOUND', { id });
    return group;
  }

  /** A subgroup of `group` named by UUID or code (none when not named), or SUBGROUP_NOT_FOUND on `field`. */
  async subgroupOf(
    group: GroupRow,
    idOrCode: string | null | undefined,
    field: string,
  ): Promise<SubgroupRow | null> {
    if (!idOrCode) return null;
    const s = await this.repo.findSubgroup(group.id, idOrCode);
    if (!s) throw AppError.of('SUBGROUP_NOT_FOUND', { id: idOrCode }, field);
    return s;
  }

  async get(id: string): Promise<GroupView> {
    return toGroupView(await this.load(id));
  }

  async list(q: ListGroupsQuery): Promise<Page<GroupView>> {
    const { rows, total } = await this.repo.list(q);
    return { items: rows.map(toGroupView), total, limit: q.limit ?? 50, offset: q.offset ?? 0 };
  }

  async create(dto: CreateGroupDto): Promise<GroupView> {
    checkDates(dto.validFrom, dto.validTo);
    checkName(dto.name, 300);
    let organiserUnitId: string | null = null;
    if (dto.organiserKind === OrganiserKind.PROVINCIAL_COUNCIL) {
      if (!dto.organiserUnitId) throw AppError.of('GROUP_ORGANISER_REQUIRED', {}, 'organiserUnitId');
      const unit = await this.units.find(dto.organiserUnitId);
      if (!unit)
        throw AppError.of('GROUP_ORGANISER_NOT_FOUND', { id: dto.organiserUnitId }, 'organiserUnitId');
      organiserUnitId = unit.id;
    } else if (dto.organiserUnitId) {
      throw AppError.of('GROUP_ORGANISER_NOT_ALLOWED', {}, 'organiserUnitId');
    }
    try {
      return toGroupView(await this.repo.transaction((m) => this.repo.insert(m, dto, organiserUnitId)));
    } catch (e) {
      throw constraintError(e, { code: 'code' }, { code: 'GROUP_CODE_TAKEN' }, { code: dto.code });
    }
  }

  async update(id: string, patch: UpdateGroupDto): Promise<GroupView> {
    checkName(patch.name, 300);
    const group = await this.load(id);
    checkDates(group.valid_from, patch.validTo);
    return toGroupView(await this.repo.transaction((m) => this.repo.update(m, group.id, patch)));
  }

  async subgroups(id: string): Promise<SubgroupView[]> {
    const group = await this.load(id);
    return (await this.repo.subgroups(group.id)).map(toSubgroupView);
  }

  async createSubgroup(r: CreateSubgroupRequest): Promise<SubgroupView> {
    const group = await this.load(r.groupId);
    try {
      return toSubgroupView(await this.repo.insertSubgroup(group.id, r.code, r.name));
    } catch (e) {
      throw constraintError(
        e,
        { subgroups_group_code: 'code' },
        { code: 'SUBGROUP_CODE_TAKEN' },
        { code: r.code },
      );
    }
  }
}

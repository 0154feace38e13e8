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
import { AppError, mapPgError } from '@tdkt/platform';
import { UnitsRepository } from '../units/units.repository';
import { checkDates, checkName } from '../units/units.service';
import { GroupRow, GroupsRepository, toGroupView } from './groups.repository';

@Injectable()
export class GroupsService {
  constructor(
    private readonly repo: GroupsRepository,
    private readonly units: UnitsRepository,
  ) {}

  async get(id: string): Promise<GroupRow> {
    const group = await this.repo.find(id);
    if (!group) throw AppError.notFound(`Không tìm thấy cụm, khối thi đua ${id}`);
    return group;
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
      if (!dto.organiserUnitId)
        throw AppError.field('organiserUnitId', 'is required for a provincial council');
      const unit = await this.units.find(dto.organiserUnitId);
      if (!unit) throw AppError.field('organiserUnitId', 'no such unit');
      organiserUnitId = unit.id;
    } else if (dto.organiserUnitId) {
      throw AppError.field('organiserUnitId', 'must be empty for the central council');
    }
    try {
      return toGroupView(await this.repo.transaction((m) => this.repo.insert(m, dto, organiserUnitId)));
    } catch (e) {
      throw mapPgError(e, { code: 'code' });
    }
  }

  async update(id: string, patch: UpdateGroupDto): Promise<GroupView> {
    checkName(patch.name, 300);
    const group = await this.get(id);
    checkDates(group.valid_from, patch.validTo);
    return toGroupView(await this.repo.transaction((m) => this.repo.update(m, group.id, patch)));
  }

  async subgroups(id: string): Promise<SubgroupView[]> {
    const group = await this.get(id);
    return this.repo.subgroups(group.id);
  }

  async createSubgroup(r: CreateSubgroupRequest): Promise<SubgroupView> {
    const group = await this.get(r.groupId);
    try {
      return await this.repo.insertSubgroup(group.id, r.code, r.name);
    } catch (e) {
      throw mapPgError(e, { subgroups_group_code: 'code' });
    }
  }
}

import { Injectable } from '@nestjs/common';
import {
  GroupYearRequest,
  LeaderDto,
  LeadershipRole,
  LeadershipView,
  RegistryEvents,
  SetLeadershipRequest,
} from '@tdkt/contracts';
import { maySetLeadership, yearPeriod } from '@tdkt/domain';
import { addToOutbox, AppError, makeEnvelope } from '@tdkt/platform';
import { authorize } from '../access';
import { SCHEMA } from '../database/entities';
import { GroupsService } from '../groups/groups.service';
import { MembershipsRepository } from '../memberships/memberships.repository';
import { UnitsRepository } from '../units/units.repository';
import { LeadershipRepository } from './leadership.repository';
import { leadershipChanged, toLeadershipView } from './leadership.views';

/** Chair and vice-chair of a group for a year, and how they were chosen. */
@Injectable()
export class LeadershipService {
  constructor(
    private readonly repo: LeadershipRepository,
    private readonly groups: GroupsService,
    private readonly units: UnitsRepository,
    private readonly memberships: MembershipsRepository,
  ) {}

  async get(r: GroupYearRequest): Promise<LeadershipView> {
    const group = await this.groups.load(r.groupId);
    return toLeadershipView(group.id, r.year, await this.repo.leaders(group.id, r.year));
  }

  /**
   * Sets (or, with null, clears) the chair and/or vice-chair: the central board's decision (checked
   * first). Both must be members that year, and not the same unit.
   */
  async set(r: SetLeadershipRequest): Promise<LeadershipView> {
    authorize(r.actor, maySetLeadership);
    const group = await this.groups.load(r.groupId);
    const period = yearPeriod(r.year);
    const members = new Set(
      (await this.memberships.members(group.id, period.from, period.to)).map((x) => x.id),
    );
    const resolve = async (
      dto: LeaderDto | null | undefined,
      field: string,
    ): Promise<string | null | undefined> => {
      if (dto === undefined) return undefined;
      if (dto === null) return null;
      const unit = await this.units.find(dto.unitId);
      if (!unit) throw AppError.of('LEADERSHIP_UNIT_NOT_FOUND', { id: dto.unitId }, `${field}.unitId`);
      if (!members.has(unit.id))
        throw AppError.of('LEADERSHIP_NOT_MEMBER', { unit: unit.name, year: r.year }, `${field}.unitId`);
      return unit.id;
    };
    const chairId = await resolve(r.body.chair, 'chair');
    const viceId = await resolve(r.body.viceChair, 'viceChair');
    if (chairId && viceId && chairId === viceId) {
      throw AppError.of('LEADERSHIP_SAME_UNIT', {}, 'viceChair.unitId');
    }
    return this.repo.transaction(async (m) => {
      const apply = async (
        role: LeadershipRole,
        unitId: string | null | undefined,
        dto?: LeaderDto | null,
      ) => {
        if (unitId === undefined) return;
        if (unitId === null) return this.repo.clear(m, group.id, r.year, role);
        await this.repo.put(m, group.id, r.year, role, {
          unitId,
          chosenBy: dto?.chosenBy,
          decidedOn: dto?.decidedOn ?? null,
        });
      };
      await apply(LeadershipRole.CHAIR, chairId, r.body.chair);
      await apply(LeadershipRole.VICE_CHAIR, viceId, r.body.viceChair);
      const view = toLeadershipView(group.id, r.year, await this.repo.leaders(group.id, r.year, m));
      await addToOutbox(m, SCHEMA, [makeEnvelope(RegistryEvents.leadershipChanged, leadershipChanged(view))]);
      return view;
    });
  }
}

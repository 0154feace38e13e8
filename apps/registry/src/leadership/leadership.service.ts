import { Controller, Injectable, UseInterceptors, UsePipes } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  ChosenBy,
  GroupYearRequest,
  LeaderDto,
  LeaderView,
  LeadershipRole,
  LeadershipView,
  RegistryEvents,
  RegistryRpc,
  SetLeadershipRequest,
} from '@tdkt/contracts';
import { yearPeriod } from '@tdkt/domain';
import { addToOutbox, AppError, makeEnvelope, InvalidatesCache, RpcValidationPipe } from '@tdkt/platform';
import { DataSource, EntityManager } from 'typeorm';
import { SCHEMA } from '../database/entities';
import { GroupsService } from '../groups/groups.service';
import { MembershipsRepository } from '../memberships/memberships.repository';
import { toUnitView, UNIT_COLUMNS, UnitRow } from '../units/unit.mapper';
import { UnitsRepository } from '../units/units.repository';

type LeaderRow = UnitRow & { role: string; chosen_by: string; decided_on: string | null };

/** Chair and vice-chair of a group for a year, and how they were chosen. */
@Injectable()
export class LeadershipService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly groups: GroupsService,
    private readonly units: UnitsRepository,
    private readonly memberships: MembershipsRepository,
  ) {}

  async get(r: GroupYearRequest, m: EntityManager | DataSource = this.ds): Promise<LeadershipView> {
    const group = await this.groups.get(r.groupId);
    const rows: LeaderRow[] = await m.query(
      `SELECT l.role, l.chosen_by, l.decided_on, ${UNIT_COLUMNS}
       FROM ${SCHEMA}.leaderships l JOIN ${SCHEMA}.units u ON u.id = l.unit_id
       WHERE l.group_id = $1 AND l.year = $2`,
      [group.id, r.year],
    );
    const leader = (role: LeadershipRole): LeaderView | null => {
      const row = rows.find((x) => x.role === role);
      return row
        ? { role, unit: toUnitView(row), chosenBy: row.chosen_by as ChosenBy, decidedOn: row.decided_on }
        : null;
    };
    return {
      groupId: group.id,
      year: r.year,
      chair: leader(LeadershipRole.CHAIR),
      viceChair: leader(LeadershipRole.VICE_CHAIR),
    };
  }

  /** Sets (or, with null, clears) the chair and/or vice-chair. Both must be members that year. */
  async set(r: SetLeadershipRequest): Promise<LeadershipView> {
    const group = await this.groups.get(r.groupId);
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
      if (!unit) throw AppError.field(`${field}.unitId`, 'no such unit');
      if (!members.has(unit.id))
        throw AppError.field(`${field}.unitId`, `${unit.name} is not a member in ${r.year}`);
      return unit.id;
    };
    const chairId = await resolve(r.body.chair, 'chair');
    const viceId = await resolve(r.body.viceChair, 'viceChair');
    if (chairId && viceId && chairId === viceId) {
      throw AppError.field('viceChair.unitId', 'the chair cannot also be the vice-chair');
    }
    return this.ds.transaction(async (m) => {
      const apply = async (
        role: LeadershipRole,
        unitId: string | null | undefined,
        dto?: LeaderDto | null,
      ) => {
        if (unitId === undefined) return;
        if (unitId === null) {
          await m.query(`DELETE FROM ${SCHEMA}.leaderships WHERE group_id = $1 AND year = $2 AND role = $3`, [
            group.id,
            r.year,
            role,
          ]);
          return;
        }
        await m.query(
          `INSERT INTO ${SCHEMA}.leaderships (group_id, year, role, unit_id, chosen_by, decided_on)
           VALUES ($1, $2, $3, $4, $5, $6)
           ON CONFLICT (group_id, year, role) DO UPDATE
             SET unit_id = EXCLUDED.unit_id, chosen_by = EXCLUDED.chosen_by, decided_on = EXCLUDED.decided_on`,
          [group.id, r.year, role, unitId, dto?.chosenBy, dto?.decidedOn ?? null],
        );
      };
      await apply(LeadershipRole.CHAIR, chairId, r.body.chair);
      await apply(LeadershipRole.VICE_CHAIR, viceId, r.body.viceChair);
      const view = await this.get(r, m);
      await addToOutbox(m, SCHEMA, [
        makeEnvelope(RegistryEvents.leadershipChanged, {
          groupId: group.id,
          year: r.year,
          chairUnitId: view.chair?.unit.id ?? null,
          viceChairUnitId: view.viceChair?.unit.id ?? null,
        }),
      ]);
      return view;
    });
  }
}

@Controller()
@UsePipes(RpcValidationPipe)
export class LeadershipHandler {
  constructor(private readonly leadership: LeadershipService) {}

  @MessagePattern(RegistryRpc.leadershipGet.subject)
  get(@Payload() r: GroupYearRequest): Promise<LeadershipView> {
    return this.leadership.get(r);
  }

  @MessagePattern(RegistryRpc.leadershipSet.subject)
  @UseInterceptors(InvalidatesCache)
  set(@Payload() r: SetLeadershipRequest): Promise<LeadershipView> {
    return this.leadership.set(r);
  }
}

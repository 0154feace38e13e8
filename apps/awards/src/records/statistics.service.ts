import { Injectable } from '@nestjs/common';
import { AwardStatisticsView, FileView, NationalStatisticsRequest, StatisticsRequest } from '@tdkt/contracts';
import { mayReadGroupAwards, mayReadNationalAwards, statisticsFromCounts, wholeMonths } from '@tdkt/domain';
import { authorize } from '../access';
import { checkedPeriod } from '../period';
import { RegistryLookups } from '../registry/registry-lookups';
import { RecordsRepository } from './records.repository';
import { statisticsWorkbook } from './statistics-xlsx';

/**
 * Award statistics from the records: a group's members (as they were in the period's first year)
 * or every province, × award type, with the report's breakdowns; whole months come from the
 * monthly counts every import keeps, partial months' days from the records.
 */
@Injectable()
export class StatisticsService {
  constructor(
    private readonly records: RecordsRepository,
    private readonly registry: RegistryLookups,
  ) {}

  /**
   * The group's members as they were in the period's first year. The members (registry data, read
   * by everyone signed in) decide who may see their counts; the counts are read only then.
   */
  async group(r: StatisticsRequest): Promise<AwardStatisticsView & { groupName: string }> {
    checkedPeriod(r.from, r.to);
    const year = Number(r.from.slice(0, 4));
    const members = await this.registry.members(r.groupId, year);
    const memberIds = members.members.map((m) => m.unit.id);
    authorize(r.actor, (grants) =>
      mayReadGroupAwards(grants, { groupId: members.group.id, year, memberUnitIds: memberIds }),
    );
    let units = members.members.map((m) => ({ id: m.unit.id, name: m.unit.name }));
    // Rolled up: each member's awards counted under the unit that succeeds it today.
    const successorOf = new Map<string, string>();
    if (r.rollUp) {
      const s = await this.registry.successors(members.group.id, year);
      for (const x of s.successors) for (const p of x.predecessors) successorOf.set(p.id, x.unit.id);
      units = s.successors.map((x) => ({ id: x.unit.id, name: x.unit.name }));
    }
    const counts = (await this.counts(memberIds, r.from, r.to)).map((c) => ({
      ...c,
      unitId: successorOf.get(c.unitId) ?? c.unitId,
    }));
    return {
      groupId: members.group.id,
      groupName: members.group.name,
      rolledUp: r.rollUp === true,
      from: r.from,
      to: r.to,
      ...statisticsFromCounts(counts, units),
    };
  }

  async statistics(r: StatisticsRequest): Promise<AwardStatisticsView> {
    const { groupName: _name, ...view } = await this.group(r);
    return view;
  }

  async xlsx(r: StatisticsRequest): Promise<FileView> {
    const { groupName, ...view } = await this.group(r);
    return statisticsWorkbook(view, groupName);
  }

  /** The provinces and cities valid on the first day of the period, as one table (the national report). */
  async national(r: NationalStatisticsRequest): Promise<AwardStatisticsView> {
    checkedPeriod(r.from, r.to);
    authorize(r.actor, mayReadNationalAwards);
    const units = await this.registry.provincesOn(r.from);
    const counts = await this.counts(
      units.map((u) => u.id),
      r.from,
      r.to,
    );
    return { groupId: null, rolledUp: false, from: r.from, to: r.to, ...statisticsFromCounts(counts, units) };
  }

  async nationalXlsx(r: NationalStatisticsRequest): Promise<FileView> {
    return statisticsWorkbook(await this.national(r), null);
  }

  private counts(unitIds: string[], from: string, to: string) {
    const { start, end } = wholeMonths(from, to);
    return this.records.counts(unitIds, from, to, start, end);
  }
}

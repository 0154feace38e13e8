import { Injectable } from '@nestjs/common';
import {
  AggregateGetRequest,
  AggregateTableView,
  ImportAggregateRequest,
  RpcErrorBody,
} from '@tdkt/contracts';
import {
  capProblems,
  checkAggregate,
  mayImportAggregate,
  mayReadAnyGroupAwards,
  mayReadGroupAwards,
  nfc,
} from '@tdkt/domain';
import { AppError } from '@tdkt/platform';
import { createHash, randomUUID } from 'node:crypto';
import { authorize } from '../access';
import { checkedPeriod } from '../period';
import { RegistryLookups } from '../registry/registry-lookups';
import { AggregatesRepository } from './aggregates.repository';
import {
  aggregateRowViews,
  aggregateTableView,
  flagUnitsOutsideGroup,
  refusedRows,
} from './aggregates.views';

/**
 * Aggregate award tables from reports (seed 002's appendix): every row is checked against the
 * catalogue; unusable rows refuse the whole table (nothing stored), a lost cell, a total that
 * does not add up or a unit that is not a member of the group that year is stored and reported on
 * the row. The same table again answers the same import.
 */
@Injectable()
export class AggregatesService {
  constructor(
    private readonly tables: AggregatesRepository,
    private readonly registry: RegistryLookups,
  ) {}

  async import(r: ImportAggregateRequest): Promise<AggregateTableView> {
    const b = r.body;
    checkedPeriod(b.from, b.to, 'body.');
    const group = await this.registry.group(r.groupId);
    authorize(r.actor, (grants) => mayImportAggregate(grants, group.id, Number(b.from.slice(0, 4))));
    const units = b.units.map(nfc);
    const checked = checkAggregate(
      units,
      b.rows.map((x) => ({ award: nfc(x.award), counts: x.counts, reportedTotal: x.reportedTotal ?? null })),
      b.from,
    );
    const refused = refusedRows(checked);
    if (refused.errors.length) {
      const body: RpcErrorBody = AppError.bodyOf(
        refused.onlyUnknownTypes ? 'AWARD_TYPE_UNKNOWN' : 'AGGREGATE_ROWS_INVALID',
        { total: refused.errors.length },
      );
      throw new AppError({
        ...body,
        errors: capProblems(refused.errors, (n) => ({ field: 'body.rows', message: `và ${n} lỗi khác` })),
      });
    }
    // A unit outside the group that year: flagged on its rows (stored and shown, like a lost cell).
    const year = Number(b.from.slice(0, 4));
    const members = await this.registry.members(group.id, year);
    const { rows } = flagUnitsOutsideGroup(
      aggregateRowViews(checked),
      units,
      members.members.map((m) => m.unit.name),
      year,
    );
    const content = JSON.stringify({ groupId: group.id, from: b.from, to: b.to, units, rows: b.rows });
    const sha = createHash('sha256').update(content).digest('hex');
    const stored =
      (await this.tables.insertOnce({
        id: randomUUID(),
        content_sha256: sha,
        group_id: group.id,
        period_from: b.from,
        period_to: b.to,
        title: b.title ? nfc(b.title) : null,
        units,
        rows,
        flagged_rows: rows.filter((x) => x.flags.length).length,
        created_by: r.actor.userId,
      })) ?? (await this.tables.bySha(sha));
    if (!stored) throw new Error(`aggregate table ${sha} neither inserted nor found`);
    return aggregateTableView(stored);
  }

  /**
   * A stored table: whoever may read award statistics of some group is let look it up; then it is
   * shown to those who may read its group's statistics of its period's first year.
   */
  async get(r: AggregateGetRequest): Promise<AggregateTableView> {
    authorize(r.actor, mayReadAnyGroupAwards);
    const t = await this.tables.byId(r.id);
    if (!t) throw AppError.of('AGGREGATE_NOT_FOUND', { id: r.id });
    const year = Number(t.period_from.slice(0, 4));
    const members = await this.registry.members(t.group_id, year);
    authorize(r.actor, (grants) =>
      mayReadGroupAwards(grants, {
        groupId: t.group_id,
        year,
        memberUnitIds: members.members.map((m) => m.unit.id),
      }),
    );
    return aggregateTableView(t);
  }
}

import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  AggregateGetRequest,
  AggregateRowView,
  AggregateTableView,
  AwardTypeView,
  CatalogueRequest,
  FieldError,
  ImportAggregateRequest,
  RegistryRpc,
} from '@tdkt/contracts';
import {
  AWARD_CATALOGUE,
  capProblems,
  checkAggregate,
  validOn,
  crossTable,
  Grant,
  mayImportAwards,
  nfc,
} from '@tdkt/domain';
import { AppError, passOn, RpcClient } from '@tdkt/platform';
import { createHash, randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { SCHEMA } from '../database/entities';
import { checkedPeriod } from '../period';

export const REGISTRY = Symbol('REGISTRY');

/** Problems that make a table unusable; the others are stored and shown, never guessed away. */
const REFUSED = new Set(['UNKNOWN_AWARD', 'NEGATIVE_COUNT', 'WRONG_WIDTH']);

interface TableRow {
  id: string;
  group_id: string;
  period_from: string;
  period_to: string;
  title: string | null;
  units: string[];
  rows: AggregateRowView[];
  flagged_rows: number;
  created_at: Date;
}

function view(t: TableRow): AggregateTableView {
  const cells = new Map(t.rows.map((r) => [r.awardCode, new Map(t.units.map((u, j) => [u, r.counts[j]]))]));
  return {
    id: t.id,
    groupId: t.group_id,
    from: t.period_from,
    to: t.period_to,
    title: t.title,
    rows: t.rows,
    flaggedRows: t.flagged_rows,
    table: crossTable(t.units, cells, AWARD_CATALOGUE),
    createdAt: new Date(t.created_at).toISOString(),
  };
}

/**
 * Aggregate award tables from reports (seed 002's appendix): every row is checked against the
 * catalogue; unusable rows refuse the whole table (nothing stored), a lost cell or a total that
 * does not add up is stored and reported on the row.
 */
@Injectable()
export class AggregatesService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    @Inject(REGISTRY) private readonly registry: RpcClient,
  ) {}

  catalogue(r: CatalogueRequest): AwardTypeView[] {
    return AWARD_CATALOGUE.filter((a) => !r.on || validOn(a, r.on)).map(({ covers: _covers, ...a }) => a);
  }

  async import(r: ImportAggregateRequest): Promise<AggregateTableView> {
    const b = r.body;
    checkedPeriod(b.from, b.to, 'body.');
    const group = await this.registry.request(RegistryRpc.groupGet, { id: r.groupId }).catch((e: unknown) => {
      throw passOn(e);
    });
    if (!mayImportAwards(r.actor.roles as Grant[], group.id, Number(b.from.slice(0, 4))).allowed)
      throw AppError.forbidden(
        "only the group's chair of that year or the central board imports its award statistics",
      );
    const units = b.units.map(nfc);
    const checked = checkAggregate(
      units,
      b.rows.map((x) => ({ award: nfc(x.award), counts: x.counts, reportedTotal: x.reportedTotal ?? null })),
      b.from,
    );
    const errors: FieldError[] = checked.flatMap((c) =>
      c.flags
        .filter((f) => REFUSED.has(f.kind))
        .map((f) => ({ field: `body.rows[${c.row - 1}]`, message: `dòng ${c.row}: ${f.message}` })),
    );
    if (errors.length)
      throw AppError.validation(
        capProblems(errors, (n) => ({ field: 'body.rows', message: `và ${n} lỗi khác` })),
        `${errors.length} row problem(s); nothing was imported`,
      );
    const rows: AggregateRowView[] = checked.map((c) => ({
      row: c.row,
      award: c.award,
      awardCode: c.type?.code as string,
      counts: c.counts,
      reportedTotal: c.reportedTotal,
      sumOfCells: c.sumOfCells,
      flags: c.flags,
    }));
    const content = JSON.stringify({ groupId: group.id, from: b.from, to: b.to, units, rows: b.rows });
    const sha = createHash('sha256').update(content).digest('hex');
    const inserted: TableRow[] = await this.ds.query(
      `INSERT INTO ${SCHEMA}.aggregate_tables (id, content_sha256, group_id, period_from, period_to, title, units, rows, flagged_rows, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT (content_sha256) DO NOTHING RETURNING *`,
      [
        randomUUID(),
        sha,
        group.id,
        b.from,
        b.to,
        b.title ? nfc(b.title) : null,
        JSON.stringify(units),
        JSON.stringify(rows),
        rows.filter((x) => x.flags.length).length,
        r.actor.userId,
      ],
    );
    const row =
      inserted[0] ??
      (await this.ds.query(`SELECT * FROM ${SCHEMA}.aggregate_tables WHERE content_sha256 = $1`, [sha]))[0];
    return view(row);
  }

  async get(r: AggregateGetRequest): Promise<AggregateTableView> {
    const rows: TableRow[] = await this.ds.query(`SELECT * FROM ${SCHEMA}.aggregate_tables WHERE id = $1`, [
      r.id,
    ]);
    if (!rows[0]) throw AppError.notFound(`Không tìm thấy bảng tổng hợp ${r.id}`);
    return view(rows[0]);
  }
}

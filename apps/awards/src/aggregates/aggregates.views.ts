import { AggregateRowView, AggregateTableView, FieldError } from '@tdkt/contracts';
import { AWARD_CATALOGUE, CheckedRow, crossTable, fold } from '@tdkt/domain';
import type { AggregateTableRow } from './aggregates.repository';

/** Flags that make a table unusable; the others are stored and shown, never guessed away. */
export const REFUSED_FLAGS = new Set(['UNKNOWN_AWARD', 'NEGATIVE_COUNT', 'WRONG_WIDTH']);

/** A stored table as the API shows it, with its unit × award-type cross-table and totals. */
export function aggregateTableView(t: AggregateTableRow): AggregateTableView {
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

/** The checked rows of a table that may be stored (none is refused), as they are stored. */
export function aggregateRowViews(checked: readonly CheckedRow[]): AggregateRowView[] {
  return checked.map((c) => ({
    row: c.row,
    award: c.award,
    awardCode: c.type?.code as string,
    counts: c.counts,
    reportedTotal: c.reportedTotal,
    sumOfCells: c.sumOfCells,
    flags: c.flags,
  }));
}

/** Why a table is refused, by row (`body.rows[i]`), and whether every reason is an unknown award type. */
export function refusedRows(checked: readonly CheckedRow[]): {
  errors: FieldError[];
  onlyUnknownTypes: boolean;
} {
  const refused = checked.flatMap((c) =>
    c.flags.filter((f) => REFUSED_FLAGS.has(f.kind)).map((f) => ({ row: c.row, flag: f })),
  );
  return {
    errors: refused.map(({ row, flag }) => ({
      field: `body.rows[${row - 1}]`,
      message: `dòng ${row}: ${flag.message}`,
    })),
    onlyUnknownTypes: refused.length > 0 && refused.every((x) => x.flag.kind === 'UNKNOWN_AWARD'),
  };
}

/** A unit's name as tables write it, compared: no marks, no case, no "tỉnh" / "thành phố" / "UBND". */
const unitKey = (name: string) =>
  fold(name)
    .replace(/^(uy ban nhan dan|ubnd)\s+/u, '')
    .replace(/^(tinh|thanh pho|tp\.?)\s+/u, '')
    .trim();

/**
 * The table's columns that name no member of the group that year (issue 16): a table for a group
 * counts its members' awards, so a unit outside it is flagged on every row that has a cell for it
 * (`UNIT_OUTSIDE_GROUP`, stored and shown like a lost cell, never dropped or guessed).
 */
export function flagUnitsOutsideGroup(
  rows: AggregateRowView[],
  units: readonly string[],
  memberNames: readonly string[],
  year: number,
): { rows: AggregateRowView[]; outside: string[] } {
  const members = new Set(memberNames.map(unitKey));
  const outside = units.map((u, j) => ({ u, j })).filter(({ u }) => !members.has(unitKey(u)));
  if (outside.length === 0) return { rows, outside: [] };
  return {
    outside: outside.map((x) => x.u),
    rows: rows.map((r) => ({
      ...r,
      flags: [
        ...r.flags,
        ...outside
          .filter(({ j }) => r.counts[j] !== null && r.counts[j] !== undefined)
          .map(({ u }) => ({
            kind: 'UNIT_OUTSIDE_GROUP',
            unit: u,
            message: `${u} không phải thành viên của cụm, khối trong năm ${year}: số liệu của đơn vị này cần được kiểm tra`,
          })),
      ],
    })),
  };
}

import type { AwardType } from './catalogue';
import { matchAwardType } from './catalogue';

/**
 * Aggregate tables as reports carry them (unit × award type with a reported total per row, seed
 * 002's appendix), checked before they count: every problem is reported, nothing is guessed.
 */

export interface AggregateRow {
  award: string;
  /** One per unit, in the table's unit order; null where the report lost the cell. */
  counts: (number | null)[];
  reportedTotal: number | null;
}

export type RowFlag =
  | { kind: 'UNKNOWN_AWARD'; message: string }
  | { kind: 'NEGATIVE_COUNT'; unit: string; message: string }
  | { kind: 'MISSING_CELL'; unit: string; message: string }
  | { kind: 'TOTAL_MISMATCH'; message: string }
  | { kind: 'WRONG_WIDTH'; message: string };

export interface CheckedRow {
  /** Row number in the table (1 = first data row). */
  row: number;
  award: string;
  type: AwardType | null;
  counts: (number | null)[];
  reportedTotal: number | null;
  sumOfCells: number;
  flags: RowFlag[];
}

/** `on`: the first day of the table's period (picks the entry in force then for renamed titles). */
export function checkAggregate(
  units: readonly string[],
  rows: readonly AggregateRow[],
  on?: string,
): CheckedRow[] {
  return rows.map((r, i) => {
    const flags: RowFlag[] = [];
    const type = matchAwardType(r.award, on);
    if (!type)
      flags.push({
        kind: 'UNKNOWN_AWARD',
        message: `"${r.award}" không phải loại khen thưởng trong danh mục`,
      });
    if (r.counts.length !== units.length)
      flags.push({ kind: 'WRONG_WIDTH', message: `${r.counts.length} ô cho ${units.length} đơn vị` });
    let sum = 0;
    r.counts.forEach((c, j) => {
      const unit = units[j] ?? `cột ${j + 1}`;
      if (c === null)
        flags.push({
          kind: 'MISSING_CELL',
          unit,
          message: `thiếu ô của ${unit} (không tính là 0)`,
        });
      else if (c < 0 || !Number.isInteger(c))
        flags.push({ kind: 'NEGATIVE_COUNT', unit, message: `${c} không phải số lượng` });
      else sum += c;
    });
    if (r.reportedTotal !== null && r.reportedTotal !== sum)
      flags.push({
        kind: 'TOTAL_MISMATCH',
        message: `tổng báo cáo ${r.reportedTotal}, cộng các ô được ${sum}`,
      });
    return {
      row: i + 1,
      award: r.award,
      type,
      counts: r.counts,
      reportedTotal: r.reportedTotal,
      sumOfCells: sum,
      flags,
    };
  });
}

export interface CrossTable {
  units: string[];
  /** Award types in catalogue report order (I, then II). */
  rows: { code: string; name: string; group: 'I' | 'II' | 'III'; cells: (number | null)[]; total: number }[];
  columnTotals: number[];
  grandTotal: number;
}

/**
 * The unit × award-type table with row and column totals, from counts per (unit, type). A missing
 * cell stays missing (null) in the table; totals add the known cells.
 */
export function crossTable(
  units: readonly string[],
  cells: ReadonlyMap<string, ReadonlyMap<string, number | null>>,
  types: readonly AwardType[],
): CrossTable {
  const present = types.filter((t) => cells.has(t.code));
  const rows = present.map((t) => {
    const byUnit = cells.get(t.code) as ReadonlyMap<string, number | null>;
    const row = units.map((u) => (byUnit.has(u) ? (byUnit.get(u) as number | null) : 0));
    return {
      code: t.code,
      name: t.name,
      group: t.group,
      cells: row,
      total: row.reduce<number>((a, c) => a + (c ?? 0), 0),
    };
  });
  const columnTotals = units.map((_, j) => rows.reduce((a, r) => a + (r.cells[j] ?? 0), 0));
  return { units: [...units], rows, columnTotals, grandTotal: columnTotals.reduce((a, c) => a + c, 0) };
}

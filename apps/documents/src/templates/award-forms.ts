import { AppendixFormSection, awardByCode, SEED_000_APPENDIX } from '@tdkt/domain';
import type { AwardStatistics } from './model';

/**
 * The fixed rows of seed 000's appendix, in the seed's wording (libs/domain awards/appendix-forms.ts,
 * shared with the spreadsheet export). Codes outside the list go to an "Hình thức khác" row at the
 * end of their section, printed only when something falls there.
 */
export type AwardFormSection = AppendixFormSection;

export const SEED_000_AWARD_FORMS: readonly AwardFormSection[] = SEED_000_APPENDIX;

export interface AppendixRow {
  /** "1" … restarting in each section. */
  no: string;
  label: string;
  /** One per member; null: a cell lost in the source (not 0). */
  cells: (number | null)[];
  total: number;
  /** A lost cell is part of the row. */
  incomplete: boolean;
}

export interface AppendixSection {
  numeral: string;
  label: string;
  rows: AppendixRow[];
}

/** The appendix rows (every fixed row, numbered per section) from statistics by catalogue code. */
export function appendixRows(stats: AwardStatistics, memberCount: number): AppendixSection[] {
  const byCode = new Map<string, (number | null)[]>();
  for (const r of stats.rows) {
    const prev = byCode.get(r.code);
    byCode.set(r.code, prev ? add(prev, r.cells, memberCount) : r.cells);
  }
  const fixed = new Set(SEED_000_AWARD_FORMS.flatMap((s) => s.rows.flatMap((r) => r.codes)));
  const sum = (codes: readonly string[]): (number | null)[] => {
    let acc: (number | null)[] = Array.from({ length: memberCount }, () => 0);
    for (const c of codes) {
      const cells = byCode.get(c);
      if (cells) acc = add(acc, cells, memberCount);
    }
    return acc;
  };
  return SEED_000_AWARD_FORMS.map((s) => {
    const rows: AppendixRow[] = s.rows.map((r, i) => row(String(i + 1), r.label, sum(r.codes)));
    const others = [...byCode.keys()].filter((code) => {
      if (fixed.has(code)) return false;
      const g = awardByCode(code)?.group ?? 'II';
      return s.groups.includes(g);
    });
    if (others.length > 0) {
      const names = others.map((c) => awardByCode(c)?.name ?? c);
      rows.push(row(String(rows.length + 1), `Hình thức khác (${names.join('; ')})`, sum(others)));
    }
    return { numeral: s.numeral, label: s.label, rows };
  });
}

function add(a: (number | null)[], b: (number | null)[], n: number): (number | null)[] {
  return Array.from({ length: n }, (_, i) => {
    const x = a[i] ?? 0;
    const y = b[i];
    if (a[i] === null || y === null) return null;
    return x + (y ?? 0);
  });
}

function row(no: string, label: string, cells: (number | null)[]): AppendixRow {
  return {
    no,
    label,
    cells,
    total: cells.reduce<number>((acc, c) => acc + (c ?? 0), 0),
    incomplete: cells.some((c) => c === null),
  };
}

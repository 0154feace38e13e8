import { awardByCode } from '@tdkt/domain';
import type { AwardStatistics } from './model';

/**
 * The fixed rows of seed 000's appendix "KẾT QUẢ KHEN THƯỞNG NĂM 2023" (the table every member
 * fills), in the seed's order and numbering: I. state level (12 rows), II. province level (5 rows).
 * Each row counts the award catalogue codes it covers (libs/domain/src/awards/catalogue.ts):
 * an order "các hạng" covers every class; a title the 2022 law renamed covers both entries.
 * Rows with no awards are still printed; codes outside the list go to an "Hình thức khác" row at
 * the end of their section, printed only when something falls there.
 */
export interface AwardForm {
  /** Printed as in seed 000. */
  label: string;
  codes: string[];
}

export interface AwardFormSection {
  numeral: 'I' | 'II';
  label: string;
  /** Catalogue report groups collected here when not in a fixed row. */
  groups: ('I' | 'II' | 'III')[];
  rows: AwardForm[];
}

export const SEED_000_AWARD_FORMS: readonly AwardFormSection[] = [
  {
    numeral: 'I',
    label: 'Khen thưởng cấp nhà nước',
    groups: ['I'],
    rows: [
      { label: 'Danh hiệu vinh dự Bà mẹ VNAH', codes: ['DH-BA-ME-VN-ANH-HUNG'] },
      { label: 'Anh hùng LLVT (Anh hùng Lao động)', codes: ['DH-ANH-HUNG-LLVTND', 'DH-ANH-HUNG-LAO-DONG'] },
      { label: 'Huân chương Hữu nghị', codes: ['HC-HUU-NGHI'] },
      {
        label: 'Huân chương Độc lập các hạng',
        codes: ['HC-DOC-LAP', 'HC-DOC-LAP-1', 'HC-DOC-LAP-2', 'HC-DOC-LAP-3'],
      },
      { label: 'Huân chương Lao động hạng Nhất', codes: ['HC-LAO-DONG-1'] },
      { label: 'Huân chương Lao động hạng Nhì', codes: ['HC-LAO-DONG-2'] },
      { label: 'Huân chương Lao động hạng Ba', codes: ['HC-LAO-DONG-3'] },
      { label: 'Cờ thi đua của Chính phủ', codes: ['CO-THI-DUA-CHINH-PHU'] },
      { label: 'Chiến sỹ thi đua toàn quốc', codes: ['CSTD-TOAN-QUOC'] },
      { label: 'Bằng khen của Thủ tướng Chính phủ', codes: ['BK-THU-TUONG'] },
      {
        label: 'Huân, huy chương, Bằng khen về thành tích kháng chiến các hạng',
        codes: ['KC-HUAN-HUY-CHUONG-BANG-KHEN'],
      },
      { label: 'Kỷ niệm chương bị địch bắt tù đày', codes: ['KNC-BI-DICH-BAT-TU-DAY'] },
    ],
  },
  {
    numeral: 'II',
    label: 'Khen thưởng cấp tỉnh',
    groups: ['II', 'III'],
    rows: [
      { label: 'Cờ thi đua của UBND tỉnh', codes: ['CO-THI-DUA-TINH'] },
      { label: 'Danh hiệu tập thể Lao động xuất sắc', codes: ['TT-LAO-DONG-XUAT-SAC'] },
      { label: 'Danh hiệu chiến sỹ thi đua cấp tỉnh', codes: ['CSTD-TINH', 'CSTD-BO-TINH'] },
      { label: 'Bằng khen của Chủ tịch UBND tỉnh', codes: ['BK-CHU-TICH-TINH'] },
      { label: 'Huy hiệu của tỉnh', codes: ['HUY-HIEU', 'KNC-TINH'] },
    ],
  },
];

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
  const sum = (codes: string[]): (number | null)[] => {
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

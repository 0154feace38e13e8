import { AwardStatisticsView, FileView, XLSX_TYPE } from '@tdkt/contracts';
import { SEED_000_APPENDIX, slugify } from '@tdkt/domain';
import {
  border,
  fitRowHeights,
  headerRow,
  NUMBER_FORMAT,
  setUpPrint,
  titleLines,
  useFont,
} from '@tdkt/platform';
import ExcelJS from 'exceljs';

/**
 * The award statistics as the reports' appendix prints them (seed 000's table, filled as seed 002's
 * is): a fixed list of award forms in the seed's order and numbering — every form shown, with "-"
 * where a unit has none — numbered again from 1 in each section; one column per unit in the order
 * given (the group's members as the registry lists them), a total column and a total row. Forms the
 * seed does not list that were awarded in the period follow their section's fixed rows.
 */

/** A row of the appendix: its wording and the catalogue codes it counts. */
interface FixedRow {
  label: string;
  codes: readonly string[];
}

interface Section {
  numeral: string;
  title: string;
  /** The catalogue's report group whose other forms follow the fixed rows. */
  group: 'I' | 'II' | 'III';
  rows: readonly FixedRow[];
}

/** Seed 000's appendix (libs/domain awards/appendix-forms.ts), its abbreviations written out. */
export const APPENDIX_SECTIONS: readonly Section[] = [
  ...SEED_000_APPENDIX.map((s) => ({
    numeral: s.numeral,
    title: s.fullLabel,
    group: s.groups[0],
    rows: s.rows.map((r) => ({ label: r.fullLabel, codes: r.codes })),
  })),
  // Not in the seed's table: shown only when the period has such awards.
  { numeral: 'III', title: 'Khen thưởng cấp cơ sở', group: 'III', rows: [] },
];

/** One printed row of the appendix. */
export interface AppendixRow {
  /** "I", "II" for a section's heading; 1, 2, … (again from 1 in each section) for a form. */
  number: string | number;
  label: string;
  /** One per unit (null: a cell the source lost); none for a heading. */
  cells: (number | null)[] | null;
  total: number | null;
}

/** The appendix's rows from the statistics' table: the fixed rows, then the other forms awarded. */
export function appendixRows(table: AwardStatisticsView['table']): AppendixRow[] {
  const byCode = new Map(table.rows.map((r) => [r.code, r]));
  const width = table.units.length;
  const out: AppendixRow[] = [];
  const fixedCodes = new Set(APPENDIX_SECTIONS.flatMap((s) => s.rows.flatMap((r) => r.codes)));
  for (const s of APPENDIX_SECTIONS) {
    const others = table.rows.filter((r) => r.group === s.group && !fixedCodes.has(r.code));
    if (!s.rows.length && !others.length) continue;
    out.push({ number: s.numeral, label: s.title, cells: null, total: null });
    let n = 0;
    for (const f of s.rows) {
      const found = f.codes.map((c) => byCode.get(c)).filter((r) => r !== undefined);
      // A lost cell (null) stays empty unless another form of the row has a number there.
      const cells = Array.from({ length: width }, (_, j) => {
        const known = found.map((r) => r.cells[j]).filter((c): c is number => c !== null);
        return found.length && !known.length ? null : known.reduce((a, c) => a + c, 0);
      });
      out.push({ number: (n += 1), label: f.label, cells, total: found.reduce((a, r) => a + r.total, 0) });
    }
    for (const r of others)
      out.push({ number: (n += 1), label: r.name, cells: [...r.cells], total: r.total });
  }
  return out;
}

/** "NĂM 2023", "6 THÁNG ĐẦU NĂM 2023", "6 THÁNG CUỐI NĂM 2023", else the dates. */
export function periodTitle(from: string, to: string): string {
  const y = from.slice(0, 4);
  if (to.slice(0, 4) === y) {
    if (from === `${y}-01-01` && to === `${y}-12-31`) return `NĂM ${y}`;
    if (from === `${y}-01-01` && to === `${y}-06-30`) return `6 THÁNG ĐẦU NĂM ${y}`;
    if (from === `${y}-07-01` && to === `${y}-12-31`) return `6 THÁNG CUỐI NĂM ${y}`;
  }
  return `TỪ NGÀY ${dmy(from)} ĐẾN NGÀY ${dmy(to)}`;
}

const dmy = (d: string) => `${d.slice(8, 10)}/${d.slice(5, 7)}/${d.slice(0, 4)}`;

/**
 * The statistics as the appendix of a group's report (`groupName`), or the national table
 * (`groupName` null: every province and city). Landscape A4, fitted to the page's width.
 */
export async function statisticsWorkbook(
  s: AwardStatisticsView,
  groupName: string | null,
): Promise<FileView> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'TĐKT';
  const ws = wb.addWorksheet('Kết quả khen thưởng', { views: [{ showGridLines: false }] });
  const units = s.table.units;
  const width = units.length + 3;
  titleLines(
    ws,
    [
      { text: `KẾT QUẢ KHEN THƯỞNG ${periodTitle(s.from, s.to)}`, bold: true, size: 14 },
      {
        text: groupName ? groupName.toLocaleUpperCase('vi') : 'CÁC TỈNH, THÀNH PHỐ TRỰC THUỘC TRUNG ƯƠNG',
        bold: true,
        size: 13,
      },
      { text: `(Từ ngày ${dmy(s.from)} đến ngày ${dmy(s.to)})`, italic: true, size: 12 },
    ],
    width,
  );
  const header = ws.addRow(['STT', 'Hình thức khen thưởng', ...units, 'Tổng cộng']);
  headerRow(header, units.length > 12 ? 80 : 34);
  // Many units (the national table): names turned upright so each column stays narrow.
  if (units.length > 12)
    for (let j = 0; j < units.length; j += 1)
      header.getCell(j + 3).alignment = {
        textRotation: 90,
        horizontal: 'center',
        vertical: 'middle',
        wrapText: true,
      };
  const rows = appendixRows(s.table);
  const firstData = header.number + 1;
  const headings: number[] = [];
  for (const r of rows) {
    if (r.cells === null) {
      // "I. Khen thưởng cấp Nhà nước" across the number and the form's columns.
      const row = ws.addRow([`${r.number}. ${r.label}`]);
      ws.mergeCells(row.number, 1, row.number, 2);
      row.font = { bold: true };
      headings.push(row.number);
      continue;
    }
    ws.addRow([r.number, r.label, ...r.cells, r.total]);
  }
  // Totals as numbers (the statistics' own sums: every row of the table is printed above).
  const totals = ws.addRow(['', 'Tổng cộng', ...s.table.columnTotals, s.table.grandTotal]);
  totals.font = { bold: true };
  for (let r = firstData; r <= totals.number; r += 1) {
    const row = ws.getRow(r);
    row.getCell(1).alignment = { horizontal: 'center', vertical: 'top' };
    row.getCell(2).alignment = { wrapText: true, vertical: 'top' };
    for (let c = 3; c <= width; c += 1) {
      row.getCell(c).numFmt = NUMBER_FORMAT.count;
      row.getCell(c).alignment = { horizontal: 'center', vertical: 'top' };
    }
  }
  for (const r of headings) ws.getRow(r).getCell(1).alignment = { horizontal: 'left', vertical: 'top' };
  border(ws, header.number, 1, totals.number, width);

  // The report's breakdowns: collective and individual, the shares of direct workers and leaders.
  ws.addRow([]);
  const breakdown: [string, number | null, string][] = [
    ['Số tập thể được khen thưởng', s.collective, NUMBER_FORMAT.count],
    ['Số cá nhân được khen thưởng', s.individual, NUMBER_FORMAT.count],
    [
      'Tỷ lệ cá nhân là người lao động trực tiếp (trong số cá nhân có phân loại)',
      s.directWorkerShare,
      NUMBER_FORMAT.percent,
    ],
    [
      'Tỷ lệ cá nhân là lãnh đạo, quản lý (trong số cá nhân có phân loại)',
      s.leaderShare,
      NUMBER_FORMAT.percent,
    ],
  ];
  const top = ws.rowCount + 1;
  for (const [label, value, fmt] of breakdown) {
    const row = ws.addRow(['', label, value ?? 'Chưa có số liệu phân loại']);
    row.getCell(3).numFmt = fmt;
    row.getCell(2).alignment = { wrapText: true, vertical: 'top' };
    row.getCell(3).alignment = { horizontal: 'center', vertical: 'top' };
    if (width > 3) ws.mergeCells(row.number, 3, row.number, Math.min(width, 4));
  }
  border(ws, top, 2, ws.rowCount, Math.min(width, 4));
  if (s.rolledUp) {
    ws.addRow([]);
    ws.addRow(['', 'Số liệu được cộng theo đơn vị kế thừa hiện nay (sau sắp xếp đơn vị hành chính).']).font =
      {
        italic: true,
      };
  }

  ws.getColumn(1).width = 6;
  ws.getColumn(2).width = 46;
  for (let c = 3; c <= width; c += 1) ws.getColumn(c).width = units.length > 12 ? 6.5 : 9;
  ws.getColumn(width).width = 10;
  fitRowHeights(ws, header.number, ws.rowCount, 12);
  useFont(ws, 12);
  setUpPrint(ws, { orientation: 'landscape', repeatRows: [header.number, header.number] });
  const name = groupName ? slugify(groupName) : 'toan-quoc';
  return {
    fileName: `ket-qua-khen-thuong-${name}-${s.from}-${s.to}.xlsx`,
    contentType: XLSX_TYPE,
    base64: Buffer.from(await wb.xlsx.writeBuffer()).toString('base64'),
  };
}

import { FileView, SchemeView, XLSX_TYPE } from '@tdkt/contracts';
import {
  capProblems,
  Cell,
  clip,
  describeTieBreak,
  rowsToScheme,
  Scheme,
  SCHEME_COLUMNS,
  SCHEME_LIMITS,
  schemeToRows,
  slugify,
  TieBreak,
} from '@tdkt/domain';
import { AppError } from '@tdkt/platform';
import ExcelJS from 'exceljs';

const SHEET = 'Thang bảng điểm';
/** Rows read below a header (a scheme has at most SCHEME_LIMITS.nodes; blank rows are allowed). */
const MAX_ROWS = 2 * SCHEME_LIMITS.nodes;

/** A cell's plain value (formulas give their result, rich text its text). */
export function plain(v: ExcelJS.CellValue): Cell {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object' && 'result' in v) return plain(v.result as ExcelJS.CellValue);
  if (typeof v === 'object' && 'richText' in v) return v.richText.map((t) => t.text).join('');
  if (typeof v === 'object' && 'text' in v) return String(v.text);
  return String(v);
}

/**
 * The plain values of the first `width` columns of a workbook's sheet named `sheetName` (else its
 * first sheet): the header (row 1) and the rows below it; or what keeps it from being read.
 */
export async function readSheet(
  bytes: Buffer,
  sheetName: string,
  width: number,
): Promise<{ header: Cell[]; rows: Cell[][] } | { problem: string }> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    return { problem: 'is not an Excel (.xlsx) workbook' };
  }
  const ws = wb.getWorksheet(sheetName) ?? wb.worksheets[0];
  if (!ws) return { problem: 'has no worksheet' };
  // A scheme has at most SCHEME_LIMITS.nodes rows; a sheet claiming a million is refused unread.
  if (ws.rowCount > MAX_ROWS + 1) return { problem: `has more than ${MAX_ROWS} rows below the header` };
  const row = (r: number): Cell[] =>
    Array.from({ length: width }, (_, i) => plain(ws.getRow(r).getCell(i + 1).value));
  const header = row(1);
  const rows: Cell[][] = [];
  for (let r = 2; r <= ws.rowCount; r += 1) rows.push(row(r));
  return { header, rows };
}

/** The scheme in a workbook made with `toXlsx` (or by hand in the same columns). */
export async function fromXlsx(base64: string): Promise<Scheme> {
  const sheet = await readSheet(Buffer.from(base64, 'base64'), SHEET, SCHEME_COLUMNS.length);
  if ('problem' in sheet) throw AppError.field('file', sheet.problem);
  const { header, rows } = sheet;
  const wrong = SCHEME_COLUMNS.findIndex((c, i) => String(header[i] ?? '').trim() !== c);
  if (wrong >= 0)
    throw AppError.field(
      'row 1',
      `the columns must be: ${SCHEME_COLUMNS.join(' | ')} (column ${wrong + 1} is "${clip(String(header[wrong] ?? ''))}")`,
    );
  const result = rowsToScheme(rows);
  if ('problems' in result)
    throw AppError.validation(
      capProblems(
        result.problems.map((p) => ({ field: `row ${p.row} (${p.column})`, message: p.message })),
        (n) => ({ field: 'file', message: `and ${n} more problem(s)` }),
      ),
      `The table has ${result.problems.length} problem(s)`,
    );
  return result.scheme;
}

/** The scheme as officials keep it in Excel, with the tie-break and honour rules on a second sheet. */
export async function toXlsx(view: SchemeView, groupName: string): Promise<FileView> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'TĐKT';
  const ws = wb.addWorksheet(SHEET);
  ws.addRow([...SCHEME_COLUMNS]);
  ws.getRow(1).font = { bold: true };
  for (const row of schemeToRows(view.scheme as Scheme)) ws.addRow(row);
  ws.columns.forEach((c, i) => (c.width = i === 3 ? 60 : i === 12 ? 30 : 14));
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  const rules = wb.addWorksheet('Quy tắc');
  rules.addRow([`${groupName} – năm ${view.year} – phiên bản ${view.version} (${view.state})`]);
  rules.addRow(['Điểm tối đa', view.maximumTotal]);
  rules.addRow(['Xét khi bằng điểm', (view.tieBreaks as TieBreak[]).map(describeTieBreak).join('; ') || '—']);
  rules.addRow(['Khen thưởng', view.honours.scope === 'SUBGROUP' ? 'theo từng nhóm' : 'toàn cụm/khối']);
  for (const a of view.honours.awards) rules.addRow(['', a.award, a.places]);
  rules.addRow(['Điểm tối thiểu', view.honours.minimumTotal ?? '—']);
  const buf = Buffer.from(await wb.xlsx.writeBuffer());
  return {
    fileName: `thang-bang-diem-${slugify(groupName)}-${view.year}-v${view.version}.xlsx`,
    contentType: XLSX_TYPE,
    base64: buf.toString('base64'),
  };
}

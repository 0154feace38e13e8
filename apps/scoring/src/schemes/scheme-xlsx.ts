import { FileView, SchemeView, XLSX_TYPE } from '@tdkt/contracts';
import {
  Cell,
  describeTieBreak,
  rowsToScheme,
  Scheme,
  SCHEME_COLUMNS,
  schemeToRows,
  slugify,
  TieBreak,
} from '@tdkt/domain';
import { AppError } from '@tdkt/platform';
import ExcelJS from 'exceljs';

const SHEET = 'Thang bảng điểm';

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

/** The scheme in a workbook made with `toXlsx` (or by hand in the same columns). */
export async function fromXlsx(base64: string): Promise<Scheme> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(Buffer.from(base64, 'base64') as unknown as ArrayBuffer);
  } catch {
    throw AppError.field('file', 'is not an Excel (.xlsx) workbook');
  }
  const ws = wb.getWorksheet(SHEET) ?? wb.worksheets[0];
  if (!ws) throw AppError.field('file', 'has no worksheet');
  const header = SCHEME_COLUMNS.map((_, i) => plain(ws.getRow(1).getCell(i + 1).value));
  const wrong = SCHEME_COLUMNS.findIndex((c, i) => String(header[i] ?? '').trim() !== c);
  if (wrong >= 0)
    throw AppError.field(
      'row 1',
      `the columns must be: ${SCHEME_COLUMNS.join(' | ')} (column ${wrong + 1} is "${header[wrong] ?? ''}")`,
    );
  const rows: Cell[][] = [];
  for (let r = 2; r <= ws.rowCount; r += 1)
    rows.push(SCHEME_COLUMNS.map((_, i) => plain(ws.getRow(r).getCell(i + 1).value)));
  const result = rowsToScheme(rows);
  if ('problems' in result)
    throw AppError.validation(
      result.problems.map((p) => ({ field: `row ${p.row} (${p.column})`, message: p.message })),
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

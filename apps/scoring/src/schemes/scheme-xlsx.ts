import { FileView, SchemeView, XLSX_TYPE } from '@tdkt/contracts';
import {
  clip,
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
import { problemsError } from '../problems';
import { readSheet, workbookError } from '../workbook';

const SHEET = 'Thang bảng điểm';

/** The scheme in a workbook made with `toXlsx` (or by hand in the same columns). */
export async function fromXlsx(base64: string): Promise<Scheme> {
  const sheet = await readSheet(Buffer.from(base64, 'base64'), SHEET, SCHEME_COLUMNS.length);
  if ('problem' in sheet) throw workbookError(sheet.problem);
  const { header, rows } = sheet;
  const wrong = SCHEME_COLUMNS.findIndex((c, i) => String(header[i] ?? '').trim() !== c);
  if (wrong >= 0)
    throw AppError.of(
      'SCHEME_TABLE_COLUMNS',
      { columns: SCHEME_COLUMNS.join(' | '), column: wrong + 1, found: clip(String(header[wrong] ?? '')) },
      'row 1',
    );
  const result = rowsToScheme(rows);
  if ('problems' in result)
    throw problemsError(
      'SCHEME_TABLE_INVALID',
      {},
      result.problems.map((p) => ({ field: `row ${p.row} (${p.column})`, message: p.message })),
      'file',
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

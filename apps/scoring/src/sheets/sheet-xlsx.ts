import { FileView, SubmissionSubmitted, XLSX_TYPE } from '@tdkt/contracts';
import { Scheme, SELF_SCORE_COLUMNS, selfScoreEntries, selfScoreRows, slugify } from '@tdkt/domain';
import ExcelJS from 'exceljs';
import { readSheet, workbookProblemMessage } from '../workbook';

/** The self-score sheet a member fills in (Excel), and reading it back. */

const SHEET = 'Tự chấm điểm';

/** The member's sheet of its criteria, with its current self-scores filled in. */
export async function selfScoreSheet(
  s: { unitName: string; year: number; schemeVersion: number },
  scheme: Scheme,
  values: ReadonlyMap<string, { value: number | null; evidence: boolean }>,
): Promise<FileView> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(SHEET);
  ws.addRow([...SELF_SCORE_COLUMNS]);
  ws.getRow(1).font = { bold: true };
  for (const row of selfScoreRows(scheme, values)) ws.addRow(row);
  ws.columns.forEach((c, i) => (c.width = i === 1 ? 60 : i === 3 ? 40 : 14));
  return {
    fileName: `tu-cham-diem-${slugify(s.unitName)}-${s.year}-v${s.schemeVersion}.xlsx`,
    contentType: XLSX_TYPE,
    base64: Buffer.from(await wb.xlsx.writeBuffer()).toString('base64'),
  };
}

/** The submission's Excel self-score sheet, if it has one (a scan cannot be read). */
export function sheetOf(d: SubmissionSubmitted) {
  return d.files.find((f) => f.contentType === XLSX_TYPE);
}

/** The entries of a filled-in sheet, or its problems by row and column. */
export async function parseSheet(bytes: Buffer): Promise<ReturnType<typeof selfScoreEntries>> {
  const sheet = await readSheet(bytes, SHEET, SELF_SCORE_COLUMNS.length);
  if ('problem' in sheet)
    return { problems: [{ row: 1, column: 'file', message: workbookProblemMessage(sheet.problem) }] };
  return selfScoreEntries(sheet.rows);
}

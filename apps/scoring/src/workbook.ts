import { errorMessage } from '@tdkt/contracts';
import { Cell, SCHEME_LIMITS } from '@tdkt/domain';
import { AppError } from '@tdkt/platform';
import ExcelJS from 'exceljs';

/**
 * Reading the Excel workbooks scoring is sent (a points table, a self-score sheet): plain cell
 * values of one sheet, or the catalogue reason that keeps it from being read.
 */

/** Rows read below a header (a scheme has at most SCHEME_LIMITS.nodes; blank rows are allowed). */
export const MAX_ROWS = 2 * SCHEME_LIMITS.nodes;

export type WorkbookProblem =
  | { reason: 'SCORING_FILE_NOT_XLSX' }
  | { reason: 'SCORING_FILE_NO_WORKSHEET' }
  | { reason: 'SCORING_FILE_TOO_MANY_ROWS'; max: number };

/** A cell's plain value (formulas give their result, rich text and hyperlinks their text). */
export function plain(v: ExcelJS.CellValue): Cell {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object' && 'result' in v) return plain(v.result as ExcelJS.CellValue);
  if (typeof v === 'object' && 'richText' in v) return v.richText.map((t) => t.text).join('');
  if (typeof v === 'object' && 'text' in v) return String(v.text);
  return String(v);
}

/** How far down a header is looked for (a printable sheet has its title and period above it). */
export const HEADER_SCAN_ROWS = 30;

/**
 * The plain values of the first `width` columns of a workbook's sheet named `sheetName` (else its
 * first sheet): the header and the rows below row 1; or what keeps it from being read. The header
 * is row 1, or with `isHeader` the first row of the first HEADER_SCAN_ROWS it accepts (row 1 when
 * none does): rows above and at the header are then read as blank, so `rows[i]` is always the
 * worksheet's row i + 2 and problems name the rows officials see.
 */
export async function readSheet(
  bytes: Buffer,
  sheetName: string,
  width: number,
  isHeader?: (row: Cell[]) => boolean,
): Promise<{ header: Cell[]; headerRow: number; rows: Cell[][] } | { problem: WorkbookProblem }> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    return { problem: { reason: 'SCORING_FILE_NOT_XLSX' } };
  }
  const ws = wb.getWorksheet(sheetName) ?? wb.worksheets[0];
  if (!ws) return { problem: { reason: 'SCORING_FILE_NO_WORKSHEET' } };
  // A scheme has at most SCHEME_LIMITS.nodes rows; a sheet claiming a million is refused unread.
  if (ws.rowCount > MAX_ROWS + 1) return { problem: { reason: 'SCORING_FILE_TOO_MANY_ROWS', max: MAX_ROWS } };
  const row = (r: number): Cell[] =>
    Array.from({ length: width }, (_, i) => plain(ws.getRow(r).getCell(i + 1).value));
  let headerRow = 1;
  if (isHeader)
    for (let r = 1; r <= Math.min(HEADER_SCAN_ROWS, ws.rowCount); r += 1)
      if (isHeader(row(r))) {
        headerRow = r;
        break;
      }
  const header = row(headerRow);
  const rows: Cell[][] = [];
  for (let r = 2; r <= ws.rowCount; r += 1) rows.push(r <= headerRow ? [] : row(r));
  return { header, headerRow, rows };
}

/** The problem's message (Vietnamese, from the catalogue). */
export function workbookProblemMessage(p: WorkbookProblem): string {
  const { reason, ...params } = p;
  return errorMessage(reason, params);
}

/** The problem as the 400 of a request that sent the file. */
export function workbookError(p: WorkbookProblem): AppError {
  const { reason, ...params } = p;
  return AppError.of(reason, params, 'file');
}

import { FileView, SubmissionSubmitted, XLSX_TYPE } from '@tdkt/contracts';
import {
  Cell,
  CriterionNode,
  round2,
  Scheme,
  SCHEME_LIMITS,
  SchemeNode,
  SELF_SCORE_COLUMNS,
  selfScoreEntries,
  slugify,
  targetPoints,
} from '@tdkt/domain';
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
import { methodLabel } from '../schemes/scheme-xlsx';
import { readSheet, workbookProblemMessage } from '../workbook';

/**
 * The self-score sheet a member fills in (Excel), and reading it back.
 *
 * Printed as the member signs it: the title, the campaign, the unit and the year inside the sheet;
 * the member's criteria under their sections; the points each value gives and the total, computed
 * by formulas; a signature block ("NGƯỜI LẬP BIỂU", "THỦ TRƯỞNG ĐƠN VỊ"). Only the cells a member
 * fills in (value, evidence, note of each criterion) are unlocked; the sheet is protected WITHOUT a
 * password (Review → Unprotect Sheet lifts it): the lock keeps the table from being broken by
 * mistake, it is not a security boundary — the import checks every value again. Each value cell
 * accepts only a number in the criterion's range (data validation, a Vietnamese message).
 *
 * The columns stay SELF_SCORE_COLUMNS (an eighth, the computed points, follows them) and the
 * reader finds the header row wherever it is, so sheets made before the title rows still import.
 */

const SHEET = 'Tự chấm điểm';
/** The computed points column, after SELF_SCORE_COLUMNS. */
const POINTS_HEADER = 'Điểm tự chấm (tự tính)';
const WIDTH = SELF_SCORE_COLUMNS.length + 1;
/** The longest note (reason) of an entry, as the import allows. */
const NOTE_MAX = 2000;

export interface SheetSubject {
  unitName: string;
  year: number;
  schemeVersion: number;
  /** The group (Cụm/Khối thi đua) and the year's campaign (its covenant), when known. */
  groupName?: string;
  campaignTitle?: string | null;
}

/** What a member enters for a criterion, in words (the domain's hint, as before). */
function hint(c: CriterionNode): string {
  const what =
    c.method.kind === 'TARGET'
      ? `nhập giá trị đạt được (chỉ tiêu ${c.method.target})`
      : c.method.kind === 'RANK'
        ? 'nhập giá trị đo được'
        : 'nhập số điểm';
  return `${methodLabel(c.method)}; ${what}`;
}

/** The range a value must be in, with the message shown when it is not. */
function range(c: CriterionNode): { min: number; max: number; message: string } {
  const m = c.method;
  if (m.kind === 'MANUAL')
    return { min: 0, max: c.max, message: `Nhập số điểm từ 0 đến ${c.max} (điểm tối đa của tiêu chí).` };
  if (m.kind === 'BONUS' || m.kind === 'PENALTY')
    return {
      min: 0,
      max: m.cap,
      message: `Nhập số điểm ${m.kind === 'BONUS' ? 'thưởng' : 'bị trừ'} từ 0 đến ${m.cap}, kèm lý do ở cột Ghi chú.`,
    };
  if (m.kind === 'TARGET')
    return {
      min: 0,
      max: SCHEME_LIMITS.number,
      message: 'Nhập giá trị đạt được: một số không âm (ví dụ 7,5).',
    };
  return {
    min: -SCHEME_LIMITS.number,
    max: SCHEME_LIMITS.number,
    message: 'Nhập giá trị đo được: một số (ví dụ 12,5).',
  };
}

/** The points a value gives (RANK: placed among the members, not here), as the formula computes them. */
function points(c: CriterionNode, value: number | null): number | null {
  if (value === null || c.method.kind === 'RANK') return null;
  const m = c.method;
  if (m.kind === 'MANUAL') return round2(Math.min(c.max, Math.max(0, value)));
  if (m.kind === 'TARGET') return targetPoints(c as Parameters<typeof targetPoints>[0], value);
  const p = round2(Math.min(m.cap, Math.max(0, value)));
  return m.kind === 'BONUS' ? p : -p;
}

/** The same in Excel, from the value in `v` (blank: no points). */
function pointsFormula(c: CriterionNode, v: string): string | null {
  const m = c.method;
  if (m.kind === 'RANK') return null;
  const clip = (cap: number) => `MIN(${cap},MAX(0,${v}))`;
  const f =
    m.kind === 'MANUAL'
      ? clip(c.max)
      : m.kind === 'TARGET'
        ? `IF(${v}>=${m.target},${c.max},IF(${v}<=0,0,ROUND(MAX(${m.floor},${c.max}*${v}/${m.target}),2)))`
        : m.kind === 'BONUS'
          ? clip(m.cap)
          : `-${clip(m.cap)}`;
  return `IF(${v}="","",${f})`;
}

/** The member's sheet of its criteria, with its current self-scores filled in. */
export async function selfScoreSheet(
  s: SheetSubject,
  scheme: Scheme,
  values: ReadonlyMap<string, { value: number | null; evidence: boolean }>,
): Promise<FileView> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'TĐKT';
  wb.calcProperties.fullCalcOnLoad = true;
  const ws = wb.addWorksheet(SHEET, { views: [{ showGridLines: false }] });
  titleLines(
    ws,
    [
      { text: `BẢNG TỰ CHẤM ĐIỂM THI ĐUA NĂM ${s.year}`, bold: true, size: 14 },
      ...(s.campaignTitle ? [{ text: s.campaignTitle, bold: true, size: 12 }] : []),
      ...(s.groupName && !s.campaignTitle?.includes(s.groupName)
        ? [{ text: s.groupName, bold: true, size: 12 }]
        : []),
      { text: `Đơn vị: ${s.unitName}`, bold: true, size: 13 },
      { text: `(Theo thang bảng điểm phiên bản ${s.schemeVersion})`, italic: true, size: 12 },
    ],
    WIDTH,
  );
  const header = ws.addRow([...SELF_SCORE_COLUMNS, POINTS_HEADER]);
  headerRow(header, 34);
  const pointCells: string[] = [];
  const evidence = ['"Có,Không"'];

  const visit = (n: SchemeNode): boolean => {
    if (n.type === 'SECTION') {
      // A section's heading, only when the member scores something in it.
      const at = ws.addRow([n.code, n.title]);
      at.font = { bold: true };
      const any = n.children.map(visit).some(Boolean);
      if (!any) ws.spliceRows(at.number, 1);
      return any;
    }
    if (n.scoredBy.kind !== 'MEMBER') return false;
    const current = values.get(n.code);
    const value = current?.value ?? null;
    const row = ws.addRow([
      n.code,
      n.title,
      n.method.kind === 'BONUS' || n.method.kind === 'PENALTY' ? n.method.cap : n.max,
      hint(n),
      value,
      current?.evidence ? 'Có' : 'Không',
      null,
    ]);
    const r = row.number;
    const v = `E${r}`;
    const f = pointsFormula(n, v);
    const p = points(n, value);
    row.getCell(8).value = f ? { formula: f, result: p ?? '' } : null;
    if (f) pointCells.push(`H${r}`);
    const { min, max, message } = range(n);
    row.getCell(5).dataValidation = {
      type: 'decimal',
      operator: 'between',
      allowBlank: true,
      formulae: [min, max],
      showErrorMessage: true,
      errorStyle: 'stop',
      errorTitle: 'Giá trị không hợp lệ',
      error: `Tiêu chí ${n.code}: ${message}`.slice(0, 255),
      showInputMessage: true,
      promptTitle: `Tiêu chí ${n.code}`.slice(0, 32),
      prompt: message.slice(0, 255),
    };
    row.getCell(6).dataValidation = {
      type: 'list',
      allowBlank: true,
      formulae: evidence,
      showErrorMessage: true,
      errorStyle: 'stop',
      errorTitle: 'Giá trị không hợp lệ',
      error: 'Chọn “Có” hoặc “Không”.',
    };
    row.getCell(7).dataValidation = {
      type: 'textLength',
      operator: 'lessThanOrEqual',
      allowBlank: true,
      formulae: [NOTE_MAX],
      showErrorMessage: true,
      errorStyle: 'stop',
      errorTitle: 'Ghi chú quá dài',
      error: `Ghi chú dài tối đa ${NOTE_MAX} ký tự.`,
    };
    for (const c of [5, 6, 7]) row.getCell(c).protection = { locked: false };
    return true;
  };
  scheme.sections.forEach(visit);
  const first = header.number + 1;
  const last = ws.rowCount;
  const total = ws.addRow(['', 'Tổng điểm tự chấm']);
  total.font = { bold: true };
  total.getCell(8).value = {
    formula: last >= first ? `SUM(H${first}:H${last})` : '0',
    result: sumOfPoints(scheme, values),
  };
  for (let r = first; r <= total.number; r += 1) {
    const row = ws.getRow(r);
    for (const c of [2, 4, 7]) row.getCell(c).alignment = { wrapText: true, vertical: 'top' };
    for (const c of [1, 3, 5, 6, 8]) row.getCell(c).alignment = { horizontal: 'center', vertical: 'top' };
    for (const c of [3, 5, 8]) row.getCell(c).numFmt = NUMBER_FORMAT.points;
  }
  border(ws, header.number, 1, total.number, WIDTH);

  // Notes, then the signature block of Vietnamese forms. Nothing below the table is in the code
  // column (A) together with the value column (E), so the reader passes over it.
  ws.addRow([]);
  for (const text of [
    'Ghi chú: chỉ nhập vào các cột “Giá trị tự chấm”, “Có minh chứng” và “Ghi chú”; điểm và tổng điểm được tính tự động.',
    'Điểm các tiêu chí chấm theo thứ hạng được tính khi so sánh giữa các đơn vị, không tính trong tổng trên. Điểm thưởng, điểm trừ cần ghi rõ lý do.',
    'Trang tính được khóa (không đặt mật khẩu) để tránh sửa nhầm cấu trúc bảng.',
  ]) {
    const row = ws.addRow(['', text]);
    ws.mergeCells(row.number, 2, row.number, WIDTH);
    row.getCell(2).font = { italic: true, size: 11 };
    row.getCell(2).alignment = { wrapText: true, vertical: 'top' };
    row.height = 30;
  }
  ws.addRow([]);
  const SIGN = 6; // the right-hand block: columns F to H
  const place = ws.addRow([]);
  place.getCell(SIGN).value = '……………, ngày …… tháng …… năm ……';
  const roles = ws.addRow(['NGƯỜI LẬP BIỂU']);
  roles.getCell(SIGN).value = 'THỦ TRƯỞNG ĐƠN VỊ';
  const how = ws.addRow(['(Ký, ghi rõ họ tên)']);
  how.getCell(SIGN).value = '(Ký tên, đóng dấu)';
  for (const row of [place, roles, how]) {
    ws.mergeCells(row.number, 1, row.number, 3);
    ws.mergeCells(row.number, SIGN, row.number, WIDTH);
    for (const c of [1, SIGN]) row.getCell(c).alignment = { horizontal: 'center' };
  }
  place.getCell(SIGN).font = { italic: true };
  for (const c of [1, SIGN]) {
    roles.getCell(c).font = { bold: true };
    how.getCell(c).font = { italic: true };
  }
  for (let i = 0; i < 4; i += 1) ws.addRow([]); // room for the signatures and the seal

  ws.getColumn(1).width = 11;
  ws.getColumn(2).width = 36;
  ws.getColumn(3).width = 8;
  ws.getColumn(4).width = 26;
  ws.getColumn(5).width = 10;
  ws.getColumn(6).width = 10;
  ws.getColumn(7).width = 18;
  ws.getColumn(8).width = 10;
  fitRowHeights(ws, header.number, total.number, 12);
  useFont(ws, 12);
  setUpPrint(ws, { orientation: 'landscape', repeatRows: [header.number, header.number] });
  await ws.protect('', {
    selectLockedCells: true,
    selectUnlockedCells: true,
    formatColumns: true,
    formatRows: true,
  });
  return {
    fileName: `tu-cham-diem-${slugify(s.unitName)}-${s.year}-v${s.schemeVersion}.xlsx`,
    contentType: XLSX_TYPE,
    base64: Buffer.from(await wb.xlsx.writeBuffer()).toString('base64'),
  };
}

/** The total the formulas give for the current values. */
function sumOfPoints(scheme: Scheme, values: ReadonlyMap<string, { value: number | null }>): number {
  let total = 0;
  const visit = (n: SchemeNode): void => {
    if (n.type === 'SECTION') return n.children.forEach(visit);
    if (n.scoredBy.kind === 'MEMBER') total += points(n, values.get(n.code)?.value ?? null) ?? 0;
  };
  scheme.sections.forEach(visit);
  return round2(total);
}

/** The submission's Excel self-score sheet, if it has one (a scan cannot be read). */
export function sheetOf(d: SubmissionSubmitted) {
  return d.files.find((f) => f.contentType === XLSX_TYPE);
}

/** The self-score table's header: its first column and its value column as written. */
const isHeader = (row: Cell[]) =>
  String(row[0] ?? '').trim() === SELF_SCORE_COLUMNS[0] &&
  String(row[4] ?? '').trim() === SELF_SCORE_COLUMNS[4];

/**
 * The entries of a filled-in sheet, or its problems by row and column. The header is found below
 * the title (row 1 in sheets made before it); rows above it and below the table (notes, the
 * signature block, the total) have no criterion code and a blank value, and are skipped.
 */
export async function parseSheet(bytes: Buffer): Promise<ReturnType<typeof selfScoreEntries>> {
  const sheet = await readSheet(bytes, SHEET, SELF_SCORE_COLUMNS.length, isHeader);
  if ('problem' in sheet)
    return { problems: [{ row: 1, column: 'file', message: workbookProblemMessage(sheet.problem) }] };
  return selfScoreEntries(sheet.rows);
}

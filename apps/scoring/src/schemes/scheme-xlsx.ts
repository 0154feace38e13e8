import { FileView, MethodView, SchemeView, ScorerView, SectionView, XLSX_TYPE } from '@tdkt/contracts';
import { clip, rowsToScheme, Scheme, SCHEME_COLUMNS, schemeToRows, slugify } from '@tdkt/domain';
import {
  AppError,
  border,
  fitRowHeights,
  headerRow,
  NUMBER_FORMAT,
  setUpPrint,
  titleLines,
  useFont,
  wrapColumn,
} from '@tdkt/platform';
import ExcelJS from 'exceljs';
import { honourRuleLines, SCHEME_STATE_LABEL, tieBreakSentence, titlesOf } from '../exports/labels';
import { problemsError } from '../problems';
import { readSheet, workbookError } from '../workbook';

/** The table read back (by name: the printable page comes first). */
const SHEET = 'Thang bảng điểm';
const PRINT_SHEET = 'Bản in';
const RULES_SHEET = 'Quy tắc';

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

/** The scheme as officials keep it in Excel: a page to print, the table to edit and import, the rules. */
export async function toXlsx(view: SchemeView, groupName: string): Promise<FileView> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'TĐKT';
  wb.calcProperties.fullCalcOnLoad = true;
  const titles = titlesOf(view.scheme);
  printSheet(wb.addWorksheet(PRINT_SHEET, { views: [{ showGridLines: false }] }), view, groupName, titles);

  // The table read back by `fromXlsx`: its header stays on row 1, its words are the table's.
  const ws = wb.addWorksheet(SHEET);
  ws.addRow([...SCHEME_COLUMNS]);
  headerRow(ws.getRow(1));
  for (const row of schemeToRows(view.scheme as Scheme)) ws.addRow(row);
  ws.columns.forEach((c, i) => (c.width = i === 3 ? 50 : i === 12 ? 24 : i === 1 ? 12 : 11));
  wrapColumn(ws, 4, 2, ws.rowCount);
  border(ws, 1, 1, ws.rowCount, SCHEME_COLUMNS.length);
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  fitRowHeights(ws, 1, ws.rowCount, 11);
  useFont(ws, 11);
  setUpPrint(ws, { orientation: 'landscape', repeatRows: [1, 1] });

  const rules = wb.addWorksheet(RULES_SHEET, { views: [{ showGridLines: false }] });
  titleLines(
    rules,
    [
      { text: `QUY TẮC XẾP HẠNG VÀ KHEN THƯỞNG NĂM ${view.year}`, bold: true, size: 14 },
      { text: groupName.toLocaleUpperCase('vi'), bold: true },
      {
        text: `(Thang bảng điểm phiên bản ${view.version}, ${SCHEME_STATE_LABEL[view.state]})`,
        italic: true,
      },
    ],
    2,
  );
  const first = rules.rowCount + 1;
  rules.addRow(['Điểm tối đa', view.maximumTotal]).getCell(2).numFmt = NUMBER_FORMAT.points;
  rules.addRow(['Xét khi bằng điểm', tieBreakSentence(view.tieBreaks, titles)]);
  rules.addRow([
    'Phạm vi xếp hạng',
    view.honours.scope === 'SUBGROUP' ? 'Theo từng nhóm của cụm, khối' : 'Toàn cụm, khối',
  ]);
  for (const line of honourRuleLines(view.honours)) rules.addRow(['Khen thưởng', line]);
  if (view.honours.minimumTotal === null || view.honours.minimumTotal === undefined)
    rules.addRow(['Điểm tối thiểu', 'Không quy định']);
  for (let r = first; r <= rules.rowCount; r += 1) {
    rules.getRow(r).getCell(1).font = { bold: true };
    rules.getRow(r).getCell(2).alignment = { wrapText: true, vertical: 'top', horizontal: 'left' };
    rules.getRow(r).getCell(1).alignment = { wrapText: true, vertical: 'top' };
  }
  border(rules, first, 1, rules.rowCount, 2);
  rules.getColumn(1).width = 22;
  rules.getColumn(2).width = 62;
  fitRowHeights(rules, first, rules.rowCount, 13);
  useFont(rules, 13);
  setUpPrint(rules, { orientation: 'portrait' });

  const buf = Buffer.from(await wb.xlsx.writeBuffer());
  return {
    fileName: `thang-bang-diem-${slugify(groupName)}-${view.year}-v${view.version}.xlsx`,
    contentType: XLSX_TYPE,
    base64: buf.toString('base64'),
  };
}

const ROMAN = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X', 'XI', 'XII', 'XIII', 'XIV', 'XV'];
const LETTERS = 'abcdefghiklmnopqrstuvxy';

/** I, II … for the top sections; 1, 2 … inside them; a, b … one level further; "-" below that. */
function numbering(depth: number, i: number): string | number {
  if (depth === 0) return ROMAN[i] ?? String(i + 1);
  if (depth === 1) return i + 1;
  if (depth === 2) return `${LETTERS[i] ?? i + 1})`;
  return '-';
}

/** How a criterion is scored, in words. */
export function methodLabel(m: MethodView): string {
  switch (m.kind) {
    case 'MANUAL':
      return 'Chấm trực tiếp';
    case 'TARGET':
      return (
        `Theo chỉ tiêu ${m.target}: đạt chỉ tiêu được điểm tối đa, chưa đạt tính theo tỷ lệ` +
        (m.floor > 0 ? ` (không dưới ${m.floor} điểm)` : '')
      );
    case 'RANK':
      return (
        `Theo thứ hạng giữa các đơn vị: mỗi bậc sau trừ ${m.step} điểm` +
        (m.lowerIsBetter ? ' (giá trị thấp hơn xếp trên)' : '')
      );
    case 'BONUS':
      return `Điểm thưởng, tối đa ${m.cap} điểm`;
    case 'PENALTY':
      return `Điểm trừ, tối đa ${m.cap} điểm`;
  }
}

export function scorerLabel(s: ScorerView): string {
  if (s.kind === 'MEMBER') return 'Đơn vị tự chấm';
  if (s.kind === 'LEADERSHIP') return 'Cụm trưởng, cụm phó';
  return `Cơ quan khác chấm (${s.body})`;
}

/** The most a section adds to a total (maxima, bonus caps). */
function sectionMax(n: SectionView): number {
  return n.children.reduce(
    (a, c) => a + (c.type === 'SECTION' ? sectionMax(c) : c.method.kind === 'BONUS' ? c.method.cap : c.max),
    0,
  );
}

/** The points table as the seeds print it: title and period, numbered sections and criteria, totals, rules. */
function printSheet(ws: ExcelJS.Worksheet, view: SchemeView, groupName: string, titles: Map<string, string>) {
  const width = 6;
  titleLines(
    ws,
    [
      { text: `THANG BẢNG ĐIỂM CHẤM ĐIỂM THI ĐUA NĂM ${view.year}`, bold: true, size: 14 },
      { text: groupName.toLocaleUpperCase('vi'), bold: true, size: 13 },
      {
        text: `(Phiên bản ${view.version}, ${SCHEME_STATE_LABEL[view.state]}${view.publishedAt ? ` ngày ${dmy(view.publishedAt)}` : ''})`,
        italic: true,
        size: 12,
      },
    ],
    width,
  );
  const header = ws.addRow([
    'STT',
    'Nội dung tiêu chí',
    'Điểm tối đa',
    'Cách chấm',
    'Người chấm',
    'Cần minh chứng',
  ]);
  headerRow(header);
  const visit = (n: SectionView | SectionView['children'][number], depth: number, i: number): void => {
    if (n.type === 'SECTION') {
      const row = ws.addRow([numbering(depth, i), n.title, sectionMax(n)]);
      row.font = { bold: true };
      n.children.forEach((c, j) => visit(c, depth + 1, j));
      return;
    }
    ws.addRow([
      numbering(depth, i),
      n.title,
      n.method.kind === 'BONUS' || n.method.kind === 'PENALTY' ? null : n.max,
      methodLabel(n.method),
      scorerLabel(n.scoredBy),
      n.evidenceRequired ? 'Có' : '',
    ]);
  };
  view.scheme.sections.forEach((s, i) => visit(s, 0, i));
  const total = ws.addRow(['', 'Tổng điểm tối đa', view.maximumTotal]);
  total.font = { bold: true };
  for (let r = header.number + 1; r <= total.number; r += 1) {
    const row = ws.getRow(r);
    row.getCell(1).alignment = { horizontal: 'center', vertical: 'top' };
    row.getCell(3).numFmt = NUMBER_FORMAT.points;
    row.getCell(3).alignment = { horizontal: 'center', vertical: 'top' };
    for (const c of [2, 4, 5]) row.getCell(c).alignment = { wrapText: true, vertical: 'top' };
    row.getCell(6).alignment = { horizontal: 'center', vertical: 'top' };
  }
  border(ws, header.number, 1, total.number, width);
  ws.addRow([]);
  const notes = [
    tieBreakSentence(view.tieBreaks, titles),
    ...honourRuleLines(view.honours).map((l) => `Khen thưởng: ${l}.`),
    `Để sửa và nhập lại thang bảng điểm, dùng trang tính “${SHEET}” của tệp này.`,
  ];
  for (const text of notes) {
    const row = ws.addRow([text]);
    ws.mergeCells(row.number, 1, row.number, width);
    row.getCell(1).alignment = { wrapText: true, vertical: 'top' };
    row.getCell(1).font = { italic: true };
    row.height = text.length > 110 ? 32 : 18;
  }
  ws.getColumn(1).width = 6;
  ws.getColumn(2).width = 42;
  ws.getColumn(3).width = 9;
  ws.getColumn(4).width = 30;
  ws.getColumn(5).width = 16;
  ws.getColumn(6).width = 10;
  fitRowHeights(ws, header.number, total.number, 12);
  useFont(ws, 12);
  setUpPrint(ws, { orientation: 'portrait', repeatRows: [header.number, header.number] });
}

const dmy = (iso: string) => {
  const d = new Date(iso);
  const vn = new Date(d.getTime() + 7 * 3600_000);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(vn.getUTCDate())}/${two(vn.getUTCMonth() + 1)}/${vn.getUTCFullYear()}`;
};

import { FileView, HonoursView, RankingView, SchemeBody, XLSX_TYPE } from '@tdkt/contracts';
import { slugify } from '@tdkt/domain';
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
import { aheadLabel, awardLabel, honourRuleLines, tieBreakSentence, titlesOf } from './labels';

/**
 * The ranking and the honour proposals of a group-year as officials print them (the tables of the
 * preparatory conference's minutes and of the proposal letter): title and year inside the sheet,
 * one block per subgroup with its numbering from 1, numbers as numbers, words instead of codes.
 */

export interface ResultsContext {
  groupName: string;
  /** The scheme the results were computed with (section titles); null when it cannot be read. */
  scheme: SchemeBody | null;
  /** Unit names by member id (candidates of an undecided honour are ids). */
  names: ReadonlyMap<string, string>;
}

const ROMAN = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X', 'XI', 'XII'];

/** A block heading across the table (a subgroup's name), unless the block is the whole group. */
function scopeHeading(ws: ExcelJS.Worksheet, name: string, groupName: string, width: number, i: number) {
  if (name === groupName) return;
  const row = ws.addRow([ROMAN[i] ?? i + 1, name]);
  ws.mergeCells(row.number, 2, row.number, width);
  row.font = { bold: true };
}

function note(ws: ExcelJS.Worksheet, text: string, width: number) {
  const row = ws.addRow([text]);
  ws.mergeCells(row.number, 1, row.number, width);
  row.getCell(1).font = { italic: true };
  row.getCell(1).alignment = { wrapText: true, vertical: 'top' };
  row.height = text.length > 140 ? 32 : 18;
}

async function file(wb: ExcelJS.Workbook, fileName: string): Promise<FileView> {
  return {
    fileName,
    contentType: XLSX_TYPE,
    base64: Buffer.from(await wb.xlsx.writeBuffer()).toString('base64'),
  };
}

/** The ranking: per block, each member's points per top section, self vs appraised, its rank and why. */
export async function rankingWorkbook(view: RankingView, ctx: ResultsContext): Promise<FileView> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'TĐKT';
  const ws = wb.addWorksheet('Xếp hạng', { views: [{ showGridLines: false }] });
  const titles = ctx.scheme ? titlesOf(ctx.scheme) : new Map<string, string>();
  // The top sections as columns (their points after appraisal).
  const sections = ctx.scheme
    ? ctx.scheme.sections.map((s) => s.code)
    : [...new Set(view.scopes.flatMap((s) => s.rows.flatMap((r) => Object.keys(r.bySection))))].sort();
  const width = 2 + sections.length + 5;
  titleLines(
    ws,
    [
      { text: `BẢNG TỔNG HỢP KẾT QUẢ CHẤM ĐIỂM, XẾP HẠNG THI ĐUA NĂM ${view.year}`, bold: true, size: 14 },
      { text: ctx.groupName.toLocaleUpperCase('vi'), bold: true },
      {
        text: `(Theo thang bảng điểm phiên bản ${view.schemeVersion}; ${view.locked ? 'kết quả đã khóa tại Hội nghị trù bị' : 'kết quả tạm tính, chưa khóa điểm'})`,
        italic: true,
        size: 12,
      },
    ],
    width,
  );
  const header = ws.addRow([
    'STT',
    'Đơn vị',
    ...sections.map((code, i) => `${ROMAN[i] ?? i + 1}. ${titles.get(code) ?? code}`),
    'Điểm tự chấm',
    'Tổng điểm sau thẩm định',
    'Chênh lệch',
    'Xếp hạng',
    'Ghi chú',
  ]);
  headerRow(header, 48);
  view.scopes.forEach((scope, i) => {
    scopeHeading(ws, scope.name, ctx.groupName, width, i);
    scope.rows.forEach((r, j) => {
      const remark = r.tied
        ? 'Đồng hạng: các quy tắc xét khi bằng điểm không phân định được, đề nghị Hội nghị xem xét'
        : aheadLabel(r.aheadOfNextBy, view.tieBreaks, titles);
      const row = ws.addRow([
        j + 1,
        r.unitName,
        ...sections.map((code) => r.bySection[code] ?? 0),
        r.selfTotal,
        r.total,
        r.difference,
        r.rank,
        remark ?? '',
      ]);
      for (let c = 3; c <= 2 + sections.length + 3; c += 1) row.getCell(c).numFmt = NUMBER_FORMAT.points;
      row.getCell(2 + sections.length + 2).font = { bold: true };
    });
  });
  const last = ws.rowCount;
  for (let r = header.number + 1; r <= last; r += 1) {
    const row = ws.getRow(r);
    for (let c = 1; c <= width; c += 1)
      row.getCell(c).alignment =
        c === 2 || c === width
          ? { wrapText: true, vertical: 'top' }
          : { horizontal: 'center', vertical: 'top', wrapText: true };
  }
  border(ws, header.number, 1, last, width);
  ws.addRow([]);
  note(ws, tieBreakSentence(view.tieBreaks, titles), width);
  note(ws, 'Chênh lệch = tổng điểm sau thẩm định trừ điểm tự chấm.', width);
  ws.getColumn(1).width = 5;
  ws.getColumn(2).width = 22;
  for (let c = 3; c < 3 + sections.length; c += 1) ws.getColumn(c).width = 13;
  for (let c = 3 + sections.length; c < width; c += 1) ws.getColumn(c).width = 10;
  ws.getColumn(width).width = 34;
  fitRowHeights(ws, header.number, last, 12);
  useFont(ws, 12);
  setUpPrint(ws, { orientation: 'landscape', repeatRows: [header.number, header.number] });
  return file(wb, `xep-hang-${slugify(ctx.groupName)}-${view.year}.xlsx`);
}

/** "2 đơn vị cùng xếp thứ 1 với 90 điểm …" (the domain's reason): the rank and the points. */
function tieOf(reason: string): { rank: number; total: number } | null {
  const m = /cùng xếp thứ (\d+) với (-?[\d,]+) điểm/.exec(reason);
  return m ? { rank: Number(m[1]), total: Number(m[2].replace(',', '.')) } : null;
}

/** The honour proposals: per block, the award, the member, its rank, total and lead; ties left to the conference. */
export async function honoursWorkbook(view: HonoursView, ctx: ResultsContext): Promise<FileView> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'TĐKT';
  const ws = wb.addWorksheet('Đề xuất khen thưởng', { views: [{ showGridLines: false }] });
  const width = 7;
  titleLines(
    ws,
    [
      { text: `DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG NĂM ${view.year}`, bold: true, size: 14 },
      { text: ctx.groupName.toLocaleUpperCase('vi'), bold: true },
      {
        text: `(Theo kết quả chấm điểm đã khóa, thang bảng điểm phiên bản ${view.schemeVersion})`,
        italic: true,
        size: 12,
      },
    ],
    width,
  );
  const header = ws.addRow([
    'STT',
    'Hình thức khen thưởng',
    'Đơn vị',
    'Xếp hạng',
    'Tổng điểm',
    'Hơn đơn vị xếp sau (điểm)',
    'Ghi chú',
  ]);
  headerRow(header, 34);
  const name = (id: string) => ctx.names.get(id) ?? id;
  view.scopes.forEach((scope, i) => {
    scopeHeading(ws, scope.name, ctx.groupName, width, i);
    let n = 0;
    for (const p of scope.proposals) {
      const row = ws.addRow([
        (n += 1),
        awardLabel(p.award),
        p.unitName,
        p.rank,
        p.total,
        p.margin,
        p.margin === null ? 'Đơn vị xếp cuối' : '',
      ]);
      row.getCell(5).numFmt = NUMBER_FORMAT.points;
      row.getCell(6).numFmt = NUMBER_FORMAT.points;
    }
    for (const u of scope.undecided) {
      const tie = tieOf(u.reason);
      const row = ws.addRow([
        (n += 1),
        awardLabel(u.award),
        `Chưa xác định: ${u.candidates.map(name).join(', ')}`,
        tie?.rank ?? null,
        tie?.total ?? null,
        null,
        'Bằng điểm, các quy tắc xét khi bằng điểm không phân định được: đề nghị Hội nghị xem xét, quyết định',
      ]);
      row.getCell(5).numFmt = NUMBER_FORMAT.points;
    }
    if (scope.belowMinimum.length) {
      const row = ws.addRow([
        '',
        'Không đề nghị',
        scope.belowMinimum.map(name).join(', '),
        null,
        null,
        null,
        'Chưa đạt điểm tối thiểu để được đề nghị khen thưởng',
      ]);
      row.font = { italic: true };
    }
    if (!scope.proposals.length && !scope.undecided.length && !scope.belowMinimum.length)
      ws.addRow(['', 'Không có đơn vị được đề nghị']);
  });
  const last = ws.rowCount;
  for (let r = header.number + 1; r <= last; r += 1) {
    const row = ws.getRow(r);
    for (let c = 1; c <= width; c += 1)
      row.getCell(c).alignment = [2, 3, 7].includes(c)
        ? { wrapText: true, vertical: 'top' }
        : { horizontal: 'center', vertical: 'top' };
  }
  border(ws, header.number, 1, last, width);
  ws.addRow([]);
  for (const line of honourRuleLines(view.rule)) note(ws, `Quy tắc: ${line}.`, width);
  ws.getColumn(1).width = 5;
  ws.getColumn(2).width = 26;
  ws.getColumn(3).width = 24;
  ws.getColumn(4).width = 9;
  ws.getColumn(5).width = 9;
  ws.getColumn(6).width = 11;
  ws.getColumn(7).width = 26;
  fitRowHeights(ws, header.number, last, 12);
  useFont(ws, 12);
  setUpPrint(ws, { orientation: 'portrait', repeatRows: [header.number, header.number] });
  return file(wb, `de-xuat-khen-thuong-${slugify(ctx.groupName)}-${view.year}.xlsx`);
}

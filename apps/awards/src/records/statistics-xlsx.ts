import { AwardStatisticsView, FileView, XLSX_TYPE } from '@tdkt/contracts';
import { formatVietnameseDate, slugify } from '@tdkt/domain';
import ExcelJS from 'exceljs';

const GROUPS: Record<string, string> = {
  I: 'I. Khen thưởng cấp Nhà nước',
  II: 'II. Khen thưởng cấp Bộ, ngành, tỉnh',
  III: 'III. Khen thưởng cấp cơ sở',
};

/**
 * The statistics as the reports' appendix lays them out (seed 002): one row per award type under
 * its group heading, one column per unit, a total column and a total row; then the breakdowns.
 */
export async function statisticsWorkbook(s: AwardStatisticsView, groupName: string): Promise<FileView> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'TĐKT';
  const ws = wb.addWorksheet('Kết quả khen thưởng');
  const width = s.table.units.length + 3;
  ws.addRow(['KẾT QUẢ KHEN THƯỞNG']).font = { bold: true };
  ws.addRow([`${groupName}, từ ${formatVietnameseDate(s.from)} đến ${formatVietnameseDate(s.to)}`]);
  ws.mergeCells(1, 1, 1, width);
  ws.mergeCells(2, 1, 2, width);
  ws.addRow([]);
  const header = ws.addRow(['TT', 'Hình thức khen thưởng', ...s.table.units, 'Tổng']);
  header.font = { bold: true };
  let group = '';
  let n = 0;
  for (const r of s.table.rows) {
    if (r.group !== group) {
      group = r.group;
      ws.addRow(['', GROUPS[group] ?? group]).font = { bold: true };
    }
    n += 1;
    ws.addRow([n, r.name, ...r.cells.map((c) => (c === null ? '' : c)), r.total]);
  }
  ws.addRow(['', 'Tổng cộng', ...s.table.columnTotals, s.table.grandTotal]).font = { bold: true };
  ws.addRow([]);
  ws.addRow(['', 'Tập thể', s.collective]);
  ws.addRow(['', 'Cá nhân', s.individual]);
  const pct = (x: number | null) => (x === null ? '—' : `${(x * 100).toFixed(1).replace('.', ',')}%`);
  ws.addRow(['', 'Tỷ lệ người lao động trực tiếp (trong cá nhân có phân loại)', pct(s.directWorkerShare)]);
  ws.addRow(['', 'Tỷ lệ lãnh đạo, quản lý', pct(s.leaderShare)]);
  ws.getColumn(1).width = 5;
  ws.getColumn(2).width = 55;
  for (let c = 3; c <= width; c += 1) ws.getColumn(c).width = 11;
  return {
    fileName: `ket-qua-khen-thuong-${slugify(groupName)}-${s.from}-${s.to}.xlsx`,
    contentType: XLSX_TYPE,
    base64: Buffer.from(await wb.xlsx.writeBuffer()).toString('base64'),
  };
}

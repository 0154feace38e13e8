import 'reflect-metadata';
import { SchemeView } from '@tdkt/contracts';
import { SchemeState } from '@tdkt/domain';
import { PAPER_A4, PRINT_FONT } from '@tdkt/platform';
import ExcelJS from 'exceljs';
import { SCHEME } from '../test-fixtures';
import { fromXlsx, toXlsx } from './scheme-xlsx';

const VIEW: SchemeView = {
  id: 's1',
  groupId: 'g1',
  year: 2023,
  version: 3,
  state: SchemeState.PUBLISHED,
  scheme: SCHEME,
  tieBreaks: [{ kind: 'MORE_AT_MAXIMUM' }, { kind: 'SECTION', section: 'xh' }],
  honours: {
    scope: 'SUBGROUP',
    awards: [
      { award: 'GOVERNMENT_FLAG', places: 1 },
      { award: 'PM_CERTIFICATE', places: 1 },
    ],
    minimumTotal: null,
  },
  maximumTotal: 45,
  createdAt: '2023-01-10T02:00:00.000Z',
  publishedAt: '2023-02-03T20:00:00.000Z',
};

const texts = (ws: ExcelJS.Worksheet) => {
  const out: string[] = [];
  ws.eachRow((row) => row.eachCell((c) => out.push(String(c.value))));
  return out;
};

describe('points table workbook', () => {
  it('a printable page first (title, period, numbering, words), the importable table, the rules in Vietnamese', async () => {
    const file = await toXlsx(VIEW, 'Cụm thi đua các tỉnh Tây Nguyên và Duyên hải miền Trung');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(file.base64, 'base64') as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Bản in', 'Thang bảng điểm', 'Quy tắc']);

    const page = wb.worksheets[0];
    expect(page.getCell('A1').value).toBe('THANG BẢNG ĐIỂM CHẤM ĐIỂM THI ĐUA NĂM 2023');
    expect(page.getCell('A2').value).toBe('CỤM THI ĐUA CÁC TỈNH TÂY NGUYÊN VÀ DUYÊN HẢI MIỀN TRUNG');
    // Published at 03:00 on 4 February in Viet Nam.
    expect(page.getCell('A3').value).toBe('(Phiên bản 3, đã công bố ngày 04/02/2023)');
    const rows: unknown[][] = [];
    for (let r = 6; r <= page.rowCount && page.getRow(r).getCell(2).value !== 'Tổng điểm tối đa'; r += 1)
      rows.push((page.getRow(r).values as unknown[]).slice(1, 6));
    expect(rows).toEqual([
      ['I', 'Kinh tế', 30],
      [1, 'A', 10, 'Chấm trực tiếp', 'Đơn vị tự chấm'],
      [
        2,
        'B',
        20,
        'Theo chỉ tiêu 8: đạt chỉ tiêu được điểm tối đa, chưa đạt tính theo tỷ lệ (không dưới 5 điểm)',
        'Đơn vị tự chấm',
      ],
      ['II', 'Xã hội', 15],
      [1, 'R', 10, 'Theo thứ hạng giữa các đơn vị: mỗi bậc sau trừ 2 điểm', 'Đơn vị tự chấm'],
      [2, 'Thưởng', undefined, 'Điểm thưởng, tối đa 5 điểm', 'Cụm trưởng, cụm phó'],
    ]);
    const all = [...texts(page), ...texts(wb.worksheets[2])];
    expect(all).toContain(
      'Khi bằng tổng điểm, xét lần lượt: (1) có nhiều tiêu chí đạt điểm tối đa hơn; (2) tổng điểm mục “Xã hội” cao hơn.',
    );
    expect(all).toContain(
      'Khen thưởng: Cờ thi đua của Chính phủ: đơn vị xếp thứ 1 trong mỗi nhóm (1 đơn vị).',
    );
    expect(all).toContain('Bằng khen của Thủ tướng Chính phủ: đơn vị xếp thứ 2 trong mỗi nhóm (1 đơn vị)');
    // No code reaches paper.
    for (const code of [
      'GOVERNMENT_FLAG',
      'PM_CERTIFICATE',
      'more criteria at maximum',
      'PUBLISHED',
      'SUBGROUP',
    ])
      expect(all.filter((t) => t.includes(code))).toEqual([]);
    expect(page.pageSetup).toMatchObject({
      paperSize: PAPER_A4,
      orientation: 'portrait',
      fitToWidth: 1,
      fitToHeight: 0,
      printTitlesRow: '5:5',
    });
    expect(page.getCell('B7').font?.name).toBe(PRINT_FONT);
    expect(page.getCell('B6').font).toMatchObject({ name: PRINT_FONT, bold: true });
    expect(page.getCell('C7').border).toMatchObject({ top: { style: 'thin' } });

    const table = wb.getWorksheet('Thang bảng điểm') as ExcelJS.Worksheet;
    expect(table.getCell('A1').value).toBe('Mã');
    expect(table.pageSetup).toMatchObject({ orientation: 'landscape', fitToWidth: 1, printTitlesRow: '1:1' });
    expect(table.getCell('D3').font?.name).toBe(PRINT_FONT);
  });

  it('imports back what it exports', async () => {
    const file = await toXlsx(VIEW, 'Cụm A');
    expect(await fromXlsx(file.base64)).toEqual(SCHEME);
  });
});

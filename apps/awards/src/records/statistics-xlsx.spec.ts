import 'reflect-metadata';
import { AwardStatisticsView } from '@tdkt/contracts';
import { AwardCount, matchAwardType, statisticsFromCounts } from '@tdkt/domain';
import { PAPER_A4, PRINT_FONT } from '@tdkt/platform';
import ExcelJS from 'exceljs';
import golden from '../../../../libs/domain/src/awards/golden/awards-2023-h1-tn-dhmt.json';
import { APPENDIX_SECTIONS, periodTitle, statisticsWorkbook } from './statistics-xlsx';

/** The golden table of seed 002 as statistics (a lost cell counted as none). */
function goldenStatistics(): AwardStatisticsView {
  const units = golden.provinces.map((name, i) => ({ id: `u${i}`, name }));
  const counts: AwardCount[] = [];
  for (const row of golden.rows) {
    const type = matchAwardType(row.award, '2023-06-30');
    if (!type) throw new Error(`no catalogue entry for ${row.award}`);
    row.counts.forEach((n, i) => {
      if (n)
        counts.push({
          unitId: `u${i}`,
          awardCode: type.code,
          recipientKind: type.recipients === 'COLLECTIVE' ? 'COLLECTIVE' : 'INDIVIDUAL',
          category: i % 2 ? 'LEADER' : 'DIRECT_WORKER',
          n,
        });
    });
  }
  return {
    groupId: 'g',
    rolledUp: false,
    from: '2023-01-01',
    to: '2023-06-30',
    ...statisticsFromCounts(counts, units),
  };
}

async function open(base64: string) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(base64, 'base64') as unknown as ArrayBuffer);
  return wb.worksheets[0];
}

const values = (ws: ExcelJS.Worksheet, r: number) =>
  (ws.getRow(r).values as ExcelJS.CellValue[])
    .slice(1)
    // exceljs reads a formula's cached 0 back as no result.
    .map((v) =>
      v && typeof v === 'object' && 'formula' in v ? ((v as ExcelJS.CellFormulaValue).result ?? 0) : v,
    );

describe('award statistics workbook (the reports’ appendix)', () => {
  it('names the period as the reports do', () => {
    expect(periodTitle('2023-01-01', '2023-12-31')).toBe('NĂM 2023');
    expect(periodTitle('2023-01-01', '2023-06-30')).toBe('6 THÁNG ĐẦU NĂM 2023');
    expect(periodTitle('2023-07-01', '2023-12-31')).toBe('6 THÁNG CUỐI NĂM 2023');
    expect(periodTitle('2023-03-01', '2023-05-31')).toBe('TỪ NGÀY 01/03/2023 ĐẾN NGÀY 31/05/2023');
  });

  it('prints the seed’s fixed rows in order, numbered per section, with every reported total', async () => {
    const s = goldenStatistics();
    const file = await statisticsWorkbook(s, 'Cụm thi đua các tỉnh Tây Nguyên và Duyên hải miền Trung');
    expect(file.fileName).toBe(
      'ket-qua-khen-thuong-cum-thi-dua-cac-tinh-tay-nguyen-va-duyen-hai-mien-trung-2023-01-01-2023-06-30.xlsx',
    );
    const ws = await open(file.base64);
    // Title and period inside the sheet.
    expect(ws.getCell('A1').value).toBe('KẾT QUẢ KHEN THƯỞNG 6 THÁNG ĐẦU NĂM 2023');
    expect(ws.getCell('A2').value).toBe('CỤM THI ĐUA CÁC TỈNH TÂY NGUYÊN VÀ DUYÊN HẢI MIỀN TRUNG');
    expect(ws.getCell('A3').value).toBe('(Từ ngày 01/01/2023 đến ngày 30/06/2023)');
    expect(ws.getCell('A1').font).toMatchObject({ bold: true, name: PRINT_FONT });
    // One column per member in the given order, then the total.
    expect(values(ws, 5)).toEqual(['STT', 'Hình thức khen thưởng', ...golden.provinces, 'Tổng cộng']);

    const rows: ExcelJS.CellValue[][] = [];
    for (let r = 6; r <= ws.rowCount && ws.getRow(r).getCell(2).value !== 'Tổng cộng'; r += 1)
      rows.push(values(ws, r));
    // Every fixed row of seed 000, in order, numbering again from 1 in section II; none left out.
    const expected = APPENDIX_SECTIONS.filter((x) => x.rows.length).flatMap((x) => [
      [`${x.numeral}. ${x.title}`, `${x.numeral}. ${x.title}`],
      ...x.rows.map((f, i) => [i + 1, f.label]),
    ]);
    expect(rows.map((r) => r.slice(0, 2))).toEqual(expected);
    expect(rows.map((r) => r.slice(0, 2))).toContainEqual([
      2,
      'Anh hùng Lực lượng vũ trang nhân dân (Anh hùng Lao động)',
    ]);
    expect(rows.map((r) => r.slice(0, 2))).toContainEqual([5, 'Huy hiệu của tỉnh']);

    // Each golden row: its counts in the members' columns and the reported total.
    const byLabel = new Map(rows.map((r) => [r[1], r]));
    const goldenLabel: Record<string, string> = {
      'Danh hiệu vinh dự Nhà nước "Bà mẹ Việt Nam anh hùng"':
        'Danh hiệu vinh dự Nhà nước “Bà mẹ Việt Nam anh hùng”',
      'Huân chương Độc lập (các hạng)': 'Huân chương Độc lập các hạng',
      'Chiến sĩ thi đua toàn quốc': 'Chiến sĩ thi đua toàn quốc',
      'Tập thể lao động xuất sắc': 'Danh hiệu Tập thể lao động xuất sắc',
      'Chiến sĩ thi đua cấp tỉnh': 'Danh hiệu Chiến sĩ thi đua cấp tỉnh',
      'Huân, huy chương, Bằng khen về thành tích kháng chiến':
        'Huân, huy chương, Bằng khen về thành tích kháng chiến các hạng',
    };
    for (const g of golden.rows) {
      const row = byLabel.get(goldenLabel[g.award] ?? g.award);
      expect([g.award, row?.slice(2)]).toEqual([g.award, [...g.counts.map((c) => c ?? 0), g.reportedTotal]]);
    }
    // A form nobody received: zeros (shown "-"), still a row.
    expect(byLabel.get('Huân chương Hữu nghị')?.slice(2)).toEqual(Array(11).fill(0));

    // Numbers are numbers, with the reports' format ("-" for none); the totals too.
    const first = ws.getRow(7);
    expect(typeof first.getCell(3).value).toBe('number');
    expect(first.getCell(3).numFmt).toBe('#,##0;-#,##0;"-"');
    expect(first.getCell(13).value).toBe(29);
    const totalRow = 6 + rows.length;
    expect(values(ws, totalRow)).toEqual([
      '',
      'Tổng cộng',
      ...golden.provinces.map((_, i) => golden.rows.reduce((a, r) => a + (r.counts[i] ?? 0), 0)),
      golden.rows.reduce((a, r) => a + r.reportedTotal, 0),
    ]);
    expect(ws.getRow(totalRow).getCell(13).numFmt).toBe('#,##0;-#,##0;"-"');
    // Borders around the table, its header included.
    expect(ws.getCell('A5').border).toMatchObject({ top: { style: 'thin' }, left: { style: 'thin' } });
    expect(ws.getRow(totalRow).getCell(13).border).toMatchObject({ bottom: { style: 'thin' } });

    // The breakdown: shares as numbers with a percent format.
    const share = (label: string) => {
      for (let r = totalRow + 1; r <= ws.rowCount; r += 1)
        if (String(ws.getRow(r).getCell(2).value).startsWith(label)) return ws.getRow(r).getCell(3);
      throw new Error(label);
    };
    expect(share('Tỷ lệ cá nhân là người lao động trực tiếp').value).toBe(s.directWorkerShare);
    expect(share('Tỷ lệ cá nhân là người lao động trực tiếp').numFmt).toBe('0.0%');
    expect(share('Số cá nhân').value).toBe(s.individual);

    // Printing: A4 landscape, one page wide, the header row on every page, Decree 30 margins.
    expect(ws.pageSetup).toMatchObject({
      paperSize: PAPER_A4,
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      printTitlesRow: '5:5',
    });
    expect(ws.pageSetup.margins?.left).toBeCloseTo(30 / 25.4, 3);
    expect(ws.pageSetup.margins?.right).toBeCloseTo(15 / 25.4, 3);
    // One font everywhere: every written cell and the columns' new cells.
    ws.eachRow((row) =>
      row.eachCell((c) => expect([c.address, c.font?.name]).toEqual([c.address, PRINT_FONT])),
    );
    expect(ws.getColumn(5).font?.name).toBe(PRINT_FONT);
  });

  it('the national table: every province as a column, names upright, forms beyond the seed’s list after it', async () => {
    const units = Array.from({ length: 34 }, (_, i) => ({ id: `p${i}`, name: `Tỉnh số ${i + 1}` }));
    const counts: AwardCount[] = [
      { unitId: 'p0', awardCode: 'CO-THI-DUA-BO', recipientKind: 'COLLECTIVE', category: null, n: 2 },
      { unitId: 'p33', awardCode: 'GIAY-KHEN', recipientKind: 'INDIVIDUAL', category: null, n: 1234 },
    ];
    const s: AwardStatisticsView = {
      groupId: null,
      rolledUp: false,
      from: '2025-01-01',
      to: '2025-12-31',
      ...statisticsFromCounts(counts, units),
    };
    const ws = await open((await statisticsWorkbook(s, null)).base64);
    expect(ws.getCell('A1').value).toBe('KẾT QUẢ KHEN THƯỞNG NĂM 2025');
    expect(ws.getCell('A2').value).toBe('CÁC TỈNH, THÀNH PHỐ TRỰC THUỘC TRUNG ƯƠNG');
    expect(ws.getRow(5).getCell(3).alignment?.textRotation).toBe(90);
    expect(ws.getRow(5).getCell(37).value).toBe('Tổng cộng');
    const labels: ExcelJS.CellValue[][] = [];
    for (let r = 6; r <= ws.rowCount; r += 1)
      labels.push([ws.getRow(r).getCell(1).value, ws.getRow(r).getCell(2).value]);
    const at = (l: string) => labels.findIndex((x) => x[1] === l);
    // II: the five fixed rows, then the ministry's flag as 6; III only because it has awards.
    expect(labels[at('Cờ thi đua của Bộ, ban, ngành')]).toEqual([6, 'Cờ thi đua của Bộ, ban, ngành']);
    expect(labels[at('III. Khen thưởng cấp cơ sở')]).toEqual([
      'III. Khen thưởng cấp cơ sở',
      'III. Khen thưởng cấp cơ sở',
    ]);
    expect(labels[at('Giấy khen')]).toEqual([1, 'Giấy khen']);
    expect(ws.getRow(6 + at('Giấy khen')).getCell(36).value).toBe(1234);
    expect(ws.pageSetup).toMatchObject({ orientation: 'landscape', fitToWidth: 1, fitToHeight: 0 });
    // No classified individuals: the share says so in words, not "NaN" or a code.
    const texts: string[] = [];
    ws.eachRow((row) => row.eachCell((c) => texts.push(String(c.value))));
    expect(texts).toContain('Chưa có số liệu phân loại');
  });
});

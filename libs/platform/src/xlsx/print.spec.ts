import ExcelJS from 'exceljs';
import {
  border,
  fitRowHeights,
  headerRow,
  PAPER_A4,
  PRINT_FONT,
  setUpPrint,
  titleLines,
  useFont,
} from './print';

/** The workbook written and read back, as Excel or LibreOffice would read it. */
async function roundTrip(wb: ExcelJS.Workbook): Promise<ExcelJS.Worksheet> {
  const again = new ExcelJS.Workbook();
  await again.xlsx.load((await wb.xlsx.writeBuffer()) as ArrayBuffer);
  return again.worksheets[0];
}

describe('print setup of table exports', () => {
  it('A4, fitted to one page wide, header rows repeated, Decree 30 margins, page numbers from page 2', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Bảng');
    const next = titleLines(
      ws,
      [
        { text: 'BẢNG TỔNG HỢP', bold: true, size: 14 },
        { text: '(Từ ngày 01/01/2023 đến ngày 31/12/2023)', italic: true },
      ],
      4,
    );
    expect(next).toBe(4);
    const h = ws.addRow(['STT', 'Nội dung', 'Điểm', 'Ghi chú']);
    headerRow(h);
    ws.addRow([1, 'Một', 2.5, null]);
    border(ws, h.number, 1, ws.rowCount, 4);
    useFont(ws, 12);
    setUpPrint(ws, { orientation: 'portrait', repeatRows: [h.number, h.number] });

    const back = await roundTrip(wb);
    expect(back.pageSetup).toMatchObject({
      paperSize: PAPER_A4,
      orientation: 'portrait',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      horizontalCentered: true,
      printTitlesRow: '4:4',
    });
    expect(back.pageSetup.margins).toMatchObject({
      left: expect.closeTo(30 / 25.4, 3),
      right: expect.closeTo(15 / 25.4, 3),
      top: expect.closeTo(20 / 25.4, 3),
      bottom: expect.closeTo(20 / 25.4, 3),
    });
    expect(back.headerFooter).toMatchObject({
      differentFirst: true,
      oddHeader: '&C&"Times New Roman,Regular"&13&P',
    });
    // Title merged across the table and centred, its own style kept under the print font.
    expect(back.getCell('A1').value).toBe('BẢNG TỔNG HỢP');
    expect(back.getCell('D1').isMerged).toBe(true);
    expect(back.getCell('A1').font).toMatchObject({ name: PRINT_FONT, bold: true, size: 14 });
    expect(back.getCell('A2').font).toMatchObject({ name: PRINT_FONT, italic: true });
    expect(back.getCell('A1').alignment).toMatchObject({ horizontal: 'center' });
    expect(back.getCell('B4').font).toMatchObject({ name: PRINT_FONT, bold: true, size: 12 });
    expect(back.getCell('C5').font).toMatchObject({ name: PRINT_FONT, size: 12 });
    expect(back.getCell('C5').font.bold).toBeFalsy();
    expect((back.getCell('C5').font as { scheme?: string }).scheme).toBeUndefined();
    expect(back.getColumn(4).font?.name).toBe(PRINT_FONT);
    expect(back.getCell('D5').border).toMatchObject({
      top: { style: 'thin' },
      bottom: { style: 'thin' },
      left: { style: 'thin' },
      right: { style: 'thin' },
    });
    expect(back.getCell('A3').border?.top).toBeUndefined();
  });
  it('rows grow to hold their wrapped text, never shrink', () => {
    const ws = new ExcelJS.Workbook().addWorksheet('x');
    ws.getColumn(1).width = 20;
    ws.addRow(['ngắn']);
    ws.addRow([
      'Theo chỉ tiêu 8: đạt chỉ tiêu được điểm tối đa, chưa đạt tính theo tỷ lệ (không dưới 5 điểm)',
    ]);
    ws.addRow(['dài '.repeat(40)]);
    ws.getRow(4).height = 90;
    ws.addRow(['dài '.repeat(10)]);
    for (let r = 1; r <= 4; r += 1) ws.getRow(r).getCell(1).alignment = { wrapText: true };
    fitRowHeights(ws, 1, 5, 12);
    expect(ws.getRow(1).height).toBeUndefined();
    expect(ws.getRow(2).height).toBeGreaterThanOrEqual(3 * 12);
    expect(ws.getRow(4).height).toBe(90);
    // Not wrapped: left as it is.
    expect(ws.getRow(5).height).toBeUndefined();
  });
});

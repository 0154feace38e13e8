import 'reflect-metadata';
import { Scheme, SELF_SCORE_COLUMNS } from '@tdkt/domain';
import { PAPER_A4, PRINT_FONT } from '@tdkt/platform';
import ExcelJS from 'exceljs';
import { parseSheet, selfScoreSheet } from './sheet-xlsx';

const SCHEME: Scheme = {
  sections: [
    {
      type: 'SECTION',
      code: 'kt',
      title: 'Phát triển kinh tế',
      children: [
        {
          type: 'CRITERION',
          code: 'grdp',
          title: 'Tăng trưởng GRDP (%)',
          max: 20,
          method: { kind: 'TARGET', target: 8, floor: 5 },
          scoredBy: { kind: 'MEMBER' },
          evidenceRequired: false,
        },
        {
          type: 'SECTION',
          code: 'ns',
          title: 'Ngân sách',
          children: [
            {
              type: 'CRITERION',
              code: 'thu',
              title: 'Thu ngân sách',
              max: 15,
              method: { kind: 'MANUAL' },
              scoredBy: { kind: 'MEMBER' },
              evidenceRequired: true,
            },
          ],
        },
      ],
    },
    {
      type: 'SECTION',
      code: 'xh',
      title: 'Văn hóa – xã hội',
      children: [
        {
          type: 'CRITERION',
          code: 'ngheo',
          title: 'Giảm nghèo',
          max: 10,
          method: { kind: 'RANK', step: 2 },
          scoredBy: { kind: 'MEMBER' },
          evidenceRequired: false,
        },
        {
          type: 'CRITERION',
          code: 'atgt',
          title: 'An toàn giao thông',
          max: 10,
          method: { kind: 'MANUAL' },
          scoredBy: { kind: 'OUTSIDE_BODY', body: 'Ủy ban ATGT Quốc gia' },
          evidenceRequired: false,
        },
        {
          type: 'CRITERION',
          code: 'tru',
          title: 'Vi phạm',
          max: 0,
          method: { kind: 'PENALTY', cap: 5 },
          scoredBy: { kind: 'MEMBER' },
          evidenceRequired: false,
        },
      ],
    },
    {
      // Nothing the member scores: no heading.
      type: 'SECTION',
      code: 'td',
      title: 'Công tác thi đua',
      children: [
        {
          type: 'CRITERION',
          code: 'cumtruong',
          title: 'Do cụm trưởng chấm',
          max: 10,
          method: { kind: 'MANUAL' },
          scoredBy: { kind: 'LEADERSHIP' },
          evidenceRequired: false,
        },
      ],
    },
  ],
};

const SUBJECT = {
  unitName: 'Bình Định',
  year: 2023,
  schemeVersion: 2,
  groupName: 'Cụm thi đua các tỉnh Tây Nguyên và Duyên hải miền Trung',
  campaignTitle: 'Giao ước thi đua năm 2023 – Cụm thi đua các tỉnh Tây Nguyên và Duyên hải miền Trung',
};

async function load(bytes: Buffer | string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(
    (typeof bytes === 'string' ? Buffer.from(bytes, 'base64') : bytes) as unknown as ArrayBuffer,
  );
  return wb;
}

/** The worksheet row whose first cell is `code`. */
function rowOf(ws: ExcelJS.Worksheet, code: string): ExcelJS.Row {
  for (let r = 1; r <= ws.rowCount; r += 1) if (ws.getRow(r).getCell(1).value === code) return ws.getRow(r);
  throw new Error(`no row ${code}`);
}

const texts = (ws: ExcelJS.Worksheet) => {
  const out: string[] = [];
  ws.eachRow((row) => row.eachCell((c) => out.push(String(c.value))));
  return out;
};

describe('self-score sheet (Excel)', () => {
  it('names the unit, year and campaign, checks each value’s range, locks all but the inputs, totals by formula, ends with signatures', async () => {
    const file = await selfScoreSheet(
      SUBJECT,
      SCHEME,
      new Map([
        ['grdp', { value: 6, evidence: false }],
        ['thu', { value: 12, evidence: true }],
      ]),
    );
    expect(file.fileName).toBe('tu-cham-diem-binh-dinh-2023-v2.xlsx');
    const ws = (await load(file.base64)).getWorksheet('Tự chấm điểm') as ExcelJS.Worksheet;
    expect(ws.getCell('A1').value).toBe('BẢNG TỰ CHẤM ĐIỂM THI ĐUA NĂM 2023');
    expect(ws.getCell('A2').value).toBe(SUBJECT.campaignTitle);
    expect(ws.getCell('A3').value).toBe('Đơn vị: Bình Định');
    expect(ws.getCell('A4').value).toBe('(Theo thang bảng điểm phiên bản 2)');
    const header = ws.getRow(6);
    expect((header.values as unknown[]).slice(1)).toEqual([...SELF_SCORE_COLUMNS, 'Điểm tự chấm (tự tính)']);

    // The member's criteria under their sections; the leadership's and the outside body's are not there.
    const codes: unknown[] = [];
    for (let r = 7; ws.getRow(r).getCell(2).value !== 'Tổng điểm tự chấm'; r += 1)
      codes.push(ws.getRow(r).getCell(1).value);
    expect(codes).toEqual(['kt', 'grdp', 'ns', 'thu', 'xh', 'ngheo', 'tru']);

    // Values within each criterion's range, with a Vietnamese message.
    const grdp = rowOf(ws, 'grdp');
    const thu = rowOf(ws, 'thu');
    const tru = rowOf(ws, 'tru');
    expect(thu.getCell(5).dataValidation).toMatchObject({
      type: 'decimal',
      operator: 'between',
      formulae: [0, 15],
      showErrorMessage: true,
      errorStyle: 'stop',
      errorTitle: 'Giá trị không hợp lệ',
      error: 'Tiêu chí thu: Nhập số điểm từ 0 đến 15 (điểm tối đa của tiêu chí).',
    });
    expect(tru.getCell(5).dataValidation).toMatchObject({ type: 'decimal', formulae: [0, 5] });
    expect(grdp.getCell(5).dataValidation).toMatchObject({ type: 'decimal', formulae: [0, 1e9] });
    expect(thu.getCell(6).dataValidation).toMatchObject({ type: 'list', formulae: ['"Có,Không"'] });
    expect(thu.getCell(5).value).toBe(12);
    expect(thu.getCell(6).value).toBe('Có');

    // Protected without a password; only value, evidence and note of a criterion are unlocked.
    const protection = (ws as unknown as { sheetProtection?: Record<string, unknown> }).sheetProtection;
    expect(protection).toMatchObject({ sheet: true });
    expect(protection).not.toHaveProperty('hashValue');
    for (const row of [grdp, thu, tru])
      for (const c of [5, 6, 7])
        expect([row.number, c, row.getCell(c).protection?.locked]).toEqual([row.number, c, false]);
    for (const [r, c] of [
      [grdp.number, 1],
      [grdp.number, 3],
      [grdp.number, 8],
      [1, 1],
      [6, 5],
      [rowOf(ws, 'kt').number, 5],
    ])
      expect(ws.getRow(r).getCell(c).protection?.locked).not.toBe(false);

    // Points and the total are formulas (with the values they give now).
    expect(thu.getCell(8).value).toEqual({
      formula: `IF(E${thu.number}="","",MIN(15,MAX(0,E${thu.number})))`,
      result: 12,
    });
    expect(grdp.getCell(8).value).toMatchObject({
      formula: `IF(E${grdp.number}="","",IF(E${grdp.number}>=8,20,IF(E${grdp.number}<=0,0,ROUND(MAX(5,20*E${grdp.number}/8),2))))`,
      result: 15,
    });
    expect(tru.getCell(8).value).toMatchObject({
      formula: `IF(E${tru.number}="","",-MIN(5,MAX(0,E${tru.number})))`,
    });
    expect(rowOf(ws, 'ngheo').getCell(8).value).toBeNull();
    const total = ws.getRow(tru.number + 1);
    expect(total.getCell(8).value).toEqual({ formula: `SUM(H7:H${tru.number})`, result: 27 });
    expect(total.getCell(8).numFmt).toBe('0.##');

    // The signature block of Vietnamese forms.
    const all = texts(ws);
    for (const t of [
      'NGƯỜI LẬP BIỂU',
      'THỦ TRƯỞNG ĐƠN VỊ',
      '(Ký, ghi rõ họ tên)',
      '(Ký tên, đóng dấu)',
      '……………, ngày …… tháng …… năm ……',
    ])
      expect(all).toContain(t);

    // Printing and the font.
    expect(ws.pageSetup).toMatchObject({
      paperSize: PAPER_A4,
      orientation: 'landscape',
      fitToWidth: 1,
      fitToHeight: 0,
      printTitlesRow: '6:6',
    });
    ws.eachRow((row) =>
      row.eachCell((c) => expect([c.address, c.font?.name]).toEqual([c.address, PRINT_FONT])),
    );
    expect(grdp.getCell(1).border).toMatchObject({ left: { style: 'thin' } });
  });

  it('a filled sheet imports: values as typed in Excel, the rows officials see in problems', async () => {
    const file = await selfScoreSheet(SUBJECT, SCHEME, new Map());
    const wb = await load(file.base64);
    const ws = wb.worksheets[0];
    rowOf(ws, 'grdp').getCell(5).value = 7;
    rowOf(ws, 'thu').getCell(5).value = '12,5'; // typed with a decimal comma as text
    rowOf(ws, 'thu').getCell(6).value = 'Có';
    rowOf(ws, 'ngheo').getCell(5).value = 3.2;
    rowOf(ws, 'tru').getCell(5).value = 1;
    rowOf(ws, 'tru').getCell(7).value = 'Chậm báo cáo';
    const filled = Buffer.from(await wb.xlsx.writeBuffer());
    expect(await parseSheet(filled)).toEqual({
      entries: [
        { criterion: 'grdp', value: 7, evidence: false },
        { criterion: 'thu', value: 12.5, evidence: true },
        { criterion: 'ngheo', value: 3.2, evidence: false },
        { criterion: 'tru', value: 1, evidence: false, reason: 'Chậm báo cáo' },
      ],
    });

    rowOf(ws, 'thu').getCell(5).value = 'mười';
    const bad = await parseSheet(Buffer.from(await wb.xlsx.writeBuffer()));
    expect(bad).toEqual({
      problems: [
        { row: rowOf(ws, 'thu').number, column: 'Giá trị tự chấm', message: '"mười" không phải là số' },
      ],
    });
    expect(rowOf(ws, 'thu').number).toBeGreaterThan(7);
  });

  it('a sheet made before the title rows (header on row 1) still imports', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Tự chấm điểm');
    ws.addRow([...SELF_SCORE_COLUMNS]);
    ws.addRow(['grdp', 'Tăng trưởng GRDP (%)', 20, 'Theo chỉ tiêu', 7.5, 'Không', null]);
    ws.addRow(['thu', 'Thu ngân sách', 15, 'Chấm trực tiếp', 'x', 'Có', null]);
    expect(await parseSheet(Buffer.from(await wb.xlsx.writeBuffer()))).toEqual({
      problems: [{ row: 3, column: 'Giá trị tự chấm', message: '"x" không phải là số' }],
    });
    ws.getRow(3).getCell(5).value = 10;
    expect(await parseSheet(Buffer.from(await wb.xlsx.writeBuffer()))).toEqual({
      entries: [
        { criterion: 'grdp', value: 7.5, evidence: false },
        { criterion: 'thu', value: 10, evidence: true },
      ],
    });
  });

  it('a value written as a hyperlink is read as its text', async () => {
    const file = await selfScoreSheet(SUBJECT, SCHEME, new Map());
    const wb = await load(file.base64);
    const ws = wb.worksheets[0];
    rowOf(ws, 'thu').getCell(5).value = { text: '9', hyperlink: 'https://example.org/minh-chung' };
    expect(await parseSheet(Buffer.from(await wb.xlsx.writeBuffer()))).toEqual({
      entries: [{ criterion: 'thu', value: 9, evidence: false }],
    });
  });
});

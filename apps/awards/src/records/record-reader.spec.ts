import 'reflect-metadata';
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { Readable } from 'node:stream';
import {
  cellOf,
  CSV_LINE_MAX,
  CsvLines,
  FileLine,
  hyperlinkFormulaLabel,
  readRecordLines,
  recordFileKind,
  SharedStrings,
} from './record-reader';

const all = async (g: AsyncGenerator<FileLine>) => {
  const out: FileLine[] = [];
  for await (const l of g) out.push(l);
  return out;
};

/** The text in chunks of these sizes (the rest in one). */
function chunked(text: string, sizes: number[]): Buffer[] {
  const bytes = Buffer.from(text, 'utf8');
  const parts: Buffer[] = [];
  let at = 0;
  for (const n of sizes) {
    if (at >= bytes.length) break;
    parts.push(bytes.subarray(at, at + n));
    at += n;
  }
  if (at < bytes.length) parts.push(bytes.subarray(at));
  return parts;
}

const wholeCsv = (text: string) => {
  const c = new CsvLines();
  return [...c.push(text), ...c.end()];
};

describe('records files read as streams', () => {
  it('knows a file by its type or name', () => {
    expect(recordFileKind({ fileName: 'a.bin', contentType: 'text/csv; charset=utf-8' })).toBe('csv');
    expect(recordFileKind({ fileName: 'A.XLSX', contentType: 'application/octet-stream' })).toBe('xlsx');
    expect(() => recordFileKind({ fileName: 'a.pdf', contentType: 'application/pdf' })).toThrow(
      expect.objectContaining({ body: expect.objectContaining({ reason: 'RECORDS_FILE_TYPE' }) }),
    );
  });

  it('CSV: quotes, doubled quotes, CRLF, semicolons, a BOM', async () => {
    const text = '\uFEFFSố;"Tên; đơn vị"\r\n1;"Lãnh đạo, ""quản lý"""\r\n\r\n2;"hai\r\ndòng"\n3;x';
    const lines = await all(readRecordLines('csv', Readable.from(chunked(text, [1, 2, 3, 5, 7]))));
    expect(lines).toEqual([
      { line: 1, cells: ['Số', 'Tên; đơn vị'] },
      { line: 2, cells: ['1', 'Lãnh đạo, "quản lý"'] },
      { line: 3, cells: [''] },
      { line: 4, cells: ['2', 'hai\r\ndòng'] },
      { line: 5, cells: ['3', 'x'] },
    ]);
  });

  it('CSV: any split into chunks reads as the whole text does', async () => {
    const cell = fc.stringMatching(/^[a-zà-ỹ ,;"\r\n]{0,6}$/);
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(cell, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 6 }),
        fc.constantFrom('\r\n', '\n'),
        fc.array(fc.integer({ min: 1, max: 9 }), { maxLength: 30 }),
        async (rows, eol, sizes) => {
          const text = rows
            .map((r) => r.map((c) => (/[",;\r\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(','))
            .join(eol);
          const lines = await all(readRecordLines('csv', Readable.from(chunked(text, sizes))));
          expect(lines.map((l) => l.cells)).toEqual(wholeCsv(text));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('CSV: a NUL is not text, a line over the limit is refused by its number', async () => {
    await expect(
      all(readRecordLines('csv', Readable.from([Buffer.from('a,b\n\u0000')]))),
    ).rejects.toMatchObject({
      body: { reason: 'RECORDS_NOT_CSV_TEXT' },
    });
    const long = `a,b\n1,${'x'.repeat(CSV_LINE_MAX + 1)}\n`;
    await expect(
      all(readRecordLines('csv', Readable.from(chunked(long, Array(40).fill(65_536))))),
    ).rejects.toMatchObject({
      body: { reason: 'RECORDS_LINE_TOO_LONG', errors: [{ field: 'dòng 2' }] },
    });
  });

  const workbook = async (fill: (wb: ExcelJS.Workbook) => void) => {
    const wb = new ExcelJS.Workbook();
    fill(wb);
    return Buffer.from(await wb.xlsx.writeBuffer());
  };

  it('XLSX: the first sheet, rows numbered as the spreadsheet does, dates, formulas, rich text', async () => {
    const bytes = await workbook((wb) => {
      const ws = wb.addWorksheet('Khen thưởng');
      ws.addRow(['Số quyết định', 'Ngày quyết định']);
      ws.addRow(['12/QĐ-TTg', new Date(Date.UTC(2023, 2, 15))]);
      ws.getRow(4).values = [
        { richText: [{ text: 'Lê ' }, { text: 'Văn C' }] },
        { formula: '1+1', result: 2 },
      ];
      wb.addWorksheet('Khác').addRow(['không đọc']);
    });
    const lines = await all(readRecordLines('xlsx', Readable.from([bytes])));
    expect(lines.map((l) => [l.line, l.cells.slice(0, 2)])).toEqual([
      [1, ['Số quyết định', 'Ngày quyết định']],
      [2, ['12/QĐ-TTg', new Date(Date.UTC(2023, 2, 15))]],
      [4, ['Lê Văn C', 2]],
    ]);
    expect(lines[0].cells).toHaveLength(8);
  });

  it('XLSX: Vietnamese text whole, wherever the XML is cut into chunks (shared strings and inline)', async () => {
    const names = (i: number) => `Đặng Thị Ánh Nguyệt ${i} – Sở Giáo dục và Đào tạo tỉnh Đắk Lắk`;
    const bytes = await workbook((wb) => {
      const ws = wb.addWorksheet('Khen thưởng');
      for (let i = 0; i < 20_000; i += 1) ws.addRow([`${i}/QĐ-UBND`, names(i)]);
    });
    const lines = await all(readRecordLines('xlsx', Readable.from([bytes])));
    expect(lines).toHaveLength(20_000);
    const wrong = lines.filter((l, i) => l.cells[0] !== `${i}/QĐ-UBND` || l.cells[1] !== names(i));
    expect(wrong.slice(0, 3)).toEqual([]);
  });

  it('XLSX: shared strings packed, read back whole', () => {
    const s = new SharedStrings();
    const texts = ['', 'Nguyễn Văn A', 'x'.repeat(100_000), '한국어', 'Lãnh đạo, quản lý'];
    for (let i = 0; i < 3000; i += 1) for (const t of texts) s.add(`${t}${i}`);
    expect(s.length).toBe(15_000);
    expect(s.get(1)).toBe('Nguyễn Văn A0');
    expect(s.get(5 * 2999 + 3)).toBe('한국어2999');
    expect(s.get(5 * 1500 + 2)).toBe(`${'x'.repeat(100_000)}1500`);
    expect([s.get(-1), s.get(15_000)]).toEqual(['', '']);
  });

  it('XLSX: not a workbook, or one stopped early, leaves nothing behind', async () => {
    await expect(all(readRecordLines('xlsx', Readable.from([Buffer.from('hello')])))).rejects.toMatchObject({
      body: {
        reason: 'RECORDS_NOT_XLSX',
        errors: [{ field: 'file', message: 'không phải tệp Excel (.xlsx)' }],
      },
    });
    const bytes = await workbook((wb) => {
      const ws = wb.addWorksheet('x');
      for (let i = 0; i < 2000; i += 1) ws.addRow([`${i}`, 'a']);
    });
    const before = new Set(readdirSync(tmpdir()));
    const lines = readRecordLines('xlsx', Readable.from([bytes]));
    expect((await lines.next()).value).toMatchObject({ line: 1 });
    await lines.return(undefined);
    expect(readdirSync(tmpdir()).filter((f) => !before.has(f) && f.startsWith('tmp-'))).toEqual([]);
  });
  it('XLSX: a cell holding a hyperlink is read as its text; dates stay dates', async () => {
    const decided = new Date(Date.UTC(2023, 4, 6));
    const bytes = await workbook((wb) => {
      const ws = wb.addWorksheet('x');
      ws.addRow(['Số quyết định', 'Ngày', 'Người nhận', 'Ghi chú']);
      ws.addRow([
        { text: 'QĐ 12/2023', hyperlink: 'https://bd.gov.vn/qd-12-2023.pdf' },
        decided,
        // A HYPERLINK formula saved without its computed value (as some tools write it).
        { formula: 'HYPERLINK("https://bd.gov.vn/a","Nguyễn Văn ""A""")' },
        { formula: 'HYPERLINK("https://bd.gov.vn/b";"Ghi chú")', result: 'Ghi chú' },
      ]);
    });
    const lines = await all(readRecordLines('xlsx', Readable.from([bytes])));
    expect(lines[1].cells.slice(0, 4)).toEqual(['QĐ 12/2023', decided, 'Nguyễn Văn "A"', 'Ghi chú']);
    expect(lines[1].cells[1]).toBeInstanceOf(Date);
  });

  it('XLSX cells: hyperlinks (plain or rich label), formulas, errors, dates', () => {
    const strings = new SharedStrings();
    strings.add('Bình Định');
    const day = new Date(Date.UTC(2024, 0, 2));
    expect(cellOf({ text: 'QĐ 7', hyperlink: 'https://x.vn' }, strings)).toBe('QĐ 7');
    expect(
      cellOf(
        { text: { richText: [{ text: 'Lãnh ' }, { text: 'đạo' }] }, hyperlink: 'mailto:a@b.vn' } as never,
        strings,
      ),
    ).toBe('Lãnh đạo');
    expect(cellOf({ sharedString: 0 } as never, strings)).toBe('Bình Định');
    expect(cellOf({ formula: 'A1+1', result: 3 }, strings)).toBe(3);
    expect(cellOf({ formula: 'A1+1' } as never, strings)).toBeNull();
    expect(cellOf({ formula: 'X', result: { error: '#N/A' } } as never, strings)).toBe('#N/A');
    expect(cellOf({ error: '#REF!' } as never, strings)).toBe('#REF!');
    expect(cellOf(day, strings)).toBe(day);
    expect(cellOf(12, strings)).toBe(12);
    expect(hyperlinkFormulaLabel('=hyperlink( "u" ; "Nhãn" )')).toBe('Nhãn');
    expect(hyperlinkFormulaLabel('SUM(A1:A2)')).toBeNull();
  });
});

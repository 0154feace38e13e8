import ExcelJS from 'exceljs';

/**
 * What every table export shares to print as the official papers do (../shared/DOCUMENT-FORMAT.md):
 * A4, the page's margins of Decree 30 (left 30 mm, right 15 mm, top and bottom 20 mm), fitted to
 * the page's width (as many pages down as it takes), the table's header rows repeated on every
 * page, a page number centred at the top from page 2, a Times-metric font (Times New Roman: Excel
 * has it, LibreOffice maps it to Liberation Serif or Tinos), thin borders around the table, the
 * title and the period inside the sheet.
 */

/** Written in every cell; LibreOffice and Excel map it to their Times-metric serif. */
export const PRINT_FONT = 'Times New Roman';
/** The body size of the official papers (13–14 pt); tables use a smaller one. */
export const PRINT_FONT_SIZE = 12;
/** OOXML paper size code of A4. */
export const PAPER_A4 = 9;

const MM = 1 / 25.4;
/** Decree 30's margins, in inches (as OOXML stores them). */
export const PRINT_MARGINS = {
  left: 30 * MM,
  right: 15 * MM,
  top: 20 * MM,
  bottom: 20 * MM,
  header: 8 * MM,
  footer: 8 * MM,
};

/** Number formats: counts with a thousands separator and "-" for zero (as the reports print them), points, shares. */
export const NUMBER_FORMAT = {
  count: '#,##0;-#,##0;"-"',
  points: '0.##',
  percent: '0.0%',
} as const;

export interface PrintSetup {
  orientation: 'portrait' | 'landscape';
  /** The table's header rows, repeated at the top of every printed page ([first, last], 1-based). */
  repeatRows?: [number, number];
  /** Centre the table between the side margins. */
  centred?: boolean;
}

/** A4, Decree 30 margins, fit to one page wide, header rows repeated, page numbers from page 2. */
export function setUpPrint(ws: ExcelJS.Worksheet, p: PrintSetup): void {
  ws.pageSetup = {
    ...ws.pageSetup,
    paperSize: PAPER_A4,
    orientation: p.orientation,
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    horizontalCentered: p.centred ?? true,
    margins: { ...PRINT_MARGINS },
    ...(p.repeatRows ? { printTitlesRow: `${p.repeatRows[0]}:${p.repeatRows[1]}` } : {}),
  };
  ws.headerFooter = {
    differentFirst: true,
    firstHeader: '',
    oddHeader: `&C&"${PRINT_FONT},Regular"&13&P`,
  };
}

/** The font on every written cell (its bold, italic and size kept) and on every column's new cells. */
export function useFont(ws: ExcelJS.Worksheet, size = PRINT_FONT_SIZE): void {
  // A column's font is also written to its cells: theirs are kept aside and given back.
  const fonts = new Map<string, Partial<ExcelJS.Font> | undefined>();
  ws.eachRow({ includeEmpty: false }, (row) =>
    row.eachCell({ includeEmpty: true }, (cell) => {
      fonts.set(cell.address, cell.font);
    }),
  );
  for (let c = 1; c <= ws.columnCount; c += 1) ws.getColumn(c).font = withFont(undefined, size);
  ws.eachRow({ includeEmpty: false }, (row) =>
    row.eachCell({ includeEmpty: true }, (cell) => {
      cell.font = withFont(fonts.get(cell.address), size);
    }),
  );
}

/** The print font over a cell's own (a theme font, `scheme`, would override the name in Excel). */
function withFont(f: Partial<ExcelJS.Font> | undefined, size: number): Partial<ExcelJS.Font> {
  const { scheme: _scheme, family: _family, ...own } = f ?? {};
  return { size, ...own, name: PRINT_FONT };
}

const THIN: Partial<ExcelJS.Borders> = {
  top: { style: 'thin' },
  left: { style: 'thin' },
  bottom: { style: 'thin' },
  right: { style: 'thin' },
};

/** Thin borders on every cell of the rectangle (inclusive, 1-based). */
export function border(
  ws: ExcelJS.Worksheet,
  top: number,
  left: number,
  bottom: number,
  right: number,
): void {
  for (let r = top; r <= bottom; r += 1)
    for (let c = left; c <= right; c += 1) ws.getRow(r).getCell(c).border = THIN;
}

export interface TitleLine {
  text: string;
  bold?: boolean;
  italic?: boolean;
  size?: number;
}

/**
 * Lines of text centred across `width` columns (merged), from the sheet's next row; an empty line
 * after them. Answers the next free row.
 */
export function titleLines(ws: ExcelJS.Worksheet, lines: readonly TitleLine[], width: number): number {
  for (const l of lines) {
    const row = ws.addRow([l.text]);
    if (width > 1) ws.mergeCells(row.number, 1, row.number, width);
    row.getCell(1).font = {
      name: PRINT_FONT,
      size: l.size ?? 13,
      bold: l.bold ?? false,
      italic: l.italic ?? false,
    };
    row.getCell(1).alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    // A long line wraps inside its merged cells: room for two lines.
    if (l.text.length > 12 * width) row.height = 34;
  }
  ws.addRow([]);
  return ws.rowCount + 1;
}

/** A header row: bold, centred, wrapped, with room for two lines. */
export function headerRow(row: ExcelJS.Row, height = 32): void {
  row.height = height;
  row.eachCell({ includeEmpty: true }, (cell) => {
    cell.font = { ...cell.font, bold: true };
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  });
}

/** Text that wraps at the top of its cell (long titles in a table). */
export function wrapColumn(ws: ExcelJS.Worksheet, column: number, fromRow: number, toRow: number): void {
  for (let r = fromRow; r <= toRow; r += 1)
    ws.getRow(r).getCell(column).alignment = { wrapText: true, vertical: 'top' };
}

/**
 * Rows tall enough for their wrapped text (LibreOffice and Excel do not grow a row on opening a
 * file): the lines each wrapped cell needs at its column's width, estimated from the text's length
 * (a column of width w holds about 1.25 w characters of an 11 pt serif). A row is never made shorter;
 * merged cells are left as they are.
 */
export function fitRowHeights(
  ws: ExcelJS.Worksheet,
  fromRow: number,
  toRow: number,
  size = PRINT_FONT_SIZE,
): void {
  const lineHeight = size * 1.2;
  for (let r = fromRow; r <= toRow; r += 1) {
    const row = ws.getRow(r);
    let lines = 1;
    row.eachCell((cell, c) => {
      if (!cell.alignment?.wrapText || cell.isMerged || typeof cell.value !== 'string') return;
      const perLine = Math.max(1, Math.floor(((ws.getColumn(c).width ?? 9) * 1.25 * 11) / size) - 1);
      const needed = cell.value
        .split('\n')
        .reduce((n, part) => n + Math.max(1, Math.ceil(part.length / perLine)), 0);
      lines = Math.max(lines, needed);
    });
    const height = Math.ceil(lines * lineHeight + 3);
    if (lines > 1 && (row.height ?? 0) < height) row.height = height;
  }
}

import {
  AlignmentType,
  BorderStyle,
  Document,
  Header,
  Packer,
  PageNumber,
  PageOrientation,
  Paragraph,
  Table as DocxTable,
  TableBorders,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlignTable,
  WidthType,
} from 'docx';
import type { Align, Appendix, Block, Cell, Closing, Doc, Run, Table } from '../templates/doc';
import { basesLines, MARGINS_MM, recipientLines } from '../templates/frame';
import { numberSymbol, placeDate, upper } from '../templates/format';
import type { Signer } from '../templates/model';

/**
 * The Word rendering of a template's layout (templates/doc.ts): the same content as the PDF, in a
 * .docx officials edit before signing. A4, Times New Roman, Decree 30 margins, the header table,
 * page numbers centred in the header from page 2 (a different first-page header), landscape
 * sections for landscape appendices (each appendix numbered on its own, from 1, none on its
 * first page), bordered tables whose header rows repeat and whose rows never split.
 */

const FONT = 'Times New Roman';
const TWIP_PER_MM = 56.6929;
const mm = (v: number) => Math.round(v * TWIP_PER_MM);
const A4 = { width: mm(210), height: mm(297) };
/** Half-points. */
const hp = (pt: number) => Math.round(pt * 2);

const ALIGN: Record<Align, (typeof AlignmentType)[keyof typeof AlignmentType]> = {
  left: AlignmentType.LEFT,
  center: AlignmentType.CENTER,
  right: AlignmentType.RIGHT,
  justify: AlignmentType.JUSTIFIED,
};

const FIRST_LINE = mm(12.7);
const AFTER_6PT = 120;

function textWidth(orientation: 'portrait' | 'landscape', leftMm: number = MARGINS_MM.left): number {
  const page = orientation === 'portrait' ? 210 : 297;
  return mm(page - leftMm - MARGINS_MM.right);
}

function run(r: Run, size?: number): TextRun {
  return new TextRun({
    text: r.text,
    bold: r.bold,
    italics: r.italic,
    underline: r.underline ? {} : undefined,
    size: size ? hp(size) : undefined,
    font: FONT,
  });
}

function line(
  text: string,
  o: {
    bold?: boolean;
    italic?: boolean;
    size?: number;
    align?: Align;
    after?: number;
    keepNext?: boolean;
  } = {},
): Paragraph {
  return new Paragraph({
    alignment: ALIGN[o.align ?? 'center'],
    spacing: { after: o.after ?? 0, before: 0 },
    keepNext: o.keepNext,
    children: [run({ text, bold: o.bold, italic: o.italic }, o.size)],
  });
}

/** A short horizontal line `widthTw` wide, centred in a space `spaceTw` wide (a bottom border between indents). */
function rule(spaceTw: number, widthTw: number, after = 0): Paragraph {
  const side = Math.max(0, Math.round((spaceTw - widthTw) / 2));
  return new Paragraph({
    indent: { left: side, right: side },
    spacing: { before: 0, after, line: 240 },
    border: { bottom: { style: BorderStyle.SINGLE, size: 6, color: '000000', space: 1 } },
    children: [new TextRun({ text: '', size: 4, font: FONT })],
  });
}

/** Rough width of text in Times (average 0.5 em regular, 0.53 em bold) in twips. */
function approxWidth(text: string, pt: number, bold = false): number {
  return Math.round(text.length * pt * (bold ? 0.53 : 0.5) * 20);
}

const NO_BORDERS = TableBorders.NONE;

function plainTable(widths: number[], rows: Paragraph[][][]): DocxTable {
  return new DocxTable({
    width: { size: widths.reduce((a, w) => a + w, 0), type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    borders: NO_BORDERS,
    rows: rows.map(
      (r) =>
        new TableRow({
          cantSplit: true,
          children: r.map(
            (paras, i) =>
              new TableCell({
                width: { size: widths[i], type: WidthType.DXA },
                borders: NO_BORDERS,
                children: paras.length ? paras : [new Paragraph('')],
              }),
          ),
        }),
    ),
  });
}

function headerBlock(doc: Doc, width: number): DocxTable {
  const h = doc.head;
  const lw = Math.round(width * 0.45);
  const rw = width - lw;
  const left: Paragraph[] = [];
  if (h.issuer.parent) left.push(line(upper(h.issuer.parent), { size: 13 }));
  left.push(line(upper(h.issuer.name), { size: 13, bold: true }));
  left.push(rule(lw, Math.round(lw * 0.35)));
  const slogan = 'Độc lập - Tự do - Hạnh phúc';
  const right = [
    line('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', { size: 12, bold: true }),
    line(slogan, { size: 14, bold: true }),
    rule(rw, approxWidth(slogan, 14, true)),
  ];
  const num = [
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { before: 120 },
      children: [run({ text: numberSymbol(h) }, 13)],
    }),
  ];
  const pd = [
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { before: 120 },
      children: [run({ text: placeDate(h), italic: true }, 14)],
    }),
  ];
  return plainTable(
    [lw, rw],
    [
      [left, right],
      [num, pd],
    ],
  );
}

function titleBlock(doc: Doc, width: number): Paragraph[] {
  const out: Paragraph[] = [
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { before: 360, after: 0 },
      keepNext: true,
      children: [run({ text: upper(doc.kind), bold: true }, 14)],
    }),
    ...doc.summary.map((s) => line(s, { bold: true, size: 14, keepNext: true })),
    rule(width, Math.round(width * 0.25), 240),
  ];
  for (const a of doc.addressees ?? []) out.push(line(a, { size: 14, after: 0 }));
  if (doc.addressees?.length) out.push(new Paragraph({ spacing: { after: 120 }, children: [] }));
  for (const b of basesLines(doc.bases))
    out.push(
      new Paragraph({
        alignment: AlignmentType.JUSTIFIED,
        indent: { firstLine: FIRST_LINE },
        spacing: { after: AFTER_6PT },
        children: [run({ text: b, italic: true })],
      }),
    );
  return out;
}

function cellParagraph(c: Cell, align: Align | undefined, size: number): Paragraph {
  return new Paragraph({
    alignment: ALIGN[c.align ?? align ?? 'left'],
    spacing: { before: 20, after: 20 },
    children: [run({ text: c.text, bold: c.bold, italic: c.italic }, size)],
  });
}

const GRID_BORDER = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
const GRID_BORDERS = {
  top: GRID_BORDER,
  bottom: GRID_BORDER,
  left: GRID_BORDER,
  right: GRID_BORDER,
  insideHorizontal: GRID_BORDER,
  insideVertical: GRID_BORDER,
};

export function gridTable(tbl: Table, width: number): DocxTable {
  const total = tbl.widths.reduce((a, w) => a + w, 0);
  const widths = tbl.widths.map((w) => Math.round((w / total) * width));
  const size = tbl.size ?? 13;
  const row = (cells: Cell[], header: boolean) => {
    let col = 0;
    return new TableRow({
      tableHeader: header,
      cantSplit: true,
      children: cells.map((c) => {
        const span = c.colSpan ?? 1;
        const w = widths.slice(col, col + span).reduce((a, x) => a + x, 0);
        const align = header ? 'center' : span > 1 ? undefined : tbl.aligns[col];
        col += span;
        return new TableCell({
          width: { size: w, type: WidthType.DXA },
          columnSpan: span > 1 ? span : undefined,
          rowSpan: c.rowSpan && c.rowSpan > 1 ? c.rowSpan : undefined,
          verticalAlign: VerticalAlignTable.CENTER,
          margins: { left: 60, right: 60 },
          children: [cellParagraph(header ? { ...c, bold: c.bold ?? true } : c, align, size)],
        });
      }),
    });
  };
  return new DocxTable({
    width: { size: width, type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    borders: GRID_BORDERS,
    rows: [...tbl.head.map((r) => row(r, true)), ...tbl.body.map((r) => row(r, false))],
  });
}

function blocks(bs: Block[], width: number): (Paragraph | DocxTable)[] {
  const out: (Paragraph | DocxTable)[] = [];
  for (const b of bs) {
    if (b.kind === 'heading')
      out.push(
        new Paragraph({
          alignment: AlignmentType.JUSTIFIED,
          indent: { firstLine: FIRST_LINE },
          spacing: { before: 120, after: AFTER_6PT },
          keepNext: true,
          children: [run({ text: b.text, bold: true, italic: b.level === 3 })],
        }),
      );
    else if (b.kind === 'para')
      out.push(
        new Paragraph({
          alignment: ALIGN[b.align ?? 'justify'],
          indent:
            b.indent === false || (b.align && b.align !== 'justify') ? undefined : { firstLine: FIRST_LINE },
          spacing: { after: AFTER_6PT },
          keepNext: b.keepWithNext,
          children: b.runs.map((r) => run(r, b.size)),
        }),
      );
    else if (b.kind === 'table') {
      out.push(gridTable(b.table, width));
      out.push(new Paragraph({ spacing: { after: 0 }, children: [new TextRun({ text: '', size: 8 })] }));
    } else out.push(new Paragraph({ spacing: { before: 0, after: b.pt * 20 }, children: [] }));
  }
  return out;
}

function signerParas(s: Signer): Paragraph[] {
  const out: Paragraph[] = [];
  if (s.authority) out.push(line(upper(s.authority), { bold: true, size: 14 }));
  if (s.position) out.push(line(upper(s.position), { bold: true, size: 14 }));
  for (let i = 0; i < 5; i += 1) out.push(line('', { size: 14 }));
  if (s.signerTitle) out.push(line(upper(s.signerTitle), { bold: true, size: 14 }));
  out.push(line(s.name ?? '', { bold: true, size: 14 }));
  return out;
}

function closingTable(c: Closing, width: number): DocxTable {
  const lw = Math.round(width * 0.45);
  let left: Paragraph[] = [];
  if (c.leftSigner) left = signerParas(c.leftSigner);
  else if (c.recipients && c.recipients.length > 0)
    left = [
      line('Nơi nhận:', { bold: true, italic: true, size: 12, align: 'left' }),
      ...recipientLines(c.recipients).map((l) => line(l, { size: 11, align: 'left' })),
    ];
  return plainTable([lw, width - lw], [[left, signerParas(c.signer)]]);
}

function pageNumberHeaders() {
  return {
    default: new Header({
      children: [
        new Paragraph({
          alignment: AlignmentType.CENTER,
          children: [new TextRun({ children: [PageNumber.CURRENT], font: FONT, size: hp(13) })],
        }),
      ],
    }),
    first: new Header({ children: [new Paragraph({ children: [] })] }),
  };
}

function pageProps(orientation: 'portrait' | 'landscape', leftMm: number) {
  return {
    titlePage: true,
    page: {
      size: {
        width: A4.width,
        height: A4.height,
        orientation: orientation === 'landscape' ? PageOrientation.LANDSCAPE : PageOrientation.PORTRAIT,
      },
      margin: {
        top: mm(MARGINS_MM.top),
        bottom: mm(MARGINS_MM.bottom),
        left: mm(leftMm),
        right: mm(MARGINS_MM.right),
        header: mm(8),
        footer: mm(8),
      },
    },
  };
}

function appendixSection(a: Appendix) {
  const leftMm = a.orientation === 'landscape' ? 20 : MARGINS_MM.left;
  const width = textWidth(a.orientation, leftMm);
  const children: (Paragraph | DocxTable)[] = [];
  if (a.label) children.push(line(a.label, { bold: true, size: 14 }));
  for (const l of a.title) children.push(line(upper(l), { bold: true, size: 14 }));
  children.push(line(a.note ?? '', { italic: true, size: 13, after: 200 }));
  children.push(...blocks(a.blocks, width));
  const props = pageProps(a.orientation, leftMm);
  return {
    properties: { ...props, page: { ...props.page, pageNumbers: { start: 1 } } },
    headers: pageNumberHeaders(),
    children,
  };
}

/** The .docx bytes of a layout. */
export async function renderDocx(doc: Doc): Promise<Buffer> {
  const width = textWidth(doc.orientation);
  const main = {
    properties: pageProps(doc.orientation, MARGINS_MM.left),
    headers: pageNumberHeaders(),
    children: [
      headerBlock(doc, width),
      ...titleBlock(doc, width),
      ...blocks(
        doc.body.map((b, i) =>
          i === doc.body.length - 1 && b.kind === 'para' ? { ...b, keepWithNext: true } : b,
        ),
        width,
      ),
      new Paragraph({ spacing: { after: 120 }, keepNext: true, children: [] }),
      closingTable(doc.closing, width),
    ],
  };
  const file = new Document({
    title: doc.name,
    creator: 'TĐKT',
    styles: {
      default: {
        document: {
          run: { font: FONT, size: hp(14) },
          paragraph: { spacing: { line: 300, after: 0 } },
        },
      },
    },
    sections: [main, ...doc.appendices.map(appendixSection)],
  });
  return Packer.toBuffer(file);
}

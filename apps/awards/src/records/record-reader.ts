import { XLSX_TYPE } from '@tdkt/contracts';
import { RECORD_COLUMNS, RecordCell } from '@tdkt/domain';
import { AppError } from '@tdkt/platform';
import ExcelJS from 'exceljs';
import { unlink } from 'node:fs/promises';
import { Readable } from 'node:stream';

/**
 * A records file read as a stream, line by line, whatever its size: memory holds one chunk of the
 * file and the line being read, never the file (CSV), or the workbook's shared strings and one row
 * (XLSX, through exceljs's streaming `WorkbookReader`).
 */

export type RecordFileKind = 'csv' | 'xlsx';

/** The kind of a file from its type or name; RECORDS_FILE_TYPE (on `contentType`) otherwise. */
export function recordFileKind(f: { fileName: string; contentType: string }): RecordFileKind {
  if (f.contentType === XLSX_TYPE || /\.xlsx$/i.test(f.fileName)) return 'xlsx';
  if (f.contentType.startsWith('text/csv') || /\.csv$/i.test(f.fileName)) return 'csv';
  throw AppError.of('RECORDS_FILE_TYPE', {}, 'contentType');
}

/** One line of a file: its number (1 is the header; a spreadsheet's row number) and its cells. */
export interface FileLine {
  line: number;
  cells: RecordCell[];
}

/** The longest line a CSV may have (a records line is a few hundred bytes). */
export const CSV_LINE_MAX = 1024 * 1024;

/** The lines of a records file, in order. `source` is read once; its own errors are passed on as they are. */
export function readRecordLines(kind: RecordFileKind, source: Readable): AsyncGenerator<FileLine> {
  return kind === 'xlsx' ? xlsxLines(source) : csvLines(source);
}

// ---------- CSV ----------

/**
 * RFC 4180 CSV fed in chunks: quoted fields, doubled quotes, commas or semicolons (whichever the
 * first line has more of), CRLF or LF. A line longer than CSV_LINE_MAX is refused.
 */
export class CsvLines {
  private delimiter: string | null = null;
  /** The first line, until its end shows the delimiter. */
  private first = '';
  private row: string[] = [];
  private field = '';
  private rowLength = 0;
  private quoted = false;
  /** A quote inside quotes: a doubled quote or the end of the quoted part, as the next character says. */
  private quoteSeen = false;
  /** A CR ended the row: an LF right after it belongs to it. */
  private skipLF = false;
  private lines = 0;

  /** Rows completed by this chunk of text. */
  push(text: string): string[][] {
    if (this.delimiter === null) {
      this.first += text;
      const nl = this.first.search(/\r?\n/);
      if (nl < 0) {
        if (this.first.length > CSV_LINE_MAX) throw tooLong(1);
        return [];
      }
      this.delimiter = delimiterOf(this.first.slice(0, nl));
      text = this.first;
      this.first = '';
    }
    return this.parse(text);
  }

  /** The last row, at the end of the text. */
  end(): string[][] {
    const rows: string[][] = [];
    if (this.delimiter === null) {
      this.delimiter = delimiterOf(this.first);
      rows.push(...this.parse(this.first));
      this.first = '';
    }
    if (this.quoteSeen) this.quoted = false;
    if (this.field !== '' || this.row.length) {
      this.row.push(this.field);
      rows.push(this.row);
      this.row = [];
      this.field = '';
    }
    return rows;
  }

  private parse(text: string): string[][] {
    const rows: string[][] = [];
    const d = this.delimiter as string;
    let start = 0;
    const take = (to: number) => {
      if (to > start) this.field += text.slice(start, to);
    };
    for (let i = 0; i < text.length; i += 1) {
      const c = text[i];
      if (this.skipLF) {
        this.skipLF = false;
        if (c === '\n') {
          start = i + 1;
          continue;
        }
      }
      if (this.quoteSeen) {
        this.quoteSeen = false;
        if (c === '"') {
          this.field += '"';
          start = i + 1;
          continue;
        }
        this.quoted = false; // the quoted part ended; `c` is read as unquoted (start is i)
      }
      if (this.quoted) {
        if (c === '"') {
          take(i);
          this.quoteSeen = true;
          start = i + 1;
        }
      } else if (c === '"') {
        take(i);
        this.quoted = true;
        start = i + 1;
      } else if (c === d) {
        take(i);
        this.row.push(this.field);
        this.rowLength += this.field.length + 1;
        this.field = '';
        start = i + 1;
      } else if (c === '\n' || c === '\r') {
        take(i);
        if (this.rowLength + this.field.length > CSV_LINE_MAX) throw tooLong(this.lines + 1);
        this.row.push(this.field);
        rows.push(this.row);
        this.lines += 1;
        this.row = [];
        this.field = '';
        this.rowLength = 0;
        this.skipLF = c === '\r';
        start = i + 1;
      }
    }
    take(text.length);
    if (this.rowLength + this.field.length > CSV_LINE_MAX) throw tooLong(this.lines + 1);
    return rows;
  }
}

function delimiterOf(firstLine: string): string {
  return (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ';' : ',';
}

const tooLong = (line: number) => AppError.of('RECORDS_LINE_TOO_LONG', { max: CSV_LINE_MAX }, `dòng ${line}`);

async function* csvLines(source: Readable): AsyncGenerator<FileLine> {
  const decoder = new TextDecoder('utf-8');
  const csv = new CsvLines();
  let line = 0;
  try {
    for await (const chunk of source as AsyncIterable<Buffer>) {
      const text = decoder.decode(chunk, { stream: true });
      if (text.includes('\u0000')) throw AppError.of('RECORDS_NOT_CSV_TEXT', {}, 'file');
      for (const cells of csv.push(text)) yield { line: (line += 1), cells };
    }
    const rest = decoder.decode();
    for (const cells of [...csv.push(rest), ...csv.end()]) yield { line: (line += 1), cells };
  } finally {
    source.destroy();
  }
}

// ---------- XLSX ----------

/**
 * A workbook's shared strings, packed: UTF-8 bytes end to end in one buffer, with their offsets.
 * exceljs's own cache keeps each string as the parser made it, a slice of the XML text it came
 * from (400,000 rows of names: ~450 MB of heap); packed they take their size in bytes.
 */
export class SharedStrings {
  /** Pages of UTF-8 bytes, filled one after the other (nothing is copied as they grow). */
  private readonly pages: Buffer[] = [];
  private page = Buffer.alloc(0);
  private used = 0;
  /** Per string its page, start and end in that page, in blocks of WHERE_BLOCK strings. */
  private readonly where: Uint32Array[] = [];
  private count = 0;

  get length(): number {
    return this.count;
  }

  add(text: string): void {
    const need = Buffer.byteLength(text);
    if (this.used + need > this.page.length) {
      this.page = Buffer.allocUnsafe(Math.max(PAGE_BYTES, need));
      this.pages.push(this.page);
      this.used = 0;
    }
    const start = this.used;
    this.used += this.page.write(text, start);
    const slot = this.count % WHERE_BLOCK;
    if (slot === 0) this.where.push(new Uint32Array(3 * WHERE_BLOCK));
    this.where[this.where.length - 1].set([this.pages.length - 1, start, this.used], 3 * slot);
    this.count += 1;
  }

  get(i: number): string {
    if (!(i >= 0 && i < this.count)) return '';
    const block = this.where[Math.floor(i / WHERE_BLOCK)];
    const at = 3 * (i % WHERE_BLOCK);
    return this.pages[block[at]].toString('utf8', block[at + 1], block[at + 2]);
  }
}

const WHERE_BLOCK = 65_536;
const PAGE_BYTES = 1024 * 1024;

/** A shared string as exceljs's reader yields it (in `sharedStrings: 'emit'` mode: no event type). */
interface SharedStringEvent {
  eventType?: undefined;
  index: number;
  text: string | { richText: { text: string }[] } | null;
}

type WorkbookEvent =
  | SharedStringEvent
  | { eventType: 'worksheet'; value: WorksheetReader }
  | { eventType: 'hyperlinks'; value: unknown };

/** What of exceljs's streaming reader is used here (beyond its typings). */
interface ReaderInternals {
  parse(): AsyncIterable<WorkbookEvent>;
  on(event: 'entry', listener: () => void): unknown;
  _parseSharedStrings(entry: Readable): AsyncGenerator<unknown>;
  _parseWorksheet(iterator: Readable, sheetNo: string): Generator<unknown>;
}

const WorkbookReader = ExcelJS.stream.xlsx.WorkbookReader as unknown as new (
  input: Readable,
  options: object,
) => ReaderInternals;

/**
 * exceljs's streaming reader turns each chunk of the XML into text on its own (parse-sax's
 * `bufferToString`), so a character whose UTF-8 bytes straddle two chunks comes out as two U+FFFD
 * ("QĐ" read as "Q��" a few times in 100,000 lines). Text decoded by the streams themselves
 * (`setEncoding`, a StringDecoder) passes through whole: the shared strings and the worksheet are
 * read that way.
 */
class Utf8WorkbookReader extends WorkbookReader {
  override _parseSharedStrings(entry: Readable): AsyncGenerator<unknown> {
    entry.setEncoding('utf8');
    return super._parseSharedStrings(entry);
  }

  override _parseWorksheet(iterator: Readable, sheetNo: string): Generator<unknown> {
    if (typeof iterator.setEncoding === 'function') iterator.setEncoding('utf8');
    else iterator = Readable.from(utf8(iterator as AsyncIterable<Buffer | string>));
    return super._parseWorksheet(iterator, sheetNo);
  }
}

/** Text of a byte stream, decoded across chunk boundaries. */
async function* utf8(chunks: AsyncIterable<Buffer | string>): AsyncGenerator<string> {
  const decoder = new TextDecoder('utf-8');
  for await (const c of chunks) yield typeof c === 'string' ? c : decoder.decode(c, { stream: true });
  const rest = decoder.decode();
  if (rest) yield rest;
}

/** exceljs's streaming worksheet: its rows as they are parsed; `iterator` is its spooled copy. */
interface WorksheetReader extends AsyncIterable<ExcelJS.Row> {
  iterator?: Readable & { path?: string | Buffer };
}

const plain = (t: SharedStringEvent['text']): string =>
  t === null || t === undefined ? '' : typeof t === 'string' ? t : t.richText.map((x) => x.text).join('');

/** The text of a hyperlink's label (plain or rich text). */
const labelOf = (t: unknown): string =>
  t && typeof t === 'object' && 'richText' in t
    ? (t as ExcelJS.CellRichTextValue).richText.map((x) => x.text).join('')
    : t === null || t === undefined
      ? ''
      : String(t);

/** `HYPERLINK("url","label")` (or `;` as the separator): its label; null for any other formula. */
export function hyperlinkFormulaLabel(formula: string): string | null {
  const m = /^\s*=?\s*HYPERLINK\(\s*"(?:[^"]|"")*"\s*[,;]\s*"((?:[^"]|"")*)"\s*\)\s*$/i.exec(formula);
  return m ? m[1].replace(/""/g, '"') : null;
}

/**
 * A cell as the records' table reads it: a shared string or rich text as its text, a formula as
 * its result (a HYPERLINK formula saved without one as its label), a hyperlink as its text (every
 * import reads a hyperlink's text: DOMAIN.md), an error as its code ("#N/A"); numbers, booleans
 * and dates (a `Date`) as they are.
 */
export function cellOf(v: ExcelJS.CellValue, strings: SharedStrings): RecordCell {
  if (v && typeof v === 'object' && !(v instanceof Date)) {
    if ('sharedString' in v) return strings.get((v as { sharedString: number }).sharedString);
    if ('formula' in v || 'sharedFormula' in v) {
      const f = v as ExcelJS.CellFormulaValue;
      if (f.result !== undefined && f.result !== null) return cellOf(f.result as ExcelJS.CellValue, strings);
      return (f.formula && hyperlinkFormulaLabel(f.formula)) ?? null;
    }
    if ('richText' in v) return v.richText.map((t) => t.text).join('');
    if ('hyperlink' in v || 'text' in v) return labelOf((v as { text?: unknown }).text);
    if ('error' in v) return String((v as ExcelJS.CellErrorValue).error);
    return String(v);
  }
  return v as RecordCell;
}

/**
 * The first worksheet's rows, numbered as the spreadsheet numbers them (empty rows are absent).
 * Shared strings are kept packed (they are the file's text); cells are read as they come. exceljs spools a worksheet that comes before the shared strings (as Excel writes
 * them) to a temporary file: it is removed when the rows have been read, or at once if reading
 * stops early.
 */
async function* xlsxLines(source: Readable): AsyncGenerator<FileLine> {
  let sourceError: unknown;
  source.once('error', (e) => (sourceError = e));
  const reader = new Utf8WorkbookReader(source, {
    worksheets: 'emit',
    sharedStrings: 'emit',
    styles: 'cache', // number formats: a date cell is read as a date
    hyperlinks: 'ignore',
    entries: 'emit',
  });
  let entries = 0;
  reader.on('entry', () => (entries += 1));
  const strings = new SharedStrings();
  let sheets = 0;
  let reading: WorksheetReader | undefined;
  let done = false;
  const events = reader.parse();
  try {
    for await (const e of events) {
      if (e.eventType === undefined) strings.add(plain(e.text));
      else if (e.eventType === 'worksheet') {
        sheets += 1;
        if (sheets > 1) {
          e.value.iterator?.destroy(); // not read: exceljs removes its spooled copy
          continue;
        }
        reading = e.value;
        for await (const row of e.value) {
          yield {
            line: row.number,
            cells: RECORD_COLUMNS.map((_, i) => cellOf(row.getCell(i + 1).value, strings)),
          };
        }
        reading = undefined;
      }
    }
    done = true;
  } catch (e) {
    if (sourceError) throw sourceError;
    if (e instanceof AppError) throw e;
    throw AppError.of('RECORDS_NOT_XLSX', {}, 'file');
  } finally {
    if (!done) {
      source.destroy();
      const spooled = reading?.iterator;
      spooled?.destroy();
      if (typeof spooled?.path === 'string') await unlink(spooled.path).catch(() => undefined);
    }
  }
  if (sourceError) throw sourceError;
  if (!sheets) throw AppError.of(entries ? 'RECORDS_NO_WORKSHEET' : 'RECORDS_NOT_XLSX', {}, 'file');
}

import { isValidDate, Period } from '../time/periods';
import { clip, fold, LISTED_PROBLEMS_MAX, nfc } from '../text/vietnamese';
import { awardByCode, matchAwardType } from './catalogue';
import { AwardRecord, duplicateKey, RecipientCategory, RecordProblemKind, recordProblems } from './records';

/** The columns of an award-records file (CSV or XLSX), as officials name them. */
export const RECORD_COLUMNS = [
  'Số quyết định',
  'Ngày quyết định',
  'Cơ quan ban hành',
  'Hình thức khen thưởng',
  'Đối tượng',
  'Tên người hoặc tập thể',
  'Mã đơn vị',
  'Phân loại',
] as const;

export type RecordCell = string | number | boolean | Date | null | undefined;

export interface RecordRowProblem {
  /** Line of the file (1 is the header). */
  row: number;
  column: string;
  /** What kind of problem (the import's catalogue reason comes from the kinds it met). */
  kind: RecordProblemKind;
  message: string;
}

const CATEGORIES: Record<string, RecipientCategory> = {
  'lanh dao, quan ly': 'LEADER',
  'lanh dao quan ly': 'LEADER',
  'lanh dao': 'LEADER',
  'nguoi lao dong truc tiep': 'DIRECT_WORKER',
  'cong nhan, nguoi lao dong truc tiep': 'DIRECT_WORKER',
  'lao dong truc tiep': 'DIRECT_WORKER',
  'nong dan': 'FARMER',
  khac: 'OTHER',
};

/** The column (index in RECORD_COLUMNS) of each field of a record. */
const COLUMN_OF: Record<keyof AwardRecord, number> = {
  decisionNumber: 0,
  decisionDate: 1,
  authority: 2,
  awardCode: 3,
  recipientKind: 4,
  recipientName: 5,
  unitId: 6,
  category: 7,
};

const text = (c: RecordCell): string =>
  c === null || c === undefined ? '' : c instanceof Date ? c.toISOString().slice(0, 10) : nfc(String(c));

/** YYYY-MM-DD from YYYY-MM-DD, DD/MM/YYYY or a spreadsheet date; null when it is not a date. */
export function recordDate(c: RecordCell): string | null {
  if (c instanceof Date) return c.toISOString().slice(0, 10);
  const t = text(c);
  const dmy = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(t);
  const iso = dmy ? `${dmy[3]}-${dmy[2].padStart(2, '0')}-${dmy[1].padStart(2, '0')}` : t;
  return isValidDate(iso) ? iso : null;
}

/** The unit cell of a line, as `checkRecordRow` looks it up in its `units` map. */
export const unitCellOf = (r: readonly RecordCell[]): string => text(r[6]);

/** A line with nothing in it (skipped, as spreadsheets leave them). */
export function isEmptyRow(r: readonly RecordCell[]): boolean {
  return r.every((c) => text(c) === '');
}

/**
 * What is wrong with the header line of a records file (its columns, in order): the first column
 * that differs (1-based) and what it holds (at most 100 characters), or null.
 */
export function headerProblem(
  header: readonly RecordCell[] | undefined,
): { column: number; found: string } | null {
  const wrong = RECORD_COLUMNS.findIndex((c, i) => fold(String(header?.[i] ?? '')) !== fold(c));
  if (wrong < 0) return null;
  return { column: wrong + 1, found: clip(String(header?.[wrong] ?? '')) };
}

/** One checked line: its record (null when the date, recipient kind or unit cannot be read) and problems. */
export interface CheckedRecordRow {
  record: AwardRecord | null;
  problems: RecordRowProblem[];
}

/**
 * One line of a records file (`row`: its line number), checked on its own: every problem by
 * column, in Vietnamese. Duplicates are not looked for here (they need the other lines: see
 * `rowsToRecords`, or the database for a file read as a stream). `units` maps a unit cell (code)
 * to the unit's id.
 */
export function checkRecordRow(
  r: readonly RecordCell[],
  row: number,
  units: ReadonlyMap<string, string | null>,
  period?: Period,
): CheckedRecordRow {
  const problems: RecordRowProblem[] = [];
  const add = (col: number, kind: RecordProblemKind, message: string) =>
    problems.push({ row, column: RECORD_COLUMNS[col], kind, message });
  const date = recordDate(r[1]);
  if (!date) add(1, 'DATE_INVALID', `"${clip(text(r[1]))}" không phải ngày (YYYY-MM-DD hoặc DD/MM/YYYY)`);
  const type = matchAwardType(text(r[3]), date ?? undefined) ?? null;
  const byCode = text(r[3]).toUpperCase();
  const awardCode = type?.code ?? (/^[A-Z0-9-]+$/.test(byCode) ? byCode : '');
  const kindText = fold(text(r[4]));
  const recipientKind = kindText === 'tap the' ? 'COLLECTIVE' : kindText === 'ca nhan' ? 'INDIVIDUAL' : null;
  if (!recipientKind)
    add(4, 'RECIPIENT_KIND_INVALID', `"${clip(text(r[4]))}" phải là "Tập thể" hoặc "Cá nhân"`);
  const unitId = units.get(unitCellOf(r));
  if (!unitId) add(6, 'UNIT_UNKNOWN', `không có đơn vị "${clip(text(r[6]))}"`);
  const catText = fold(text(r[7]));
  const category = catText ? (CATEGORIES[catText] ?? null) : null;
  if (catText && !category)
    add(
      7,
      'CATEGORY_UNKNOWN',
      `"${clip(text(r[7]))}" không phải phân loại đã biết (Lãnh đạo, quản lý; Người lao động trực tiếp; Nông dân; Khác)`,
    );
  if (!date || !recipientKind || !unitId) return { record: null, problems };
  const record: AwardRecord = {
    decisionNumber: text(r[0]),
    decisionDate: date,
    authority: text(r[2]),
    awardCode,
    recipientKind,
    recipientName: text(r[5]),
    unitId,
    category,
  };
  for (const p of recordProblems(record, period))
    add(
      COLUMN_OF[p.field],
      p.kind,
      p.field === 'awardCode' && !awardByCode(record.awardCode)
        ? `không có hình thức khen thưởng "${clip(text(r[3]))}" trong danh mục`
        : p.message,
    );
  return { record, problems };
}

/** The message of a line that repeats an earlier one of the same file. */
export const duplicateInFileMessage = (first: number): string =>
  `trùng với dòng ${first} (cùng quyết định, hình thức, người/tập thể, đơn vị)`;

/** The message of a line that an earlier import already stored. */
export const ALREADY_STORED_MESSAGE =
  'đã có trong hệ thống (cùng quyết định, hình thức, người/tập thể, đơn vị)';

/**
 * The records of a file's rows (`rows[0]` is line 2), or every problem by line and column, in
 * Vietnamese. `units` maps a unit cell (code) to the unit's id; duplicates within the file are
 * problems too, and so is a decision dated outside `period` when the file states one. All or
 * nothing: a caller stores the records only when there is no problem.
 */
export function rowsToRecords(
  rows: readonly RecordCell[][],
  units: ReadonlyMap<string, string | null>,
  period?: Period,
): { records: AwardRecord[] } | { problems: RecordRowProblem[]; total: number } {
  const problems: RecordRowProblem[] = [];
  const records: AwardRecord[] = [];
  const seen = new Map<string, number>();
  rows.forEach((r, i) => {
    const row = i + 2;
    if (isEmptyRow(r)) return;
    const checked = checkRecordRow(r, row, units, period);
    problems.push(...checked.problems);
    const rec = checked.record;
    if (!rec) return;
    const key = duplicateKey(rec);
    const first = seen.get(key);
    if (first)
      problems.push({
        row,
        column: RECORD_COLUMNS[0],
        kind: 'DUPLICATE_IN_FILE',
        message: duplicateInFileMessage(first),
      });
    else seen.set(key, row);
    records.push(rec);
  });
  return problems.length ? { problems, total: problems.length } : { records };
}

/**
 * The problems of a file read line by line, kept bounded: the first `max` (in line order, as
 * they are added), how many there are in all, and which kinds were met.
 */
export class RecordProblems {
  readonly listed: RecordRowProblem[] = [];
  readonly kinds = new Set<RecordProblemKind>();
  total = 0;

  constructor(private readonly max = LISTED_PROBLEMS_MAX) {}

  add(p: RecordRowProblem): void {
    this.total += 1;
    this.kinds.add(p.kind);
    if (this.listed.length < this.max) this.listed.push(p);
  }

  /** The one kind every problem is of, or null when they are of several kinds (or there are none). */
  onlyKind(): RecordProblemKind | null {
    return this.kinds.size === 1 ? [...this.kinds][0] : null;
  }
}

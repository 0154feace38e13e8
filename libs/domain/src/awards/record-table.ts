import { isValidDate, Period } from '../time/periods';
import { clip, fold, nfc } from '../text/vietnamese';
import { awardByCode, matchAwardType } from './catalogue';
import { AwardRecord, duplicateKey, RecipientCategory, recordProblems } from './records';

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

/**
 * The records of a file's rows (`rows[0]` is line 2), or every problem by line and column, in
 * Vietnamese. `units` maps a unit cell (code) to the unit's id; duplicates within the file are
 * problems too, and so is a decision dated outside `period` when the file states one. All or nothing: a caller stores the records only when there is no problem.
 */
export function rowsToRecords(
  rows: readonly RecordCell[][],
  units: ReadonlyMap<string, string>,
  period?: Period,
): { records: AwardRecord[] } | { problems: RecordRowProblem[]; total: number } {
  const problems: RecordRowProblem[] = [];
  const records: AwardRecord[] = [];
  const seen = new Map<string, number>();
  rows.forEach((r, i) => {
    const row = i + 2;
    if (r.every((c) => text(c) === '')) return;
    const add = (col: number, message: string) =>
      problems.push({ row, column: RECORD_COLUMNS[col], message });
    const date = recordDate(r[1]);
    if (!date) add(1, `"${clip(text(r[1]))}" không phải ngày (YYYY-MM-DD hoặc DD/MM/YYYY)`);
    const type = matchAwardType(text(r[3]), date ?? undefined) ?? null;
    const byCode = text(r[3]).toUpperCase();
    const awardCode = type?.code ?? (/^[A-Z0-9-]+$/.test(byCode) ? byCode : '');
    const kindText = fold(text(r[4]));
    const recipientKind =
      kindText === 'tap the' ? 'COLLECTIVE' : kindText === 'ca nhan' ? 'INDIVIDUAL' : null;
    if (!recipientKind) add(4, `"${clip(text(r[4]))}" phải là "Tập thể" hoặc "Cá nhân"`);
    const unitId = units.get(text(r[6]));
    if (!unitId) add(6, `không có đơn vị "${clip(text(r[6]))}"`);
    const catText = fold(text(r[7]));
    const category = catText ? (CATEGORIES[catText] ?? null) : null;
    if (catText && !category)
      add(
        7,
        `"${clip(text(r[7]))}" không phải phân loại đã biết (Lãnh đạo, quản lý; Người lao động trực tiếp; Nông dân; Khác)`,
      );
    if (!date || !recipientKind || !unitId) return;
    const rec: AwardRecord = {
      decisionNumber: text(r[0]),
      decisionDate: date,
      authority: text(r[2]),
      awardCode,
      recipientKind,
      recipientName: text(r[5]),
      unitId,
      category,
    };
    for (const p of recordProblems(rec, period))
      add(
        COLUMN_OF[p.field],
        p.field === 'awardCode' && !awardByCode(rec.awardCode)
          ? `không có hình thức khen thưởng "${clip(text(r[3]))}" trong danh mục`
          : p.message,
      );
    const key = duplicateKey(rec);
    const first = seen.get(key);
    if (first) add(0, `trùng với dòng ${first} (cùng quyết định, hình thức, người/tập thể, đơn vị)`);
    else seen.set(key, row);
    records.push(rec);
  });
  return problems.length ? { problems, total: problems.length } : { records };
}

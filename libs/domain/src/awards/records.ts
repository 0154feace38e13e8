import { isValidDate, Period } from '../time/periods';
import { clip, fold, nfc } from '../text/vietnamese';
import { awardByCode, AwardType, AWARD_CATALOGUE, validOn } from './catalogue';
import { crossTable, CrossTable } from './aggregate';

/** Who received an award, as the reports break it down (seed 000 asks for direct workers vs leaders). */
export type RecipientCategory = 'LEADER' | 'DIRECT_WORKER' | 'FARMER' | 'OTHER';

export interface AwardRecord {
  decisionNumber: string;
  /** YYYY-MM-DD. */
  decisionDate: string;
  authority: string;
  awardCode: string;
  recipientKind: 'COLLECTIVE' | 'INDIVIDUAL';
  recipientName: string;
  /** The unit (province, department…) the award counts for. */
  unitId: string;
  /** For individuals. */
  category: RecipientCategory | null;
}

/** The longest text of a record's fields, as stored. */
export const RECORD_TEXT_MAX = { decisionNumber: 100, authority: 300, recipientName: 300 } as const;

/**
 * Why a line of a records file is refused: the import answers with the catalogue reason that fits
 * when every problem is of one kind (a file of duplicates, of decisions outside the period…).
 */
export type RecordProblemKind =
  | 'DATE_INVALID'
  | 'OUTSIDE_PERIOD'
  | 'AWARD_TYPE_UNKNOWN'
  | 'AWARD_NOT_IN_FORCE'
  | 'RECIPIENT_KIND_INVALID'
  | 'RECIPIENT_KIND_REFUSED'
  | 'CATEGORY_UNKNOWN'
  | 'CATEGORY_FOR_COLLECTIVE'
  | 'UNIT_UNKNOWN'
  | 'TEXT_MISSING'
  | 'TEXT_TOO_LONG'
  | 'DUPLICATE_IN_FILE'
  | 'ALREADY_STORED';

export interface RecordProblem {
  field: keyof AwardRecord;
  kind: RecordProblemKind;
  message: string;
}

/** What is wrong with one record (Vietnamese text is compared in NFC; dates are calendar dates). */
export function recordProblems(r: AwardRecord, period?: Period): RecordProblem[] {
  const out: RecordProblem[] = [];
  const type = awardByCode(r.awardCode);
  if (!type)
    out.push({
      field: 'awardCode',
      kind: 'AWARD_TYPE_UNKNOWN',
      message: `không có loại khen thưởng "${clip(r.awardCode)}" trong danh mục`,
    });
  if (!isValidDate(r.decisionDate))
    out.push({ field: 'decisionDate', kind: 'DATE_INVALID', message: 'không phải ngày hợp lệ (YYYY-MM-DD)' });
  else if (period && (r.decisionDate < period.from || r.decisionDate > period.to))
    out.push({
      field: 'decisionDate',
      kind: 'OUTSIDE_PERIOD',
      message: `ngoài kỳ ${period.from} – ${period.to}`,
    });
  else if (type && !validOn(type, r.decisionDate))
    out.push({
      field: 'awardCode',
      kind: 'AWARD_NOT_IN_FORCE',
      message: `${type.name} ${type.validTo && r.decisionDate > type.validTo ? `không còn được khen từ sau ngày ${type.validTo}` : `chỉ được khen từ ngày ${type.validFrom}`} (${type.basis})`,
    });
  if (!nfc(r.decisionNumber))
    out.push({ field: 'decisionNumber', kind: 'TEXT_MISSING', message: 'thiếu số quyết định' });
  if (!nfc(r.recipientName))
    out.push({
      field: 'recipientName',
      kind: 'TEXT_MISSING',
      message: 'thiếu tên người hoặc tập thể được khen',
    });
  for (const field of ['decisionNumber', 'authority', 'recipientName'] as const) {
    const max = RECORD_TEXT_MAX[field];
    // The folded form is stored too (search and duplicates) and may be longer (e.g. Hangul).
    if (r[field].length > max || fold(r[field]).length > max)
      out.push({ field, kind: 'TEXT_TOO_LONG', message: `dài quá ${max} ký tự` });
  }
  if (type && type.recipients !== 'BOTH' && type.recipients !== r.recipientKind)
    out.push({
      field: 'recipientKind',
      kind: 'RECIPIENT_KIND_REFUSED',
      message: `${type.name} chỉ dành cho ${type.recipients === 'COLLECTIVE' ? 'tập thể' : 'cá nhân'}`,
    });
  if (r.recipientKind === 'COLLECTIVE' && r.category)
    out.push({
      field: 'category',
      kind: 'CATEGORY_FOR_COLLECTIVE',
      message: 'tập thể không có đối tượng (lãnh đạo, người lao động trực tiếp…)',
    });
  return out;
}

/** The same decision awarding the same thing to the same recipient twice. */
export function duplicateKey(r: AwardRecord): string {
  return [fold(r.decisionNumber), r.awardCode, r.recipientKind, fold(r.recipientName), r.unitId].join('|');
}

export interface AwardStatistics {
  table: CrossTable;
  collective: number;
  individual: number;
  /** Individual awards by recipient category (null: not stated). */
  byCategory: Record<RecipientCategory | 'UNSTATED', number>;
  /** Shares of the individual awards whose category is stated. */
  directWorkerShare: number | null;
  leaderShare: number | null;
}

/** How many awards of one type went to one unit, for one kind of recipient and category. */
export interface AwardCount {
  unitId: string;
  awardCode: string;
  recipientKind: 'COLLECTIVE' | 'INDIVIDUAL';
  category: RecipientCategory | null;
  n: number;
}

/** Unit × award-type table and the report's breakdowns, from counts (e.g. grouped in the database). */
export function statisticsFromCounts(
  counts: readonly AwardCount[],
  units: readonly { id: string; name: string }[],
  catalogue: readonly AwardType[] = AWARD_CATALOGUE,
): AwardStatistics {
  const names = new Map(units.map((u) => [u.id, u.name]));
  const cells = new Map<string, Map<string, number>>();
  const byCategory: AwardStatistics['byCategory'] = {
    LEADER: 0,
    DIRECT_WORKER: 0,
    FARMER: 0,
    OTHER: 0,
    UNSTATED: 0,
  };
  let collective = 0;
  let individual = 0;
  for (const c of counts) {
    const unit = names.get(c.unitId);
    if (!unit) continue;
    const row = cells.get(c.awardCode) ?? new Map<string, number>();
    row.set(unit, (row.get(unit) ?? 0) + c.n);
    cells.set(c.awardCode, row);
    if (c.recipientKind === 'COLLECTIVE') collective += c.n;
    else {
      individual += c.n;
      byCategory[c.category ?? 'UNSTATED'] += c.n;
    }
  }
  const stated = individual - byCategory.UNSTATED;
  const share = (n: number) => (stated ? Math.round((n / stated) * 10000) / 10000 : null);
  return {
    table: crossTable(
      units.map((u) => u.name),
      cells,
      catalogue,
    ),
    collective,
    individual,
    byCategory,
    directWorkerShare: share(byCategory.DIRECT_WORKER),
    leaderShare: share(byCategory.LEADER),
  };
}

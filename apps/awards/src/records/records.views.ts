import { ErrorReason, FieldError, RecordImportView, RpcErrorBody } from '@tdkt/contracts';
import { Period, RecordProblemKind, RecordProblems, RecordRowProblem } from '@tdkt/domain';
import { AppError } from '@tdkt/platform';
import type { RecordImportRow } from './records.repository';

export function recordImportView(x: RecordImportRow, alreadyImported: boolean): RecordImportView {
  return {
    id: x.id,
    fileName: x.file_name,
    records: x.records,
    createdAt: new Date(x.created_at).toISOString(),
    alreadyImported,
  };
}

/** A line's problem as a field error: `dòng 3 (Ngày quyết định)`, or `dòng 3` for the whole line. */
export function problemField(p: RecordRowProblem): FieldError {
  return { field: p.column ? `dòng ${p.row} (${p.column})` : `dòng ${p.row}`, message: p.message };
}

/** The catalogue reason of a file whose problems are all of one kind (several kinds: RECORDS_INVALID). */
const REASON_OF: Partial<Record<RecordProblemKind, ErrorReason>> = {
  DUPLICATE_IN_FILE: 'RECORDS_DUPLICATE',
  ALREADY_STORED: 'RECORDS_DUPLICATE',
  OUTSIDE_PERIOD: 'RECORDS_OUTSIDE_PERIOD',
  AWARD_TYPE_UNKNOWN: 'AWARD_TYPE_UNKNOWN',
  AWARD_NOT_IN_FORCE: 'AWARD_NOT_IN_FORCE',
  UNIT_UNKNOWN: 'RECORDS_UNIT_UNKNOWN',
};

export function problemsReason(kinds: ReadonlySet<RecordProblemKind>): ErrorReason {
  const reasons = new Set([...kinds].map((k) => REASON_OF[k]));
  const [only] = reasons;
  return reasons.size === 1 && only ? only : 'RECORDS_INVALID';
}

/**
 * Why a file is refused (nothing was imported): the reason its problems share, the first problems by
 * line and column, then how many more.
 */
export function problemsError(p: RecordProblems, period: Period | undefined): AppError {
  const body: RpcErrorBody = AppError.bodyOf(problemsReason(p.kinds), {
    total: p.total,
    from: period?.from,
    to: period?.to,
  });
  const errors = p.listed.map(problemField);
  if (p.total > p.listed.length)
    errors.push({ field: 'tệp', message: `và ${p.total - p.listed.length} lỗi khác` });
  return new AppError({ ...body, errors });
}

import { ReceiptView } from '@tdkt/contracts';
import { formatVietnamInstant } from '@tdkt/domain';
import type { SubmissionRow } from '../submissions/submissions.repository';
import { factsOf } from '../submissions/submissions.views';
import type { ReceiptRow } from './receipts.repository';

/** A receipt as issued (a stored row, or the one submit has just written: `issued_at` may be text). */
export function receiptView(
  r: Omit<ReceiptRow, 'issued_at'> & { issued_at: Date | string },
  s: Pick<SubmissionRow, 'id' | 'campaign_id' | 'group_id' | 'year' | 'unit_id' | 'kind'>,
): ReceiptView {
  const issuedAt = new Date(r.issued_at);
  return {
    ...factsOf(s, r.version),
    number: r.number,
    issuedAt: issuedAt.toISOString(),
    issuedAtVietnam: formatVietnamInstant(issuedAt),
    late: r.late,
    files: r.files,
  };
}

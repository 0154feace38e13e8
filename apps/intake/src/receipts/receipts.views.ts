import { ReceiptCoverView, ReceiptView } from '@tdkt/contracts';
import { formatVietnamInstant } from '@tdkt/domain';
import type { SubmissionRow } from '../submissions/submissions.repository';
import { factsOf } from '../submissions/submissions.views';
import type { ReceiptCoverRow, ReceiptRow } from './receipts.repository';

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

/** What a receipt covers (for its verification and its printed form): no user, key or storage detail. */
export function receiptCoverView(r: ReceiptCoverRow): ReceiptCoverView {
  const issuedAt = new Date(r.issued_at);
  return {
    receiptNumber: r.number,
    submissionId: r.submission_id,
    version: r.version,
    unitId: r.unit_id,
    groupId: r.group_id,
    year: r.year,
    campaignId: r.campaign_id,
    kind: r.kind,
    issuedAt: issuedAt.toISOString(),
    issuedAtVietnam: formatVietnamInstant(issuedAt),
    late: r.late,
    files: r.files.map((f) => ({ name: f.name, contentType: f.contentType, size: f.size, sha256: f.sha256 })),
  };
}

import { SelfScoreSheetView } from '@tdkt/contracts';
import type { SelfScoreSheetRow } from './sheets.repository';

export function sheetView(x: SelfScoreSheetRow): SelfScoreSheetView {
  return {
    submissionId: x.submission_id,
    version: x.version,
    memberId: x.member_id,
    receiptNumber: x.receipt_number,
    status: x.status,
    detail: x.detail,
    entries: x.entries,
    receivedAt: new Date(x.received_at).toISOString(),
  };
}

import { Injectable } from '@nestjs/common';
import {
  ReceiptCoverView,
  ReceiptForDocumentRequest,
  ReceiptForDocumentView,
  ReceiptVerifyRequest,
  ReceiptView,
  SubmissionRequest,
} from '@tdkt/contracts';
import { AppError } from '@tdkt/platform';
import { SubmissionsService } from '../submissions/submissions.service';
import { ReceiptsRepository } from './receipts.repository';
import { receiptCoverView, receiptView } from './receipts.views';

/** Receipts of a submission, for whoever may read it (issued by submit: see SubmissionsService). */
@Injectable()
export class ReceiptsService {
  constructor(
    private readonly receipts: ReceiptsRepository,
    private readonly submissions: SubmissionsService,
  ) {}

  async list(r: SubmissionRequest): Promise<ReceiptView[]> {
    const { s } = await this.submissions.readable(r.id, r.actor);
    return (await this.receipts.ofSubmission(s.id)).map((x) => receiptView(x, s));
  }

  /** One version's receipt with its verification code (for the printed receipt), for its readers. */
  async forDocument(r: ReceiptForDocumentRequest): Promise<ReceiptForDocumentView> {
    const { s } = await this.submissions.readable(r.submissionId, r.actor);
    const row = await this.receipts.ofVersion(s.id, r.version);
    if (!row?.verification_code)
      throw AppError.of('RECEIPT_VERSION_NOT_FOUND', { id: s.id, version: r.version }, 'version');
    return {
      ...receiptCoverView({ ...row, unit_id: s.unit_id, group_id: s.group_id, year: s.year, kind: s.kind }),
      verificationCode: row.verification_code,
    };
  }

  /**
   * Anyone, with the code printed on a receipt: what that receipt covers, and nothing more (no
   * one's identity, no storage key, no idempotency key). An unknown code is a 404.
   */
  async byCode(r: ReceiptVerifyRequest): Promise<ReceiptCoverView> {
    const row = await this.receipts.byCode(r.code);
    if (!row) throw AppError.of('RECEIPT_NOT_FOUND', {}, 'code');
    return receiptCoverView(row);
  }
}

import { Injectable } from '@nestjs/common';
import { ReceiptView, SubmissionRequest } from '@tdkt/contracts';
import { SubmissionsService } from '../submissions/submissions.service';
import { ReceiptsRepository } from './receipts.repository';
import { receiptView } from './receipts.views';

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
}

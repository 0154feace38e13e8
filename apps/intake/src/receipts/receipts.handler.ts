import { Controller, UsePipes } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  IntakeReceiptRpc,
  IntakeRpc,
  ReceiptCoverView,
  ReceiptForDocumentRequest,
  ReceiptForDocumentView,
  ReceiptVerifyRequest,
  ReceiptView,
  SubmissionRequest,
} from '@tdkt/contracts';
import { RpcValidationPipe } from '@tdkt/platform';
import { ReceiptsService } from './receipts.service';

/** `intake.receipt.*` → the receipts service. */
@Controller()
@UsePipes(RpcValidationPipe)
export class ReceiptsHandler {
  constructor(private readonly receipts: ReceiptsService) {}

  @MessagePattern(IntakeRpc.receiptList.subject)
  list(@Payload() r: SubmissionRequest): Promise<ReceiptView[]> {
    return this.receipts.list(r);
  }

  @MessagePattern(IntakeReceiptRpc.forDocument.subject)
  forDocument(@Payload() r: ReceiptForDocumentRequest): Promise<ReceiptForDocumentView> {
    return this.receipts.forDocument(r);
  }

  @MessagePattern(IntakeReceiptRpc.byCode.subject)
  byCode(@Payload() r: ReceiptVerifyRequest): Promise<ReceiptCoverView> {
    return this.receipts.byCode(r);
  }
}

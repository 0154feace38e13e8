import { Controller, UsePipes } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { IntakeRpc, ReceiptView, SubmissionRequest } from '@tdkt/contracts';
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
}

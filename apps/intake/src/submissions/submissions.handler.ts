import { Controller, UsePipes } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  CreateSubmissionRequest,
  IntakeRpc,
  ListSubmissionsRequest,
  Page,
  ReceiptView,
  ReturnRequest,
  SubmissionRequest,
  SubmissionSummary,
  SubmissionView,
  SubmitRequest,
} from '@tdkt/contracts';
import { RpcValidationPipe } from '@tdkt/platform';
import { SubmissionsService } from './submissions.service';

/** `intake.submission.*` → the submissions service. Payloads are validated against the contracts' classes. */
@Controller()
@UsePipes(RpcValidationPipe)
export class SubmissionsHandler {
  constructor(private readonly submissions: SubmissionsService) {}

  @MessagePattern(IntakeRpc.submissionCreate.subject)
  create(@Payload() r: CreateSubmissionRequest): Promise<SubmissionView> {
    return this.submissions.create(r);
  }

  @MessagePattern(IntakeRpc.submissionGet.subject)
  get(@Payload() r: SubmissionRequest): Promise<SubmissionView> {
    return this.submissions.get(r);
  }

  @MessagePattern(IntakeRpc.submissionList.subject)
  list(@Payload() r: ListSubmissionsRequest): Promise<Page<SubmissionSummary>> {
    return this.submissions.list(r);
  }

  @MessagePattern(IntakeRpc.submissionSubmit.subject)
  submit(@Payload() r: SubmitRequest): Promise<ReceiptView> {
    return this.submissions.submit(r);
  }

  @MessagePattern(IntakeRpc.submissionReturn.subject)
  returnForRevision(@Payload() r: ReturnRequest): Promise<SubmissionView> {
    return this.submissions.returnForRevision(r);
  }

  @MessagePattern(IntakeRpc.submissionAccept.subject)
  accept(@Payload() r: SubmissionRequest): Promise<SubmissionView> {
    return this.submissions.accept(r);
  }
}

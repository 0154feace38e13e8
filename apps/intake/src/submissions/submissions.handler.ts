import { Controller, UsePipes } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  CampaignSubmissionsRequest,
  CampaignSubmissionsView,
  CreateSubmissionRequest,
  DownloadLink,
  FileRequest,
  IntakeRpc,
  ListSubmissionsRequest,
  Page,
  ReceiptView,
  RequestUploadRequest,
  ReturnRequest,
  SubmissionFileView,
  SubmissionRequest,
  SubmissionSummary,
  SubmissionView,
  SubmitRequest,
  UploadTicket,
} from '@tdkt/contracts';
import { RpcValidationPipe } from '@tdkt/platform';
import { FilesService } from '../files/files.service';
import { SubmissionsService } from './submissions.service';

/** `intake.*` subjects → services. Payloads are validated against the contracts' classes. */
@Controller()
@UsePipes(RpcValidationPipe)
export class SubmissionsHandler {
  constructor(
    private readonly submissions: SubmissionsService,
    private readonly files: FilesService,
  ) {}

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

  @MessagePattern(IntakeRpc.receiptList.subject)
  receipts(@Payload() r: SubmissionRequest): Promise<ReceiptView[]> {
    return this.submissions.receipts(r);
  }

  @MessagePattern(IntakeRpc.campaignSubmissions.subject)
  campaign(@Payload() r: CampaignSubmissionsRequest): Promise<CampaignSubmissionsView> {
    return this.submissions.campaignSubmissions(r);
  }

  @MessagePattern(IntakeRpc.fileRequestUpload.subject)
  requestUpload(@Payload() r: RequestUploadRequest): Promise<UploadTicket> {
    return this.files.requestUpload(r);
  }

  @MessagePattern(IntakeRpc.fileConfirm.subject)
  confirm(@Payload() r: FileRequest): Promise<SubmissionFileView> {
    return this.files.confirm(r);
  }

  @MessagePattern(IntakeRpc.fileRemove.subject)
  remove(@Payload() r: FileRequest): Promise<SubmissionView> {
    return this.files.remove(r);
  }

  @MessagePattern(IntakeRpc.fileDownload.subject)
  download(@Payload() r: FileRequest): Promise<DownloadLink> {
    return this.files.download(r);
  }
}

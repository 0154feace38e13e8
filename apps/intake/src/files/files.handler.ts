import { Controller, UsePipes } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  DownloadLink,
  FileRequest,
  FileStatusView,
  IntakeRpc,
  RequestUploadRequest,
  SubmissionView,
  UploadTicket,
} from '@tdkt/contracts';
import { RpcValidationPipe } from '@tdkt/platform';
import { FilesService } from './files.service';

/** `intake.file.*` → the files service. Payloads are validated against the contracts' classes. */
@Controller()
@UsePipes(RpcValidationPipe)
export class FilesHandler {
  constructor(private readonly files: FilesService) {}

  @MessagePattern(IntakeRpc.fileRequestUpload.subject)
  requestUpload(@Payload() r: RequestUploadRequest): Promise<UploadTicket> {
    return this.files.requestUpload(r);
  }

  @MessagePattern(IntakeRpc.fileConfirm.subject)
  confirm(@Payload() r: FileRequest): Promise<FileStatusView> {
    return this.files.confirm(r);
  }

  @MessagePattern(IntakeRpc.fileGet.subject)
  get(@Payload() r: FileRequest): Promise<FileStatusView> {
    return this.files.get(r);
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

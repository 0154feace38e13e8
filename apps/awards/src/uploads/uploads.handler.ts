import { Controller, UsePipes } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  AwardsRpc,
  JobView,
  RecordsUploadRequest,
  RecordsUploadView,
  UploadIdRequest,
} from '@tdkt/contracts';
import { RpcValidationPipe } from '@tdkt/platform';
import { UploadsService } from './uploads.service';

/** `awards.records.upload*` and `…import-upload` → large files through storage. */
@Controller()
@UsePipes(RpcValidationPipe)
export class UploadsHandler {
  constructor(private readonly uploads: UploadsService) {}

  @MessagePattern(AwardsRpc.recordsUpload.subject)
  request(@Payload() r: RecordsUploadRequest): Promise<RecordsUploadView> {
    return this.uploads.requestUpload(r);
  }

  @MessagePattern(AwardsRpc.recordsImportUpload.subject)
  startImport(@Payload() r: UploadIdRequest): Promise<JobView> {
    return this.uploads.startImport(r);
  }

  @MessagePattern(AwardsRpc.recordsUploadGet.subject)
  status(@Payload() r: UploadIdRequest): Promise<RecordsUploadView> {
    return this.uploads.status(r);
  }
}

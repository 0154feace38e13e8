import { Controller, UsePipes } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  DocumentDownloadView,
  DocumentIdRequest,
  DocumentsRpc,
  DocumentVersionsRequest,
  DocumentVersionsView,
  DocumentView,
  ReceiptVerificationView,
  ReceiptVerifyRequest,
  RenderDocumentRequest,
  RenderJobRequest,
  RenderJobView,
} from '@tdkt/contracts';
import { RpcValidationPipe } from '@tdkt/platform';
import { DocumentsService } from './documents.service';

/** `documents.*` → the documents service. */
@Controller()
@UsePipes(RpcValidationPipe)
export class DocumentsHandler {
  constructor(private readonly documents: DocumentsService) {}

  @MessagePattern(DocumentsRpc.render.subject)
  render(@Payload() r: RenderDocumentRequest): Promise<RenderJobView> {
    return this.documents.render(r);
  }

  @MessagePattern(DocumentsRpc.jobGet.subject)
  job(@Payload() r: RenderJobRequest): Promise<RenderJobView> {
    return this.documents.job(r);
  }

  @MessagePattern(DocumentsRpc.documentGet.subject)
  get(@Payload() r: DocumentIdRequest): Promise<DocumentView> {
    return this.documents.get(r);
  }

  @MessagePattern(DocumentsRpc.download.subject)
  download(@Payload() r: DocumentIdRequest): Promise<DocumentDownloadView> {
    return this.documents.download(r);
  }

  @MessagePattern(DocumentsRpc.versions.subject)
  versions(@Payload() r: DocumentVersionsRequest): Promise<DocumentVersionsView> {
    return this.documents.versions(r);
  }

  @MessagePattern(DocumentsRpc.receiptVerify.subject)
  verifyReceipt(@Payload() r: ReceiptVerifyRequest): Promise<ReceiptVerificationView> {
    return this.documents.verifyReceipt(r);
  }
}

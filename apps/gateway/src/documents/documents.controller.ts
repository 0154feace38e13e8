import {
  Body,
  Controller,
  Get,
  Header,
  HttpCode,
  Inject,
  Param,
  Post,
  Query,
  Req,
  Res,
} from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProperty,
  ApiTags,
  IntersectionType,
} from '@nestjs/swagger';
import {
  DocumentDownloadView,
  DocumentFormat,
  DocumentsRpc,
  DocumentType,
  DocumentVersionsQuery,
  DocumentVersionsView,
  PageQuery,
  DocumentView,
  JobState,
  RECEIPT_CODE,
  ReceiptVerificationView,
  RenderDocumentDto,
  RenderJobView,
} from '@tdkt/contracts';
import { Public, RpcClient } from '@tdkt/platform';
import { IsUUID, Matches } from 'class-validator';
import { actorOf, AuthedRequest, RPC_CLIENT } from '../auth/auth.guard';
import { DateTime, Int, Uuid } from '../http/api-models';
import { JobErrorResponse } from '../intake/api-models';
import { PageOf, pageOf } from '../http/page';
import { JSON_TYPE } from '../http/problem';

/** Gathering a large group's data may take longer than an ordinary request (never a timeout). */
const GATHER_TIMEOUT_MS = 60_000;
/** How often a waiting request looks at its job. */
const POLL_MS = 100;

class DocumentResponse implements DocumentView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: DocumentType }) type: DocumentType;
  @ApiProperty({ enum: DocumentFormat }) format: DocumentFormat;
  @ApiProperty({ example: 'group:7b0c…:2023' }) subjectKey: string;
  @ApiProperty(
    Int({
      example: 2,
      description: '1, 2, … per type, subject and format: a new one when the data changed',
    }),
  )
  version: number;
  @ApiProperty({ example: '1' }) templateVersion: string;
  @ApiProperty({ description: 'SHA-256 of the data it was made from' }) dataSha256: string;
  @ApiProperty({ example: 'KH-CUM-TN-DHMT-2023.pdf' }) fileName: string;
  @ApiProperty({ example: 'application/pdf' }) contentType: string;
  @ApiProperty(Int()) size: number;
  @ApiProperty({ description: 'SHA-256 of the file' }) sha256: string;
  @ApiProperty({ description: 'Made from locked results (minutes, proposal): kept as it was' })
  immutable: boolean;
  @ApiProperty(DateTime()) createdAt: string;
}

class RenderProgressResponse {
  @ApiProperty(Int({ example: 1, description: 'Steps done: 1 rendered, 2 stored, 3 recorded' })) done: number;
  @ApiProperty(Int({ nullable: true, example: 3 })) total: number | null;
}

class RenderResultResponse {
  @ApiProperty(Uuid()) documentId: string;
  @ApiProperty({ description: 'The same data had been rendered before: the stored document is answered' })
  fromStorage: boolean;
}

class RenderJobResponse implements RenderJobView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'render' }) kind: string;
  @ApiProperty({ enum: JobState }) state: JobState;
  @ApiProperty({ type: RenderProgressResponse }) progress: RenderProgressResponse;
  @ApiProperty({ type: RenderResultResponse, nullable: true, description: 'Once DONE' })
  result: unknown | null;
  @ApiProperty({
    type: JobErrorResponse,
    nullable: true,
    description: 'Why it FAILED (code, reason, message)',
  })
  error: RenderJobView['error'];
  @ApiProperty(Int()) attempts: number;
  @ApiProperty(DateTime()) createdAt: string;
  @ApiProperty(DateTime()) updatedAt: string;
  @ApiProperty({ type: DocumentResponse, nullable: true, description: 'The stored document once DONE' })
  document: DocumentResponse | null;
  @ApiProperty({
    description: 'FAILED for a cause that may pass (storage, renderer): asking again may succeed',
  })
  retryable: boolean;
}

class DownloadResponse implements DocumentDownloadView {
  @ApiProperty({ description: 'A presigned GET, valid until expiresAt' }) url: string;
  @ApiProperty(DateTime()) expiresAt: string;
  @ApiProperty() fileName: string;
  @ApiProperty() contentType: string;
  @ApiProperty(Int()) size: number;
  @ApiProperty() sha256: string;
}

/** A page of a subject's versions (newest first), with the subject they are of. */
class VersionsPage extends PageOf(DocumentResponse) implements Omit<DocumentVersionsView, 'versions'> {
  @ApiProperty({ enum: DocumentType }) type: DocumentType;
  @ApiProperty({ enum: DocumentFormat }) format: DocumentFormat;
  @ApiProperty() subjectKey: string;
}

/** The subject (as a render request names it) and the page. */
class VersionsPageQuery extends IntersectionType(DocumentVersionsQuery, PageQuery) {}

class ReceiptFileSummaryResponse {
  @ApiProperty() name: string;
  @ApiProperty(Int()) size: number;
  @ApiProperty() sha256: string;
}

class ReceiptVerificationResponse implements ReceiptVerificationView {
  @ApiProperty() valid: boolean;
  @ApiProperty({ example: '2023-000042' }) receiptNumber: string;
  @ApiProperty({ example: 'Bình Định' }) unitName: string;
  @ApiProperty() campaign: string;
  @ApiProperty({ example: 'ANNUAL_REPORT' }) kind: string;
  @ApiProperty(Int()) version: number;
  @ApiProperty(DateTime()) issuedAt: string;
  @ApiProperty({ example: '14:05:09 ngày 04/02/2024 (giờ Việt Nam)' }) issuedAtVietnam: string;
  @ApiProperty({ type: [ReceiptFileSummaryResponse], description: 'Per file' })
  files: ReceiptFileSummaryResponse[];
}

class JobParam {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  jobId: string;
}

class DocumentParam {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  documentId: string;
}

class CodeParam {
  @ApiProperty({ example: '3f9c0d7e5b2a4c1d8e6f0a9b7c5d3e1f' })
  @Matches(RECEIPT_CODE, { message: 'phải là 32 chữ số thập lục phân in trên phiếu tiếp nhận' })
  code: string;
}

type Reply = { header(k: string, v: string): unknown; status(code: number): unknown };

/** Official papers (Decree 30 format): render as a job, follow it, download, list versions. */
@ApiTags('documents')
@ApiBearerAuth()
@Controller()
export class DocumentsController {
  constructor(@Inject(RPC_CLIENT) private readonly rpc: RpcClient) {}

  @Post('documents')
  @HttpCode(202)
  @Header('content-type', JSON_TYPE)
  @ApiOperation({
    operationId: 'renderDocument',
    summary:
      'Lập văn bản (kế hoạch, báo cáo, biên bản, giấy mời, tờ trình, phiếu tiếp nhận, bảng tổng hợp) dạng PDF hoặc Word: trả 202 kèm Location của công việc; cùng dữ liệu đã lập thì trả ngay văn bản đã lưu (200); `wait` giây để chờ văn bản nhỏ (201)',
  })
  @ApiAcceptedResponse({
    type: RenderJobResponse,
    description: 'Queued or running; `Location` is the job to follow',
    headers: { Location: { description: 'The render job', schema: { type: 'string' } } },
  })
  @ApiOkResponse({
    type: RenderJobResponse,
    description: 'The same data was rendered before: served from storage',
  })
  @ApiCreatedResponse({ type: RenderJobResponse, description: 'Rendered within `wait` seconds' })
  async render(
    @Req() req: AuthedRequest,
    @Body() body: RenderDocumentDto,
    @Res({ passthrough: true }) reply: Reply,
  ) {
    const { wait, ...subject } = body;
    const actor = actorOf(req);
    let job = await this.rpc.request(DocumentsRpc.render, { ...subject, actor }, GATHER_TIMEOUT_MS);
    const deadline = Date.now() + (wait ?? 0) * 1000;
    while (job.state !== JobState.DONE && job.state !== JobState.FAILED && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, Math.min(POLL_MS, Math.max(1, deadline - Date.now()))));
      // A busy renderer (a large group's table) may not answer a look in time: then the job is
      // answered as last seen (202 + Location), never a timeout of the request itself.
      const seen = await this.rpc.request(DocumentsRpc.jobGet, { jobId: job.id, actor }).catch(() => null);
      if (!seen) break;
      job = seen;
    }
    reply.header('location', `/api/v1/documents/jobs/${job.id}`);
    if (job.state === JobState.DONE) {
      const fromStorage = (job.result as { fromStorage?: boolean } | null)?.fromStorage === true;
      reply.status(fromStorage ? 200 : 201);
    }
    return job;
  }

  @Get('documents/jobs/:jobId')
  @Header('content-type', JSON_TYPE)
  @ApiOperation({
    operationId: 'getRenderJob',
    summary:
      'Tiến độ lập văn bản: QUEUED, RUNNING (bước đã xong), DONE với văn bản, FAILED với lý do và có thể yêu cầu lại',
  })
  @ApiOkResponse({ type: RenderJobResponse })
  job(@Req() req: AuthedRequest, @Param() p: JobParam) {
    return this.rpc.requestJson(DocumentsRpc.jobGet, { jobId: p.jobId, actor: actorOf(req) });
  }

  @Get('documents/versions')
  @Header('content-type', JSON_TYPE)
  @ApiOperation({
    operationId: 'listDocumentVersions',
    summary: 'Các phiên bản đã lập của một văn bản (mới nhất trước); phiên bản cũ vẫn đọc được',
  })
  @ApiOkResponse({ type: VersionsPage })
  async versions(@Req() req: AuthedRequest, @Query() q: VersionsPageQuery) {
    const { limit, offset, ...subject } = q;
    const { versions, ...of } = await this.rpc.request(
      DocumentsRpc.versions,
      { ...subject, actor: actorOf(req) },
      GATHER_TIMEOUT_MS,
    );
    return { ...of, ...pageOf(versions, { limit, offset }) };
  }

  @Get('documents/:documentId')
  @Header('content-type', JSON_TYPE)
  @ApiOperation({
    operationId: 'getDocument',
    summary: 'Một văn bản đã lưu: loại, phiên bản, tên tệp, kích thước, SHA-256',
  })
  @ApiOkResponse({ type: DocumentResponse })
  get(@Req() req: AuthedRequest, @Param() p: DocumentParam) {
    return this.rpc.requestJson(DocumentsRpc.documentGet, { documentId: p.documentId, actor: actorOf(req) });
  }

  @Get('documents/:documentId/download')
  @Header('content-type', JSON_TYPE)
  @ApiOperation({
    operationId: 'getDocumentDownload',
    summary: 'Địa chỉ tải văn bản (có chữ ký, hiệu lực ngắn), kèm SHA-256 để đối chiếu',
  })
  @ApiOkResponse({ type: DownloadResponse })
  download(@Req() req: AuthedRequest, @Param() p: DocumentParam) {
    return this.rpc.requestJson(DocumentsRpc.download, { documentId: p.documentId, actor: actorOf(req) });
  }

  @Public()
  @Get('receipts/verify/:code')
  @Header('content-type', JSON_TYPE)
  @ApiOperation({
    operationId: 'verifyReceipt',
    summary:
      'Kiểm tra phiếu tiếp nhận theo mã in trên phiếu (không cần đăng nhập): phiếu có tồn tại không và xác nhận những gì (đơn vị, đợt, loại hồ sơ, lần nộp, thời điểm, tệp), không gì hơn',
  })
  @ApiOkResponse({ type: ReceiptVerificationResponse })
  verify(@Param() p: CodeParam) {
    return this.rpc.requestJson(DocumentsRpc.receiptVerify, { code: p.code });
  }
}

import {
  Body,
  Controller,
  Delete,
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
  ApiHeader,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import {
  CreateSubmissionDto,
  FileState,
  FileStatusView,
  IntakeRpc,
  JobView,
  ListSubmissionsQuery,
  PageQuery,
  RequestUploadDto,
  ReturnSubmissionDto,
} from '@tdkt/contracts';
import { RpcClient } from '@tdkt/platform';
import { actorOf, AuthedRequest, RPC_CLIENT } from '../auth/auth.guard';
import { CampaignSubmissionsPage, CampaignSubmissionsPageQuery, pageOf, ReceiptPage } from '../http/page';
import { ApiProblems } from '../http/api-models';
import { JSON_TYPE } from '../http/problem';
import { idempotencyKeyOf, OwnIdempotencyKey } from '../http/idempotency';
import { GroupYearParam } from '../registry/params';
import {
  DownloadLinkResponse,
  FileStatusResponse,
  JobResponse,
  ReceiptResponse,
  SubmissionPage,
  SubmissionResponse,
  UploadTicketResponse,
} from './api-models';
import { FileParam, SubmissionParam } from './params';

/**
 * Confirming a small file reads it back from storage to hash it within the request (at most
 * intake's CONFIRM_INLINE_MAX_BYTES, 8 MiB by default; a larger one is hashed by a job and answered
 * 202 at once), so this call may wait longer than the default RPC timeout on a busy storage server
 * (intake's answer is idempotent: a retry after a timeout answers CONFIRMED once the check is done).
 */
const CONFIRM_TIMEOUT_MS = 30_000;

/** The file resource whose state (and whose check's job) a client follows. */
const fileLocation = (submissionId: string, fileId: string) =>
  `/api/v1/submissions/${submissionId}/files/${fileId}`;

/**
 * Submissions of member units: drafts, evidence uploads (browser → storage, presigned; file bytes
 * never pass through here), submit with a receipt, return for revision, accept, download.
 * Who may do what is decided by intake with the rules in libs/domain (access/submissions.ts).
 */
@ApiTags('submissions')
@ApiBearerAuth()
@Controller()
export class SubmissionsController {
  constructor(@Inject(RPC_CLIENT) private readonly rpc: RpcClient) {}

  @Post('submissions')
  @Header('content-type', JSON_TYPE)
  @ApiOperation({
    operationId: 'createSubmission',
    summary: 'Tạo hồ sơ (bản nháp) của đơn vị cho một kỳ thi đua (cụm/khối – năm)',
  })
  @ApiCreatedResponse({ type: SubmissionResponse })
  @ApiProblems({
    400: 'Dữ liệu không hợp lệ; đơn vị không thuộc cụm, khối năm đó (SUBMISSION_UNIT_NOT_MEMBER)',
    409: 'Đã có hồ sơ loại này (SUBMISSION_ALREADY_EXISTS, nêu hồ sơ) hoặc đã hết hạn nộp (SUBMISSION_CAMPAIGN_CLOSED)',
  })
  create(@Req() req: AuthedRequest, @Body() dto: CreateSubmissionDto) {
    return this.rpc.requestJson(IntakeRpc.submissionCreate, { ...dto, actor: actorOf(req) });
  }

  @Get('submissions')
  @Header('content-type', JSON_TYPE)
  @ApiOperation({
    operationId: 'listSubmissions',
    summary: 'Hồ sơ của đơn vị mình (Ban TĐKT: mọi hồ sơ, có lọc)',
  })
  @ApiOkResponse({ type: SubmissionPage })
  list(@Req() req: AuthedRequest, @Query() q: ListSubmissionsQuery) {
    return this.rpc.requestJson(IntakeRpc.submissionList, { ...q, actor: actorOf(req) });
  }

  @Get('submissions/:submissionId')
  @Header('content-type', JSON_TYPE)
  @ApiOperation({ operationId: 'getSubmission', summary: 'Một hồ sơ với mọi phiên bản và tệp' })
  @ApiOkResponse({ type: SubmissionResponse })
  get(@Req() req: AuthedRequest, @Param() p: SubmissionParam) {
    return this.rpc.requestJson(IntakeRpc.submissionGet, { id: p.submissionId, actor: actorOf(req) });
  }

  @Post('submissions/:submissionId/files')
  @Header('content-type', JSON_TYPE)
  @ApiOperation({
    operationId: 'requestSubmissionUpload',
    summary:
      'Xin tải tệp lên: trả về địa chỉ PUT có chữ ký (loại tệp và kích thước đã ký), gửi thẳng tới kho lưu trữ (hết hạn sau ít phút)',
  })
  @ApiCreatedResponse({ type: UploadTicketResponse })
  @ApiProblems({
    400: 'Dữ liệu không hợp lệ; loại tệp không nhận (FILE_TYPE_REFUSED) hoặc quá lớn (FILE_TOO_LARGE)',
    409: 'Hồ sơ không còn là bản nháp (SUBMISSION_FILES_LOCKED)',
  })
  requestUpload(@Req() req: AuthedRequest, @Param() p: SubmissionParam, @Body() body: RequestUploadDto) {
    return this.rpc.requestJson(IntakeRpc.fileRequestUpload, {
      id: p.submissionId,
      body,
      actor: actorOf(req),
    });
  }

  @Post('submissions/:submissionId/files/:fileId/confirm')
  @HttpCode(200)
  @Header('content-type', JSON_TYPE)
  @ApiOperation({
    operationId: 'confirmSubmissionFile',
    summary:
      'Xác nhận tệp đã tải lên: kiểm tra có tệp, kích thước, kiểu (theo nội dung) và SHA-256. Tệp lớn được kiểm tra trong nền: trả 202 kèm Location của tệp để theo dõi',
  })
  @ApiOkResponse({ type: FileStatusResponse, description: 'A small file, checked now: CONFIRMED' })
  @ApiAcceptedResponse({
    type: JobResponse,
    description:
      'A large file (over CONFIRM_INLINE_MAX_BYTES): VERIFYING, checked by the job in the body; `Location` is the file, whose state and job progress (bytes hashed of the size) tell when it is done',
    headers: {
      Location: { description: 'The file: GET it to follow the check', schema: { type: 'string' } },
    },
  })
  @ApiProblems({
    409: 'Chưa tải tệp lên (FILE_NOT_UPLOADED) hoặc hồ sơ không còn là bản nháp (SUBMISSION_FILES_LOCKED)',
    410: 'Hết hạn tải lên (FILE_UPLOAD_EXPIRED): xin địa chỉ tải lên mới',
    422: 'Tệp bị từ chối: kích thước, kiểu theo nội dung, SHA-256 không khớp, tải lên muộn hoặc không còn trong kho (FILE_SIZE_MISMATCH, FILE_TYPE_MISMATCH, FILE_CHECKSUM_MISMATCH, FILE_UPLOADED_LATE, FILE_MISSING_FROM_STORAGE)',
  })
  async confirm(
    @Req() req: AuthedRequest,
    @Param() p: FileParam,
    @Res({ passthrough: true })
    reply: { status(code: number): unknown; header(k: string, v: string): unknown },
  ): Promise<FileStatusView | JobView> {
    const file = await this.rpc.request(
      IntakeRpc.fileConfirm,
      {
        id: p.submissionId,
        fileId: p.fileId,
        actor: actorOf(req),
      },
      CONFIRM_TIMEOUT_MS,
    );
    if (file.state !== FileState.VERIFYING || !file.job) return file;
    reply.status(202);
    reply.header('location', fileLocation(p.submissionId, p.fileId));
    return file.job;
  }

  @Get('submissions/:submissionId/files/:fileId')
  @Header('content-type', JSON_TYPE)
  @ApiOperation({
    operationId: 'getSubmissionFile',
    summary: 'Một tệp minh chứng: trạng thái và, với tệp lớn, tiến độ kiểm tra (số byte đã băm / kích thước)',
  })
  @ApiOkResponse({ type: FileStatusResponse })
  file(@Req() req: AuthedRequest, @Param() p: FileParam) {
    return this.rpc.requestJson(IntakeRpc.fileGet, {
      id: p.submissionId,
      fileId: p.fileId,
      actor: actorOf(req),
    });
  }

  @Delete('submissions/:submissionId/files/:fileId')
  @Header('content-type', JSON_TYPE)
  @ApiOperation({
    operationId: 'removeSubmissionFile',
    summary: 'Bỏ tệp khỏi bản nháp (các phiên bản đã nộp vẫn giữ)',
  })
  @ApiOkResponse({ type: SubmissionResponse })
  removeFile(@Req() req: AuthedRequest, @Param() p: FileParam) {
    return this.rpc.requestJson(IntakeRpc.fileRemove, {
      id: p.submissionId,
      fileId: p.fileId,
      actor: actorOf(req),
    });
  }

  @Get('submissions/:submissionId/files/:fileId/download')
  @Header('content-type', JSON_TYPE)
  @ApiOperation({
    operationId: 'getSubmissionFileDownload',
    summary: 'Đường dẫn tải tệp, có chữ ký, hết hạn sau ít phút',
  })
  @ApiOkResponse({ type: DownloadLinkResponse })
  download(@Req() req: AuthedRequest, @Param() p: FileParam) {
    return this.rpc.requestJson(IntakeRpc.fileDownload, {
      id: p.submissionId,
      fileId: p.fileId,
      actor: actorOf(req),
    });
  }

  @Post('submissions/:submissionId/submit')
  @OwnIdempotencyKey()
  @Header('content-type', JSON_TYPE)
  @ApiOperation({
    operationId: 'submitSubmission',
    summary:
      'Nộp hồ sơ: cấp phiếu tiếp nhận. Gửi lại cùng Idempotency-Key trả lại đúng phiếu đó, không tạo gì mới',
  })
  @ApiHeader({
    name: 'Idempotency-Key',
    required: true,
    description: '8–128 characters, new for each submit',
  })
  @ApiCreatedResponse({ type: ReceiptResponse })
  @ApiProblems({
    400: 'Thiếu hoặc sai Idempotency-Key (errors[].field = Idempotency-Key)',
    409: 'Hết hạn nộp (SUBMISSION_CAMPAIGN_CLOSED), không ở trạng thái nộp được (SUBMISSION_NOT_OPEN), chưa có tệp (SUBMISSION_NO_FILES), tệp chưa xác nhận (SUBMISSION_FILES_UNCONFIRMED) hoặc đang kiểm tra (SUBMISSION_FILES_VERIFYING)',
  })
  submit(@Req() req: AuthedRequest, @Param() p: SubmissionParam) {
    const key = idempotencyKeyOf(req.headers, 'thiếu nó, một lần nộp có thể được ghi nhận hai lần') as string;
    return this.rpc.requestJson(IntakeRpc.submissionSubmit, {
      id: p.submissionId,
      idempotencyKey: key,
      actor: actorOf(req),
    });
  }

  @Get('submissions/:submissionId/receipts')
  @Header('content-type', JSON_TYPE)
  @ApiOkResponse({ type: ReceiptPage })
  @ApiOperation({
    operationId: 'listSubmissionReceipts',
    summary: 'Các phiếu tiếp nhận đã cấp cho hồ sơ (mỗi lần nộp một phiếu, mới nhất trước)',
  })
  async receipts(@Req() req: AuthedRequest, @Param() p: SubmissionParam, @Query() q: PageQuery) {
    return pageOf(
      await this.rpc.request(IntakeRpc.receiptList, { id: p.submissionId, actor: actorOf(req) }),
      q,
    );
  }

  @Post('submissions/:submissionId/return')
  @HttpCode(200)
  @Header('content-type', JSON_TYPE)
  @ApiOperation({
    operationId: 'returnSubmission',
    summary: 'Trả lại để bổ sung, nêu lý do (Cụm/Khối trưởng, phó của năm đó; Ban TĐKT)',
  })
  @ApiOkResponse({ type: SubmissionResponse })
  returnForRevision(
    @Req() req: AuthedRequest,
    @Param() p: SubmissionParam,
    @Body() body: ReturnSubmissionDto,
  ) {
    return this.rpc.requestJson(IntakeRpc.submissionReturn, {
      id: p.submissionId,
      reason: body.reason,
      actor: actorOf(req),
    });
  }

  @Post('submissions/:submissionId/accept')
  @HttpCode(200)
  @Header('content-type', JSON_TYPE)
  @ApiOperation({
    operationId: 'acceptSubmission',
    summary: 'Chấp nhận hồ sơ (Cụm/Khối trưởng, phó của năm đó; Ban TĐKT)',
  })
  @ApiOkResponse({ type: SubmissionResponse })
  accept(@Req() req: AuthedRequest, @Param() p: SubmissionParam) {
    return this.rpc.requestJson(IntakeRpc.submissionAccept, { id: p.submissionId, actor: actorOf(req) });
  }

  @Get('groups/:groupId/years/:year/submissions')
  @Header('content-type', JSON_TYPE)
  @ApiTags('groups')
  @ApiOperation({
    operationId: 'getCampaignSubmissions',
    summary: 'Tình hình nộp hồ sơ của kỳ: ai chưa nộp, ai nộp muộn, số lượng theo trạng thái',
  })
  @ApiOkResponse({ type: CampaignSubmissionsPage })
  async campaign(
    @Req() req: AuthedRequest,
    @Param() p: GroupYearParam,
    @Query() q: CampaignSubmissionsPageQuery,
  ) {
    const { members, ...of } = await this.rpc.request(IntakeRpc.campaignSubmissions, {
      groupId: p.groupId,
      year: p.year,
      kind: q.kind,
      actor: actorOf(req),
    });
    return { ...of, ...pageOf(members, q) };
  }
}

import {
  Body,
  Controller,
  Get,
  Header,
  Headers,
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
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiHeader,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiProperty,
  ApiTags,
} from '@nestjs/swagger';
import {
  AggregateTableView,
  AwardsRpc,
  FilePeriodDto,
  AwardTypeView,
  AwardStatisticsView,
  RecordImportView,
  RecordsUploadDto,
  RecordsUploadView,
  StatisticsQuery,
  XLSX_TYPE,
  AggregateRowView,
  CrossTableView,
  ImportAggregateDto,
  IsCalendarDate,
  JobState,
  JobView,
  errorMessage,
  PageQuery,
} from '@tdkt/contracts';
import { RpcClient } from '@tdkt/platform';
import { IsOptional, IsUUID } from 'class-validator';
import { actorOf, AuthedRequest, RPC_CLIENT } from '../auth/auth.guard';
import { JSON_TYPE, problem, ProblemException, rawBody } from '../http/problem';
import { DateOnly, DateTime, FieldErrorResponse, Int, Uuid } from '../http/api-models';
import { fileResponse } from '../http/file-response';
import { PageOf, pageOf } from '../http/page';
import { GroupParam } from '../registry/params';

class AwardTypeResponse implements AwardTypeView {
  @ApiProperty({ example: 'CO-THI-DUA-CHINH-PHU' }) code: string;
  @ApiProperty({ example: 'Cờ thi đua của Chính phủ' }) name: string;
  @ApiProperty({ enum: ['STATE', 'PROVINCE', 'GRASSROOTS', 'RESISTANCE'], enumName: 'AwardLevel' })
  level: AwardTypeView['level'];
  @ApiProperty({ enum: ['I', 'II', 'III'], enumName: 'AwardReportGroup' }) group: AwardTypeView['group'];
  @ApiProperty({ enum: ['COLLECTIVE', 'INDIVIDUAL', 'BOTH'], enumName: 'AwardRecipients' })
  recipients: AwardTypeView['recipients'];
  @ApiProperty(DateOnly({ nullable: true, description: 'First day it can be awarded; null: open' }))
  validFrom: string | null;
  @ApiProperty(DateOnly({ nullable: true, example: '2023-12-31', description: 'Last day; null: open' }))
  validTo: string | null;
  @ApiProperty({ example: 'Luật Thi đua, khen thưởng số 06/2022/QH15 (hiệu lực 01/01/2024), Điều 19' })
  basis: string;
  @ApiProperty({ required: false, example: 'CSTD-TINH', description: 'The entry it took over from' })
  replaces?: string;
  @ApiProperty({ type: [String] }) aliases: string[];
}

class AggregateFlagResponse {
  @ApiProperty({ example: 'TOTAL_MISMATCH', description: 'MISSING_CELL or TOTAL_MISMATCH' }) kind: string;
  @ApiProperty({ required: false, description: 'The unit (column) of a missing cell' }) unit?: string;
  @ApiProperty() message: string;
}

class AggregateRowResponse implements AggregateRowView {
  @ApiProperty(Int({ description: 'Line of the table' })) row: number;
  @ApiProperty() award: string;
  @ApiProperty() awardCode: string;
  @ApiProperty({
    type: 'array',
    items: { type: 'integer', nullable: true },
    description: 'One cell per unit; null: lost',
  })
  counts: (number | null)[];
  @ApiProperty(Int({ nullable: true })) reportedTotal: number | null;
  @ApiProperty(Int()) sumOfCells: number;
  @ApiProperty({ type: [AggregateFlagResponse] }) flags: AggregateFlagResponse[];
}

class CrossTableRowResponse {
  @ApiProperty() code: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: ['I', 'II', 'III'], enumName: 'AwardReportGroup' }) group: 'I' | 'II' | 'III';
  @ApiProperty({
    type: 'array',
    items: { type: 'integer', nullable: true },
    description: 'One cell per unit',
  })
  cells: (number | null)[];
  @ApiProperty(Int()) total: number;
}

class CrossTableResponse implements CrossTableView {
  @ApiProperty({ type: [String], description: 'The columns: unit names' }) units: string[];
  @ApiProperty({ type: [CrossTableRowResponse] }) rows: CrossTableRowResponse[];
  @ApiProperty({ type: 'array', items: { type: 'integer' } }) columnTotals: number[];
  @ApiProperty(Int()) grandTotal: number;
}

class AwardsByCategoryResponse {
  @ApiProperty(Int()) LEADER: number;
  @ApiProperty(Int()) DIRECT_WORKER: number;
  @ApiProperty(Int()) FARMER: number;
  @ApiProperty(Int()) OTHER: number;
  @ApiProperty(Int()) UNSTATED: number;
}

class PresignedPutResponse {
  @ApiProperty({ enum: ['PUT'] }) method: 'PUT';
  @ApiProperty({ format: 'uri' }) url: string;
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'string' },
    description: 'Send exactly these headers with the PUT (content-type and content-length are signed)',
  })
  headers: Record<string, string>;
  @ApiProperty(DateTime()) expiresAt: string;
}

class AggregateTableResponse implements AggregateTableView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) groupId: string;
  @ApiProperty(DateOnly()) from: string;
  @ApiProperty(DateOnly()) to: string;
  @ApiProperty({ type: String, nullable: true }) title: string | null;
  @ApiProperty({
    type: [AggregateRowResponse],
    description: 'Each row checked: award code, cells, reported total, flags',
  })
  rows: AggregateRowResponse[];
  @ApiProperty(
    Int({
      description: 'Rows with a lost cell or a total that does not add up (stored, reported, never guessed)',
    }),
  )
  flaggedRows: number;
  @ApiProperty({
    type: CrossTableResponse,
    description: 'Unit × award type with row, column and grand totals',
  })
  table: CrossTableResponse;
  @ApiProperty(DateTime()) createdAt: string;
}

class RecordImportResponse implements RecordImportView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() fileName: string;
  @ApiProperty(Int()) records: number;
  @ApiProperty(DateTime()) createdAt: string;
  @ApiProperty({ description: 'The same content had been imported before: nothing new was written' })
  alreadyImported: boolean;
}

class AwardStatisticsResponse implements AwardStatisticsView {
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) groupId: string | null;
  @ApiProperty() rolledUp: boolean;
  @ApiProperty(DateOnly()) from: string;
  @ApiProperty(DateOnly()) to: string;
  @ApiProperty({
    type: CrossTableResponse,
    description: 'Unit × award type with row, column and grand totals',
  })
  table: CrossTableResponse;
  @ApiProperty(Int()) collective: number;
  @ApiProperty(Int()) individual: number;
  @ApiProperty({ type: AwardsByCategoryResponse, description: 'Individuals by category' })
  byCategory: AwardsByCategoryResponse;
  @ApiProperty({ type: Number, nullable: true }) directWorkerShare: number | null;
  @ApiProperty({ type: Number, nullable: true }) leaderShare: number | null;
}

class AwardTypePage extends PageOf(AwardTypeResponse) {}

class CatalogueQuery extends PageQuery {
  @ApiProperty({ required: false, example: '2024-01-01', description: 'Only the types valid on that date' })
  @IsOptional()
  @IsCalendarDate()
  on?: string;
}

class UploadParam {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  uploadId: string;
}

class RecordsImportProgressResponse {
  @ApiProperty(Int({ example: 20000, description: 'Lines read so far (every 10,000)' })) done: number;
  @ApiProperty(Int({ nullable: true, description: 'Lines of the file, once read to the end' }))
  total: number | null;
}

class RecordsImportErrorResponse {
  @ApiProperty({ example: 'VALIDATION_FAILED' }) code: string;
  @ApiProperty({ required: false, example: 'RECORDS_DUPLICATE' }) reason?: string;
  @ApiProperty() message: string;
  @ApiProperty({ type: [FieldErrorResponse], required: false, description: 'The first problems by line' })
  errors?: FieldErrorResponse[];
}

class RecordsImportResultResponse {
  @ApiProperty(Uuid()) importId: string;
  @ApiProperty(Int()) records: number;
  @ApiProperty() alreadyImported: boolean;
}

/** The `records-import` job of an uploaded file. */
class RecordsImportJobResponse implements JobView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'records-import' }) kind: string;
  @ApiProperty({ enum: JobState }) state: JobState;
  @ApiProperty({ type: RecordsImportProgressResponse }) progress: RecordsImportProgressResponse;
  @ApiProperty({
    type: RecordsImportResultResponse,
    nullable: true,
    description: 'Once DONE: the import',
  })
  result: unknown | null;
  @ApiProperty({ type: RecordsImportErrorResponse, nullable: true }) error: JobView['error'];
  @ApiProperty(Int()) attempts: number;
  @ApiProperty(DateTime()) createdAt: string;
  @ApiProperty(DateTime()) updatedAt: string;
}

class RecordsUploadResponse implements RecordsUploadView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() fileName: string;
  @ApiProperty({ enum: ['PENDING', 'QUEUED', 'IMPORTING', 'DONE', 'FAILED'] })
  status: RecordsUploadView['status'];
  @ApiProperty(Int({ description: 'Lines read so far' })) processedRows: number;
  @ApiProperty(Int({ nullable: true, description: 'Lines of the file, once read to the end' }))
  totalRows: number | null;
  @ApiProperty({ type: String, nullable: true }) importId: string | null;
  @ApiProperty({ type: String, nullable: true }) error: string | null;
  @ApiProperty({
    type: RecordsImportJobResponse,
    nullable: true,
    description: 'The import job (state, progress in lines, result or error); null before an import is asked',
  })
  job: RecordsImportJobResponse | null;
  @ApiProperty({
    type: PresignedPutResponse,
    nullable: true,
    description: 'While PENDING: PUT the file bytes to `url` with exactly `headers`',
  })
  upload: PresignedPutResponse | null;
}

class TableParam {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  tableId: string;
}

/** Award statistics: the catalogue and the tables of the reports. */
@ApiTags('awards')
@ApiBearerAuth()
@Controller()
export class AwardsController {
  constructor(@Inject(RPC_CLIENT) private readonly rpc: RpcClient) {}

  @Get('awards/catalogue')
  @Header('content-type', JSON_TYPE)
  @ApiOperation({
    operationId: 'getAwardCatalogue',
    summary: 'Danh mục hình thức, danh hiệu khen thưởng (Luật TĐKT 2022), theo nhóm của báo cáo',
  })
  @ApiOkResponse({ type: AwardTypePage })
  async catalogue(@Query() q: CatalogueQuery) {
    return pageOf(await this.rpc.request(AwardsRpc.catalogue, { on: q.on }), q);
  }

  @Post('groups/:groupId/awards/aggregates')
  @Header('content-type', JSON_TYPE)
  @ApiOperation({
    operationId: 'importAwardAggregate',
    summary:
      'Nhập bảng tổng hợp khen thưởng của báo cáo (đơn vị × hình thức); ô bị mất hoặc tổng không khớp được báo lại, không đoán',
  })
  @ApiCreatedResponse({ type: AggregateTableResponse })
  importAggregate(@Req() req: AuthedRequest, @Param() p: GroupParam, @Body() body: ImportAggregateDto) {
    return this.rpc.requestJson(AwardsRpc.aggregateImport, { groupId: p.groupId, body, actor: actorOf(req) });
  }

  @Post('awards/records')
  @Header('content-type', JSON_TYPE)
  @ApiOperation({
    operationId: 'importAwardRecords',
    summary:
      'Nhập danh sách khen thưởng từ tệp CSV hoặc Excel (cột: ' +
      'Số quyết định | Ngày quyết định | Cơ quan ban hành | Hình thức khen thưởng | Đối tượng | Tên người hoặc tập thể | Mã đơn vị | Phân loại); ' +
      'tất cả hoặc không dòng nào; cùng nội dung nhập lại không tạo gì mới',
  })
  @ApiConsumes('text/csv', XLSX_TYPE)
  @ApiBody({ schema: { type: 'string', format: 'binary' } })
  @ApiHeader({ name: 'x-file-name', required: false, description: 'The original file name' })
  @ApiCreatedResponse({ type: RecordImportResponse })
  importRecords(
    @Query() q: FilePeriodDto,
    @Req() req: AuthedRequest & { body?: unknown },
    @Headers('content-type') type: string,
    @Headers('x-file-name') name?: string,
  ) {
    const body = rawBody(req, 'tệp', `text/csv hoặc ${XLSX_TYPE}`);
    return this.rpc.requestJson(AwardsRpc.recordsImport, {
      fileName: name
        ? fileNameHeader(name)
        : type.startsWith('text/csv')
          ? 'khen-thuong.csv'
          : 'khen-thuong.xlsx',
      contentType: type.split(';')[0].trim(),
      fileBase64: body.toString('base64'),
      from: q.from,
      to: q.to,
      actor: actorOf(req),
    });
  }

  @Post('awards/records/uploads')
  @Header('content-type', JSON_TYPE)
  @ApiOperation({
    operationId: 'requestAwardRecordsUpload',
    summary:
      'Tệp lớn (đến 100 MB): xin địa chỉ PUT có chữ ký để tải thẳng lên kho lưu trữ; sau đó gọi …/import và theo dõi tiến độ',
  })
  @ApiCreatedResponse({ type: RecordsUploadResponse })
  requestUpload(@Req() req: AuthedRequest, @Body() body: RecordsUploadDto) {
    return this.rpc.requestJson(AwardsRpc.recordsUpload, { ...body, actor: actorOf(req) });
  }

  @Post('awards/records/uploads/:uploadId/import')
  @HttpCode(202)
  @Header('content-type', JSON_TYPE)
  @ApiOperation({
    operationId: 'importAwardRecordsUpload',
    summary:
      'Nhập tệp đã tải lên, trong nền: trả 202 kèm Location của tệp để theo dõi (trạng thái, số dòng đã đọc, kết quả). Công việc kiểm tra kích thước, SHA-256 và nhập tất cả hoặc không dòng nào',
  })
  @ApiAcceptedResponse({
    type: RecordsImportJobResponse,
    description:
      'The `records-import` job (already DONE when the file was imported before); `Location` is the upload, whose status and job tell when it is done',
    headers: {
      Location: { description: 'The upload: GET it to follow the import', schema: { type: 'string' } },
    },
  })
  async importUpload(
    @Req() req: AuthedRequest,
    @Param() p: UploadParam,
    @Res({ passthrough: true }) reply: { header(k: string, v: string): unknown },
  ) {
    const job = await this.rpc.requestJson(AwardsRpc.recordsImportUpload, {
      uploadId: p.uploadId,
      actor: actorOf(req),
    });
    reply.header('location', `/api/v1/awards/records/uploads/${p.uploadId}`);
    return job;
  }

  @Get('awards/records/uploads/:uploadId')
  @Header('content-type', JSON_TYPE)
  @ApiOperation({
    operationId: 'getAwardRecordsUpload',
    summary:
      'Tiến độ nhập tệp (PENDING, QUEUED, IMPORTING với số dòng đã đọc, DONE với mã lần nhập, FAILED với lỗi) và công việc nhập',
  })
  @ApiOkResponse({ type: RecordsUploadResponse })
  uploadStatus(@Req() req: AuthedRequest, @Param() p: UploadParam) {
    return this.rpc.requestJson(AwardsRpc.recordsUploadGet, { uploadId: p.uploadId, actor: actorOf(req) });
  }

  @Get('groups/:groupId/awards/statistics')
  @Header('content-type', JSON_TYPE)
  @ApiOperation({
    operationId: 'getGroupAwardStatistics',
    summary:
      'Thống kê khen thưởng của cụm/khối trong kỳ: đơn vị × hình thức, tổng, tập thể/cá nhân, tỷ lệ người lao động trực tiếp và lãnh đạo',
  })
  @ApiOkResponse({ type: AwardStatisticsResponse })
  statistics(@Req() req: AuthedRequest, @Param() p: GroupParam, @Query() q: StatisticsQuery) {
    return this.rpc.requestJson(AwardsRpc.statistics, { ...q, groupId: p.groupId, actor: actorOf(req) });
  }

  @Get('awards/statistics')
  @Header('content-type', JSON_TYPE)
  @ApiOperation({
    operationId: 'getNationalAwardStatistics',
    summary: 'Thống kê khen thưởng toàn quốc trong kỳ: mọi tỉnh, thành phố có hiệu lực đầu kỳ × hình thức',
  })
  @ApiOkResponse({ type: AwardStatisticsResponse })
  national(@Req() req: AuthedRequest, @Query() q: StatisticsQuery) {
    return this.rpc.requestJson(AwardsRpc.nationalStatistics, {
      from: q.from,
      to: q.to,
      actor: actorOf(req),
    });
  }

  @Get('groups/:groupId/awards/statistics/xlsx')
  @ApiOperation({
    operationId: 'exportGroupAwardStatisticsXlsx',
    summary: 'Thống kê khen thưởng ra tệp Excel theo mẫu phụ lục của báo cáo',
  })
  @ApiProduces(XLSX_TYPE)
  @ApiOkResponse({ schema: { type: 'string', format: 'binary' } })
  async statisticsXlsx(@Req() req: AuthedRequest, @Param() p: GroupParam, @Query() q: StatisticsQuery) {
    const f = await this.rpc.request(AwardsRpc.statisticsXlsx, {
      ...q,
      groupId: p.groupId,
      actor: actorOf(req),
    });
    return fileResponse(f);
  }

  @Get('awards/statistics/xlsx')
  @ApiOperation({
    operationId: 'exportNationalAwardStatisticsXlsx',
    summary:
      'Thống kê khen thưởng toàn quốc ra tệp Excel (mọi tỉnh, thành phố × hình thức, theo mẫu phụ lục của báo cáo)',
  })
  @ApiProduces(XLSX_TYPE)
  @ApiOkResponse({ schema: { type: 'string', format: 'binary' } })
  async nationalXlsx(@Req() req: AuthedRequest, @Query() q: StatisticsQuery) {
    const f = await this.rpc.request(AwardsRpc.nationalStatisticsXlsx, {
      from: q.from,
      to: q.to,
      actor: actorOf(req),
    });
    return fileResponse(f);
  }

  @Get('awards/aggregates/:tableId')
  @Header('content-type', JSON_TYPE)
  @ApiOperation({
    operationId: 'getAwardAggregate',
    summary:
      'Một bảng tổng hợp đã nhập: cho cán bộ các đơn vị thành viên, lãnh đạo cụm/khối năm đó, thành viên Hội đồng phụ trách và Ban TĐKT',
  })
  @ApiOkResponse({ type: AggregateTableResponse })
  aggregate(@Req() req: AuthedRequest, @Param() p: TableParam) {
    return this.rpc.requestJson(AwardsRpc.aggregateGet, { id: p.tableId, actor: actorOf(req) });
  }
}

/** The `X-File-Name` header: the original name, percent-encoded (a malformed one is a 400, not a 500). */
function fileNameHeader(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    const rule = 'FILE_NAME_ENCODING';
    const message = errorMessage(rule);
    throw new ProblemException(
      problem(400, `X-File-Name: ${message}`, undefined, [{ field: 'X-File-Name', rule, message }]),
    );
  }
}

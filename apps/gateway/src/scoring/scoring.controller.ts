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
  Put,
  Query,
  Req,
} from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiConsumes,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiProperty,
  ApiTags,
} from '@nestjs/swagger';
import {
  INT4_MAX,
  IsVersion,
  IsYear,
  PublishSchemeDto,
  PutSchemeDto,
  PutScoresDto,
  ReopenDto,
  ScoringRpc,
  XLSX_TYPE,
  YEAR_MAX,
  YEAR_MIN,
} from '@tdkt/contracts';
import { RpcClient } from '@tdkt/platform';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsEnum, IsOptional, IsUUID } from 'class-validator';
import { actorOf, AuthedRequest, RPC_CLIENT } from '../auth/auth.guard';
import { ApiProblems } from '../http/api-models';
import { JSON_TYPE, rawBody } from '../http/problem';
import { fileResponse } from '../http/file-response';
import {
  pageOf,
  ScoreChangePage,
  ScoreChangesQuery,
  SelfScoreSheetPage,
  SelfScoreSheetsQuery,
} from '../http/page';
import { groupYearOf, GroupYearParam } from '../registry/params';
import {
  GroupYearStateResponse,
  HonoursResponse,
  MemberScoresResponse,
  RankingResponse,
  SchemeResponse,
  YearRankingResponse,
} from './api-models';

class MemberParam extends GroupYearParam {
  @ApiProperty({ format: 'uuid', description: 'The member unit' })
  @IsUUID()
  memberId: string;
}

class VersionQuery {
  @ApiProperty({
    required: false,
    minimum: 1,
    maximum: INT4_MAX,
    description: 'A given version (default: the latest published; drafts for the chair)',
  })
  @IsOptional()
  @Type(() => Number)
  @IsVersion()
  version?: number;
}

class RankingQuery {
  @ApiProperty({
    required: false,
    enum: ['GROUP', 'SUBGROUP'],
    enumName: 'RankingScope',
    description: 'Default: the honour rule’s scope',
  })
  @IsOptional()
  @IsEnum(['GROUP', 'SUBGROUP'])
  scope?: 'GROUP' | 'SUBGROUP';

  @ApiProperty({
    required: false,
    default: false,
    description:
      'true: also each member’s points per criterion, self-scored and appraised, and their difference (a report of members × criteria cells; much heavier)',
  })
  @IsOptional()
  @Transform(({ value }) => (value === 'false' ? false : value === 'true' ? true : value))
  @IsBoolean()
  breakdown?: boolean;
}

/**
 * The yearly scoring of a group: the covenant's points table, self-scores, appraisal, outside
 * bodies' entries, locking, ranking and honours. Who may do what is decided by scoring with the
 * rules in libs/domain (access/scoring.ts).
 */
@ApiTags('scoring')
@ApiBearerAuth()
@Controller('groups/:groupId/years/:year')
export class ScoringController {
  constructor(@Inject(RPC_CLIENT) private readonly rpc: RpcClient) {}

  @Get('scheme')
  @Header('content-type', JSON_TYPE)
  @ApiOperation({
    operationId: 'getScheme',
    summary: 'Thang bảng điểm (xuất JSON): bản đã công bố mới nhất, hoặc một phiên bản',
  })
  @ApiOkResponse({ type: SchemeResponse })
  scheme(@Req() req: AuthedRequest, @Param() p: GroupYearParam, @Query() q: VersionQuery) {
    return this.rpc.requestJson(ScoringRpc.schemeGet, { ...groupYearOf(req, p), version: q.version });
  }

  @Put('scheme')
  @Header('content-type', JSON_TYPE)
  @ApiOperation({
    operationId: 'putScheme',
    summary: 'Nhập thang bảng điểm (JSON) làm bản nháp; sau khi công bố, mỗi thay đổi là một phiên bản mới',
  })
  @ApiOkResponse({ type: SchemeResponse })
  putScheme(@Req() req: AuthedRequest, @Param() p: GroupYearParam, @Body() body: PutSchemeDto) {
    return this.rpc.requestJson(ScoringRpc.schemePut, { ...groupYearOf(req, p), body });
  }

  @Put('scheme/xlsx')
  @Header('content-type', JSON_TYPE)
  @ApiOperation({
    operationId: 'importSchemeXlsx',
    summary: 'Nhập thang bảng điểm từ tệp Excel (các cột như tệp xuất ra); lỗi nêu rõ dòng và cột',
  })
  @ApiConsumes(XLSX_TYPE)
  @ApiBody({ schema: { type: 'string', format: 'binary' } })
  @ApiOkResponse({ type: SchemeResponse })
  importXlsx(@Req() req: AuthedRequest & { body?: unknown }, @Param() p: GroupYearParam) {
    const body = rawBody(req, 'bảng tính Excel', XLSX_TYPE);
    return this.rpc.requestJson(ScoringRpc.schemeImportXlsx, {
      ...groupYearOf(req, p),
      fileBase64: body.toString('base64'),
    });
  }

  @Get('scheme/xlsx')
  @ApiOperation({ operationId: 'exportSchemeXlsx', summary: 'Xuất thang bảng điểm ra tệp Excel' })
  @ApiProduces(XLSX_TYPE)
  @ApiOkResponse({ schema: { type: 'string', format: 'binary' } })
  async exportXlsx(@Req() req: AuthedRequest, @Param() p: GroupYearParam, @Query() q: VersionQuery) {
    const f = await this.rpc.request(ScoringRpc.schemeExportXlsx, {
      ...groupYearOf(req, p),
      version: q.version,
    });
    return fileResponse(f);
  }

  @Delete('scheme')
  @Header('content-type', JSON_TYPE)
  @ApiOperation({
    operationId: 'discardScheme',
    summary: 'Hủy bản nháp thang bảng điểm (bản đã công bố không bao giờ bị xóa)',
  })
  @ApiOkResponse({
    schema: {
      type: 'object',
      required: ['discardedVersion'],
      properties: { discardedVersion: { type: 'integer' } },
    },
  })
  discard(@Req() req: AuthedRequest, @Param() p: GroupYearParam) {
    return this.rpc.requestJson(ScoringRpc.schemeDiscardDraft, groupYearOf(req, p));
  }

  @Post('scheme/publish')
  @HttpCode(200)
  @Header('content-type', JSON_TYPE)
  @ApiOperation({
    operationId: 'publishScheme',
    summary:
      'Công bố thang bảng điểm (giao ước thi đua) khi mọi đơn vị thành viên đã ký; chỉ Ban TĐKT được công bố khi thiếu chữ ký (nêu lý do)',
  })
  @ApiBody({ type: PublishSchemeDto, required: false })
  @ApiOkResponse({ type: SchemeResponse })
  @ApiProblems({
    403: 'Không phải Cụm trưởng, Cụm phó năm đó hoặc năm trước, Ban TĐKT (SCHEME_LEADERS_ONLY), hoặc lãnh đạo năm trước khi giao ước đã được công bố (SCHEME_REVISION_LEADERS_ONLY); công bố khi thiếu chữ ký mà không phải Ban TĐKT (COVENANT_UNSIGNED_PUBLISH_BOARD_ONLY)',
    409: 'Còn đơn vị chưa ký (COVENANT_SIGNATURES_MISSING, nêu tên các đơn vị) hoặc đã công bố (SCHEME_ALREADY_PUBLISHED)',
  })
  publish(@Req() req: AuthedRequest, @Param() p: GroupYearParam, @Body() body: PublishSchemeDto) {
    return this.rpc.requestJson(ScoringRpc.schemePublish, { ...groupYearOf(req, p), body });
  }

  @Put('scores/:memberId')
  @Header('content-type', JSON_TYPE)
  @ApiOperation({
    operationId: 'putScores',
    summary:
      'Nhập điểm của một đơn vị: tự chấm (đơn vị), thẩm định (trưởng/phó, bắt buộc lý do), hoặc cơ quan ngoài chấm tiêu chí của mình',
  })
  @ApiOkResponse({ type: MemberScoresResponse })
  putScores(@Req() req: AuthedRequest, @Param() p: MemberParam, @Body() body: PutScoresDto) {
    return this.rpc.requestJson(ScoringRpc.scoresPut, { ...groupYearOf(req, p), memberId: p.memberId, body });
  }

  @Get('scores/:memberId')
  @Header('content-type', JSON_TYPE)
  @ApiOkResponse({ type: MemberScoresResponse })
  @ApiOperation({ operationId: 'getScores', summary: 'Điểm của một đơn vị: tự chấm, thẩm định, tổng' })
  scores(@Req() req: AuthedRequest, @Param() p: MemberParam) {
    return this.rpc.requestJson(ScoringRpc.scoresGet, { ...groupYearOf(req, p), memberId: p.memberId });
  }

  @Get('scores/:memberId/sheet')
  @ApiOperation({
    operationId: 'getSelfScoreSheet',
    summary: 'Tải bảng tự chấm điểm (Excel) để điền; nộp lại qua hồ sơ SELF_SCORE, điểm được nhập tự động',
  })
  @ApiProduces(XLSX_TYPE)
  @ApiOkResponse({ schema: { type: 'string', format: 'binary' } })
  async sheet(@Req() req: AuthedRequest, @Param() p: MemberParam) {
    const f = await this.rpc.request(ScoringRpc.selfScoreTemplate, {
      ...groupYearOf(req, p),
      memberId: p.memberId,
    });
    return fileResponse(f);
  }

  @Get('self-score-sheets')
  @Header('content-type', JSON_TYPE)
  @ApiOperation({
    operationId: 'listSelfScoreSheets',
    summary: 'Các bảng tự chấm điểm nhận qua hồ sơ và kết quả nhập (đã nhập, không có tệp Excel, bị từ chối)',
  })
  @ApiOkResponse({ type: SelfScoreSheetPage })
  async sheets(@Req() req: AuthedRequest, @Param() p: GroupYearParam, @Query() q: SelfScoreSheetsQuery) {
    return pageOf(
      await this.rpc.request(ScoringRpc.sheetsList, { ...groupYearOf(req, p), memberId: q.memberId }),
      q,
    );
  }

  @Get('score-changes')
  @Header('content-type', JSON_TYPE)
  @ApiOperation({
    operationId: 'listScoreChanges',
    summary: 'Nhật ký thay đổi điểm (ai, vai trò, lúc nào, cũ → mới, lý do); chỉ thêm, không sửa',
  })
  @ApiOkResponse({ type: ScoreChangePage })
  changes(@Req() req: AuthedRequest, @Param() p: GroupYearParam, @Query() q: ScoreChangesQuery) {
    return this.rpc.requestJson(ScoringRpc.changesList, { ...groupYearOf(req, p), ...q });
  }

  @Get('scoring')
  @Header('content-type', JSON_TYPE)
  @ApiOkResponse({ type: GroupYearStateResponse })
  @ApiOperation({
    operationId: 'getScoringState',
    summary: 'Trạng thái chấm điểm của năm: mở hay đã khóa, lịch sử khóa và mở lại',
  })
  state(@Req() req: AuthedRequest, @Param() p: GroupYearParam) {
    return this.rpc.requestJson(ScoringRpc.groupYearGet, groupYearOf(req, p));
  }

  @Post('scoring/lock')
  @HttpCode(200)
  @Header('content-type', JSON_TYPE)
  @ApiOperation({
    operationId: 'lockScoring',
    summary: 'Khóa điểm tại Hội nghị trù bị (Cụm/Khối trưởng năm đó; Ban TĐKT)',
  })
  @ApiOkResponse({ type: GroupYearStateResponse })
  lock(@Req() req: AuthedRequest, @Param() p: GroupYearParam) {
    return this.rpc.requestJson(ScoringRpc.groupYearLock, groupYearOf(req, p));
  }

  @Post('scoring/reopen')
  @HttpCode(200)
  @Header('content-type', JSON_TYPE)
  @ApiOperation({
    operationId: 'reopenScoring',
    summary: 'Mở lại điểm đã khóa, nêu lý do (chỉ Ban TĐKT Trung ương)',
  })
  @ApiOkResponse({ type: GroupYearStateResponse })
  reopen(@Req() req: AuthedRequest, @Param() p: GroupYearParam, @Body() body: ReopenDto) {
    return this.rpc.requestJson(ScoringRpc.groupYearReopen, { ...groupYearOf(req, p), reason: body.reason });
  }

  @Get('ranking')
  @Header('content-type', JSON_TYPE)
  @ApiOperation({
    operationId: 'getRanking',
    summary: 'Xếp hạng theo cụm hoặc nhóm, chi tiết từng tiêu chí và chênh lệch tự chấm – thẩm định',
  })
  @ApiOkResponse({ type: RankingResponse })
  ranking(@Req() req: AuthedRequest, @Param() p: GroupYearParam, @Query() q: RankingQuery) {
    return this.rpc.requestJson(ScoringRpc.ranking, {
      ...groupYearOf(req, p),
      scope: q.scope,
      breakdown: q.breakdown,
    });
  }

  @Get('honours')
  @Header('content-type', JSON_TYPE)
  @ApiOperation({
    operationId: 'getHonourProposals',
    summary: 'Đề xuất khen thưởng từ điểm đã khóa (Cờ thi đua của Chính phủ, Bằng khen của Thủ tướng…)',
  })
  @ApiOkResponse({ type: HonoursResponse })
  honours(@Req() req: AuthedRequest, @Param() p: GroupYearParam) {
    return this.rpc.requestJson(ScoringRpc.honoursGet, groupYearOf(req, p));
  }

  @Get('ranking/xlsx')
  @ApiOperation({
    operationId: 'exportRankingXlsx',
    summary: 'Xuất bảng tổng hợp kết quả chấm điểm, xếp hạng ra tệp Excel (khổ A4, in được)',
  })
  @ApiProduces(XLSX_TYPE)
  @ApiOkResponse({ schema: { type: 'string', format: 'binary' } })
  async rankingXlsx(@Req() req: AuthedRequest, @Param() p: GroupYearParam, @Query() q: RankingQuery) {
    const f = await this.rpc.request(ScoringRpc.rankingXlsx, { ...groupYearOf(req, p), scope: q.scope });
    return fileResponse(f);
  }

  @Get('honours/xlsx')
  @ApiOperation({
    operationId: 'exportHonoursXlsx',
    summary: 'Xuất danh sách đề nghị khen thưởng ra tệp Excel (từ điểm đã khóa; khổ A4, in được)',
  })
  @ApiProduces(XLSX_TYPE)
  @ApiOkResponse({ schema: { type: 'string', format: 'binary' } })
  async honoursXlsx(@Req() req: AuthedRequest, @Param() p: GroupYearParam) {
    const f = await this.rpc.request(ScoringRpc.honoursXlsx, groupYearOf(req, p));
    return fileResponse(f);
  }

  @Post('honours/propose')
  @HttpCode(200)
  @Header('content-type', JSON_TYPE)
  @ApiOperation({
    operationId: 'proposeHonours',
    summary: 'Công bố đề xuất khen thưởng (sự kiện scoring.honours.proposed)',
  })
  @ApiOkResponse({ type: HonoursResponse })
  propose(@Req() req: AuthedRequest, @Param() p: GroupYearParam) {
    return this.rpc.requestJson(ScoringRpc.honoursPropose, groupYearOf(req, p));
  }
}

class YearParam {
  @ApiProperty({ example: 2023, minimum: YEAR_MIN, maximum: YEAR_MAX })
  @Type(() => Number)
  @IsYear()
  year: number;
}

/** A whole year across every group (the central board). */
@ApiTags('scoring')
@ApiBearerAuth()
@Controller('scoring/years/:year')
export class NationalScoringController {
  constructor(@Inject(RPC_CLIENT) private readonly rpc: RpcClient) {}

  @Get('ranking')
  @Header('content-type', JSON_TYPE)
  @ApiOperation({
    operationId: 'getYearRanking',
    summary:
      'Xếp hạng mọi cụm, khối trong năm (Ban TĐKT Trung ương): số lượng, hòa không phân định, đứng đầu',
  })
  @ApiOkResponse({ type: YearRankingResponse })
  ranking(@Req() req: AuthedRequest, @Param() p: YearParam) {
    return this.rpc.requestJson(ScoringRpc.rankYear, { year: p.year, actor: actorOf(req) });
  }
}

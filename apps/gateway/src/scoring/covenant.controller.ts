import { Body, Controller, Get, Header, HttpCode, Inject, Param, Post, Query, Req } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProperty,
  ApiTags,
} from '@nestjs/swagger';
import {
  CovenantCommentDto,
  CovenantCommentView,
  CovenantPublicationView,
  CovenantSignatureView,
  CovenantSignaturesView,
  CovenantSignDto,
  CovenantSignerRole,
  INT4_MAX,
  IsVersion,
  PageQuery,
  SchemeState,
  ScoringRpc,
} from '@tdkt/contracts';
import { RpcClient } from '@tdkt/platform';
import { Type } from 'class-transformer';
import { IsOptional, Matches } from 'class-validator';
import { AuthedRequest, RPC_CLIENT } from '../auth/auth.guard';
import { ApiProblems, DateTime, Int, Uuid } from '../http/api-models';
import { PageOf } from '../http/page';
import { JSON_TYPE } from '../http/problem';
import { groupYearOf, GroupYearParam } from '../registry/params';

const SIGNER_ROLES: CovenantSignerRole[] = ['UNIT_OFFICER', 'BOARD', 'CHAIR', 'VICE_CHAIR'];

// ---------- queries ----------

class CommentsQuery extends PageQuery {
  @ApiProperty({
    required: false,
    minimum: 1,
    maximum: INT4_MAX,
    type: 'integer',
    description: 'Only the comments on this version of the scheme (default: every version)',
  })
  @IsOptional()
  @Type(() => Number)
  @IsVersion()
  version?: number;

  @ApiProperty({
    required: false,
    example: 'thu-ngan-sach',
    description: 'Only the comments on this criterion',
  })
  @IsOptional()
  @Matches(/^[a-z0-9][a-z0-9.-]{0,63}$/, { message: 'phải là mã trong bảng điểm' })
  criterionCode?: string;
}

class SignaturesQuery {
  @ApiProperty({
    required: false,
    minimum: 1,
    maximum: INT4_MAX,
    type: 'integer',
    description: 'A given version (default: the latest, draft or published)',
  })
  @IsOptional()
  @Type(() => Number)
  @IsVersion()
  version?: number;
}

// ---------- response models ----------

export class CovenantCommentResponse implements CovenantCommentView {
  @ApiProperty(Uuid()) id: string;
  @ApiProperty(Uuid()) groupId: string;
  @ApiProperty(Int({ example: 2024 })) year: number;
  @ApiProperty(Int({ description: 'The version of the scheme the comment was made on' })) version: number;
  @ApiProperty({ example: 'thu-ngan-sach' }) criterionCode: string;
  @ApiProperty({ example: 'Đề nghị nâng chỉ tiêu thu ngân sách lên 110% dự toán' }) text: string;
  @ApiProperty(Uuid({ description: 'The user who wrote it' })) authorId: string;
  @ApiProperty(Uuid({ nullable: true, description: 'The member unit in whose name (null: the board’s own)' }))
  unitId: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'Kon Tum' }) unitName: string | null;
  @ApiProperty(DateTime()) at: string;
}

class CovenantCommentPage extends PageOf(CovenantCommentResponse) {}

class CovenantSignatureResponse implements CovenantSignatureView {
  @ApiProperty(Uuid()) unitId: string;
  @ApiProperty({ example: 'Kon Tum' }) unitName: string;
  @ApiProperty(Uuid({ description: 'The user who signed, or who recorded the signature' })) by: string;
  @ApiProperty({ description: 'Recorded on the unit’s behalf by the chair, the vice-chair or the board' })
  onBehalf: boolean;
  @ApiProperty({ enum: SIGNER_ROLES, enumName: 'CovenantSignerRole' }) role: CovenantSignerRole;
  @ApiProperty(DateTime()) at: string;
}

class UnsignedMemberResponse {
  @ApiProperty(Uuid()) unitId: string;
  @ApiProperty({ example: 'Đắk Nông' }) unitName: string;
}

class CovenantPublicationResponse implements CovenantPublicationView {
  @ApiProperty(DateTime()) publishedAt: string;
  @ApiProperty(Uuid()) publishedBy: string;
  @ApiProperty({ description: 'Published by the central board with members unsigned' })
  withoutSignatures: boolean;
  @ApiProperty({ type: String, nullable: true }) reason: string | null;
}

export class CovenantSignaturesResponse implements CovenantSignaturesView {
  @ApiProperty(Uuid()) groupId: string;
  @ApiProperty(Int({ example: 2024 })) year: number;
  @ApiProperty(Int()) version: number;
  @ApiProperty({ enum: SchemeState, enumName: 'SchemeState' }) state: SchemeState;
  @ApiProperty({ type: [CovenantSignatureResponse] }) signed: CovenantSignatureResponse[];
  @ApiProperty({
    type: [UnsignedMemberResponse],
    description: 'Members of that year without a signature on this version (at publication, if published)',
  })
  missing: UnsignedMemberResponse[];
  @ApiProperty({ type: CovenantPublicationResponse, nullable: true, description: 'null while a draft' })
  publication: CovenantPublicationResponse | null;
}

/**
 * Next year's covenant (issue 15): the scheme of a year as the members comment on it and sign it
 * before it is published (`POST …/scheme/publish`, ScoringController). `{year}` is the year the
 * covenant is for (2024 for the one signed at the end of 2023). Who may do what is decided by
 * scoring with the rules in libs/domain access/scoring.ts.
 */
@ApiTags('scoring')
@ApiBearerAuth()
@Controller('groups/:groupId/years/:year/scheme')
export class CovenantController {
  constructor(@Inject(RPC_CLIENT) private readonly rpc: RpcClient) {}

  @Post('comments')
  @HttpCode(201)
  @Header('content-type', JSON_TYPE)
  @ApiOperation({
    summary:
      'Góp ý dự thảo giao ước thi đua theo từng tiêu chí (cán bộ đơn vị thành viên, nhân danh đơn vị mình)',
    operationId: 'commentOnCovenant',
  })
  @ApiCreatedResponse({ type: CovenantCommentResponse })
  @ApiProblems({
    400: 'Tiêu chí không có trong dự thảo (COVENANT_CRITERION_UNKNOWN, trường criterionCode) hoặc dữ liệu không hợp lệ',
    403: 'Không phải cán bộ đơn vị thành viên (COVENANT_COMMENT_NOT_ALLOWED) hoặc góp ý thay đơn vị khác (COVENANT_COMMENT_OTHER_UNIT)',
    404: 'Chưa có dự thảo (SCHEME_NOT_FOUND)',
    409: 'Giao ước đã công bố (COVENANT_PUBLISHED)',
  })
  comment(@Req() req: AuthedRequest, @Param() p: GroupYearParam, @Body() body: CovenantCommentDto) {
    return this.rpc.requestJson(ScoringRpc.covenantComment, { ...groupYearOf(req, p), body });
  }

  @Get('comments')
  @Header('content-type', JSON_TYPE)
  @ApiOperation({
    summary:
      'Các góp ý dự thảo giao ước thi đua (tiêu chí, nội dung, người góp ý, đơn vị, phiên bản, thời gian)',
    operationId: 'listCovenantComments',
  })
  @ApiOkResponse({ type: CovenantCommentPage })
  @ApiProblems({ 403: 'Không phải thành viên, lãnh đạo cụm, khối hay Ban TĐKT (COVENANT_NOT_VISIBLE)' })
  comments(@Req() req: AuthedRequest, @Param() p: GroupYearParam, @Query() q: CommentsQuery) {
    return this.rpc.requestJson(ScoringRpc.covenantComments, {
      ...groupYearOf(req, p),
      version: q.version,
      criterionCode: q.criterionCode,
      limit: q.limit,
      offset: q.offset,
    });
  }

  @Post('signatures')
  @HttpCode(200)
  @Header('content-type', JSON_TYPE)
  @ApiOperation({
    summary:
      'Ký giao ước thi đua cho một đơn vị thành viên (cán bộ của đơn vị; Cụm trưởng, Cụm phó hoặc Ban TĐKT ghi nhận thay)',
    operationId: 'signCovenant',
  })
  @ApiOkResponse({ type: CovenantSignaturesResponse })
  @ApiProblems({
    400: 'Đơn vị không phải thành viên năm đó (COVENANT_SIGNER_NOT_MEMBER, trường unitId) hoặc dữ liệu không hợp lệ',
    403: 'Không được ký cho đơn vị này (COVENANT_SIGNATURE_NOT_ALLOWED)',
    404: 'Chưa có dự thảo (SCHEME_NOT_FOUND)',
    409: 'Giao ước đã công bố (COVENANT_PUBLISHED)',
  })
  sign(@Req() req: AuthedRequest, @Param() p: GroupYearParam, @Body() body: CovenantSignDto) {
    return this.rpc.requestJson(ScoringRpc.covenantSign, { ...groupYearOf(req, p), body });
  }

  @Get('signatures')
  @Header('content-type', JSON_TYPE)
  @ApiOperation({
    summary:
      'Chữ ký giao ước thi đua: các đơn vị đã ký (ai, khi nào, ký thay hay không) và các đơn vị còn thiếu',
    operationId: 'getCovenantSignatures',
  })
  @ApiOkResponse({ type: CovenantSignaturesResponse })
  @ApiProblems({
    403: 'Không phải thành viên, lãnh đạo cụm, khối hay Ban TĐKT (COVENANT_NOT_VISIBLE)',
    404: 'Chưa có thang bảng điểm hoặc phiên bản (SCHEME_NOT_FOUND, SCHEME_VERSION_NOT_FOUND)',
  })
  signatures(@Req() req: AuthedRequest, @Param() p: GroupYearParam, @Query() q: SignaturesQuery) {
    return this.rpc.requestJson(ScoringRpc.covenantSignatures, {
      ...groupYearOf(req, p),
      version: q.version,
    });
  }
}

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
  CreateDossierDto,
  DecisionAwardView,
  DecisionStatus,
  DecisionView,
  DossierPartKind,
  DossierPartView,
  DossierState,
  DossierStepView,
  DossierView,
  HonoursRpc,
  ListDossiersQuery,
  Page,
  PageQuery,
  RecipientKindOfAward,
  RecordDecisionDto,
  ReturnDossierDto,
} from '@tdkt/contracts';
import { Permission } from '@tdkt/domain';
import { RpcClient } from '@tdkt/platform';
import { IsUUID } from 'class-validator';
import { actorOf, AuthedRequest, Requires, RPC_CLIENT } from '../auth/auth.guard';
import { ApiProblems, DateOnly, DateTime, Int, Uuid } from '../http/api-models';
import { JSON_TYPE } from '../http/problem';
import { GroupYearParam } from '../registry/params';

/**
 * A dossier's answer gathers its parts from scoring, documents and intake, a decision looks up its
 * recipients in the registry: more than an ordinary request.
 */
const GATHER_TIMEOUT_MS = 15_000;

class DossierParam {
  @ApiProperty(Uuid())
  @IsUUID()
  dossierId: string;
}

class DecisionParam {
  @ApiProperty(Uuid())
  @IsUUID()
  decisionId: string;
}

// ---------- response models ----------

class DossierPartResponse implements DossierPartView {
  @ApiProperty({ enum: DossierPartKind, enumName: 'DossierPartKind' }) kind: DossierPartKind;
  @ApiProperty({ example: 'Báo cáo thành tích' }) title: string;
  @ApiProperty() present: boolean;
  @ApiProperty(Uuid({ nullable: true, description: 'The document (proposal letter, minutes)' }))
  documentId: string | null;
  @ApiProperty(Int({ nullable: true })) documentVersion: number | null;
  @ApiProperty(Uuid({ nullable: true, description: 'The achievement report submission' }))
  submissionId: string | null;
  @ApiProperty({ type: String, nullable: true, example: '2024-000042' }) receiptNumber: string | null;
  @ApiProperty({ type: String, nullable: true }) note: string | null;
}

class DossierStepResponse implements DossierStepView {
  @ApiProperty({
    enum: ['CREATE', 'SUBMIT', 'RETURN', 'ACCEPT', 'DECIDE', 'CORRECT'],
    enumName: 'DossierAction',
  })
  action: DossierStepView['action'];
  @ApiProperty({ enum: DossierState, enumName: 'DossierState' }) state: DossierState;
  @ApiProperty(Uuid({ description: 'The user' })) by: string;
  @ApiProperty({ type: String, nullable: true }) reason: string | null;
  @ApiProperty(DateTime()) at: string;
}

export class DossierResponse implements DossierView {
  @ApiProperty(Uuid()) id: string;
  @ApiProperty(Uuid()) groupId: string;
  @ApiProperty(Int({ example: 2023 })) year: number;
  @ApiProperty(Uuid()) memberUnitId: string;
  @ApiProperty({ example: 'Gia Lai' }) memberUnitName: string;
  @ApiProperty({ example: 'GOVERNMENT_FLAG', description: 'The honour as scoring proposed it' })
  award: string;
  @ApiProperty({
    type: String,
    nullable: true,
    example: 'CO-THI-DUA-CHINH-PHU',
    description: 'Its award form',
  })
  awardForm: string | null;
  @ApiProperty(Uuid({ nullable: true })) subgroupId: string | null;
  @ApiProperty(Int()) rank: number;
  @ApiProperty({ type: Number, example: 95.5 }) total: number;
  @ApiProperty({ enum: DossierState, enumName: 'DossierState' }) state: DossierState;
  @ApiProperty({
    type: [DossierPartResponse],
    description: 'Fixed once submitted, gathered anew while a draft',
  })
  parts: DossierPartResponse[];
  @ApiProperty({ enum: DossierPartKind, enumName: 'DossierPartKind', isArray: true })
  missing: DossierPartKind[];
  @ApiProperty() complete: boolean;
  @ApiProperty({ type: String, nullable: true }) returnReason: string | null;
  @ApiProperty(Uuid({ nullable: true })) decisionId: string | null;
  @ApiProperty({ type: [DossierStepResponse] }) history: DossierStepResponse[];
  @ApiProperty(DateTime()) createdAt: string;
  @ApiProperty(DateTime()) updatedAt: string;
}

class DossierPage implements Page<DossierView> {
  @ApiProperty({ type: [DossierResponse] }) items: DossierResponse[];
  @ApiProperty(Int()) total: number;
  @ApiProperty(Int()) limit: number;
  @ApiProperty(Int()) offset: number;
}

class DecisionAwardResponse implements DecisionAwardView {
  @ApiProperty(Int()) line: number;
  @ApiProperty({ example: 'CO-THI-DUA-CHINH-PHU' }) award: string;
  @ApiProperty({ example: 'Cờ thi đua của Chính phủ' }) awardName: string;
  @ApiProperty({ enum: RecipientKindOfAward, enumName: 'RecipientKindOfAward' })
  recipientKind: RecipientKindOfAward;
  @ApiProperty(Uuid()) recipientUnitId: string;
  @ApiProperty() recipientUnitName: string;
  @ApiProperty({ type: String, nullable: true }) recipientName: string | null;
  @ApiProperty(Uuid({ nullable: true })) dossierId: string | null;
  @ApiProperty({ description: 'Granted beyond the accepted dossiers (board override)' })
  beyondProposed: boolean;
}

class DecisionOverrideResponse {
  @ApiProperty() reason: string;
  @ApiProperty(Uuid()) by: string;
  @ApiProperty(Int({ description: 'Lines granted beyond the accepted dossiers' })) lines: number;
}

export class DecisionResponse implements DecisionView {
  @ApiProperty(Uuid()) id: string;
  @ApiProperty({ example: '123/QĐ-TTg' }) number: string;
  @ApiProperty(DateOnly()) signedOn: string;
  @ApiProperty({ example: 'Thủ tướng Chính phủ' }) authority: string;
  @ApiProperty() signerName: string;
  @ApiProperty({ type: String, nullable: true }) signerTitle: string | null;
  @ApiProperty({ type: String, nullable: true }) title: string | null;
  @ApiProperty({ enum: DecisionStatus, enumName: 'DecisionStatus' }) status: DecisionStatus;
  @ApiProperty(Uuid({ nullable: true, description: 'The decision it corrects' })) corrects: string | null;
  @ApiProperty(Uuid({ nullable: true, description: 'The decision that corrected it' })) correctedBy:
    string | null;
  @ApiProperty({ type: DecisionOverrideResponse, nullable: true }) override: DecisionOverrideResponse | null;
  @ApiProperty({ type: [DecisionAwardResponse] }) awards: DecisionAwardResponse[];
  @ApiProperty(Uuid()) recordedBy: string;
  @ApiProperty(DateTime()) recordedAt: string;
}

class DecisionPage implements Page<DecisionView> {
  @ApiProperty({ type: [DecisionResponse] }) items: DecisionResponse[];
  @ApiProperty(Int()) total: number;
  @ApiProperty(Int()) limit: number;
  @ApiProperty(Int()) offset: number;
}

/**
 * Proposal dossiers and decisions (issue 15), answered by the honours service, which decides who
 * may (libs/domain access/honours.ts): the chair and vice-chair of the year assemble and submit
 * their group's dossiers, a member sees its own, the board returns, accepts and records decisions.
 */
@ApiTags('honours')
@ApiBearerAuth()
@Controller()
export class HonoursController {
  constructor(@Inject(RPC_CLIENT) private readonly rpc: RpcClient) {}

  @Post('groups/:groupId/years/:year/dossiers')
  @Header('content-type', JSON_TYPE)
  @ApiOperation({
    summary: 'Lập hồ sơ đề nghị khen thưởng cho một khen thưởng đã được bình xét đề nghị',
    operationId: 'createDossier',
  })
  @ApiCreatedResponse({ type: DossierResponse })
  @ApiProblems({
    409: 'Đã có hồ sơ cho khen thưởng này (DOSSIER_EXISTS) hoặc kết quả chưa khóa (DOSSIER_HONOURS_NOT_READY)',
    422: 'Đơn vị không được đề nghị khen thưởng này (DOSSIER_HONOUR_NOT_PROPOSED: `errors[].field` memberUnitId hoặc award)',
  })
  create(@Req() req: AuthedRequest, @Param() p: GroupYearParam, @Body() body: CreateDossierDto) {
    return this.rpc.requestJson(
      HonoursRpc.dossierCreate,
      {
        actor: actorOf(req),
        groupId: p.groupId,
        year: p.year,
        body,
      },
      GATHER_TIMEOUT_MS,
    );
  }

  @Get('groups/:groupId/years/:year/dossiers')
  @Header('content-type', JSON_TYPE)
  @ApiOperation({
    summary: 'Danh sách hồ sơ đề nghị khen thưởng của cụm, khối trong năm (đơn vị thành viên: của mình)',
    operationId: 'listDossiers',
  })
  @ApiOkResponse({ type: DossierPage })
  list(@Req() req: AuthedRequest, @Param() p: GroupYearParam, @Query() q: ListDossiersQuery) {
    return this.rpc.requestJson(
      HonoursRpc.dossierList,
      {
        actor: actorOf(req),
        groupId: p.groupId,
        year: p.year,
        ...q,
      },
      GATHER_TIMEOUT_MS,
    );
  }

  @Get('dossiers/:dossierId')
  @Header('content-type', JSON_TYPE)
  @ApiOperation({
    summary: 'Một hồ sơ đề nghị khen thưởng: các thành phần đã có, còn thiếu, trạng thái và lịch sử',
    operationId: 'getDossier',
  })
  @ApiOkResponse({ type: DossierResponse })
  get(@Req() req: AuthedRequest, @Param() p: DossierParam) {
    return this.rpc.requestJson(
      HonoursRpc.dossierGet,
      { actor: actorOf(req), id: p.dossierId },
      GATHER_TIMEOUT_MS,
    );
  }

  @Post('dossiers/:dossierId/submit')
  @HttpCode(200)
  @Header('content-type', JSON_TYPE)
  @ApiOperation({
    summary:
      'Gửi hồ sơ lên Hội đồng Thi đua – Khen thưởng Trung ương (khi đủ thành phần; gửi lại sau khi bị trả)',
    operationId: 'submitDossier',
  })
  @ApiOkResponse({ type: DossierResponse })
  @ApiProblems({
    409: 'Hồ sơ còn thiếu thành phần (DOSSIER_INCOMPLETE: `errors[].field` parts.<KIND>) hoặc sai trạng thái (DOSSIER_STATE)',
  })
  submit(@Req() req: AuthedRequest, @Param() p: DossierParam) {
    return this.rpc.requestJson(
      HonoursRpc.dossierSubmit,
      { actor: actorOf(req), id: p.dossierId },
      GATHER_TIMEOUT_MS,
    );
  }

  @Post('dossiers/:dossierId/return')
  @Requires(Permission.DECIDE_HONOURS)
  @HttpCode(200)
  @Header('content-type', JSON_TYPE)
  @ApiOperation({
    summary: 'Trả lại hồ sơ kèm lý do (Ban Thi đua – Khen thưởng)',
    operationId: 'returnDossier',
  })
  @ApiOkResponse({ type: DossierResponse })
  @ApiProblems({ 409: 'Hồ sơ không ở trạng thái đã gửi (DOSSIER_STATE)' })
  returnDossier(@Req() req: AuthedRequest, @Param() p: DossierParam, @Body() body: ReturnDossierDto) {
    return this.rpc.requestJson(
      HonoursRpc.dossierReturn,
      { actor: actorOf(req), id: p.dossierId, body },
      GATHER_TIMEOUT_MS,
    );
  }

  @Post('dossiers/:dossierId/accept')
  @Requires(Permission.DECIDE_HONOURS)
  @HttpCode(200)
  @Header('content-type', JSON_TYPE)
  @ApiOperation({ summary: 'Tiếp nhận hồ sơ (Ban Thi đua – Khen thưởng)', operationId: 'acceptDossier' })
  @ApiOkResponse({ type: DossierResponse })
  @ApiProblems({ 409: 'Hồ sơ không ở trạng thái đã gửi (DOSSIER_STATE)' })
  accept(@Req() req: AuthedRequest, @Param() p: DossierParam) {
    return this.rpc.requestJson(
      HonoursRpc.dossierAccept,
      { actor: actorOf(req), id: p.dossierId },
      GATHER_TIMEOUT_MS,
    );
  }

  @Post('decisions')
  @Requires(Permission.DECIDE_HONOURS)
  @Header('content-type', JSON_TYPE)
  @ApiOperation({
    summary:
      'Ghi nhận quyết định khen thưởng (Ban Thi đua – Khen thưởng); mỗi khen thưởng thành một bản ghi thống kê khen thưởng',
    operationId: 'recordDecision',
  })
  @ApiCreatedResponse({ type: DecisionResponse })
  @ApiProblems({
    409: 'Cơ quan đã có quyết định cùng số (DECISION_NUMBER_TAKEN) hoặc quyết định được đính chính đã được đính chính (DECISION_ALREADY_CORRECTED)',
    422: 'Khen vượt số hồ sơ đã tiếp nhận mà không có override (DECISION_BEYOND_PROPOSED), hồ sơ không khớp, đơn vị không có',
  })
  record(@Req() req: AuthedRequest, @Body() body: RecordDecisionDto) {
    // The recipients' units are looked up in the registry before the decision is written.
    return this.rpc.requestJson(HonoursRpc.decisionRecord, { actor: actorOf(req), body }, GATHER_TIMEOUT_MS);
  }

  @Get('decisions')
  @Header('content-type', JSON_TYPE)
  @ApiOperation({
    summary: 'Danh sách quyết định khen thưởng, mới ký trước (đơn vị: các quyết định khen mình)',
    operationId: 'listDecisions',
  })
  @ApiOkResponse({ type: DecisionPage })
  listDecisions(@Req() req: AuthedRequest, @Query() q: PageQuery) {
    return this.rpc.requestJson(HonoursRpc.decisionList, { actor: actorOf(req), ...q });
  }

  @Get('decisions/:decisionId')
  @Header('content-type', JSON_TYPE)
  @ApiOperation({
    summary: 'Một quyết định khen thưởng và các khen thưởng của nó',
    operationId: 'getDecision',
  })
  @ApiOkResponse({ type: DecisionResponse })
  getDecision(@Req() req: AuthedRequest, @Param() p: DecisionParam) {
    return this.rpc.requestJson(HonoursRpc.decisionGet, { actor: actorOf(req), id: p.decisionId });
  }
}

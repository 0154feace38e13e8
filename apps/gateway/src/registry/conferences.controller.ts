import {
  Body,
  Controller,
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
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import {
  AttendanceDto,
  AttendeeView,
  CandidateView,
  ConferenceChairView,
  ConferenceKind,
  ConferenceView,
  DutyHolder,
  DutyView,
  InviteeView,
  LeadershipRole,
  NominationMethod,
  NominationsDto,
  NominationsView,
  NominationView,
  PageQuery,
  PlanConferenceDto,
  ProgrammeItemView,
  RegistryRpc,
  UnitRefView,
} from '@tdkt/contracts';
import { RpcClient } from '@tdkt/platform';
import { IsEnum } from 'class-validator';
import { actorOf, AuthedRequest, RPC_CLIENT } from '../auth/auth.guard';
import { LeadershipResponse } from '../http/api-models';
import { PageOf, pageOf } from '../http/page';
import { JSON_TYPE } from '../http/problem';
import { GroupYearParam } from './params';

class ConferenceParam extends GroupYearParam {
  @ApiProperty({ enum: ConferenceKind, enumName: 'ConferenceKind' })
  @IsEnum(ConferenceKind)
  kind: ConferenceKind;
}

// ---------- response models ----------

class UnitRefResponse implements UnitRefView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() code: string;
  @ApiProperty() name: string;
}

class ConferenceChairResponse implements ConferenceChairView {
  @ApiProperty({ type: UnitRefResponse }) unit: UnitRefResponse;
  @ApiProperty({ enum: LeadershipRole, enumName: 'LeadershipRole' }) role: LeadershipRole;
}

class ProgrammeItemResponse implements ProgrammeItemView {
  @ApiProperty({ type: 'integer' }) order: number;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) at: string | null;
  @ApiProperty() title: string;
  @ApiProperty({ type: UnitRefResponse, nullable: true }) presenterUnit: UnitRefResponse | null;
  @ApiProperty({ type: String, nullable: true }) presenter: string | null;
}

class InviteeResponse implements InviteeView {
  @ApiProperty() title: string;
  @ApiProperty({ type: String, nullable: true }) role: string | null;
  @ApiProperty({ type: UnitRefResponse, nullable: true }) unit: UnitRefResponse | null;
}

class DutyResponse implements DutyView {
  @ApiProperty({ type: UnitRefResponse, nullable: true }) unit: UnitRefResponse | null;
  @ApiProperty({ enum: DutyHolder, enumName: 'DutyHolder', nullable: true }) holder: DutyHolder | null;
  @ApiProperty() text: string;
  @ApiProperty({
    type: String,
    format: 'date',
    nullable: true,
    description: 'Stated, or offsetDays after the conference’s last day (null while it is undated)',
  })
  dueOn: string | null;
  @ApiProperty({ type: 'integer', nullable: true }) offsetDays: number | null;
}

class AttendeeResponse implements AttendeeView {
  @ApiProperty({ type: UnitRefResponse }) unit: UnitRefResponse;
  @ApiProperty() present: boolean;
  @ApiProperty({ type: String, nullable: true }) representative: string | null;
}

export class ConferenceResponse implements ConferenceView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) groupId: string;
  @ApiProperty({ type: 'integer' }) year: number;
  @ApiProperty({ enum: ConferenceKind, enumName: 'ConferenceKind' }) kind: ConferenceKind;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) startsAt: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) endsAt: string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true, description: 'First day (Vietnam)' })
  date: string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true, description: 'Last day (Vietnam)' })
  lastDay: string | null;
  @ApiProperty({ type: String, nullable: true }) place: string | null;
  @ApiProperty({ type: UnitRefResponse, nullable: true }) hostUnit: UnitRefResponse | null;
  @ApiProperty({ type: [ConferenceChairResponse] }) chairs: ConferenceChairResponse[];
  @ApiProperty({ type: [ProgrammeItemResponse] }) programme: ProgrammeItemResponse[];
  @ApiProperty({ type: [InviteeResponse] }) invitees: InviteeResponse[];
  @ApiProperty({ type: [DutyResponse] }) duties: DutyResponse[];
  @ApiProperty({ type: [AttendeeResponse] }) attendance: AttendeeResponse[];
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

class ConferencePage extends PageOf(ConferenceResponse) {}

class CandidateResponse implements CandidateView {
  @ApiProperty({ type: UnitRefResponse }) unit: UnitRefResponse;
  @ApiProperty({ type: 'integer', nullable: true }) votes: number | null;
}

class NominationResponse implements NominationView {
  @ApiProperty({ enum: LeadershipRole, enumName: 'LeadershipRole' }) role: LeadershipRole;
  @ApiProperty({ type: UnitRefResponse }) unit: UnitRefResponse;
  @ApiProperty({ enum: NominationMethod, enumName: 'NominationMethod' }) method: NominationMethod;
  @ApiProperty({ type: [CandidateResponse] }) candidates: CandidateResponse[];
  @ApiProperty({ format: 'date-time' }) nominatedAt: string;
  @ApiProperty({ type: String, format: 'date', nullable: true }) confirmedOn: string | null;
}

export class NominationsResponse implements NominationsView {
  @ApiProperty({ format: 'uuid' }) groupId: string;
  @ApiProperty({ type: 'integer', description: 'The year being closed' }) year: number;
  @ApiProperty({ type: 'integer', description: 'The year the nominees lead' }) forYear: number;
  @ApiProperty({ type: NominationResponse, nullable: true }) chair: NominationResponse | null;
  @ApiProperty({ type: NominationResponse, nullable: true }) viceChair: NominationResponse | null;
}

/**
 * A group-year's preparatory and official conferences, and next year's chair and vice-chair
 * nominated at the one and confirmed at the other (issue 15). Who may do what is decided by the
 * registry (libs/domain access/registry.ts): that year's chair and vice-chair and the board manage;
 * the members, the group's council members and the board see.
 */
@ApiTags('conferences')
@ApiBearerAuth()
@Controller('groups/:groupId/years/:year')
export class ConferencesController {
  constructor(@Inject(RPC_CLIENT) private readonly rpc: RpcClient) {}

  private gy(req: AuthedRequest, p: GroupYearParam) {
    return { groupId: p.groupId, year: p.year, actor: actorOf(req) };
  }

  @Get('conferences')
  @Header('content-type', JSON_TYPE)
  @ApiOperation({
    summary: 'Hội nghị trù bị và Hội nghị tổng kết của năm',
    operationId: 'listConferences',
  })
  @ApiOkResponse({ type: ConferencePage })
  async list(@Req() req: AuthedRequest, @Param() p: GroupYearParam, @Query() q: PageQuery) {
    return pageOf(await this.rpc.request(RegistryRpc.conferenceList, this.gy(req, p)), q);
  }

  @Get('conferences/:kind')
  @Header('content-type', JSON_TYPE)
  @ApiOperation({
    summary: 'Một hội nghị: thời gian, địa điểm, chủ trì, chương trình, thành phần, tham dự, nhiệm vụ',
    operationId: 'getConference',
  })
  @ApiOkResponse({ type: ConferenceResponse })
  get(@Req() req: AuthedRequest, @Param() p: ConferenceParam) {
    return this.rpc.requestJson(RegistryRpc.conferenceGet, { ...this.gy(req, p), kind: p.kind });
  }

  @Put('conferences/:kind')
  @Header('content-type', JSON_TYPE)
  @ApiOperation({
    summary:
      'Lập hoặc sửa kế hoạch hội nghị; khi có ngày, mốc hội nghị và các mốc tính theo nó (báo cáo thành tích 07 ngày sau) có ngày theo',
    operationId: 'planConference',
  })
  @ApiOkResponse({ type: ConferenceResponse })
  plan(@Req() req: AuthedRequest, @Param() p: ConferenceParam, @Body() body: PlanConferenceDto) {
    return this.rpc.requestJson(RegistryRpc.conferencePlan, { ...this.gy(req, p), kind: p.kind, body });
  }

  @Put('conferences/:kind/attendance')
  @Header('content-type', JSON_TYPE)
  @ApiOperation({
    summary: 'Ghi nhận các đơn vị tham dự hội nghị',
    operationId: 'recordConferenceAttendance',
  })
  @ApiOkResponse({ type: ConferenceResponse })
  attendance(@Req() req: AuthedRequest, @Param() p: ConferenceParam, @Body() body: AttendanceDto) {
    return this.rpc.requestJson(RegistryRpc.conferenceAttendance, { ...this.gy(req, p), kind: p.kind, body });
  }

  @Get('nominations')
  @Header('content-type', JSON_TYPE)
  @ApiOperation({
    summary: 'Cụm trưởng, Cụm phó năm sau được đề cử tại Hội nghị trù bị',
    operationId: 'getNominations',
  })
  @ApiOkResponse({ type: NominationsResponse })
  nominations(@Req() req: AuthedRequest, @Param() p: GroupYearParam) {
    return this.rpc.requestJson(RegistryRpc.nominationsGet, this.gy(req, p));
  }

  @Put('nominations')
  @Header('content-type', JSON_TYPE)
  @ApiOperation({
    summary: 'Đề cử Cụm trưởng, Cụm phó năm sau (luân phiên hoặc bầu, với các đơn vị ứng cử và số phiếu)',
    operationId: 'putNominations',
  })
  @ApiOkResponse({ type: NominationsResponse })
  nominate(@Req() req: AuthedRequest, @Param() p: GroupYearParam, @Body() body: NominationsDto) {
    return this.rpc.requestJson(RegistryRpc.nominationsPut, { ...this.gy(req, p), body });
  }

  @Post('nominations/confirm')
  @HttpCode(200)
  @Header('content-type', JSON_TYPE)
  @ApiOperation({
    summary:
      'Hội nghị tổng kết công nhận Cụm trưởng, Cụm phó năm sau: ghi vào lịch sử, có hiệu lực từ 01/01 năm sau',
    operationId: 'confirmNominations',
  })
  @ApiOkResponse({ type: LeadershipResponse, description: 'The leadership of year + 1' })
  confirm(@Req() req: AuthedRequest, @Param() p: GroupYearParam) {
    return this.rpc.requestJson(RegistryRpc.nominationsConfirm, this.gy(req, p));
  }
}

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
import { AuthedRequest, RPC_CLIENT } from '../auth/auth.guard';
import { ApiProblems, DateOnly, DateTime, Int, LeadershipResponse, Uuid } from '../http/api-models';
import { PageOf, pageOf } from '../http/page';
import { JSON_TYPE } from '../http/problem';
import { groupYearOf, GroupYearParam } from './params';

class ConferenceParam extends GroupYearParam {
  @ApiProperty({ enum: ConferenceKind, enumName: 'ConferenceKind' })
  @IsEnum(ConferenceKind)
  kind: ConferenceKind;
}

// ---------- response models ----------

class UnitRefResponse implements UnitRefView {
  @ApiProperty(Uuid()) id: string;
  @ApiProperty({ example: 'binh-dinh' }) code: string;
  @ApiProperty({ example: 'Bình Định' }) name: string;
}

class ConferenceChairResponse implements ConferenceChairView {
  @ApiProperty({ type: UnitRefResponse }) unit: UnitRefResponse;
  @ApiProperty({ enum: LeadershipRole, enumName: 'LeadershipRole' }) role: LeadershipRole;
}

class ProgrammeItemResponse implements ProgrammeItemView {
  @ApiProperty(Int({ minimum: 1 })) order: number;
  @ApiProperty(DateTime({ nullable: true })) at: string | null;
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
  @ApiProperty(
    DateOnly({
      nullable: true,
      description: 'Stated, or offsetDays after the conference’s last day (null while it is undated)',
    }),
  )
  dueOn: string | null;
  @ApiProperty(Int({ nullable: true })) offsetDays: number | null;
}

class AttendeeResponse implements AttendeeView {
  @ApiProperty({ type: UnitRefResponse }) unit: UnitRefResponse;
  @ApiProperty() present: boolean;
  @ApiProperty({ type: String, nullable: true }) representative: string | null;
}

export class ConferenceResponse implements ConferenceView {
  @ApiProperty(Uuid()) id: string;
  @ApiProperty(Uuid()) groupId: string;
  @ApiProperty(Int({ example: 2023 })) year: number;
  @ApiProperty({ enum: ConferenceKind, enumName: 'ConferenceKind' }) kind: ConferenceKind;
  @ApiProperty(DateTime({ nullable: true })) startsAt: string | null;
  @ApiProperty(DateTime({ nullable: true })) endsAt: string | null;
  @ApiProperty(DateOnly({ nullable: true, description: 'First day (Vietnam)' }))
  date: string | null;
  @ApiProperty(DateOnly({ nullable: true, description: 'Last day (Vietnam)' }))
  lastDay: string | null;
  @ApiProperty({ type: String, nullable: true }) place: string | null;
  @ApiProperty({ type: UnitRefResponse, nullable: true }) hostUnit: UnitRefResponse | null;
  @ApiProperty({ type: [ConferenceChairResponse] }) chairs: ConferenceChairResponse[];
  @ApiProperty({ type: [ProgrammeItemResponse] }) programme: ProgrammeItemResponse[];
  @ApiProperty({ type: [InviteeResponse] }) invitees: InviteeResponse[];
  @ApiProperty({ type: [DutyResponse] }) duties: DutyResponse[];
  @ApiProperty({ type: [AttendeeResponse] }) attendance: AttendeeResponse[];
  @ApiProperty(DateTime()) updatedAt: string;
}

class ConferencePage extends PageOf(ConferenceResponse) {}

class CandidateResponse implements CandidateView {
  @ApiProperty({ type: UnitRefResponse }) unit: UnitRefResponse;
  @ApiProperty(Int({ nullable: true, minimum: 0 })) votes: number | null;
}

class NominationResponse implements NominationView {
  @ApiProperty({ enum: LeadershipRole, enumName: 'LeadershipRole' }) role: LeadershipRole;
  @ApiProperty({ type: UnitRefResponse }) unit: UnitRefResponse;
  @ApiProperty({ enum: NominationMethod, enumName: 'NominationMethod' }) method: NominationMethod;
  @ApiProperty({ type: [CandidateResponse] }) candidates: CandidateResponse[];
  @ApiProperty(DateTime()) nominatedAt: string;
  @ApiProperty(DateOnly({ nullable: true })) confirmedOn: string | null;
}

export class NominationsResponse implements NominationsView {
  @ApiProperty(Uuid()) groupId: string;
  @ApiProperty(Int({ example: 2023, description: 'The year being closed' })) year: number;
  @ApiProperty(Int({ example: 2024, description: 'The year the nominees lead' })) forYear: number;
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

  @Get('conferences')
  @Header('content-type', JSON_TYPE)
  @ApiOperation({
    summary: 'Hội nghị trù bị và Hội nghị tổng kết của năm',
    operationId: 'listConferences',
  })
  @ApiOkResponse({ type: ConferencePage })
  @ApiProblems({
    403: 'Không phải thành viên năm đó, thành viên Hội đồng phụ trách hay Ban TĐKT (CONFERENCE_READ_REFUSED)',
    404: 'Không có cụm, khối này (GROUP_NOT_FOUND)',
  })
  async list(@Req() req: AuthedRequest, @Param() p: GroupYearParam, @Query() q: PageQuery) {
    return pageOf(await this.rpc.request(RegistryRpc.conferenceList, groupYearOf(req, p)), q);
  }

  @Get('conferences/:kind')
  @Header('content-type', JSON_TYPE)
  @ApiOperation({
    summary: 'Một hội nghị: thời gian, địa điểm, chủ trì, chương trình, thành phần, tham dự, nhiệm vụ',
    operationId: 'getConference',
  })
  @ApiOkResponse({ type: ConferenceResponse })
  @ApiProblems({
    403: 'Không phải thành viên năm đó, thành viên Hội đồng phụ trách hay Ban TĐKT (CONFERENCE_READ_REFUSED)',
    404: 'Không có cụm, khối (GROUP_NOT_FOUND) hoặc chưa có kế hoạch hội nghị này (CONFERENCE_NOT_FOUND)',
  })
  get(@Req() req: AuthedRequest, @Param() p: ConferenceParam) {
    return this.rpc.requestJson(RegistryRpc.conferenceGet, { ...groupYearOf(req, p), kind: p.kind });
  }

  @Put('conferences/:kind')
  @Header('content-type', JSON_TYPE)
  @ApiOperation({
    summary:
      'Lập hoặc sửa kế hoạch hội nghị; khi có ngày, mốc hội nghị và các mốc tính theo nó (báo cáo thành tích 07 ngày sau) có ngày theo',
    operationId: 'planConference',
  })
  @ApiOkResponse({ type: ConferenceResponse })
  @ApiProblems({
    400: 'Dữ liệu không hợp lệ, nêu trường sai: đơn vị không có (CONFERENCE_UNIT_NOT_FOUND), chủ trì không là thành viên năm đó (CONFERENCE_UNIT_NOT_MEMBER), một đơn vị hai lần (CONFERENCE_UNIT_TWICE), thời điểm không có thật (CONFERENCE_INSTANT_INVALID), kết thúc trước bắt đầu (CONFERENCE_ENDS_BEFORE_START, CONFERENCE_ENDS_WITHOUT_START), trùng số thứ tự chương trình (CONFERENCE_PROGRAMME_ORDER_TAKEN), nhiệm vụ vừa có ngày vừa có số ngày (CONFERENCE_DUTY_DUE_TWICE) hoặc vừa giao đơn vị vừa giao vai trò (CONFERENCE_DUTY_HOLDER_TWICE)',
    403: 'Không phải Cụm trưởng, Cụm phó năm đó hay Ban TĐKT (CONFERENCE_CHANGE_REFUSED)',
    404: 'Không có cụm, khối (GROUP_NOT_FOUND) hoặc kế hoạch thi đua của năm (CAMPAIGN_NOT_FOUND)',
    409: 'Hội nghị trù bị không trước Hội nghị tổng kết (CONFERENCE_PREPARATORY_AFTER_OFFICIAL)',
  })
  plan(@Req() req: AuthedRequest, @Param() p: ConferenceParam, @Body() body: PlanConferenceDto) {
    return this.rpc.requestJson(RegistryRpc.conferencePlan, { ...groupYearOf(req, p), kind: p.kind, body });
  }

  @Put('conferences/:kind/attendance')
  @Header('content-type', JSON_TYPE)
  @ApiOperation({
    summary: 'Ghi nhận các đơn vị tham dự hội nghị',
    operationId: 'recordConferenceAttendance',
  })
  @ApiOkResponse({ type: ConferenceResponse })
  @ApiProblems({
    400: 'Đơn vị không có (CONFERENCE_UNIT_NOT_FOUND) hoặc có hai lần (CONFERENCE_UNIT_TWICE), nêu trường attendees[i].unitId',
    403: 'Không phải Cụm trưởng, Cụm phó năm đó hay Ban TĐKT (CONFERENCE_CHANGE_REFUSED)',
    404: 'Chưa có kế hoạch hội nghị này (CONFERENCE_NOT_FOUND)',
  })
  attendance(@Req() req: AuthedRequest, @Param() p: ConferenceParam, @Body() body: AttendanceDto) {
    return this.rpc.requestJson(RegistryRpc.conferenceAttendance, {
      ...groupYearOf(req, p),
      kind: p.kind,
      body,
    });
  }

  @Get('nominations')
  @Header('content-type', JSON_TYPE)
  @ApiOperation({
    summary: 'Cụm trưởng, Cụm phó năm sau được đề cử tại Hội nghị trù bị',
    operationId: 'getNominations',
  })
  @ApiOkResponse({ type: NominationsResponse })
  @ApiProblems({
    403: 'Không phải thành viên năm đó, thành viên Hội đồng phụ trách hay Ban TĐKT (CONFERENCE_READ_REFUSED)',
    404: 'Không có cụm, khối này (GROUP_NOT_FOUND)',
  })
  nominations(@Req() req: AuthedRequest, @Param() p: GroupYearParam) {
    return this.rpc.requestJson(RegistryRpc.nominationsGet, groupYearOf(req, p));
  }

  @Put('nominations')
  @Header('content-type', JSON_TYPE)
  @ApiOperation({
    summary: 'Đề cử Cụm trưởng, Cụm phó năm sau (luân phiên hoặc bầu, với các đơn vị ứng cử và số phiếu)',
    operationId: 'putNominations',
  })
  @ApiOkResponse({ type: NominationsResponse })
  @ApiProblems({
    400: 'Đơn vị không là thành viên năm sau (NOMINATION_NOT_MEMBER, trường chair.unitId…), trùng Cụm trưởng và Cụm phó (NOMINATION_SAME_UNIT), bầu mà không có danh sách ứng cử (NOMINATION_CANDIDATES_REQUIRED), đơn vị không trong danh sách (NOMINATION_NOT_A_CANDIDATE), ứng cử hai lần (NOMINATION_CANDIDATE_TWICE), không được nhiều phiếu nhất (NOMINATION_NOT_MOST_VOTED), đơn vị không có (CONFERENCE_UNIT_NOT_FOUND)',
    403: 'Không phải Cụm trưởng, Cụm phó năm đó hay Ban TĐKT (CONFERENCE_CHANGE_REFUSED)',
    409: 'Chưa có kế hoạch Hội nghị trù bị (NOMINATION_NO_PREPARATORY_CONFERENCE) hoặc đã được công nhận (NOMINATIONS_CONFIRMED)',
  })
  nominate(@Req() req: AuthedRequest, @Param() p: GroupYearParam, @Body() body: NominationsDto) {
    return this.rpc.requestJson(RegistryRpc.nominationsPut, { ...groupYearOf(req, p), body });
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
  @ApiProblems({
    403: 'Không phải Cụm trưởng, Cụm phó năm đó hay Ban TĐKT (CONFERENCE_CHANGE_REFUSED)',
    409: 'Chưa đề cử (NOMINATIONS_NOT_FOUND) hoặc Hội nghị tổng kết chưa có ngày (NOMINATION_OFFICIAL_UNDATED)',
  })
  confirm(@Req() req: AuthedRequest, @Param() p: GroupYearParam) {
    return this.rpc.requestJson(RegistryRpc.nominationsConfirm, groupYearOf(req, p));
  }
}

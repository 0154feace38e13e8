import {
  Body,
  Controller,
  Get,
  Header,
  HttpCode,
  Inject,
  Param,
  Patch,
  Post,
  Put,
  Query,
  Req,
} from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  CreateGroupDto,
  CreateMembershipDto,
  CreateSubgroupDto,
  ListGroupsQuery,
  MembersPageQuery,
  MilestoneDto,
  PageQuery,
  RegistryRpc,
  SetLeadershipDto,
  UpdateGroupDto,
  UpdateMembershipDto,
  UpsertCampaignDto,
} from '@tdkt/contracts';
import { Permission } from '@tdkt/domain';
import { RpcClient } from '@tdkt/platform';
import { actorOf, AuthedRequest, Requires, RPC_CLIENT } from '../auth/auth.guard';
import {
  CampaignPage,
  CurrentSuccessorsPage,
  CurrentSuccessorsPageQuery,
  MembersPage,
  pageOf,
  SubgroupPage,
} from '../http/page';
import { JSON_TYPE } from '../http/problem';
import {
  CampaignResponse,
  GroupPage,
  GroupResponse,
  LeadershipResponse,
  MembershipResponse,
  SubgroupResponse,
} from '../http/api-models';
import { GroupParam, GroupYearParam, MembershipParam } from './params';

@ApiTags('groups')
@ApiBearerAuth()
@Controller('groups')
export class GroupsController {
  constructor(@Inject(RPC_CLIENT) private readonly rpc: RpcClient) {}

  @Get()
  @Header('content-type', JSON_TYPE)
  @ApiOperation({
    operationId: 'listGroups',
    summary: 'Cụm, khối thi đua; tìm theo tên, lọc theo loại và năm',
  })
  @ApiOkResponse({ type: GroupPage })
  list(@Query() q: ListGroupsQuery) {
    return this.rpc.requestJson(RegistryRpc.groupList, q);
  }

  @Post()
  @Header('content-type', JSON_TYPE)
  @Requires(Permission.MANAGE_GROUPS)
  @ApiCreatedResponse({ type: GroupResponse })
  @ApiOperation({ operationId: 'createGroup', summary: 'Tạo cụm, khối thi đua' })
  create(@Body() dto: CreateGroupDto) {
    return this.rpc.requestJson(RegistryRpc.groupCreate, dto);
  }

  @Get(':groupId')
  @Header('content-type', JSON_TYPE)
  @ApiOkResponse({ type: GroupResponse })
  @ApiOperation({ operationId: 'getGroup', summary: 'Một cụm, khối thi đua, theo id hoặc mã' })
  get(@Param() p: GroupParam) {
    return this.rpc.requestJson(RegistryRpc.groupGet, { id: p.groupId });
  }

  @Patch(':groupId')
  @Header('content-type', JSON_TYPE)
  @Requires(Permission.MANAGE_GROUPS)
  @ApiOkResponse({ type: GroupResponse })
  @ApiOperation({ operationId: 'updateGroup', summary: 'Sửa cụm, khối thi đua hoặc kết thúc hiệu lực' })
  update(@Param() p: GroupParam, @Body() patch: UpdateGroupDto) {
    return this.rpc.requestJson(RegistryRpc.groupUpdate, { id: p.groupId, patch });
  }

  @Get(':groupId/subgroups')
  @Header('content-type', JSON_TYPE)
  @ApiOkResponse({ type: SubgroupPage })
  @ApiOperation({ operationId: 'listSubgroups', summary: 'Các nhóm trong cụm, khối' })
  async subgroups(@Param() p: GroupParam, @Query() q: PageQuery) {
    return pageOf(await this.rpc.request(RegistryRpc.subgroupList, { id: p.groupId }), q);
  }

  @Post(':groupId/subgroups')
  @Header('content-type', JSON_TYPE)
  @Requires(Permission.MANAGE_GROUPS)
  @ApiCreatedResponse({ type: SubgroupResponse })
  @ApiOperation({ operationId: 'createSubgroup', summary: 'Tạo một nhóm trong cụm, khối' })
  createSubgroup(@Param() p: GroupParam, @Body() dto: CreateSubgroupDto) {
    return this.rpc.requestJson(RegistryRpc.subgroupCreate, { ...dto, groupId: p.groupId });
  }

  @Get(':groupId/members')
  @Header('content-type', JSON_TYPE)
  @ApiOperation({
    operationId: 'listGroupMembers',
    summary: 'Thành viên trong năm (year) hoặc vào ngày (on), như lúc đó — không viết lại lịch sử',
  })
  @ApiOkResponse({ type: MembersPage })
  members(@Param() p: GroupParam, @Query() q: MembersPageQuery) {
    return this.rpc.requestJson(RegistryRpc.memberPage, { ...q, groupId: p.groupId });
  }

  @Get(':groupId/members/current-successors')
  @Header('content-type', JSON_TYPE)
  @ApiOperation({
    operationId: 'listGroupCurrentSuccessors',
    summary: 'Các đơn vị hiện nay kế thừa các thành viên của năm đó, mỗi đơn vị một lần',
  })
  @ApiOkResponse({ type: CurrentSuccessorsPage })
  async currentSuccessors(@Param() p: GroupParam, @Query() q: CurrentSuccessorsPageQuery) {
    const { limit, offset, ...period } = q;
    const { successors, ...of } = await this.rpc.request(RegistryRpc.memberCurrentSuccessors, {
      ...period,
      groupId: p.groupId,
    });
    return { ...of, ...pageOf(successors, { limit, offset }) };
  }

  @Post(':groupId/memberships')
  @Header('content-type', JSON_TYPE)
  @Requires(Permission.MANAGE_GROUPS)
  @ApiCreatedResponse({ type: MembershipResponse })
  @ApiOperation({
    operationId: 'addGroupMember',
    summary: 'Thêm đơn vị thành viên từ một ngày (có thể vào một nhóm)',
  })
  addMember(@Param() p: GroupParam, @Body() dto: CreateMembershipDto) {
    return this.rpc.requestJson(RegistryRpc.membershipCreate, { ...dto, groupId: p.groupId });
  }

  @Patch(':groupId/memberships/:membershipId')
  @Header('content-type', JSON_TYPE)
  @Requires(Permission.MANAGE_GROUPS)
  @ApiOkResponse({ type: MembershipResponse })
  @ApiOperation({
    operationId: 'updateGroupMembership',
    summary: 'Sửa tư cách thành viên: nhóm, ngày kết thúc',
  })
  updateMember(@Param() p: MembershipParam, @Body() dto: UpdateMembershipDto) {
    return this.rpc.requestJson(RegistryRpc.membershipUpdate, {
      ...dto,
      groupId: p.groupId,
      membershipId: p.membershipId,
    });
  }

  @Get(':groupId/years/:year/leadership')
  @Header('content-type', JSON_TYPE)
  @ApiOperation({ operationId: 'getLeadership', summary: 'Cụm trưởng, Cụm phó (Trưởng, Phó khối) của năm' })
  @ApiOkResponse({ type: LeadershipResponse })
  leadership(@Param() p: GroupYearParam) {
    return this.rpc.requestJson(RegistryRpc.leadershipGet, { groupId: p.groupId, year: p.year });
  }

  @Put(':groupId/years/:year/leadership')
  @Header('content-type', JSON_TYPE)
  @Requires(Permission.MANAGE_GROUPS)
  @ApiOkResponse({ type: LeadershipResponse })
  @ApiOperation({
    operationId: 'setLeadership',
    summary: 'Ghi Cụm trưởng, Cụm phó của năm (luân phiên hoặc bầu, ngày quyết định)',
  })
  setLeadership(@Req() req: AuthedRequest, @Param() p: GroupYearParam, @Body() body: SetLeadershipDto) {
    return this.rpc.requestJson(RegistryRpc.leadershipSet, {
      groupId: p.groupId,
      year: p.year,
      body,
      actor: actorOf(req),
    });
  }

  @Get(':groupId/campaigns')
  @Header('content-type', JSON_TYPE)
  @ApiOkResponse({ type: CampaignPage })
  @ApiOperation({
    operationId: 'listCampaigns',
    summary: 'Các kế hoạch thi đua của cụm, khối qua các năm (năm mới nhất trước)',
  })
  async campaigns(@Param() p: GroupParam, @Query() q: PageQuery) {
    return pageOf(await this.rpc.request(RegistryRpc.campaignList, { groupId: p.groupId }), q);
  }

  @Get(':groupId/years/:year/campaign')
  @Header('content-type', JSON_TYPE)
  @ApiOperation({
    operationId: 'getCampaign',
    summary: 'Kế hoạch thi đua của năm và các mốc thời gian (hạn chót tính theo giờ Việt Nam)',
  })
  @ApiOkResponse({ type: CampaignResponse })
  campaign(@Param() p: GroupYearParam) {
    return this.rpc.requestJson(RegistryRpc.campaignGet, { groupId: p.groupId, year: p.year });
  }

  @Put(':groupId/years/:year/campaign')
  @Header('content-type', JSON_TYPE)
  @Requires(Permission.MANAGE_CAMPAIGN, 'group-year')
  @ApiOkResponse({ type: CampaignResponse })
  @ApiOperation({
    operationId: 'putCampaign',
    summary: 'Lập hoặc sửa kế hoạch thi đua của năm (tiêu đề, chính sách nộp muộn, các mốc)',
  })
  upsertCampaign(@Req() req: AuthedRequest, @Param() p: GroupYearParam, @Body() body: UpsertCampaignDto) {
    return this.rpc.requestJson(RegistryRpc.campaignUpsert, {
      groupId: p.groupId,
      year: p.year,
      body,
      actor: actorOf(req),
    });
  }

  @Post(':groupId/years/:year/campaign/milestones')
  @Header('content-type', JSON_TYPE)
  @HttpCode(200)
  @Requires(Permission.MANAGE_CAMPAIGN, 'group-year')
  @ApiOperation({ operationId: 'upsertMilestone', summary: 'Thêm hoặc sửa một mốc (theo code)' })
  @ApiOkResponse({ type: CampaignResponse })
  upsertMilestone(@Req() req: AuthedRequest, @Param() p: GroupYearParam, @Body() body: MilestoneDto) {
    return this.rpc.requestJson(RegistryRpc.milestoneUpsert, {
      groupId: p.groupId,
      year: p.year,
      body,
      actor: actorOf(req),
    });
  }
}

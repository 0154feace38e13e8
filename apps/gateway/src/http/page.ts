import type { Type as ClassType } from '@nestjs/common';
import { ApiProperty, IntersectionType } from '@nestjs/swagger';
import {
  CampaignSubmissionsView,
  CurrentSuccessorsView,
  DEFAULT_PAGE_SIZE,
  MAX_PAGE_SIZE,
  MembersPageView,
  MembersQuery,
  Page,
  PageQuery,
  SCORE_CHANGES_SORT,
  ScoreChangesSort,
  SubmissionKind,
} from '@tdkt/contracts';
import { IsEnum, IsIn, IsOptional, IsUUID } from 'class-validator';
import {
  KindDeadlineResponse,
  MemberSubmissionsResponse,
  ReceiptResponse,
  SubmissionCountsResponse,
} from '../intake/api-models';
import { ScoreChangeResponse, SelfScoreSheetResponse } from '../scoring/api-models';
import {
  CampaignResponse,
  GroupResponse,
  Int,
  MembershipResponse,
  SubgroupResponse,
  SuccessorResponse,
} from './api-models';

/**
 * The one shape of every list: `{ items, total, limit, offset }`. `limit` (default
 * DEFAULT_PAGE_SIZE, at most MAX_PAGE_SIZE) and `offset` come from the query (PageQuery); `total`
 * counts every item the request matches, not only this page. A page's schema is named by the
 * subclass: `class UnitPage extends PageOf(UnitResponse) {}`.
 */
export function PageOf<T>(item: ClassType<T>): ClassType<Page<T>> {
  class PageResponse implements Page<T> {
    @ApiProperty({ type: [item] }) items: T[];
    @ApiProperty(Int({ minimum: 0, description: 'Số mục khớp yêu cầu (mọi trang)' })) total: number;
    @ApiProperty(
      Int({
        minimum: 1,
        maximum: MAX_PAGE_SIZE,
        example: DEFAULT_PAGE_SIZE,
        description: 'Cỡ trang đã dùng',
      }),
    )
    limit: number;
    @ApiProperty(Int({ minimum: 0, example: 0, description: 'Số mục đã bỏ qua' })) offset: number;
  }
  return PageResponse;
}

/**
 * A page of a list its service answers whole: small lists with a natural bound (a group's
 * subgroups and campaigns, a submission's receipts, a member-year's self-score sheets, the award
 * catalogue), cut here so that every list has the same shape and parameters.
 */
export function pageOf<T>(all: readonly T[], q: { limit?: number; offset?: number }): Page<T> {
  const limit = q.limit ?? DEFAULT_PAGE_SIZE;
  const offset = q.offset ?? 0;
  return { items: all.slice(offset, offset + limit), total: all.length, limit, offset };
}

export class SubgroupPage extends PageOf(SubgroupResponse) {}
export class CampaignPage extends PageOf(CampaignResponse) {}
export class ReceiptPage extends PageOf(ReceiptResponse) {}
export class SelfScoreSheetPage extends PageOf(SelfScoreSheetResponse) {}

/** `GET …/self-score-sheets`: one member's sheets or all, one page. */
export class SelfScoreSheetsQuery extends PageQuery {
  @ApiProperty({ required: false, format: 'uuid', description: 'Chỉ các bảng của đơn vị thành viên này' })
  @IsOptional()
  @IsUUID()
  memberId?: string;
}

/** `GET …/members/current-successors`: the period (year or on), a subgroup, and the page. */
export class CurrentSuccessorsPageQuery extends IntersectionType(MembersQuery, PageQuery) {}

/** A page of today's units the members of a period have become (by name), with the group and period. */
export class CurrentSuccessorsPage
  extends PageOf(SuccessorResponse)
  implements Omit<CurrentSuccessorsView, 'successors'>
{
  @ApiProperty({ type: GroupResponse }) group: GroupResponse;
  @ApiProperty({ format: 'date', example: '2023-01-01' }) from: string;
  @ApiProperty({ format: 'date', example: '2023-12-31' }) to: string;
}

// ---------- a campaign's submissions, member by member ----------

export class CampaignSubmissionsPageQuery extends PageQuery {
  @ApiProperty({
    required: false,
    enum: SubmissionKind,
    enumName: 'SubmissionKind',
    description: 'Chỉ loại hồ sơ này',
  })
  @IsOptional()
  @IsEnum(SubmissionKind)
  kind?: SubmissionKind;
}

/** The campaign's deadlines and counts (of every member), and one page of its members (by name). */
export class CampaignSubmissionsPage
  extends PageOf(MemberSubmissionsResponse)
  implements Omit<CampaignSubmissionsView, 'members'>
{
  @ApiProperty({ format: 'uuid' }) campaignId: string;
  @ApiProperty({ format: 'uuid' }) groupId: string;
  @ApiProperty(Int()) year: number;
  @ApiProperty({ type: [KindDeadlineResponse] }) deadlines: KindDeadlineResponse[];
  @ApiProperty({
    type: SubmissionCountsResponse,
    description: 'Số lượng của mọi thành viên (không chỉ trang này)',
  })
  counts: SubmissionCountsResponse;
}

// ---------- the score-changes trail ----------

export class ScoreChangesQuery extends PageQuery {
  @ApiProperty({ required: false, format: 'uuid', description: 'Chỉ nhật ký của đơn vị thành viên này' })
  @IsOptional()
  @IsUUID()
  memberId?: string;

  @ApiProperty({
    required: false,
    enum: SCORE_CHANGES_SORT,
    enumName: 'ScoreChangesSort',
    default: 'at',
    description: 'at: cũ trước (mặc định); -at: mới trước',
  })
  @IsOptional()
  @IsIn(SCORE_CHANGES_SORT)
  sort?: ScoreChangesSort;
}

export class ScoreChangePage extends PageOf(ScoreChangeResponse) {}

// ---------- a group's members ----------

/** A page of members, with the group and the period it is about. */
export class MembersPage extends PageOf(MembershipResponse) implements MembersPageView {
  @ApiProperty({ type: GroupResponse }) group: GroupResponse;
  @ApiProperty({ format: 'date', example: '2023-01-01', description: 'Đầu kỳ được hỏi' }) from: string;
  @ApiProperty({ format: 'date', example: '2023-12-31', description: 'Cuối kỳ được hỏi' }) to: string;
}

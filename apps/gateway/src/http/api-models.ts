/**
 * Response shapes for the OpenAPI document. Each class implements the contract's view type, so the
 * compiler keeps the documentation and the payloads in step.
 */
import { ApiProperty } from '@nestjs/swagger';
import {
  AuthUserView,
  CampaignView,
  ChosenBy,
  CurrentSuccessorsView,
  ErrorCode,
  GroupKind,
  GroupView,
  LatePolicy,
  LeaderView,
  LeadershipRole,
  LeadershipView,
  MembersView,
  MembershipView,
  MilestoneView,
  SubmissionKind,
  OrganiserKind,
  Page,
  Role,
  RoleGrant,
  SubgroupView,
  SuccessionLink,
  UnitHistoryView,
  UnitKind,
  UnitView,
} from '@tdkt/contracts';

/** An OpenAPI free-form object (a nested structure documented by its description). */
export const OBJECT = { type: 'object', additionalProperties: true } as const;

export class UnitResponse implements UnitView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'binh-dinh' }) code: string;
  @ApiProperty({ example: 'Bình Định' }) name: string;
  @ApiProperty({ enum: UnitKind }) kind: UnitKind;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) parentId: string | null;
  @ApiProperty({ type: String, nullable: true, example: null }) validFrom: string | null;
  @ApiProperty({ type: String, nullable: true, example: '2025-06-30' }) validTo: string | null;
}

export class UnitPage implements Page<UnitView> {
  @ApiProperty({ type: [UnitResponse] }) items: UnitResponse[];
  @ApiProperty() total: number;
  @ApiProperty() limit: number;
  @ApiProperty() offset: number;
}

export class SuccessionLinkResponse implements SuccessionLink {
  @ApiProperty({ type: UnitResponse }) unit: UnitResponse;
  @ApiProperty({ example: '2025-07-01' }) effectiveOn: string;
}

export class UnitHistoryResponse implements UnitHistoryView {
  @ApiProperty({ type: UnitResponse }) unit: UnitResponse;
  @ApiProperty({ type: [SuccessionLinkResponse] }) predecessors: SuccessionLinkResponse[];
  @ApiProperty({ type: [SuccessionLinkResponse] }) successors: SuccessionLinkResponse[];
  @ApiProperty({ type: [UnitResponse], description: 'Units valid today that this unit has become' })
  currentSuccessors: UnitResponse[];
}

export class GroupResponse implements GroupView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'cum-tn-dhmt' }) code: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: GroupKind }) kind: GroupKind;
  @ApiProperty({ enum: OrganiserKind }) organiserKind: OrganiserKind;
  @ApiProperty({ type: String, nullable: true }) organiserUnitId: string | null;
  @ApiProperty({ type: String, nullable: true }) validFrom: string | null;
  @ApiProperty({ type: String, nullable: true }) validTo: string | null;
}

export class GroupPage implements Page<GroupView> {
  @ApiProperty({ type: [GroupResponse] }) items: GroupResponse[];
  @ApiProperty() total: number;
  @ApiProperty() limit: number;
  @ApiProperty() offset: number;
}

export class SubgroupResponse implements SubgroupView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) groupId: string;
  @ApiProperty({ example: 'tay-nguyen' }) code: string;
  @ApiProperty({ example: '05 tỉnh Tây Nguyên' }) name: string;
}

export class MembershipResponse implements MembershipView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) groupId: string;
  @ApiProperty({ type: UnitResponse }) unit: UnitResponse;
  @ApiProperty({ type: SubgroupResponse, nullable: true }) subgroup: SubgroupResponse | null;
  @ApiProperty({ example: '2023-01-01' }) validFrom: string;
  @ApiProperty({ type: String, nullable: true }) validTo: string | null;
}

export class MembersResponse implements MembersView {
  @ApiProperty({ type: GroupResponse }) group: GroupResponse;
  @ApiProperty({ example: '2023-01-01' }) from: string;
  @ApiProperty({ example: '2023-12-31' }) to: string;
  @ApiProperty({ type: [MembershipResponse] }) members: MembershipResponse[];
}

export class SuccessorResponse {
  @ApiProperty({ type: UnitResponse }) unit: UnitResponse;
  @ApiProperty({ type: [UnitResponse] }) predecessors: UnitResponse[];
}

export class CurrentSuccessorsResponse implements CurrentSuccessorsView {
  @ApiProperty({ type: GroupResponse }) group: GroupResponse;
  @ApiProperty() from: string;
  @ApiProperty() to: string;
  @ApiProperty({ type: [SuccessorResponse] }) successors: SuccessorResponse[];
}

export class LeaderResponse implements LeaderView {
  @ApiProperty({ enum: LeadershipRole }) role: LeadershipRole;
  @ApiProperty({ type: UnitResponse }) unit: UnitResponse;
  @ApiProperty({ enum: ChosenBy }) chosenBy: ChosenBy;
  @ApiProperty({ type: String, nullable: true }) decidedOn: string | null;
}

export class LeadershipResponse implements LeadershipView {
  @ApiProperty({ format: 'uuid' }) groupId: string;
  @ApiProperty({ example: 2023 }) year: number;
  @ApiProperty({ type: LeaderResponse, nullable: true }) chair: LeaderResponse | null;
  @ApiProperty({ type: LeaderResponse, nullable: true }) viceChair: LeaderResponse | null;
}

export class MilestoneResponse implements MilestoneView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'self-score-due' }) code: string;
  @ApiProperty() title: string;
  @ApiProperty({ type: String, nullable: true }) startsOn: string | null;
  @ApiProperty({ type: String, nullable: true, example: '2024-02-04' }) dueOn: string | null;
  @ApiProperty({ type: String, nullable: true, example: '2024-02-04T16:59:59.999Z' }) dueAt: string | null;
  @ApiProperty({ type: String, nullable: true }) anchorCode: string | null;
  @ApiProperty({ type: Number, nullable: true }) offsetDays: number | null;
  @ApiProperty({ enum: LatePolicy, nullable: true }) latePolicy: LatePolicy | null;
  @ApiProperty({
    enum: SubmissionKind,
    isArray: true,
    description: 'Kinds of submission due at this milestone',
  })
  submissionKinds: SubmissionKind[];
}

export class CampaignResponse implements CampaignView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) groupId: string;
  @ApiProperty() year: number;
  @ApiProperty() title: string;
  @ApiProperty({ enum: LatePolicy }) latePolicy: LatePolicy;
  @ApiProperty({ type: [MilestoneResponse] }) milestones: MilestoneResponse[];
}

export class RoleGrantResponse implements RoleGrant {
  @ApiProperty({ enum: Role }) role: Role;
  @ApiProperty({ type: String, nullable: true, required: false }) unitId?: string | null;
  @ApiProperty({ type: String, nullable: true, required: false }) groupId?: string | null;
  @ApiProperty({ type: Number, nullable: true, required: false }) year?: number | null;
}

export class MeResponse implements AuthUserView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() username: string;
  @ApiProperty() displayName: string;
  @ApiProperty({ type: String, nullable: true }) unitId: string | null;
  @ApiProperty({ type: [RoleGrantResponse] }) roles: RoleGrantResponse[];
}

export class LoginResponse {
  @ApiProperty() accessToken: string;
  @ApiProperty({ example: 'Bearer' }) tokenType: 'Bearer';
  @ApiProperty() expiresAt: string;
  @ApiProperty({ type: MeResponse }) user: MeResponse;
}

export class FieldErrorResponse {
  @ApiProperty({ example: 'validFrom' }) field: string;
  @ApiProperty({ example: 'must be a date YYYY-MM-DD' }) message: string;
}

/** application/problem+json (RFC 7807). */
export class ProblemResponse {
  @ApiProperty({ example: 'urn:tdkt:problem:validation-failed' }) type: string;
  @ApiProperty({ example: 'Dữ liệu không hợp lệ' }) title: string;
  @ApiProperty({ example: 400 }) status: number;
  @ApiProperty() detail: string;
  @ApiProperty({ required: false }) instance?: string;
  @ApiProperty({ required: false }) requestId?: string;
  @ApiProperty({
    example: 'SUBMISSION_CAMPAIGN_CLOSED',
    description:
      'Mã lỗi chính xác (một khóa của danh mục lỗi, ví dụ SUBMISSION_CAMPAIGN_CLOSED) để giao diện rẽ nhánh; ' +
      'khi dịch vụ không nêu lý do riêng thì bằng `kind`',
  })
  code: string;
  @ApiProperty({ enum: ErrorCode, enumName: 'ErrorKind', description: 'Loại lỗi: quyết định mã HTTP' })
  kind: ErrorCode;
  @ApiProperty({ type: [FieldErrorResponse], required: false }) errors?: FieldErrorResponse[];
}

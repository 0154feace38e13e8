import { ApiProperty, IntersectionType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsEnum,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import {
  IsCalendarDate,
  IsText,
  IsWellFormed,
  IsYear,
  Omittable,
  PageQuery,
  YEAR_MAX,
  YEAR_MIN,
  EACH_OBJECT,
} from '../common';
import { ActorDto, ActorRequest } from '../intake/dto';
import { SubmissionKind } from '../intake/kinds';
import { ChosenBy, GroupKind, LatePolicy, OrganiserKind, UnitKind } from './model';

const CODE = /^[a-z0-9][a-z0-9-]{0,63}$/;
const CODE_MSG = 'chỉ gồm chữ thường không dấu, chữ số và gạch ngang (tối đa 64 ký tự)';

/** An id in a path may be the UUID or the stable code. */
export class IdRequest {
  @IsString()
  @IsWellFormed()
  @IsNotEmpty()
  @MaxLength(64)
  id: string;
}

// ---------- units ----------

export class ListUnitsQuery extends PageQuery {
  @ApiProperty({ required: false, description: 'Tìm theo tên, có hoặc không dấu (e.g. "dak lak", "Đắk")' })
  @IsOptional()
  @IsString()
  @IsWellFormed()
  @MaxLength(100)
  q?: string;

  @ApiProperty({ required: false, enum: UnitKind })
  @IsOptional()
  @IsEnum(UnitKind)
  kind?: UnitKind;

  @ApiProperty({ required: false, description: 'Only units valid on this date (YYYY-MM-DD)' })
  @IsOptional()
  @IsCalendarDate()
  on?: string;

  @ApiProperty({ required: false, description: 'Only units under this parent (id)' })
  @IsOptional()
  @IsUUID()
  parentId?: string;
}

export class CreateUnitDto {
  @ApiProperty({ example: 'so-noi-vu-binh-dinh' })
  @Matches(CODE, { message: `code ${CODE_MSG}` })
  code: string;

  @ApiProperty({ example: 'Sở Nội vụ tỉnh Bình Định' })
  @IsText(1, 200)
  name: string;

  @ApiProperty({ enum: UnitKind })
  @IsEnum(UnitKind)
  kind: UnitKind;

  @ApiProperty({ required: false, nullable: true })
  @IsOptional()
  @IsUUID()
  parentId?: string | null;

  @ApiProperty({ required: false, nullable: true, example: '2025-07-01' })
  @IsOptional()
  @IsCalendarDate()
  validFrom?: string | null;

  @ApiProperty({ required: false, nullable: true })
  @IsOptional()
  @IsCalendarDate()
  validTo?: string | null;
}

/** A field left out stays as it is; null is refused except where it clears (validTo). */
export class UpdateUnitDto {
  @ApiProperty({ required: false })
  @Omittable()
  @IsText(1, 200)
  name?: string;

  @ApiProperty({ required: false, enum: UnitKind })
  @Omittable()
  @IsEnum(UnitKind)
  kind?: UnitKind;

  @ApiProperty({ required: false, nullable: true, description: 'Ends the unit (history is kept)' })
  @IsOptional()
  @IsCalendarDate()
  validTo?: string | null;
}

export class UpdateUnitRequest extends IdRequest {
  @IsObject()
  @ValidateNested()
  @Type(() => UpdateUnitDto)
  patch: UpdateUnitDto;
}

export class CreateSuccessionDto {
  @ApiProperty({ description: 'The unit that ends (id or code)' })
  @IsString()
  @IsWellFormed()
  @IsNotEmpty()
  @MaxLength(64)
  predecessorId: string;

  @ApiProperty({ description: 'The unit that takes over (id or code)' })
  @IsString()
  @IsWellFormed()
  @IsNotEmpty()
  @MaxLength(64)
  successorId: string;

  @ApiProperty({ example: '2025-07-01', description: 'First day of the successor' })
  @IsCalendarDate()
  effectiveOn: string;
}

// ---------- groups ----------

export class ListGroupsQuery extends PageQuery {
  @ApiProperty({ required: false, description: 'Tìm theo tên, có hoặc không dấu' })
  @IsOptional()
  @IsString()
  @IsWellFormed()
  @MaxLength(100)
  q?: string;

  @ApiProperty({ required: false, enum: GroupKind })
  @IsOptional()
  @IsEnum(GroupKind)
  kind?: GroupKind;

  @ApiProperty({
    required: false,
    minimum: YEAR_MIN,
    maximum: YEAR_MAX,
    description: 'Only groups active in this year',
  })
  @IsOptional()
  @Type(() => Number)
  @IsYear()
  year?: number;
}

export class CreateGroupDto {
  @ApiProperty({ example: 'cum-tn-dhmt' })
  @Matches(CODE, { message: `code ${CODE_MSG}` })
  code: string;

  @ApiProperty({ example: 'Cụm thi đua các tỉnh Tây Nguyên và Duyên hải miền Trung' })
  @IsText(1, 300)
  name: string;

  @ApiProperty({ enum: GroupKind })
  @IsEnum(GroupKind)
  kind: GroupKind;

  @ApiProperty({ enum: OrganiserKind })
  @IsEnum(OrganiserKind)
  organiserKind: OrganiserKind;

  @ApiProperty({
    required: false,
    nullable: true,
    description: 'The province whose council organises a block',
  })
  @IsOptional()
  @IsString()
  @IsWellFormed()
  @MaxLength(64)
  organiserUnitId?: string | null;

  @ApiProperty({ required: false, nullable: true })
  @IsOptional()
  @IsCalendarDate()
  validFrom?: string | null;

  @ApiProperty({ required: false, nullable: true })
  @IsOptional()
  @IsCalendarDate()
  validTo?: string | null;
}

/** A field left out stays as it is; null is refused except where it clears (validTo). */
export class UpdateGroupDto {
  @ApiProperty({ required: false })
  @Omittable()
  @IsText(1, 300)
  name?: string;

  @ApiProperty({ required: false, nullable: true })
  @IsOptional()
  @IsCalendarDate()
  validTo?: string | null;
}

export class UpdateGroupRequest extends IdRequest {
  @IsObject()
  @ValidateNested()
  @Type(() => UpdateGroupDto)
  patch: UpdateGroupDto;
}

export class CreateSubgroupDto {
  @ApiProperty({ example: 'tay-nguyen' })
  @Matches(CODE, { message: `code ${CODE_MSG}` })
  code: string;

  @ApiProperty({ example: '5 tỉnh Tây Nguyên' })
  @IsText(1, 200)
  name: string;
}

export class CreateSubgroupRequest extends CreateSubgroupDto {
  @IsString()
  @IsWellFormed()
  @IsNotEmpty()
  @MaxLength(64)
  groupId: string;
}

// ---------- memberships ----------

export class MembersQuery {
  @ApiProperty({
    required: false,
    example: 2023,
    minimum: YEAR_MIN,
    maximum: YEAR_MAX,
    description: 'Members at any time in this year',
  })
  @Omittable()
  @Type(() => Number)
  @IsYear()
  year?: number;

  @ApiProperty({ required: false, example: '2023-06-30', description: 'Members on this date' })
  @Omittable()
  @IsCalendarDate()
  on?: string;

  @ApiProperty({ required: false, description: 'Only this subgroup (id or code)' })
  @IsOptional()
  @IsString()
  @IsWellFormed()
  @MaxLength(64)
  subgroup?: string;
}

/** The largest page of `registry.member.list` (a membership is ~0.5 KB in the reply). */
export const MEMBERS_PAGE_MAX = 1000;

export class MembersRequest extends MembersQuery {
  @IsString()
  @IsWellFormed()
  @IsNotEmpty()
  @MaxLength(64)
  groupId: string;

  /**
   * Optional paging (a large group's members in several replies, each under NATS max_payload):
   * skip this many memberships of the period, in the registry's order. Without `limit`, all.
   */
  @IsOptional()
  @IsInt()
  @Min(0)
  offset?: number;

  /** At most this many memberships in the reply (with `offset`); the reply then says `total` and `nextOffset`. */
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MEMBERS_PAGE_MAX)
  limit?: number;
}

/** Orders of a members page: by subgroup then name (the default), or by name either way. */
export const MEMBERS_SORT = ['subgroup', 'name', '-name'] as const;
export type MembersSort = (typeof MEMBERS_SORT)[number];

/** `GET /groups/{id}/members`: the period (year or on), a subgroup, and the page. */
export class MembersPageQuery extends IntersectionType(MembersQuery, PageQuery) {
  @ApiProperty({
    required: false,
    enum: MEMBERS_SORT,
    enumName: 'MembersSort',
    default: 'subgroup',
    description: 'subgroup: theo mã nhóm rồi theo tên (mặc định); name: theo tên A→Z; -name: theo tên Z→A',
  })
  @IsOptional()
  @IsIn(MEMBERS_SORT)
  sort?: MembersSort;
}

/** `registry.member.page`: one page of a group's members of a period, ordered in SQL. */
export class MembersPageRequest extends MembersPageQuery {
  @IsString()
  @IsWellFormed()
  @IsNotEmpty()
  @MaxLength(64)
  groupId: string;
}

export class CreateMembershipDto {
  @ApiProperty({ description: 'Unit id or code' })
  @IsString()
  @IsWellFormed()
  @IsNotEmpty()
  @MaxLength(64)
  unitId: string;

  @ApiProperty({ example: '2023-01-01' })
  @IsCalendarDate()
  validFrom: string;

  @ApiProperty({ required: false, nullable: true })
  @IsOptional()
  @IsCalendarDate()
  validTo?: string | null;

  @ApiProperty({ required: false, nullable: true, description: 'Subgroup id or code' })
  @IsOptional()
  @IsString()
  @IsWellFormed()
  @MaxLength(64)
  subgroupId?: string | null;
}

export class CreateMembershipRequest extends CreateMembershipDto {
  @IsString()
  @IsWellFormed()
  @IsNotEmpty()
  @MaxLength(64)
  groupId: string;
}

export class UpdateMembershipDto {
  @ApiProperty({ required: false, nullable: true, description: 'End the membership on this date' })
  @IsOptional()
  @IsCalendarDate()
  validTo?: string | null;

  @ApiProperty({ required: false, nullable: true, description: 'Subgroup id or code, null to clear' })
  @IsOptional()
  @IsString()
  @IsWellFormed()
  @MaxLength(64)
  subgroupId?: string | null;
}

export class UpdateMembershipRequest extends UpdateMembershipDto {
  @IsString()
  @IsWellFormed()
  @IsNotEmpty()
  @MaxLength(64)
  groupId: string;

  @IsUUID()
  membershipId: string;
}

// ---------- leadership ----------

export class GroupYearRequest {
  @IsString()
  @IsWellFormed()
  @IsNotEmpty()
  @MaxLength(64)
  groupId: string;

  @Type(() => Number)
  @IsYear()
  year: number;
}

/**
 * A change to a group-year on someone's behalf: `actor` is set by the gateway from the verified
 * token (never from the body), and the registry checks it against its own policy.
 */
export class GroupYearChangeRequest extends GroupYearRequest {
  @IsObject()
  @ValidateNested()
  @Type(() => ActorDto)
  actor: ActorDto;
}

export class LeaderDto {
  @ApiProperty({ description: 'Unit id or code' })
  @IsString()
  @IsWellFormed()
  @IsNotEmpty()
  @MaxLength(64)
  unitId: string;

  @ApiProperty({ enum: ChosenBy })
  @IsEnum(ChosenBy)
  chosenBy: ChosenBy;

  @ApiProperty({ required: false, nullable: true, example: '2023-03-29' })
  @IsOptional()
  @IsCalendarDate()
  decidedOn?: string | null;
}

export class SetLeadershipDto {
  @ApiProperty({ type: LeaderDto, required: false, nullable: true })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => LeaderDto)
  chair?: LeaderDto | null;

  @ApiProperty({ type: LeaderDto, required: false, nullable: true })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => LeaderDto)
  viceChair?: LeaderDto | null;
}

export class SetLeadershipRequest extends GroupYearChangeRequest {
  @IsObject()
  @ValidateNested()
  @Type(() => SetLeadershipDto)
  body: SetLeadershipDto;
}

// ---------- campaigns ----------

export class UpsertCampaignDto {
  @ApiProperty({ example: 'Giao ước thi đua năm 2023' })
  @IsText(1, 300)
  title: string;

  @ApiProperty({ enum: LatePolicy, default: LatePolicy.REFUSE })
  @IsOptional()
  @IsEnum(LatePolicy)
  latePolicy?: LatePolicy;
}

export class UpsertCampaignRequest extends GroupYearChangeRequest {
  @IsObject()
  @ValidateNested()
  @Type(() => UpsertCampaignDto)
  body: UpsertCampaignDto;
}

export class MilestoneDto {
  @ApiProperty({ example: 'self-score-due' })
  @Matches(CODE, { message: `code ${CODE_MSG}` })
  code: string;

  @ApiProperty({ example: 'Gửi bảng tự chấm điểm và tài liệu minh chứng' })
  @IsText(1, 300)
  title: string;

  @ApiProperty({ required: false, nullable: true, example: '2024-02-01' })
  @IsOptional()
  @IsCalendarDate()
  startsOn?: string | null;

  @ApiProperty({
    required: false,
    nullable: true,
    example: '2024-02-05',
    description: 'Deadline date; the deadline is the end of that day in Asia/Ho_Chi_Minh',
  })
  @IsOptional()
  @IsCalendarDate()
  dueOn?: string | null;

  @ApiProperty({ required: false, nullable: true, description: 'Stated relative to another milestone' })
  @IsOptional()
  @Matches(CODE, { message: `anchorCode ${CODE_MSG}` })
  anchorCode?: string | null;

  @ApiProperty({ required: false, nullable: true, example: 7 })
  @IsOptional()
  @IsInt()
  @Min(-366)
  @Max(366)
  offsetDays?: number | null;

  @ApiProperty({ required: false, nullable: true, enum: LatePolicy })
  @IsOptional()
  @IsEnum(LatePolicy)
  latePolicy?: LatePolicy | null;

  @ApiProperty({
    required: false,
    enum: SubmissionKind,
    isArray: true,
    example: [SubmissionKind.SELF_SCORE, SubmissionKind.ANNUAL_REPORT],
    description: 'Kinds of submission whose deadline this milestone is',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @IsEnum(SubmissionKind, { each: true })
  submissionKinds?: SubmissionKind[];
}

export class UpsertMilestoneRequest extends GroupYearChangeRequest {
  @IsObject()
  @ValidateNested()
  @Type(() => MilestoneDto)
  body: MilestoneDto;
}

export class ListCampaignsRequest {
  @IsString()
  @IsWellFormed()
  @IsNotEmpty()
  @MaxLength(64)
  groupId: string;
}

// ---------- users (recipients of notifications) ----------

/**
 * Who to notify, resolved by the registry now (notifications asks at send time): the union of the
 * officers of `unitIds`, the given roles of the group-year (`CHAIR`/`VICE_CHAIR`: officers of the
 * unit holding it and users granted it; `MEMBERS`: officers of its member units that year), the
 * central board (`board`), and `userIds`. Active users only.
 */
export class RecipientsRequest {
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10_000)
  @IsUUID('all', { each: true })
  unitIds?: string[];

  @IsOptional()
  @IsUUID()
  groupId?: string;

  @IsOptional()
  @IsYear()
  year?: number;

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(3)
  @IsEnum(['CHAIR', 'VICE_CHAIR', 'MEMBERS'], { each: true })
  roles?: ('CHAIR' | 'VICE_CHAIR' | 'MEMBERS')[];

  @IsOptional()
  @IsBoolean()
  board?: boolean;

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10_000)
  @IsUUID('all', { each: true })
  userIds?: string[];
}

// ---------- auth ----------

export class LoginDto {
  @ApiProperty({ example: 'board' })
  @IsString()
  @IsWellFormed()
  @Length(1, 100)
  username: string;

  @ApiProperty({ example: '••••••' })
  @IsString()
  @IsWellFormed()
  @Length(1, 200)
  password: string;
}

// ---------- sessions (issue 16) ----------

/** Sign-in at the registry: the password checked, a session opened with its first refresh token. */
export class SessionLoginRequest extends LoginDto {
  /** How long the session's refresh tokens live (seconds; the gateway's REFRESH_TTL_SECONDS). */
  @IsInt()
  @Min(60)
  @Max(365 * 24 * 3600)
  refreshTtlSeconds: number;
}

export class RefreshDto {
  @ApiProperty({ description: 'Refresh token nhận khi đăng nhập hoặc làm mới lần trước (dùng một lần)' })
  @IsString()
  @Length(20, 200)
  refreshToken: string;
}

export class SessionRequest {
  @IsUUID()
  sessionId: string;

  @IsOptional()
  @IsUUID()
  userId?: string;
}

/** A user of an external identity provider (OIDC), mapped to ours by e-mail. */
export class ExternalUserRequest {
  @IsString()
  @Length(3, 254)
  email: string;
}

export class ThrottleKeyDto {
  @IsString()
  @Length(1, 300)
  key: string;

  @IsInt()
  @Min(1)
  @Max(1_000_000)
  limit: number;
}

/**
 * Counts one login attempt under each key, before the password is checked (shared by every gateway
 * instance); `refund` gives it back after a successful sign-in.
 */
export class ThrottleRequest {
  @IsArray()
  @ArrayMaxSize(4)
  @IsObject({ each: true, message: EACH_OBJECT })
  @ValidateNested({ each: true })
  @Type(() => ThrottleKeyDto)
  keys: ThrottleKeyDto[];

  /** A successful sign-in gives its attempt back (only failures hold the limit). */
  @IsOptional()
  @IsBoolean()
  refund?: boolean;
}

// ---------- user administration (issue 16) ----------

export class UserRoleDto {
  @ApiProperty({ enum: ['BOARD', 'COUNCIL_MEMBER', 'UNIT_OFFICER', 'VIEWER', 'CHAIR', 'VICE_CHAIR'] })
  @IsEnum(['BOARD', 'COUNCIL_MEMBER', 'UNIT_OFFICER', 'VIEWER', 'CHAIR', 'VICE_CHAIR'])
  role: 'BOARD' | 'COUNCIL_MEMBER' | 'UNIT_OFFICER' | 'VIEWER' | 'CHAIR' | 'VICE_CHAIR';

  @ApiProperty({ required: false, nullable: true, description: 'Đơn vị (UNIT_OFFICER: bắt buộc)' })
  @IsOptional()
  @IsUUID()
  unitId?: string | null;

  @ApiProperty({
    required: false,
    nullable: true,
    description: 'Cụm, khối (COUNCIL_MEMBER: cụm, khối mình thuộc hội đồng; CHAIR/VICE_CHAIR: bắt buộc)',
  })
  @IsOptional()
  @IsUUID()
  groupId?: string | null;

  @ApiProperty({ required: false, nullable: true })
  @IsOptional()
  @IsYear()
  year?: number | null;
}

export class CreateUserDto {
  @ApiProperty({ example: 'nguyen.van.a' })
  @IsString()
  @Matches(/^[a-z0-9][a-z0-9._-]{1,99}$/i, {
    message: 'username: chỉ gồm chữ cái không dấu, chữ số, dấu chấm, gạch ngang, gạch dưới (2–100 ký tự)',
  })
  username: string;

  @ApiProperty({ example: 'Nguyễn Văn A' })
  @IsText(1, 200)
  displayName: string;

  @ApiProperty({ required: false, nullable: true, example: 'a.nguyen@example.vn' })
  @IsOptional()
  @Matches(/^[^\s@]{1,64}@[^\s@]{1,189}$/, { message: 'email: không phải địa chỉ e-mail' })
  email?: string | null;

  @ApiProperty({ required: false, nullable: true })
  @IsOptional()
  @IsUUID()
  unitId?: string | null;

  @ApiProperty({ type: [UserRoleDto] })
  @IsArray()
  @ArrayMaxSize(50)
  @IsObject({ each: true, message: EACH_OBJECT })
  @ValidateNested({ each: true })
  @Type(() => UserRoleDto)
  roles: UserRoleDto[];
}

export class UpdateUserDto {
  @ApiProperty({ required: false })
  @IsOptional()
  @IsText(1, 200)
  displayName?: string;

  @ApiProperty({ required: false, nullable: true })
  @IsOptional()
  @Matches(/^[^\s@]{1,64}@[^\s@]{1,189}$/, { message: 'email: không phải địa chỉ e-mail' })
  email?: string | null;

  @ApiProperty({ required: false, nullable: true })
  @IsOptional()
  @IsUUID()
  unitId?: string | null;

  @ApiProperty({ required: false, type: [UserRoleDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsObject({ each: true, message: EACH_OBJECT })
  @ValidateNested({ each: true })
  @Type(() => UserRoleDto)
  roles?: UserRoleDto[];

  @ApiProperty({
    required: false,
    description: 'false: vô hiệu hóa (mọi phiên bị thu hồi trong vòng một phút)',
  })
  @IsOptional()
  @IsBoolean()
  active?: boolean;
}

export class ChangePasswordDto {
  @ApiProperty()
  @IsString()
  @Length(1, 200)
  oldPassword: string;

  @ApiProperty({ description: 'Ít nhất 12 ký tự, khác tên đăng nhập, không phải mật khẩu phổ biến' })
  @IsString()
  @Length(1, 200)
  newPassword: string;
}

export class CompletePasswordResetDto {
  @ApiProperty({ description: 'Mã đặt lại mật khẩu do Ban Thi đua - Khen thưởng cấp (dùng một lần)' })
  @IsString()
  @Length(20, 200)
  token: string;

  @ApiProperty()
  @IsString()
  @Length(1, 200)
  newPassword: string;
}

export class ListUsersQuery extends PageQuery {
  @ApiProperty({ required: false, description: 'Tìm theo tên đăng nhập, họ tên hoặc e-mail' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;
}

export class UserAuditQuery extends PageQuery {
  @ApiProperty({ required: false })
  @IsOptional()
  @IsUUID()
  userId?: string;
}

/** Registry requests on the board's behalf: `actor` from the verified token. */
export class CreateUserRequest extends CreateUserDto {
  @IsObject()
  @ValidateNested()
  @Type(() => ActorDto)
  actor: ActorDto;
}

export class UpdateUserRequest extends UpdateUserDto {
  @IsUUID()
  id: string;

  @IsObject()
  @ValidateNested()
  @Type(() => ActorDto)
  actor: ActorDto;
}

export class UserIdRequest extends ActorRequest {
  @IsUUID()
  id: string;
}

export class ListUsersRequest extends ListUsersQuery {
  @IsObject()
  @ValidateNested()
  @Type(() => ActorDto)
  actor: ActorDto;
}

export class UserAuditRequest extends UserAuditQuery {
  @IsObject()
  @ValidateNested()
  @Type(() => ActorDto)
  actor: ActorDto;
}

export class ChangePasswordRequest extends ChangePasswordDto {
  @IsObject()
  @ValidateNested()
  @Type(() => ActorDto)
  actor: ActorDto;
}

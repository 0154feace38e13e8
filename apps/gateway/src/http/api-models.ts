/**
 * Response shapes for the OpenAPI document. Each class implements the contract's view type, so the
 * compiler keeps the documentation and the payloads in step.
 *
 * HOW TO DECLARE AN OPERATION (every controller; test/openapi.e2e-spec.ts fails otherwise)
 *
 *   @Get(':groupId/years/:year/thing')
 *   @ApiOperation({ operationId: 'getThing', summary: 'Một … (tiếng Việt)' })   // camelCase, unique, verb first
 *   @ApiOkResponse({ type: ThingResponse })          // a class: never `type: Object` or a bare object
 *   @ApiProblems({ 409: 'Đã khóa điểm (SCORING_LOCKED)' })   // the statuses particular to it, with reasons
 *   thing(@Param() p: GroupYearParam, @Query() q: ThingQuery) { … }
 *
 * - Properties of response classes: `@ApiProperty(Int())`, `DateOnly()` (YYYY-MM-DD), `DateTime()`,
 *   `Uuid()`, or `{ type: String, nullable: true, … }` for nullable ones (a bare `string | null`
 *   documents as `object`); enums `{ enum: X, enumName: 'X' }`; arrays `{ type: [Item] }`.
 * - Request DTOs (libs/contracts) are typed from their class-validator decorators by
 *   apps/gateway/src/openapi.ts (IsInt → integer, IsCalendarDate → date, IsUUID → uuid…), and
 *   exported string enums become named components: keep `@ApiProperty` for descriptions.
 * - Problems: 400, 413, 500, 503, 504 on every operation, 401/403/404/409 unless @Public(),
 *   409/422 on writes, 415 with a body are added by openapi.ts with the ProblemResponse schema;
 *   declare others (429, 410…) or a more precise description (the reason codes) with `@ApiProblems`.
 * - Class names are the schemas' names: unique across the gateway and libs/contracts (tested).
 * - A new tag needs its Vietnamese description in TAGS (apps/gateway/src/openapi.ts).
 * - Lists answer `{ items, total, limit, offset }` (a `…Page` class).
 * Then `npm run openapi` (spec + client) and commit apps/gateway/openapi.json and
 * libs/api-client/src/schema.ts.
 */
import { ApiProperty, ApiPropertyOptions, ApiResponse, getSchemaPath } from '@nestjs/swagger';
import { applyDecorators } from '@nestjs/common';
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

type Extra = Omit<ApiPropertyOptions, 'type' | 'format'> & { nullable?: boolean };

/** A whole number. */
export const Int = (o: Extra = {}): ApiPropertyOptions => ({ ...o, type: 'integer' }) as ApiPropertyOptions;
/** A calendar day YYYY-MM-DD. */
export const DateOnly = (o: Extra = {}): ApiPropertyOptions =>
  ({ example: '2024-02-04', ...o, type: String, format: 'date' }) as ApiPropertyOptions;
/** An instant (ISO 8601 with time zone). */
export const DateTime = (o: Extra = {}): ApiPropertyOptions =>
  ({ example: '2024-02-04T16:59:59.999Z', ...o, type: String, format: 'date-time' }) as ApiPropertyOptions;
/** A record id (UUID). */
export const Uuid = (o: Extra = {}): ApiPropertyOptions =>
  ({ ...o, type: String, format: 'uuid' }) as ApiPropertyOptions;

// ---------- problems ----------

export const PROBLEM_SCHEMA = { $ref: '#/components/schemas/ProblemResponse' };

const PROBLEM_TEXT: Record<number, string> = {
  400: 'Yêu cầu không hợp lệ: `errors[].field` nêu trường sai (VALIDATION_FAILED) hoặc `code` nêu lý do',
  401: 'Chưa đăng nhập, token hết hạn hoặc đã bị thu hồi (UNAUTHENTICATED): làm mới token rồi thử lại',
  403: 'Không có quyền với tài nguyên này (FORBIDDEN)',
  404: 'Không tìm thấy (NOT_FOUND): `code` nêu bản ghi nào',
  409: 'Xung đột với trạng thái hiện tại (trùng, đã khóa, sai trạng thái…): `code` nêu lý do',
  413: 'Nội dung yêu cầu (hoặc kết quả) quá lớn',
  415: 'Kiểu nội dung (Content-Type) không được nhận',
  422: 'Nội dung không đạt yêu cầu nghiệp vụ, hoặc Idempotency-Key đã dùng cho yêu cầu khác',
  429: 'Quá nhiều yêu cầu: chờ số giây trong Retry-After',
  500: 'Lỗi máy chủ không lường trước (kèm requestId để tra cứu)',
  503: 'Dịch vụ tạm thời không sẵn sàng; thử lại sau số giây trong Retry-After',
  504: 'Dịch vụ không trả lời kịp; có thể thử lại với cùng Idempotency-Key',
};
export const PROBLEM_STATUSES = Object.keys(PROBLEM_TEXT).map(Number);

const RETRY_AFTER = {
  'Retry-After': { description: 'Số giây nên chờ trước khi thử lại', schema: { type: 'integer' } },
};

/** The OpenAPI response object of a problem (application/problem+json). */
export function problemResponse(status: number, description = PROBLEM_TEXT[status] ?? 'Lỗi (RFC 9457)') {
  return {
    description,
    content: { 'application/problem+json': { schema: PROBLEM_SCHEMA } },
    ...(status === 503 || status === 429 ? { headers: RETRY_AFTER } : {}),
  };
}

/**
 * Declares problem responses particular to an operation (a status the defaults do not give it,
 * or a precise description: the reason codes), e.g. `@ApiProblems({ 409: 'Đã khóa (SCORING_LOCKED)' })`
 * or `@ApiProblems(429)`.
 */
export function ApiProblems(
  ...problems: (number | Record<number, string>)[]
): MethodDecorator & ClassDecorator {
  const decorators = problems.flatMap((p) =>
    (typeof p === 'number' ? [[p, PROBLEM_TEXT[p]] as const] : Object.entries(p)).map(([status, text]) =>
      ApiResponse({
        status: Number(status),
        description: text ?? PROBLEM_TEXT[Number(status)],
        content: { 'application/problem+json': { schema: { $ref: getSchemaPath('ProblemResponse') } } },
        ...(Number(status) === 503 || Number(status) === 429 ? { headers: RETRY_AFTER } : {}),
      }),
    ),
  );
  return applyDecorators(...decorators);
}

export class UnitResponse implements UnitView {
  @ApiProperty(Uuid()) id: string;
  @ApiProperty({ example: 'binh-dinh' }) code: string;
  @ApiProperty({ example: 'Bình Định' }) name: string;
  @ApiProperty({ enum: UnitKind }) kind: UnitKind;
  @ApiProperty(Uuid({ nullable: true })) parentId: string | null;
  @ApiProperty(DateOnly({ nullable: true, example: null })) validFrom: string | null;
  @ApiProperty(DateOnly({ nullable: true, example: '2025-06-30' })) validTo: string | null;
}

export class UnitPage implements Page<UnitView> {
  @ApiProperty({ type: [UnitResponse] }) items: UnitResponse[];
  @ApiProperty(Int()) total: number;
  @ApiProperty(Int()) limit: number;
  @ApiProperty(Int()) offset: number;
}

export class SuccessionLinkResponse implements SuccessionLink {
  @ApiProperty({ type: UnitResponse }) unit: UnitResponse;
  @ApiProperty(DateOnly({ example: '2025-07-01' })) effectiveOn: string;
}

export class UnitHistoryResponse implements UnitHistoryView {
  @ApiProperty({ type: UnitResponse }) unit: UnitResponse;
  @ApiProperty({ type: [SuccessionLinkResponse] }) predecessors: SuccessionLinkResponse[];
  @ApiProperty({ type: [SuccessionLinkResponse] }) successors: SuccessionLinkResponse[];
  @ApiProperty({ type: [UnitResponse], description: 'Units valid today that this unit has become' })
  currentSuccessors: UnitResponse[];
}

export class GroupResponse implements GroupView {
  @ApiProperty(Uuid()) id: string;
  @ApiProperty({ example: 'cum-tn-dhmt' }) code: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: GroupKind }) kind: GroupKind;
  @ApiProperty({ enum: OrganiserKind }) organiserKind: OrganiserKind;
  @ApiProperty(Uuid({ nullable: true })) organiserUnitId: string | null;
  @ApiProperty(DateOnly({ nullable: true })) validFrom: string | null;
  @ApiProperty(DateOnly({ nullable: true })) validTo: string | null;
}

export class GroupPage implements Page<GroupView> {
  @ApiProperty({ type: [GroupResponse] }) items: GroupResponse[];
  @ApiProperty(Int()) total: number;
  @ApiProperty(Int()) limit: number;
  @ApiProperty(Int()) offset: number;
}

export class SubgroupResponse implements SubgroupView {
  @ApiProperty(Uuid()) id: string;
  @ApiProperty(Uuid()) groupId: string;
  @ApiProperty({ example: 'tay-nguyen' }) code: string;
  @ApiProperty({ example: '05 tỉnh Tây Nguyên' }) name: string;
}

export class MembershipResponse implements MembershipView {
  @ApiProperty(Uuid()) id: string;
  @ApiProperty(Uuid()) groupId: string;
  @ApiProperty({ type: UnitResponse }) unit: UnitResponse;
  @ApiProperty({ type: SubgroupResponse, nullable: true }) subgroup: SubgroupResponse | null;
  @ApiProperty(DateOnly({ example: '2023-01-01' })) validFrom: string;
  @ApiProperty(DateOnly({ nullable: true })) validTo: string | null;
}

export class MembersResponse implements MembersView {
  @ApiProperty({ type: GroupResponse }) group: GroupResponse;
  @ApiProperty(DateOnly({ example: '2023-01-01' })) from: string;
  @ApiProperty(DateOnly({ example: '2023-12-31' })) to: string;
  @ApiProperty({ type: [MembershipResponse] }) members: MembershipResponse[];
}

export class SuccessorResponse {
  @ApiProperty({ type: UnitResponse }) unit: UnitResponse;
  @ApiProperty({ type: [UnitResponse] }) predecessors: UnitResponse[];
}

export class CurrentSuccessorsResponse implements CurrentSuccessorsView {
  @ApiProperty({ type: GroupResponse }) group: GroupResponse;
  @ApiProperty(DateOnly()) from: string;
  @ApiProperty(DateOnly()) to: string;
  @ApiProperty({ type: [SuccessorResponse] }) successors: SuccessorResponse[];
}

export class LeaderResponse implements LeaderView {
  @ApiProperty({ enum: LeadershipRole }) role: LeadershipRole;
  @ApiProperty({ type: UnitResponse }) unit: UnitResponse;
  @ApiProperty({ enum: ChosenBy }) chosenBy: ChosenBy;
  @ApiProperty(DateOnly({ nullable: true })) decidedOn: string | null;
}

export class LeadershipResponse implements LeadershipView {
  @ApiProperty(Uuid()) groupId: string;
  @ApiProperty(Int({ example: 2023 })) year: number;
  @ApiProperty({ type: LeaderResponse, nullable: true }) chair: LeaderResponse | null;
  @ApiProperty({ type: LeaderResponse, nullable: true }) viceChair: LeaderResponse | null;
}

export class MilestoneResponse implements MilestoneView {
  @ApiProperty(Uuid()) id: string;
  @ApiProperty({ example: 'self-score-due' }) code: string;
  @ApiProperty() title: string;
  @ApiProperty(DateOnly({ nullable: true })) startsOn: string | null;
  @ApiProperty(DateOnly({ nullable: true })) dueOn: string | null;
  @ApiProperty(DateTime({ nullable: true })) dueAt: string | null;
  @ApiProperty({ type: String, nullable: true }) anchorCode: string | null;
  @ApiProperty(Int({ nullable: true })) offsetDays: number | null;
  @ApiProperty({ enum: LatePolicy, nullable: true }) latePolicy: LatePolicy | null;
  @ApiProperty({
    enum: SubmissionKind,
    isArray: true,
    description: 'Kinds of submission due at this milestone',
  })
  submissionKinds: SubmissionKind[];
}

export class CampaignResponse implements CampaignView {
  @ApiProperty(Uuid()) id: string;
  @ApiProperty(Uuid()) groupId: string;
  @ApiProperty(Int({ example: 2023 })) year: number;
  @ApiProperty() title: string;
  @ApiProperty({ enum: LatePolicy }) latePolicy: LatePolicy;
  @ApiProperty({ type: [MilestoneResponse] }) milestones: MilestoneResponse[];
}

export class RoleGrantResponse implements RoleGrant {
  @ApiProperty({ enum: Role }) role: Role;
  @ApiProperty(Uuid({ nullable: true, required: false })) unitId?: string | null;
  @ApiProperty(Uuid({ nullable: true, required: false })) groupId?: string | null;
  @ApiProperty(Int({ nullable: true, required: false })) year?: number | null;
}

export class MeResponse implements AuthUserView {
  @ApiProperty(Uuid()) id: string;
  @ApiProperty() username: string;
  @ApiProperty() displayName: string;
  @ApiProperty(Uuid({ nullable: true })) unitId: string | null;
  @ApiProperty({ type: [RoleGrantResponse] }) roles: RoleGrantResponse[];
}

export class LoginResponse {
  @ApiProperty() accessToken: string;
  @ApiProperty({ enum: ['Bearer'], example: 'Bearer' }) tokenType: 'Bearer';
  @ApiProperty(DateTime()) expiresAt: string;
  @ApiProperty({ type: MeResponse }) user: MeResponse;
}

export class FieldErrorResponse {
  @ApiProperty({ example: 'validFrom' }) field: string;
  @ApiProperty({
    required: false,
    example: 'isDefined',
    description:
      'Quy tắc bị vi phạm, cho chương trình: tên ràng buộc class-validator (`isDefined` = thiếu trường bắt buộc, ' +
      '`maxLength`, `isEnum`, `isCalendarDate`…) hoặc mã lý do của danh mục lỗi',
  })
  rule?: string;
  @ApiProperty({ example: 'bắt buộc', description: 'Thông điệp tiếng Việt cho người dùng' }) message: string;
}

/** application/problem+json (RFC 7807). */
export class ProblemResponse {
  @ApiProperty({ example: 'urn:tdkt:problem:validation-failed' }) type: string;
  @ApiProperty({ example: 'Dữ liệu không hợp lệ' }) title: string;
  @ApiProperty(Int({ example: 400 })) status: number;
  @ApiProperty() detail: string;
  @ApiProperty({ required: false }) instance?: string;
  @ApiProperty({ required: false }) requestId?: string;
  @ApiProperty({
    example: 'SUBMISSION_CAMPAIGN_CLOSED',
    description:
      'Mã lỗi chính xác (một khóa của danh mục lỗi, ví dụ SUBMISSION_CAMPAIGN_CLOSED) để giao diện rẽ nhánh; ' +
      'khi dịch vụ không nêu lý do riêng thì bằng `kind`. Danh sách: schema ProblemCode',
  })
  code: string;
  @ApiProperty({ enum: ErrorCode, enumName: 'ErrorKind', description: 'Loại lỗi: quyết định mã HTTP' })
  kind: ErrorCode;
  @ApiProperty({ type: [FieldErrorResponse], required: false }) errors?: FieldErrorResponse[];
}

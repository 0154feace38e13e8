import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsEnum,
  IsInt,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { EACH_OBJECT, IsCalendarDate, IsText, IsWellFormed, Omittable } from '../common';
import { GroupYearChangeRequest } from './dto';
import { LeadershipRole } from './model';

/**
 * Issue 15 — a group-year's conferences (seed 000 §II–IV) and next year's chair and vice-chair
 * (nominated at the preparatory conference, confirmed at the official one). Instants are ISO-8601
 * with an offset; dates `YYYY-MM-DD` in Vietnam.
 */

export enum ConferenceKind {
  /** Hội nghị trù bị: agrees the scores, ranking, honours and next year's chair and vice-chair. */
  PREPARATORY = 'PREPARATORY',
  /** Hội nghị tổng kết (chính thức): announces them and signs next year's covenant. */
  OFFICIAL = 'OFFICIAL',
}

/** How next year's chair or vice-chair was nominated (luân phiên / bầu). */
export enum NominationMethod {
  ROTATION = 'ROTATION',
  ELECTION = 'ELECTION',
}

/** Whose duty it is when no unit is named: that year's chair, vice-chair, or every member. */
export enum DutyHolder {
  CHAIR = 'CHAIR',
  VICE_CHAIR = 'VICE_CHAIR',
  MEMBERS = 'MEMBERS',
}

/** An instant with its offset, e.g. 2024-02-27T08:00:00+07:00. */
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;
const DATE_TIME_MSG = 'phải là thời điểm theo ISO-8601 kèm múi giờ, ví dụ 2024-02-27T08:00:00+07:00';

const UNIT_REF = { description: 'Unit id or code' } as const;

function UnitRef(): PropertyDecorator {
  return (target: object, key: string | symbol) => {
    IsString()(target, key);
    IsWellFormed()(target, key);
    IsNotEmpty()(target, key);
    MaxLength(64)(target, key);
  };
}

// ---------- requests ----------

export class ConferenceChairDto {
  @ApiProperty(UNIT_REF)
  @UnitRef()
  unitId: string;

  @ApiProperty({ enum: LeadershipRole, enumName: 'LeadershipRole' })
  @IsEnum(LeadershipRole)
  role: LeadershipRole;
}

export class ProgrammeItemDto {
  @ApiProperty({ type: 'integer', minimum: 1, maximum: 200, example: 1 })
  @IsInt()
  @Min(1)
  @Max(200)
  order: number;

  @ApiProperty({ required: false, nullable: true, type: String, format: 'date-time' })
  @IsOptional()
  @Matches(DATE_TIME, { message: DATE_TIME_MSG })
  at?: string | null;

  @ApiProperty({ example: 'Tuyên bố lý do, giới thiệu đại biểu và chủ trì Hội nghị' })
  @IsText(1, 500)
  title: string;

  @ApiProperty({
    required: false,
    nullable: true,
    type: String,
    description: 'The presenting member (id or code)',
  })
  @IsOptional()
  @UnitRef()
  presenterUnitId?: string | null;

  @ApiProperty({
    required: false,
    nullable: true,
    type: String,
    description: 'The presenter by name or title',
  })
  @IsOptional()
  @IsText(1, 300)
  presenter?: string | null;
}

export class InviteeDto {
  @ApiProperty({ example: 'Lãnh đạo Ban Thi đua - Khen thưởng Trung ương' })
  @IsText(1, 300)
  title: string;

  @ApiProperty({ required: false, nullable: true, type: String, example: 'Đại biểu Trung ương' })
  @IsOptional()
  @IsText(1, 200)
  role?: string | null;

  @ApiProperty({
    required: false,
    nullable: true,
    type: String,
    description: 'The invited unit (id or code)',
  })
  @IsOptional()
  @UnitRef()
  unitId?: string | null;
}

export class DutyDto {
  @ApiProperty({
    required: false,
    nullable: true,
    type: String,
    description: 'The unit (id or code); or `holder`',
  })
  @IsOptional()
  @UnitRef()
  unitId?: string | null;

  @ApiProperty({ required: false, nullable: true, enum: DutyHolder, enumName: 'DutyHolder' })
  @IsOptional()
  @IsEnum(DutyHolder)
  holder?: DutyHolder | null;

  @ApiProperty({ example: 'Xây dựng dự thảo nội dung giao ước thi đua năm 2024, gửi lấy ý kiến các đơn vị' })
  @IsText(1, 1000)
  text: string;

  @ApiProperty({ required: false, nullable: true, type: String, format: 'date' })
  @IsOptional()
  @IsCalendarDate()
  dueOn?: string | null;

  @ApiProperty({
    required: false,
    nullable: true,
    type: 'integer',
    minimum: -366,
    maximum: 366,
    description: 'Due this many days after the conference (its last day); moves with it',
  })
  @IsOptional()
  @IsInt()
  @Min(-366)
  @Max(366)
  offsetDays?: number | null;
}

export class PlanConferenceDto {
  @ApiProperty({
    nullable: true,
    type: String,
    format: 'date-time',
    required: false,
    description: 'null while undated (e.g. "trong tháng 02/2024")',
  })
  @IsOptional()
  @Matches(DATE_TIME, { message: DATE_TIME_MSG })
  startsAt?: string | null;

  @ApiProperty({ required: false, nullable: true, type: String, format: 'date-time' })
  @IsOptional()
  @Matches(DATE_TIME, { message: DATE_TIME_MSG })
  endsAt?: string | null;

  @ApiProperty({
    required: false,
    nullable: true,
    type: String,
    example: 'Thành phố Quy Nhơn, tỉnh Bình Định',
  })
  @IsOptional()
  @IsText(1, 300)
  place?: string | null;

  @ApiProperty({ required: false, nullable: true, type: String, description: 'The host unit (id or code)' })
  @IsOptional()
  @UnitRef()
  hostUnitId?: string | null;

  @ApiProperty({ required: false, type: [ConferenceChairDto] })
  @Omittable()
  @IsArray()
  @ArrayMaxSize(10)
  @IsObject({ each: true, message: EACH_OBJECT })
  @ValidateNested({ each: true })
  @Type(() => ConferenceChairDto)
  chairs?: ConferenceChairDto[];

  @ApiProperty({ required: false, type: [ProgrammeItemDto] })
  @Omittable()
  @IsArray()
  @ArrayMaxSize(200)
  @IsObject({ each: true, message: EACH_OBJECT })
  @ValidateNested({ each: true })
  @Type(() => ProgrammeItemDto)
  programme?: ProgrammeItemDto[];

  @ApiProperty({ required: false, type: [InviteeDto] })
  @Omittable()
  @IsArray()
  @ArrayMaxSize(500)
  @IsObject({ each: true, message: EACH_OBJECT })
  @ValidateNested({ each: true })
  @Type(() => InviteeDto)
  invitees?: InviteeDto[];

  @ApiProperty({ required: false, type: [DutyDto] })
  @Omittable()
  @IsArray()
  @ArrayMaxSize(500)
  @IsObject({ each: true, message: EACH_OBJECT })
  @ValidateNested({ each: true })
  @Type(() => DutyDto)
  duties?: DutyDto[];
}

export class AttendeeDto {
  @ApiProperty(UNIT_REF)
  @UnitRef()
  unitId: string;

  @ApiProperty()
  @IsBoolean()
  present: boolean;

  @ApiProperty({ required: false, nullable: true, type: String, example: 'Phó Chủ tịch UBND tỉnh' })
  @IsOptional()
  @IsText(1, 300)
  representative?: string | null;
}

export class AttendanceDto {
  @ApiProperty({ type: [AttendeeDto] })
  @IsArray()
  @ArrayMaxSize(1000)
  @IsObject({ each: true, message: EACH_OBJECT })
  @ValidateNested({ each: true })
  @Type(() => AttendeeDto)
  attendees: AttendeeDto[];
}

export class CandidateDto {
  @ApiProperty(UNIT_REF)
  @UnitRef()
  unitId: string;

  @ApiProperty({ required: false, nullable: true, type: 'integer', minimum: 0, maximum: 1_000_000 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  votes?: number | null;
}

export class NomineeDto {
  @ApiProperty(UNIT_REF)
  @UnitRef()
  unitId: string;

  @ApiProperty({ enum: NominationMethod, enumName: 'NominationMethod' })
  @IsEnum(NominationMethod)
  method: NominationMethod;

  @ApiProperty({
    required: false,
    type: [CandidateDto],
    description: 'Those put forward (election: required; with their votes when there was a vote)',
  })
  @Omittable()
  @IsArray()
  @ArrayMaxSize(100)
  @IsObject({ each: true, message: EACH_OBJECT })
  @ValidateNested({ each: true })
  @Type(() => CandidateDto)
  candidates?: CandidateDto[];
}

export class NominationsDto {
  @ApiProperty({ type: NomineeDto, description: "Next year's chair" })
  @IsObject()
  @ValidateNested()
  @Type(() => NomineeDto)
  chair: NomineeDto;

  @ApiProperty({ type: NomineeDto, description: "Next year's vice-chair" })
  @IsObject()
  @ValidateNested()
  @Type(() => NomineeDto)
  viceChair: NomineeDto;
}

export class ConferencesRequest extends GroupYearChangeRequest {}

export class ConferenceRequest extends GroupYearChangeRequest {
  @IsEnum(ConferenceKind)
  kind: ConferenceKind;
}

export class PlanConferenceRequest extends ConferenceRequest {
  @IsObject()
  @ValidateNested()
  @Type(() => PlanConferenceDto)
  body: PlanConferenceDto;
}

export class AttendanceRequest extends ConferenceRequest {
  @IsObject()
  @ValidateNested()
  @Type(() => AttendanceDto)
  body: AttendanceDto;
}

export class NominationsRequest extends GroupYearChangeRequest {
  @IsObject()
  @ValidateNested()
  @Type(() => NominationsDto)
  body: NominationsDto;
}

// ---------- views ----------

export interface UnitRefView {
  id: string;
  code: string;
  name: string;
}

export interface ConferenceChairView {
  unit: UnitRefView;
  role: LeadershipRole;
}

export interface ProgrammeItemView {
  order: number;
  at: string | null;
  title: string;
  presenterUnit: UnitRefView | null;
  presenter: string | null;
}

export interface InviteeView {
  title: string;
  role: string | null;
  unit: UnitRefView | null;
}

export interface DutyView {
  unit: UnitRefView | null;
  holder: DutyHolder | null;
  text: string;
  /** The due date: stated, or `offsetDays` after the conference's last day (null while undated). */
  dueOn: string | null;
  offsetDays: number | null;
}

export interface AttendeeView {
  unit: UnitRefView;
  present: boolean;
  representative: string | null;
}

export interface ConferenceView {
  id: string;
  groupId: string;
  year: number;
  kind: ConferenceKind;
  startsAt: string | null;
  endsAt: string | null;
  /** The first day in Vietnam (null while undated). */
  date: string | null;
  /** The last day in Vietnam (the day relative milestones count from). */
  lastDay: string | null;
  place: string | null;
  hostUnit: UnitRefView | null;
  chairs: ConferenceChairView[];
  programme: ProgrammeItemView[];
  invitees: InviteeView[];
  duties: DutyView[];
  attendance: AttendeeView[];
  updatedAt: string;
}

export interface CandidateView {
  unit: UnitRefView;
  votes: number | null;
}

export interface NominationView {
  role: LeadershipRole;
  unit: UnitRefView;
  method: NominationMethod;
  candidates: CandidateView[];
  nominatedAt: string;
  /** The official conference's date once confirmed into next year's leadership. */
  confirmedOn: string | null;
}

export interface NominationsView {
  groupId: string;
  /** The year being closed (its preparatory conference nominated). */
  year: number;
  /** The year the nominees lead (year + 1). */
  forYear: number;
  chair: NominationView | null;
  viceChair: NominationView | null;
}

// ---------- events ----------

export interface ConferencePlanned {
  conferenceId: string;
  groupId: string;
  year: number;
  kind: ConferenceKind;
  startsAt: string | null;
  date: string | null;
}

export interface NominationsRecorded {
  groupId: string;
  year: number;
  forYear: number;
  chairUnitId: string;
  viceChairUnitId: string;
}

export interface LeadershipConfirmed {
  groupId: string;
  /** The year led (effective 1 January). */
  year: number;
  chairUnitId: string;
  viceChairUnitId: string | null;
  decidedOn: string;
}

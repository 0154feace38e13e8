import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsEnum,
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
import { EACH_OBJECT, IsText, IsWellFormed, IsYear, PageQuery, YEAR_MAX, YEAR_MIN } from '../common';
import { Role } from '../registry/model';
import { SubmissionKind } from './kinds';
import { SubmissionState } from './model';

// ---------- who is asking (set by the gateway from the verified token, never by the client) ----------

export class GrantDto {
  @IsEnum(Role)
  role: Role;

  @IsOptional()
  @IsUUID()
  unitId?: string | null;

  @IsOptional()
  @IsUUID()
  groupId?: string | null;

  @IsOptional()
  @IsYear()
  year?: number | null;
}

export class ActorDto {
  @IsUUID()
  userId: string;

  @IsOptional()
  @IsUUID()
  unitId?: string | null;

  @IsArray()
  @ArrayMaxSize(100)
  @IsObject({ each: true, message: EACH_OBJECT })
  @ValidateNested({ each: true })
  @Type(() => GrantDto)
  roles: GrantDto[];
}

/** A request to a service on behalf of the caller (set by the gateway from the verified token). */
export class ActorRequest {
  @IsObject()
  @ValidateNested()
  @Type(() => ActorDto)
  actor: ActorDto;
}

// ---------- HTTP bodies and queries ----------

export class CreateSubmissionDto {
  @ApiProperty({ description: 'Group UUID or code', example: 'khoi-kinh-te-ha-tinh' })
  @IsString()
  @IsWellFormed()
  @IsNotEmpty()
  @MaxLength(64)
  groupId: string;

  @ApiProperty({ example: 2026, minimum: YEAR_MIN, maximum: YEAR_MAX })
  @IsYear()
  year: number;

  @ApiProperty({ enum: SubmissionKind })
  @IsEnum(SubmissionKind)
  kind: SubmissionKind;

  @ApiProperty({
    required: false,
    format: 'uuid',
    description: "The member unit; defaults to the caller's own unit",
  })
  @IsOptional()
  @IsUUID()
  unitId?: string;

  @ApiProperty({ required: false, example: 'Báo cáo tổng kết công tác thi đua năm 2026' })
  @IsOptional()
  @IsText(1, 300)
  title?: string;
}

export class ListSubmissionsQuery extends PageQuery {
  @ApiProperty({
    required: false,
    format: 'uuid',
    description: "Defaults to the caller's unit for unit officers",
  })
  @IsOptional()
  @IsUUID()
  unitId?: string;

  @ApiProperty({ required: false, description: 'Group UUID or code' })
  @IsOptional()
  @IsString()
  @IsWellFormed()
  @MaxLength(64)
  groupId?: string;

  @ApiProperty({ required: false, example: 2026, minimum: YEAR_MIN, maximum: YEAR_MAX })
  @IsOptional()
  @Type(() => Number)
  @IsYear()
  year?: number;

  @ApiProperty({ required: false, enum: SubmissionKind })
  @IsOptional()
  @IsEnum(SubmissionKind)
  kind?: SubmissionKind;

  @ApiProperty({ required: false, enum: SubmissionState })
  @IsOptional()
  @IsEnum(SubmissionState)
  state?: SubmissionState;
}

const SHA256 = /^[0-9a-f]{64}$/;

export class RequestUploadDto {
  @ApiProperty({ example: 'Báo cáo tổng kết năm 2026.pdf', description: 'Original name, kept as metadata' })
  @IsText(1, 255)
  fileName: string;

  @ApiProperty({
    example: 'application/pdf',
    description: 'Must be allowed for the kind (see the error for the list)',
  })
  @IsString()
  @IsWellFormed()
  @Length(3, 127)
  contentType: string;

  @ApiProperty({ example: 1048576, description: 'Exact size in bytes' })
  @IsInt()
  @Min(1)
  @Max(Number.MAX_SAFE_INTEGER)
  size: number;

  @ApiProperty({
    example: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    description: 'SHA-256, lower-case hex',
  })
  @Matches(SHA256, { message: 'phải gồm 64 chữ số thập lục phân viết thường' })
  sha256: string;
}

export class ReturnSubmissionDto {
  @ApiProperty({ example: 'Thiếu tài liệu minh chứng cho tiêu chí 2.3' })
  @IsText(3, 2000)
  reason: string;
}

export class CampaignSubmissionsQuery {
  @ApiProperty({ required: false, enum: SubmissionKind, description: 'Only this kind' })
  @IsOptional()
  @IsEnum(SubmissionKind)
  kind?: SubmissionKind;
}

// ---------- NATS requests (HTTP input + the actor) ----------

export class CreateSubmissionRequest extends CreateSubmissionDto {
  @IsObject()
  @ValidateNested()
  @Type(() => ActorDto)
  actor: ActorDto;
}

export class ListSubmissionsRequest extends ListSubmissionsQuery {
  @IsObject()
  @ValidateNested()
  @Type(() => ActorDto)
  actor: ActorDto;
}

export class SubmissionRequest extends ActorRequest {
  @IsUUID()
  id: string;
}

export class RequestUploadRequest extends SubmissionRequest {
  @IsObject()
  @ValidateNested()
  @Type(() => RequestUploadDto)
  body: RequestUploadDto;
}

export class FileRequest extends SubmissionRequest {
  @IsUUID()
  fileId: string;
}

export const IDEMPOTENCY_KEY = /^[A-Za-z0-9._:-]{8,128}$/;

export class SubmitRequest extends SubmissionRequest {
  @Matches(IDEMPOTENCY_KEY, { message: 'Idempotency-Key must be 8–128 characters of A-Z a-z 0-9 . _ : -' })
  idempotencyKey: string;
}

export class ReturnRequest extends SubmissionRequest {
  @IsText(3, 2000)
  reason: string;
}

export class CampaignSubmissionsRequest extends ActorRequest {
  @IsString()
  @IsWellFormed()
  @IsNotEmpty()
  @MaxLength(64)
  groupId: string;

  @IsYear()
  year: number;

  @IsOptional()
  @IsEnum(SubmissionKind)
  kind?: SubmissionKind;
}

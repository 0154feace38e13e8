import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsBoolean,
  IsInt,
  IsObject,
  IsOptional,
  IsUUID,
  Matches,
  Max,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { INT4_MAX, IsText, IsVersion, MAX_PAGE_SIZE } from '../common';
import { SchemeState } from './model';
import { GroupYearActorRequest } from './dto';

/**
 * Next year's covenant (giao ước thi đua) in scoring: the scheme of a year, drafted by the
 * vice-chair, commented on by the members criterion by criterion, signed by every member at the
 * official conference, published with the signatures (seed 000 §IV).
 */

// ---------- HTTP bodies ----------

const CODE = /^[a-z0-9][a-z0-9.-]{0,63}$/;

export class CovenantCommentDto {
  @ApiProperty({
    example: 'thu-ngan-sach',
    description: 'The code of a criterion (or a section) of the latest draft',
    pattern: CODE.source,
  })
  @Matches(CODE, {
    message: 'phải là mã trong bảng điểm (chữ thường không dấu, chữ số, dấu chấm, gạch ngang)',
  })
  criterionCode: string;

  @ApiProperty({
    example: 'Đề nghị nâng chỉ tiêu thu ngân sách lên 110% dự toán',
    minLength: 1,
    maxLength: 4000,
  })
  @IsText(1, 4000)
  text: string;

  @ApiProperty({
    required: false,
    type: String,
    format: 'uuid',
    nullable: true,
    description:
      "The member unit commenting (left out: the caller's unit, none for the central board); a unit officer comments for its own unit only; null: no unit (the central board in its own name)",
  })
  @IsOptional()
  @IsUUID()
  unitId?: string | null;
}

export class CovenantSignDto {
  @ApiProperty({
    format: 'uuid',
    description:
      "The member unit signing: its own officer signs; the chair or vice-chair (of that year or the year before) or the central board record it on the unit's behalf",
  })
  @IsUUID()
  unitId: string;
}

export class PublishSchemeDto {
  @ApiProperty({
    required: false,
    description:
      'The central board only: publish although some members have not signed (with a reason); default false',
  })
  @IsOptional()
  @IsBoolean()
  withoutSignatures?: boolean;

  @ApiProperty({
    required: false,
    minLength: 3,
    maxLength: 2000,
    description: 'Required with withoutSignatures',
    example: 'Tỉnh Đắk Nông vắng mặt tại Hội nghị, đã có văn bản thống nhất nội dung giao ước',
  })
  @ValidateIf((d: PublishSchemeDto) => d.withoutSignatures === true || d.reason !== undefined)
  @IsText(3, 2000)
  reason?: string;
}

// ---------- NATS requests ----------

export class PublishSchemeRequest extends GroupYearActorRequest {
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => PublishSchemeDto)
  body?: PublishSchemeDto;
}

export class CovenantCommentRequest extends GroupYearActorRequest {
  @IsObject()
  @ValidateNested()
  @Type(() => CovenantCommentDto)
  body: CovenantCommentDto;
}

export class CovenantSignRequest extends GroupYearActorRequest {
  @IsObject()
  @ValidateNested()
  @Type(() => CovenantSignDto)
  body: CovenantSignDto;
}

export class CovenantCommentsRequest extends GroupYearActorRequest {
  /** Only the comments on this version (default: every version's). */
  @IsOptional()
  @IsVersion()
  version?: number;

  @IsOptional()
  @Matches(CODE)
  criterionCode?: string;

  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  limit?: number;

  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(INT4_MAX)
  offset?: number;
}

export class CovenantSignaturesRequest extends GroupYearActorRequest {
  /** The signatures of this version (default: the latest version). */
  @IsOptional()
  @IsVersion()
  version?: number;
}

// ---------- views ----------

export interface CovenantCommentView {
  id: string;
  groupId: string;
  year: number;
  /** The version of the scheme the comment was made on (a revision is a new version). */
  version: number;
  criterionCode: string;
  text: string;
  /** The user who wrote it. */
  authorId: string;
  /** The member unit in whose name (null: the central board's own). */
  unitId: string | null;
  unitName: string | null;
  at: string;
}

export type CovenantSignerRole = 'UNIT_OFFICER' | 'BOARD' | 'CHAIR' | 'VICE_CHAIR';

export interface CovenantSignatureView {
  unitId: string;
  unitName: string;
  /** The user who signed (or recorded the signature). */
  by: string;
  /** Recorded on the unit's behalf by the chair, the vice-chair or the board (not its own officer). */
  onBehalf: boolean;
  role: CovenantSignerRole;
  at: string;
}

export interface CovenantPublicationView {
  publishedAt: string;
  publishedBy: string;
  /** Published by the board with members unsigned (`missing` at that time). */
  withoutSignatures: boolean;
  reason: string | null;
}

export interface CovenantSignaturesView {
  groupId: string;
  year: number;
  version: number;
  state: SchemeState;
  signed: CovenantSignatureView[];
  /** The members of that year that have not signed this version. */
  missing: { unitId: string; unitName: string }[];
  /** How it was published (null while a draft). */
  publication: CovenantPublicationView | null;
}

// ---------- event ----------

export interface CovenantPublished {
  groupId: string;
  groupName: string;
  year: number;
  version: number;
  schemeId: string;
  publishedBy: string;
  publishedAt: string;
  withoutSignatures: boolean;
  reason: string | null;
  signatures: CovenantSignatureView[];
  missing: { unitId: string; unitName: string }[];
}

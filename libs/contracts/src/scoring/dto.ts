import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsEnum,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsNumber,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { EACH_OBJECT, INT4_MAX, IsText, IsVersion, IsWellFormed, IsYear, MAX_PAGE_SIZE } from '../common';
import { ActorRequest } from '../intake/dto';
import type { HonourRuleView, SchemeBody, TieBreakView } from './model';

// ---------- HTTP bodies ----------

const SCHEME_CODE = /^[a-z0-9][a-z0-9.-]{0,63}$/;
const SCHEME_CODE_MSG = 'phải là mã trong bảng điểm (chữ thường không dấu, chữ số, dấu chấm, gạch ngang)';

/** One tie-break rule: `section` with SECTION, `criterion` with CRITERION. */
export class TieBreakDto {
  @IsIn(['MORE_AT_MAXIMUM', 'SECTION', 'CRITERION'])
  kind: 'MORE_AT_MAXIMUM' | 'SECTION' | 'CRITERION';

  @ValidateIf((t: TieBreakDto) => t.kind === 'SECTION')
  @Matches(SCHEME_CODE, { message: SCHEME_CODE_MSG })
  section?: string;

  @ValidateIf((t: TieBreakDto) => t.kind === 'CRITERION')
  @Matches(SCHEME_CODE, { message: SCHEME_CODE_MSG })
  criterion?: string;
}

export class HonourAwardDto {
  @IsString()
  @IsWellFormed()
  @Length(1, 100)
  award: string;

  @IsInt()
  @Min(1)
  @Max(1000)
  places: number;
}

export class HonourRuleDto {
  @IsIn(['GROUP', 'SUBGROUP'])
  scope: 'GROUP' | 'SUBGROUP';

  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @IsObject({ each: true, message: EACH_OBJECT })
  @ValidateNested({ each: true })
  @Type(() => HonourAwardDto)
  awards: HonourAwardDto[];

  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(1e9)
  minimumTotal?: number | null;
}

export class PutSchemeDto {
  @ApiProperty({
    allOf: [{ $ref: '#/components/schemas/SchemeBodyModel' }],
    description:
      'The points table: { sections: [{ type: "SECTION", code, title, children: [...sections or criteria] }] }; a criterion is { type: "CRITERION", code, title, max, method, scoredBy, evidenceRequired }. Checked as a whole; every problem is named by its path.',
  })
  @IsObject()
  scheme: SchemeBody;

  @ApiProperty({
    required: false,
    type: 'array',
    items: {
      oneOf: [
        { $ref: '#/components/schemas/TieBreakMoreAtMaximum' },
        { $ref: '#/components/schemas/TieBreakSection' },
        { $ref: '#/components/schemas/TieBreakCriterion' },
      ],
    },
    description:
      'Tie-break rules in order, e.g. [{ "kind": "MORE_AT_MAXIMUM" }, { "kind": "SECTION", "section": "thi-dua" }]. Default: more criteria at maximum.',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @IsObject({ each: true, message: EACH_OBJECT })
  @ValidateNested({ each: true })
  @Type(() => TieBreakDto)
  tieBreaks?: TieBreakView[];

  @ApiProperty({
    required: false,
    allOf: [{ $ref: '#/components/schemas/HonourRule' }],
    description:
      'Honour rule, e.g. { "scope": "SUBGROUP", "awards": [{ "award": "GOVERNMENT_FLAG", "places": 1 }, { "award": "PM_CERTIFICATE", "places": 1 }], "minimumTotal": null } (the default, as in seed 000).',
  })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => HonourRuleDto)
  honours?: HonourRuleView;
}

export class ScoreEntryDto {
  @ApiProperty({ example: 'grdp' })
  @Matches(/^[a-z0-9][a-z0-9.-]{0,63}$/, { message: 'phải là mã tiêu chí' })
  criterion: string;

  @ApiProperty({
    example: 8.5,
    description: 'Points, or the achieved/measured value for TARGET and RANK criteria',
  })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(-1e9)
  @Max(1e9)
  value: number;

  @ApiProperty({ required: false, description: 'Mandatory for appraisal changes, bonus and penalty points' })
  @IsOptional()
  @IsText(0, 2000)
  reason?: string;

  @ApiProperty({ required: false, description: 'Evidence attached (criteria that require it)' })
  @IsOptional()
  @IsBoolean()
  evidence?: boolean;
}

export class PutScoresDto {
  @ApiProperty({ type: [ScoreEntryDto], description: 'All recorded together or none' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(500)
  @IsObject({ each: true, message: EACH_OBJECT })
  @ValidateNested({ each: true })
  @Type(() => ScoreEntryDto)
  entries: ScoreEntryDto[];
}

export class ReopenDto {
  @ApiProperty({ example: 'Sai số liệu tiêu chí 2.3, Hội nghị trù bị thống nhất chấm lại' })
  @IsText(3, 2000)
  reason: string;
}

// ---------- NATS requests ----------

export class GroupYearActorRequest extends ActorRequest {
  @IsString()
  @IsWellFormed()
  @IsNotEmpty()
  @MaxLength(64)
  groupId: string;

  @IsYear()
  year: number;
}

export class PutSchemeRequest extends GroupYearActorRequest {
  @IsObject()
  @ValidateNested()
  @Type(() => PutSchemeDto)
  body: PutSchemeDto;
}

export class SchemeGetRequest extends GroupYearActorRequest {
  @IsOptional()
  @IsVersion()
  version?: number;
}

export class MemberRequest extends GroupYearActorRequest {
  @IsUUID()
  memberId: string;
}

export class PutScoresRequest extends MemberRequest {
  @IsObject()
  @ValidateNested()
  @Type(() => PutScoresDto)
  body: PutScoresDto;
}

export class ReopenRequest extends GroupYearActorRequest {
  @IsText(3, 2000)
  reason: string;
}

/** Orders of the score-changes trail: `at` oldest first (the default), `-at` newest first. */
export const SCORE_CHANGES_SORT = ['at', '-at'] as const;
export type ScoreChangesSort = (typeof SCORE_CHANGES_SORT)[number];

export class ChangesRequest extends GroupYearActorRequest {
  @IsOptional()
  @IsUUID()
  memberId?: string;

  /** One page of the trail: at most this many changes (default DEFAULT_PAGE_SIZE). */
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

  @IsOptional()
  @IsIn(SCORE_CHANGES_SORT)
  sort?: ScoreChangesSort;
}

/** The largest page of `scoring.ranking.get` (rows; with `breakdown` a row holds every criterion). */
export const RANKING_PAGE_MAX = 2000;

export class RankingRequest extends GroupYearActorRequest {
  @IsOptional()
  @IsEnum(['GROUP', 'SUBGROUP'])
  scope?: 'GROUP' | 'SUBGROUP';

  /** true: also every member's points per criterion, self-scored and appraised (computed from the entries). */
  @IsOptional()
  @IsBoolean()
  breakdown?: boolean;

  /**
   * Optional paging (a large group-year in several replies, each under NATS max_payload): skip
   * this many rows, counted across the scopes in their order. Without `limit`, every row.
   */
  @IsOptional()
  @IsInt()
  @Min(0)
  offset?: number;

  /** At most this many rows in the reply (with `offset`); the reply then carries `page`. */
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(RANKING_PAGE_MAX)
  limit?: number;
}

/** An Excel workbook (the points table) passed from the gateway, base64 (at most ~1 MB). */
export class SchemeXlsxImportRequest extends GroupYearActorRequest {
  @IsString()
  @MaxLength(1_400_000)
  fileBase64: string;
}

export class RankYearRequest extends ActorRequest {
  @IsYear()
  year: number;
}

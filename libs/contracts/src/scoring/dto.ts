import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsEnum,
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
  ValidateNested,
} from 'class-validator';
import { ActorRequest } from '../intake/dto';
import type { HonourRuleView, SchemeBody, TieBreakView } from './model';

// ---------- HTTP bodies ----------

export class PutSchemeDto {
  @ApiProperty({
    description:
      'The points table: { sections: [{ type: "SECTION", code, title, children: [...sections or criteria] }] }; a criterion is { type: "CRITERION", code, title, max, method, scoredBy, evidenceRequired }. Checked as a whole; every problem is named by its path.',
  })
  @IsObject()
  scheme: SchemeBody;

  @ApiProperty({
    required: false,
    description:
      'Tie-break rules in order, e.g. [{ "kind": "MORE_AT_MAXIMUM" }, { "kind": "SECTION", "section": "thi-dua" }]. Default: more criteria at maximum.',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  tieBreaks?: TieBreakView[];

  @ApiProperty({
    required: false,
    description:
      'Honour rule, e.g. { "scope": "SUBGROUP", "awards": [{ "award": "GOVERNMENT_FLAG", "places": 1 }, { "award": "PM_CERTIFICATE", "places": 1 }], "minimumTotal": null } (the default, as in seed 000).',
  })
  @IsOptional()
  @IsObject()
  honours?: HonourRuleView;
}

export class ScoreEntryDto {
  @ApiProperty({ example: 'grdp' })
  @Matches(/^[a-z0-9][a-z0-9.-]{0,63}$/, { message: 'criterion must be a criterion code' })
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
  @IsString()
  @MaxLength(2000)
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
  @ValidateNested({ each: true })
  @Type(() => ScoreEntryDto)
  entries: ScoreEntryDto[];
}

export class ReopenDto {
  @ApiProperty({ example: 'Sai số liệu tiêu chí 2.3, Hội nghị trù bị thống nhất chấm lại' })
  @IsString()
  @Length(3, 2000)
  reason: string;
}

// ---------- NATS requests ----------

export class GroupYearActorRequest extends ActorRequest {
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  groupId: string;

  @IsInt()
  @Min(1945)
  @Max(2200)
  year: number;
}

export class PutSchemeRequest extends GroupYearActorRequest {
  @ValidateNested()
  @Type(() => PutSchemeDto)
  body: PutSchemeDto;
}

export class SchemeGetRequest extends GroupYearActorRequest {
  @IsOptional()
  @IsInt()
  @Min(1)
  version?: number;
}

export class MemberRequest extends GroupYearActorRequest {
  @IsUUID()
  memberId: string;
}

export class PutScoresRequest extends MemberRequest {
  @ValidateNested()
  @Type(() => PutScoresDto)
  body: PutScoresDto;
}

export class ReopenRequest extends GroupYearActorRequest {
  @IsString()
  @Length(3, 2000)
  reason: string;
}

export class ChangesRequest extends GroupYearActorRequest {
  @IsOptional()
  @IsUUID()
  memberId?: string;
}

export class RankingRequest extends GroupYearActorRequest {
  @IsOptional()
  @IsEnum(['GROUP', 'SUBGROUP'])
  scope?: 'GROUP' | 'SUBGROUP';

  /** true: also every member's points per criterion, self-scored and appraised (computed from the entries). */
  @IsOptional()
  @IsBoolean()
  breakdown?: boolean;
}

/** An Excel workbook (the points table) passed from the gateway, base64 (at most ~1 MB). */
export class SchemeXlsxImportRequest extends GroupYearActorRequest {
  @IsString()
  @MaxLength(1_400_000)
  fileBase64: string;
}

export class RankYearRequest extends ActorRequest {
  @IsInt()
  @Min(1945)
  @Max(2200)
  year: number;
}

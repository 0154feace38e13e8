import { UploadStatus } from '@tdkt/domain';
import { ApiProperty, IntersectionType, PickType } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsBoolean,
  ArrayMinSize,
  IsArray,
  IsInt,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateBy,
  ValidateNested,
} from 'class-validator';
import { EACH_OBJECT, INT4_MAX, IsCalendarDate, IsText, IsWellFormed } from '../common';
import { ActorDto, ActorRequest } from '../intake/dto';
import type { JobView } from '../jobs';
import { rpc } from '../rpc';
import { FileView } from '../scoring/model';

// ---------- views ----------

export interface AwardTypeView {
  code: string;
  name: string;
  level: 'STATE' | 'PROVINCE' | 'GRASSROOTS' | 'RESISTANCE';
  group: 'I' | 'II' | 'III';
  recipients: 'COLLECTIVE' | 'INDIVIDUAL' | 'BOTH';
  validFrom: string | null;
  validTo: string | null;
  /** The legal text that defines it. */
  basis: string;
  /** The code of the entry it took over from (a renamed or merged title). */
  replaces?: string;
  aliases: string[];
}

export interface AggregateRowView {
  row: number;
  award: string;
  awardCode: string;
  counts: (number | null)[];
  reportedTotal: number | null;
  sumOfCells: number;
  /** MISSING_CELL / TOTAL_MISMATCH: reported to the user, never guessed. */
  flags: { kind: string; unit?: string; message: string }[];
}

export interface CrossTableView {
  units: string[];
  rows: { code: string; name: string; group: 'I' | 'II' | 'III'; cells: (number | null)[]; total: number }[];
  columnTotals: number[];
  grandTotal: number;
}

export interface AggregateTableView {
  id: string;
  groupId: string;
  from: string;
  to: string;
  title: string | null;
  rows: AggregateRowView[];
  flaggedRows: number;
  table: CrossTableView;
  createdAt: string;
}

export interface RecordImportView {
  id: string;
  fileName: string;
  records: number;
  createdAt: string;
  /** True when the same content had been imported before (nothing new was written). */
  alreadyImported: boolean;
}

export interface AwardStatisticsView {
  /** The group, or null for the national table. */
  groupId: string | null;
  /** Counted under today's successors of the period's members. */
  rolledUp: boolean;
  from: string;
  to: string;
  table: CrossTableView;
  collective: number;
  individual: number;
  byCategory: Record<'LEADER' | 'DIRECT_WORKER' | 'FARMER' | 'OTHER' | 'UNSTATED', number>;
  directWorkerShare: number | null;
  leaderShare: number | null;
}

// ---------- HTTP bodies ----------

/** A cell of an aggregate row: a count (checked by the domain: negative or fractional is refused) or null. */
function IsCountCell(): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isCountCell',
      validator: {
        validate: (v: unknown) =>
          v === null || (typeof v === 'number' && Number.isFinite(v) && Math.abs(v) <= INT4_MAX),
        defaultMessage: () => `each of $property must be a number (at most ${INT4_MAX}) or null`,
      },
    },
    { each: true },
  );
}

export class AggregateRowDto {
  @ApiProperty({ example: 'Cờ thi đua của Chính phủ' })
  @IsText(1, 300)
  award: string;

  @ApiProperty({
    type: 'array',
    items: { type: 'integer', minimum: 0, maximum: INT4_MAX, nullable: true },
    description: 'One per unit, in the order of `units`; null where the report lost the cell',
  })
  @IsArray()
  @ArrayMaxSize(200)
  @IsCountCell()
  counts: (number | null)[];

  @ApiProperty({ type: Number, nullable: true, example: 74 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(INT4_MAX)
  reportedTotal: number | null;
}

export class ImportAggregateDto {
  @ApiProperty({ example: '2023-01-01' })
  @IsCalendarDate()
  from: string;

  @ApiProperty({ example: '2023-06-30' })
  @IsCalendarDate()
  to: string;

  @ApiProperty({ required: false, example: 'Kết quả khen thưởng 6 tháng đầu năm 2023' })
  @IsOptional()
  @IsText(0, 300)
  title?: string;

  @ApiProperty({ type: [String], example: ['Đắk Lắk', 'Gia Lai'] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(200)
  @IsString({ each: true })
  @IsWellFormed({ each: true })
  @MaxLength(200, { each: true })
  units: string[];

  @ApiProperty({ type: [AggregateRowDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(500)
  @IsObject({ each: true, message: EACH_OBJECT })
  @ValidateNested({ each: true })
  @Type(() => AggregateRowDto)
  rows: AggregateRowDto[];
}

// ---------- NATS requests ----------

export class ImportAggregateRequest extends ActorRequest {
  @IsString()
  @IsWellFormed()
  @IsNotEmpty()
  @MaxLength(64)
  groupId: string;

  @IsObject()
  @ValidateNested()
  @Type(() => ImportAggregateDto)
  body: ImportAggregateDto;
}

export class AggregateGetRequest extends ActorRequest {
  @IsUUID()
  id: string;
}

export class CatalogueRequest {
  @IsOptional()
  @IsCalendarDate()
  on?: string;
}

export class StatisticsQuery {
  @ApiProperty({
    required: false,
    description:
      "true: the members' counts added up under the units that succeed them today (the 2025 merger)",
  })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  rollUp?: boolean;

  @ApiProperty({ example: '2023-01-01' })
  @IsCalendarDate()
  from: string;

  @ApiProperty({ example: '2023-06-30' })
  @IsCalendarDate()
  to: string;
}

export class StatisticsRequest extends StatisticsQuery {
  @IsObject()
  @ValidateNested()
  @Type(() => ActorDto)
  actor: ActorDto;

  @IsString()
  @IsWellFormed()
  @IsNotEmpty()
  @MaxLength(64)
  groupId: string;
}

export class NationalStatisticsRequest extends StatisticsQuery {
  @IsObject()
  @ValidateNested()
  @Type(() => ActorDto)
  actor: ActorDto;
}

/** The period a file of records is for: a decision dated outside it is an error. */
export class FilePeriodDto {
  @ApiProperty({
    required: false,
    example: '2023-01-01',
    description: 'The period the file is for (decisions outside it are errors)',
  })
  @IsOptional()
  @IsCalendarDate()
  from?: string;

  @ApiProperty({ required: false, example: '2023-06-30' })
  @IsOptional()
  @IsCalendarDate()
  to?: string;
}

export class RecordsUploadDto extends FilePeriodDto {
  @ApiProperty({ example: 'khen-thuong-2023.xlsx' })
  @IsText(1, 255)
  fileName: string;

  @ApiProperty({ example: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' })
  @IsString()
  @IsWellFormed()
  @MaxLength(127)
  contentType: string;

  @ApiProperty({ example: 5242880, description: 'Exact size in bytes (at most 100 MB)' })
  @IsInt()
  @Min(1)
  @Max(100 * 1024 * 1024)
  size: number;

  @ApiProperty({ description: 'SHA-256 of the file, lower-case hex' })
  @Matches(/^[0-9a-f]{64}$/, { message: 'phải gồm 64 chữ số thập lục phân viết thường' })
  sha256: string;
}

export class RecordsUploadRequest extends RecordsUploadDto {
  @IsObject()
  @ValidateNested()
  @Type(() => ActorDto)
  actor: ActorDto;
}

class RecordsFileBody {
  /** The file, base64 (the gateway's body limit bounds it). */
  @IsString()
  @MaxLength(20_000_000)
  fileBase64: string;
}

/**
 * A file of records sent whole: name, type (text/csv or the XLSX type) and period as for an upload,
 * then the bytes. Combined in this order, the order in which problems are reported.
 */
export class ImportRecordsRequest extends IntersectionType(
  ActorRequest,
  PickType(RecordsUploadDto, ['fileName', 'contentType', 'from', 'to'] as const),
  RecordsFileBody,
) {}

export class UploadIdRequest extends ActorRequest {
  @IsUUID()
  uploadId: string;
}

/**
 * Where a large file is (libs/domain `UploadStatus`): PENDING (waiting for the file), QUEUED (its
 * import job waits for a worker), IMPORTING, DONE or FAILED.
 */
/** An upload's states: owned by libs/domain (awards/uploads.ts). */
export { UploadStatus };
export type RecordsUploadStatus = `${UploadStatus}`;

/** The `records-import` job's answer once DONE. */
export interface RecordsImportResult {
  importId: string;
  records: number;
  alreadyImported: boolean;
}

export interface RecordsUploadView {
  id: string;
  fileName: string;
  status: RecordsUploadStatus;
  /** Lines read so far (every 10,000 while importing). */
  processedRows: number;
  /** Lines of the file, once it has been read to the end. */
  totalRows: number | null;
  importId: string | null;
  error: string | null;
  /** The import's job (`records-import`): its state and progress, its result or error. */
  job: JobView | null;
  /** While PENDING: PUT the file's bytes to `url` with exactly `headers` (type and size are signed). */
  upload: { method: 'PUT'; url: string; headers: Record<string, string>; expiresAt: string } | null;
}

/** Request/reply subjects served by awards (queue group `awards`). Public API: see rpc.ts. */
export const AwardsRpc = {
  catalogue: rpc<CatalogueRequest, AwardTypeView[]>('awards.catalogue.list', { cacheable: true }),
  /** A report's unit × award-type table: checked row by row, stored once per content. */
  aggregateImport: rpc<ImportAggregateRequest, AggregateTableView>('awards.aggregate.import'),
  aggregateGet: rpc<AggregateGetRequest, AggregateTableView>('awards.aggregate.get'),
  /** A CSV or XLSX file of award records: all or nothing, once per content. */
  recordsImport: rpc<ImportRecordsRequest, RecordImportView>('awards.records.import'),
  /** Large files: a presigned upload to storage, then the import reads it from there. */
  recordsUpload: rpc<RecordsUploadRequest, RecordsUploadView>('awards.records.upload'),
  /** Queues the `records-import` job of an uploaded file; answers the job (follow it on the upload). */
  recordsImportUpload: rpc<UploadIdRequest, JobView>('awards.records.import-upload'),
  /** Progress of an uploaded file's import. */
  recordsUploadGet: rpc<UploadIdRequest, RecordsUploadView>('awards.records.upload-get'),
  /** Unit × award type of a group's members (as they were in the period) from the records. */
  statistics: rpc<StatisticsRequest, AwardStatisticsView>('awards.statistics.get'),
  /** Every province valid at the start of the period (the national table). */
  nationalStatistics: rpc<NationalStatisticsRequest, AwardStatisticsView>('awards.statistics.national'),
  /** The same as an Excel table in the layout of the reports' appendix (base64). */
  statisticsXlsx: rpc<StatisticsRequest, FileView>('awards.statistics.xlsx'),
  /** The national table as an Excel workbook in the same layout (base64). */
  nationalStatisticsXlsx: rpc<NationalStatisticsRequest, FileView>('awards.statistics.national-xlsx'),
} as const;

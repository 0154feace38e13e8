import { DocumentFormat, DocumentType } from '@tdkt/domain';
import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsEnum,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { IsVersion, IsWellFormed, IsYear } from '../common';
import { ActorRequest } from '../intake/dto';
import type { JobView } from '../jobs';
import { rpc } from '../rpc';

/** The document types and formats are the domain's (libs/domain documents/types.ts). */
export { DocumentFormat, DocumentType };

/** The longest a caller may wait for a small document to be rendered (seconds). */
export const DOCUMENT_WAIT_MAX_SECONDS = 10;

// ---------- views ----------

/** One stored version of a document (a file in object storage with its SHA-256). */
export interface DocumentView {
  id: string;
  type: DocumentType;
  format: DocumentFormat;
  /** What it is about, as a key: `group:<groupId>:<year>`, `invitation:…`, `receipt:<submissionId>:<version>`. */
  subjectKey: string;
  /** 1, 2, … per type, subject and format: a new one each time the data changed. */
  version: number;
  templateVersion: string;
  /** SHA-256 of the data it was made from (same data and template → the same stored file). */
  dataSha256: string;
  fileName: string;
  contentType: string;
  size: number;
  sha256: string;
  /** Made from locked results (minutes, proposal): kept as it was, never replaced. */
  immutable: boolean;
  createdAt: string;
}

/** A render request's job, with the document once DONE. */
export interface RenderJobView extends JobView {
  /** The stored document once DONE (at once when the same data had been rendered before). */
  document: DocumentView | null;
  /** Whether asking again may succeed (a FAILED job whose cause may pass: storage, a renderer). */
  retryable: boolean;
  /**
   * Where the job is, in words of the progress (`progress.done` of 3): QUEUED, RENDERING (Chromium
   * printing; a large group's table takes minutes), STORING (writing the file), RECORDING, DONE,
   * FAILED. The data is gathered (page by page) before the job is queued.
   */
  stage?: 'QUEUED' | 'RENDERING' | 'STORING' | 'RECORDING' | 'DONE' | 'FAILED';
}

export interface DocumentDownloadView {
  url: string;
  expiresAt: string;
  fileName: string;
  contentType: string;
  size: number;
  sha256: string;
}

export interface DocumentVersionsView {
  type: DocumentType;
  format: DocumentFormat;
  subjectKey: string;
  versions: DocumentView[];
}

/** What the public verification of a receipt answers: whether it exists and what it covers. */
export interface ReceiptVerificationView {
  valid: boolean;
  receiptNumber: string;
  unitName: string;
  campaign: string;
  kind: string;
  version: number;
  issuedAt: string;
  issuedAtVietnam: string;
  files: { name: string; size: number; sha256: string }[];
}

// ---------- HTTP bodies ----------

/** A render request: the type, the format and the subject's fields the type needs. */
export class RenderDocumentDto {
  @ApiProperty({ enum: DocumentType, example: DocumentType.CONFERENCE_PLAN })
  @IsEnum(DocumentType)
  type: DocumentType;

  @ApiProperty({ enum: DocumentFormat, required: false, default: DocumentFormat.PDF })
  @IsOptional()
  @IsEnum(DocumentFormat)
  format?: DocumentFormat;

  @ApiProperty({
    required: false,
    description: 'Group id or code (every type but RECEIPT)',
    example: 'cum-tn-dhmt',
  })
  @IsOptional()
  @IsString()
  @IsWellFormed()
  @IsNotEmpty()
  @MaxLength(64)
  groupId?: string;

  @ApiProperty({ required: false, example: 2023, description: 'The covenant year (every type but RECEIPT)' })
  @IsOptional()
  @IsYear()
  year?: number;

  @ApiProperty({
    required: false,
    enum: ['PREPARATORY', 'OFFICIAL'],
    description: 'INVITATION: which conference',
  })
  @IsOptional()
  @IsIn(['PREPARATORY', 'OFFICIAL'])
  conference?: 'PREPARATORY' | 'OFFICIAL';

  @ApiProperty({ required: false, description: 'INVITATION: the invited member unit (id or code)' })
  @IsOptional()
  @IsString()
  @IsWellFormed()
  @IsNotEmpty()
  @MaxLength(64)
  unitId?: string;

  @ApiProperty({ required: false, format: 'uuid', description: 'RECEIPT: the submission' })
  @IsOptional()
  @IsUUID()
  submissionId?: string;

  @ApiProperty({ required: false, description: 'RECEIPT: the submitted version' })
  @IsOptional()
  @IsVersion()
  version?: number;

  @ApiProperty({
    required: false,
    minimum: 0,
    maximum: DOCUMENT_WAIT_MAX_SECONDS,
    description: 'Seconds to wait for a small document (answered 201 with it when ready in time)',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(DOCUMENT_WAIT_MAX_SECONDS)
  wait?: number;
}

/** A subject's versions: the same fields as a render request (type, format, subject). */
export class DocumentVersionsQuery {
  @ApiProperty({ enum: DocumentType })
  @IsEnum(DocumentType)
  type: DocumentType;

  @ApiProperty({ enum: DocumentFormat, required: false, default: DocumentFormat.PDF })
  @IsOptional()
  @IsEnum(DocumentFormat)
  format?: DocumentFormat;

  @ApiProperty({ required: false })
  @IsOptional()
  @IsString()
  @IsWellFormed()
  @IsNotEmpty()
  @MaxLength(64)
  groupId?: string;

  @ApiProperty({ required: false })
  @IsOptional()
  @Type(() => Number)
  @IsYear()
  year?: number;

  @ApiProperty({ required: false, enum: ['PREPARATORY', 'OFFICIAL'] })
  @IsOptional()
  @IsIn(['PREPARATORY', 'OFFICIAL'])
  conference?: 'PREPARATORY' | 'OFFICIAL';

  @ApiProperty({ required: false })
  @IsOptional()
  @IsString()
  @IsWellFormed()
  @IsNotEmpty()
  @MaxLength(64)
  unitId?: string;

  @ApiProperty({ required: false, format: 'uuid' })
  @IsOptional()
  @IsUUID()
  submissionId?: string;

  @ApiProperty({ required: false })
  @IsOptional()
  @Type(() => Number)
  @IsVersion()
  version?: number;
}

// ---------- NATS requests ----------

export class RenderDocumentRequest extends ActorRequest {
  @IsEnum(DocumentType)
  type: DocumentType;

  @IsOptional()
  @IsEnum(DocumentFormat)
  format?: DocumentFormat;

  @IsOptional()
  @IsString()
  @IsWellFormed()
  @IsNotEmpty()
  @MaxLength(64)
  groupId?: string;

  @IsOptional()
  @IsYear()
  year?: number;

  @IsOptional()
  @IsIn(['PREPARATORY', 'OFFICIAL'])
  conference?: 'PREPARATORY' | 'OFFICIAL';

  @IsOptional()
  @IsString()
  @IsWellFormed()
  @IsNotEmpty()
  @MaxLength(64)
  unitId?: string;

  @IsOptional()
  @IsUUID()
  submissionId?: string;

  @IsOptional()
  @IsVersion()
  version?: number;
}

export class DocumentVersionsRequest extends RenderDocumentRequest {}

export class RenderJobRequest extends ActorRequest {
  @IsUUID()
  jobId: string;
}

export class DocumentIdRequest extends ActorRequest {
  @IsUUID()
  documentId: string;
}

/** A receipt's verification code: 32 lower-case hex digits (128 random bits). */
export const RECEIPT_CODE = /^[0-9a-f]{32}$/;

export class ReceiptVerifyRequest {
  @IsString()
  @Matches(RECEIPT_CODE, { message: 'phải là 32 chữ số thập lục phân in trên phiếu tiếp nhận' })
  code: string;
}

/** Intake's answer for a receipt by its code: only what the receipt covers. */
export interface ReceiptCoverView {
  receiptNumber: string;
  submissionId: string;
  version: number;
  unitId: string;
  groupId: string;
  year: number;
  campaignId: string;
  kind: string;
  issuedAt: string;
  issuedAtVietnam: string;
  late: boolean;
  files: { name: string; contentType: string; size: number; sha256: string }[];
}

/** A receipt as documents prints it: its cover and its verification code. */
export interface ReceiptForDocumentView extends ReceiptCoverView {
  verificationCode: string;
}

export class ReceiptForDocumentRequest extends ActorRequest {
  @IsUUID()
  submissionId: string;

  @IsVersion()
  version: number;
}

/** Subjects answered by documents (queue group `documents`). */
export const DocumentsRpc = {
  render: rpc<RenderDocumentRequest, RenderJobView>('documents.document.render'),
  jobGet: rpc<RenderJobRequest, RenderJobView>('documents.job.get'),
  documentGet: rpc<DocumentIdRequest, DocumentView>('documents.document.get'),
  download: rpc<DocumentIdRequest, DocumentDownloadView>('documents.document.download'),
  versions: rpc<DocumentVersionsRequest, DocumentVersionsView>('documents.document.versions'),
  /** Public: whether a receipt with this code exists and what it covers. */
  receiptVerify: rpc<ReceiptVerifyRequest, ReceiptVerificationView>('documents.receipt.verify'),
} as const;

/** Subjects intake answers for documents (its receipts' verification codes). */
export const IntakeReceiptRpc = {
  /** A receipt with its verification code, for whoever may read the submission. */
  forDocument: rpc<ReceiptForDocumentRequest, ReceiptForDocumentView>('intake.receipt.for-document'),
  /** A receipt by its verification code (no actor: what it covers, nothing more). */
  byCode: rpc<ReceiptVerifyRequest, ReceiptCoverView>('intake.receipt.by-code'),
} as const;

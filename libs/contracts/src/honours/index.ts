import { ApiProperty } from '@nestjs/swagger';
import { DossierPartKind, DossierState } from '@tdkt/domain';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsEnum,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { EACH_OBJECT, IsCalendarDate, IsText, IsWellFormed, IsYear, Page, PageQuery } from '../common';
import { eventDef, StreamDef } from '../events';
import { ActorDto, ActorRequest } from '../intake/dto';
import { rpc } from '../rpc';

/**
 * The honours service (schema `honours`): proposal dossiers per proposed honour (hồ sơ đề nghị
 * khen thưởng) and the decisions that grant the awards (quyết định khen thưởng). Subjects, stream
 * and event payloads are a public API: renaming needs a migration plan.
 */

export { DossierPartKind, DossierState };

/** A decision in force, or superseded by a correcting decision (never edited). */
export enum DecisionStatus {
  IN_FORCE = 'IN_FORCE',
  SUPERSEDED = 'SUPERSEDED',
}

/** Who receives an award of a decision: the unit itself, or a person named in it. */
export enum RecipientKindOfAward {
  COLLECTIVE = 'COLLECTIVE',
  INDIVIDUAL = 'INDIVIDUAL',
}

/** An honour code of scoring's rule (GOVERNMENT_FLAG) or an award form code (CO-THI-DUA-CHINH-PHU). */
const CODE = /^[A-Z0-9][A-Z0-9_-]{0,63}$/;

// ---------- HTTP bodies and queries ----------

export class CreateDossierDto {
  @ApiProperty({ format: 'uuid', description: 'The honoured member unit' })
  @IsUUID()
  memberUnitId: string;

  @ApiProperty({
    example: 'GOVERNMENT_FLAG',
    description: 'The honour as scoring proposed it (its rule’s code: GOVERNMENT_FLAG, PM_CERTIFICATE…)',
  })
  @IsString()
  @Matches(CODE, { message: 'phải là mã danh hiệu của quy tắc khen thưởng (ví dụ GOVERNMENT_FLAG)' })
  award: string;
}

export class ReturnDossierDto {
  @ApiProperty({
    example: 'Thiếu chữ ký trên tờ trình',
    description: 'Why it is returned (shown to the chair)',
  })
  @IsText(1, 2000)
  reason: string;
}

export class ListDossiersQuery extends PageQuery {
  @ApiProperty({ required: false, enum: DossierState, enumName: 'DossierState' })
  @IsOptional()
  @IsEnum(DossierState)
  state?: DossierState;
}

export class DecisionAwardDto {
  @ApiProperty({
    required: false,
    format: 'uuid',
    description:
      'The accepted dossier this award answers; when omitted, the one accepted dossier of the same unit and form is taken',
  })
  @IsOptional()
  @IsUUID()
  dossierId?: string;

  @ApiProperty({ example: 'CO-THI-DUA-CHINH-PHU', description: 'Award form code of the awards catalogue' })
  @IsString()
  @Matches(CODE, { message: 'phải là mã hình thức khen thưởng trong danh mục (ví dụ CO-THI-DUA-CHINH-PHU)' })
  award: string;

  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  recipientUnitId: string;

  @ApiProperty({
    required: false,
    description: 'A person awarded (individual); omitted: the unit itself (collective)',
  })
  @IsOptional()
  @IsText(1, 300)
  recipientName?: string;
}

export class DecisionOverrideDto {
  @ApiProperty({ description: 'Why the decision grants more than the accepted dossiers (recorded)' })
  @IsText(1, 2000)
  reason: string;
}

export class RecordDecisionDto {
  @ApiProperty({ example: '123/QĐ-TTg', description: 'Số quyết định' })
  @IsText(1, 100)
  number: string;

  @ApiProperty({ format: 'date', example: '2024-04-15', description: 'Ngày ký' })
  @IsCalendarDate()
  signedOn: string;

  @ApiProperty({ example: 'Thủ tướng Chính phủ', description: 'Cơ quan, người có thẩm quyền quyết định' })
  @IsText(1, 300)
  authority: string;

  @ApiProperty({ example: 'Trần Lưu Quang', description: 'Người ký' })
  @IsText(1, 200)
  signerName: string;

  @ApiProperty({ required: false, example: 'Phó Thủ tướng', description: 'Chức vụ người ký (KT. …)' })
  @IsOptional()
  @IsText(1, 200)
  signerTitle?: string;

  @ApiProperty({ required: false, description: 'Trích yếu' })
  @IsOptional()
  @IsText(1, 500)
  title?: string;

  @ApiProperty({ type: [DecisionAwardDto], minItems: 1, maxItems: 500 })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(500)
  @IsObject({ each: true, message: EACH_OBJECT })
  @ValidateNested({ each: true })
  @Type(() => DecisionAwardDto)
  awards: DecisionAwardDto[];

  @ApiProperty({
    required: false,
    type: DecisionOverrideDto,
    description: 'The board grants beyond the accepted dossiers, with its reason (recorded)',
  })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => DecisionOverrideDto)
  override?: DecisionOverrideDto;

  @ApiProperty({
    required: false,
    format: 'uuid',
    description: 'The decision this one corrects: it supersedes it (and its award records)',
  })
  @IsOptional()
  @IsUUID()
  corrects?: string;
}

// ---------- NATS requests ----------

export class GroupYearHonoursRequest extends ActorRequest {
  @IsString()
  @IsWellFormed()
  @IsNotEmpty()
  @MaxLength(64)
  groupId: string;

  @IsYear()
  year: number;
}

export class DossierCreateRequest extends GroupYearHonoursRequest {
  @IsObject()
  @ValidateNested()
  @Type(() => CreateDossierDto)
  body: CreateDossierDto;
}

export class DossierListRequest extends ListDossiersQuery {
  @IsObject()
  @ValidateNested()
  @Type(() => ActorDto)
  actor: ActorDto;

  @IsString()
  @IsWellFormed()
  @IsNotEmpty()
  @MaxLength(64)
  groupId: string;

  @IsYear()
  year: number;
}

export class DossierRequest extends ActorRequest {
  @IsUUID()
  id: string;
}

export class DossierReturnRequest extends DossierRequest {
  @IsObject()
  @ValidateNested()
  @Type(() => ReturnDossierDto)
  body: ReturnDossierDto;
}

export class DecisionRecordRequest extends ActorRequest {
  @IsObject()
  @ValidateNested()
  @Type(() => RecordDecisionDto)
  body: RecordDecisionDto;
}

export class DecisionListRequest extends PageQuery {
  @IsObject()
  @ValidateNested()
  @Type(() => ActorDto)
  actor: ActorDto;
}

export class DecisionRequest extends ActorRequest {
  @IsUUID()
  id: string;
}

// ---------- views ----------

export interface DossierPartView {
  kind: DossierPartKind;
  title: string;
  present: boolean;
  /** The document (proposal letter, minutes): its id and version. */
  documentId: string | null;
  documentVersion: number | null;
  /** The achievement report: the submission and its receipt. */
  submissionId: string | null;
  receiptNumber: string | null;
  /** What was found or why it is missing, in words. */
  note: string | null;
}

export interface DossierStepView {
  /** CORRECT: its decision was superseded by a correction that did not grant it again (back to ACCEPTED). */
  action: 'CREATE' | 'SUBMIT' | 'RETURN' | 'ACCEPT' | 'DECIDE' | 'CORRECT';
  state: DossierState;
  by: string;
  reason: string | null;
  at: string;
}

export interface DossierView {
  id: string;
  groupId: string;
  year: number;
  memberUnitId: string;
  memberUnitName: string;
  /** The honour as proposed by scoring (GOVERNMENT_FLAG…). */
  award: string;
  /** The award form of the catalogue it stands for (CO-THI-DUA-CHINH-PHU…), when known. */
  awardForm: string | null;
  subgroupId: string | null;
  rank: number;
  total: number;
  state: DossierState;
  /** Every part, present or missing (as of this answer; fixed once submitted until returned). */
  parts: DossierPartView[];
  missing: DossierPartKind[];
  complete: boolean;
  /** The last return's reason while RETURNED (or resubmitted after one). */
  returnReason: string | null;
  /** The decision that granted it, once DECIDED. */
  decisionId: string | null;
  history: DossierStepView[];
  createdAt: string;
  updatedAt: string;
}

export interface DecisionAwardView {
  line: number;
  award: string;
  awardName: string;
  recipientKind: RecipientKindOfAward;
  recipientUnitId: string;
  recipientUnitName: string;
  recipientName: string | null;
  dossierId: string | null;
  /** Granted beyond the accepted dossiers (under the board's override). */
  beyondProposed: boolean;
}

export interface DecisionView {
  id: string;
  number: string;
  signedOn: string;
  authority: string;
  signerName: string;
  signerTitle: string | null;
  title: string | null;
  status: DecisionStatus;
  corrects: string | null;
  correctedBy: string | null;
  override: { reason: string; by: string; lines: number } | null;
  awards: DecisionAwardView[];
  recordedBy: string;
  recordedAt: string;
}

// ---------- subjects ----------

/** Request/reply subjects served by honours (queue group `honours`). Public API: see rpc.ts. */
export const HonoursRpc = {
  dossierCreate: rpc<DossierCreateRequest, DossierView>('honours.dossier.create'),
  dossierList: rpc<DossierListRequest, Page<DossierView>>('honours.dossier.list'),
  dossierGet: rpc<DossierRequest, DossierView>('honours.dossier.get'),
  dossierSubmit: rpc<DossierRequest, DossierView>('honours.dossier.submit'),
  dossierReturn: rpc<DossierReturnRequest, DossierView>('honours.dossier.return'),
  dossierAccept: rpc<DossierRequest, DossierView>('honours.dossier.accept'),
  decisionRecord: rpc<DecisionRecordRequest, DecisionView>('honours.decision.record'),
  decisionList: rpc<DecisionListRequest, Page<DecisionView>>('honours.decision.list'),
  decisionGet: rpc<DecisionRequest, DecisionView>('honours.decision.get'),
} as const;

// ---------- events ----------

export const HONOURS_STREAM = 'HONOURS_EVENTS';

/** A dossier's step: submitted to the central council, returned (with the reason), accepted. */
export interface DossierStepped {
  dossierId: string;
  groupId: string;
  year: number;
  memberUnitId: string;
  award: string;
  state: DossierState;
  by: string;
  reason: string | null;
  at: string;
}

/** A decision recorded: each line becomes one award record in awards (keyed by decision + line). */
export interface DecisionRecorded {
  decisionId: string;
  number: string;
  signedOn: string;
  authority: string;
  signerName: string;
  signerTitle: string | null;
  /** The decision it corrects (whose award records it supersedes). */
  corrects: string | null;
  recordedBy: string;
  awards: {
    line: number;
    award: string;
    recipientKind: RecipientKindOfAward;
    recipientUnitId: string;
    /** The person, or the unit's name for a collective award. */
    recipientName: string;
    dossierId: string | null;
  }[];
}

export const HonoursEvents = {
  dossierSubmitted: eventDef<DossierStepped>(HONOURS_STREAM, 'honours.dossier.submitted'),
  dossierReturned: eventDef<DossierStepped>(HONOURS_STREAM, 'honours.dossier.returned'),
  dossierAccepted: eventDef<DossierStepped>(HONOURS_STREAM, 'honours.dossier.accepted'),
  decisionRecorded: eventDef<DecisionRecorded>(HONOURS_STREAM, 'honours.decision.recorded'),
} as const;

export const HonoursStream: StreamDef = {
  name: HONOURS_STREAM,
  subjects: Object.values(HonoursEvents).map((e) => e.subject),
};

/** OpenAPI shapes of intake's answers; each implements the contract's type so they stay in step. */
import { ApiProperty } from '@nestjs/swagger';
import {
  FileCheckOutcome,
  CampaignSubmissionsView,
  DeadlineView,
  DownloadLink,
  FileState,
  FileStatusView,
  JobState,
  JobView,
  LatePolicy,
  MemberSubmissionsRow,
  Page,
  ReceiptFile,
  ReceiptView,
  SubmissionFileView,
  SubmissionKind,
  SubmissionState,
  SubmissionSummary,
  SubmissionVersionView,
  SubmissionView,
  UploadTicket,
} from '@tdkt/contracts';
import { DateTime, Int, Uuid } from '../http/api-models';

const SHA = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

export class SubmissionFileResponse implements SubmissionFileView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'Báo cáo tổng kết năm 2026.pdf' }) name: string;
  @ApiProperty({ example: 'application/pdf' }) contentType: string;
  @ApiProperty(Int({ example: 1048576 })) size: number;
  @ApiProperty({ example: SHA }) sha256: string;
  @ApiProperty({ enum: FileState }) state: FileState;
  @ApiProperty({ type: String, nullable: true }) rejectedReason: string | null;
  @ApiProperty({
    type: String,
    nullable: true,
    example: 'FILE_CHECKSUM_MISMATCH',
    description: 'Why it was rejected, as a reason of the error catalogue',
  })
  rejectedCode: string | null;
  @ApiProperty(DateTime()) uploadExpiresAt: string;
  @ApiProperty(DateTime({ nullable: true })) confirmedAt: string | null;
}

export class JobProgressResponse {
  @ApiProperty(Int({ example: 52428800, description: 'Bytes hashed so far' })) done: number;
  @ApiProperty(Int({ nullable: true, example: 524288000, description: 'The file size' }))
  total: number | null;
}

export class JobErrorResponse {
  @ApiProperty() code: string;
  @ApiProperty({ required: false }) reason?: string;
  @ApiProperty() message: string;
}

export class FileCheckResultResponse implements FileCheckOutcome {
  @ApiProperty(Uuid()) fileId: string;
  @ApiProperty({ enum: FileState }) state: FileState;
  @ApiProperty({ type: String, nullable: true, description: 'The reason code of a rejection' })
  rejectedCode: string | null;
  @ApiProperty({ type: String, nullable: true }) rejectedReason: string | null;
}

/** A job (here: `file-confirm`, the check of a large file) as the API shows it. */
export class JobResponse implements JobView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'file-confirm' }) kind: string;
  @ApiProperty({ enum: JobState }) state: JobState;
  @ApiProperty({ type: JobProgressResponse }) progress: JobProgressResponse;
  @ApiProperty({
    type: FileCheckResultResponse,
    nullable: true,
    description: "Once DONE: the file's outcome",
  })
  result: unknown | null;
  @ApiProperty({ type: JobErrorResponse, nullable: true }) error: JobView['error'];
  @ApiProperty(Int()) attempts: number;
  @ApiProperty(DateTime()) createdAt: string;
  @ApiProperty(DateTime()) updatedAt: string;
}

export class FileStatusResponse extends SubmissionFileResponse implements FileStatusView {
  @ApiProperty({
    type: JobResponse,
    nullable: true,
    description: 'The job that checks (or checked) a large file; null for a file checked on confirm',
  })
  job: JobResponse | null;
}

export class SubmissionVersionResponse implements SubmissionVersionView {
  @ApiProperty(Int({ example: 1 })) number: number;
  @ApiProperty({ enum: SubmissionState }) state: SubmissionState;
  @ApiProperty(DateTime()) createdAt: string;
  @ApiProperty(DateTime({ nullable: true })) submittedAt: string | null;
  @ApiProperty() late: boolean;
  @ApiProperty({ type: String, nullable: true, example: '2026-000042' }) receiptNumber: string | null;
  @ApiProperty({ type: String, nullable: true }) returnedReason: string | null;
  @ApiProperty(DateTime({ nullable: true })) returnedAt: string | null;
  @ApiProperty({ type: String, nullable: true }) returnedBy: string | null;
  @ApiProperty(DateTime({ nullable: true })) acceptedAt: string | null;
  @ApiProperty({ type: String, nullable: true }) acceptedBy: string | null;
  @ApiProperty({ type: [SubmissionFileResponse] }) files: SubmissionFileResponse[];
}

export class SubmissionResponse implements SubmissionView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) campaignId: string;
  @ApiProperty({ format: 'uuid' }) groupId: string;
  @ApiProperty(Int({ example: 2026 })) year: number;
  @ApiProperty({ format: 'uuid' }) unitId: string;
  @ApiProperty({ enum: SubmissionKind }) kind: SubmissionKind;
  @ApiProperty({ type: String, nullable: true }) title: string | null;
  @ApiProperty({ enum: SubmissionState }) state: SubmissionState;
  @ApiProperty({ description: 'The latest submitted version came after the deadline' }) late: boolean;
  @ApiProperty(Int()) currentVersion: number;
  @ApiProperty(DateTime()) createdAt: string;
  @ApiProperty(DateTime()) updatedAt: string;
  @ApiProperty({ format: 'uuid' }) createdBy: string;
  @ApiProperty({
    type: [SubmissionVersionResponse],
    description: 'Newest first; reviewers see submitted ones only',
  })
  versions: SubmissionVersionResponse[];
}

export class SubmissionSummaryResponse implements SubmissionSummary {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) campaignId: string;
  @ApiProperty({ format: 'uuid' }) groupId: string;
  @ApiProperty(Int()) year: number;
  @ApiProperty({ format: 'uuid' }) unitId: string;
  @ApiProperty({ enum: SubmissionKind }) kind: SubmissionKind;
  @ApiProperty({ type: String, nullable: true }) title: string | null;
  @ApiProperty({ enum: SubmissionState }) state: SubmissionState;
  @ApiProperty() late: boolean;
  @ApiProperty(Int()) currentVersion: number;
  @ApiProperty(DateTime({ nullable: true })) submittedAt: string | null;
  @ApiProperty({ type: String, nullable: true }) receiptNumber: string | null;
  @ApiProperty(DateTime()) updatedAt: string;
}

export class SubmissionPage implements Page<SubmissionSummary> {
  @ApiProperty({ type: [SubmissionSummaryResponse] }) items: SubmissionSummaryResponse[];
  @ApiProperty(Int()) total: number;
  @ApiProperty(Int()) limit: number;
  @ApiProperty(Int()) offset: number;
}

export class ReceiptFileResponse implements ReceiptFile {
  @ApiProperty({ format: 'uuid' }) fileId: string;
  @ApiProperty() name: string;
  @ApiProperty() contentType: string;
  @ApiProperty(Int()) size: number;
  @ApiProperty({ example: SHA }) sha256: string;
}

export class ReceiptResponse implements ReceiptView {
  @ApiProperty({ example: '2026-000042', description: 'Unique within the campaign' }) number: string;
  @ApiProperty({ format: 'uuid' }) submissionId: string;
  @ApiProperty(Int()) version: number;
  @ApiProperty({ format: 'uuid' }) campaignId: string;
  @ApiProperty({ format: 'uuid' }) groupId: string;
  @ApiProperty(Int()) year: number;
  @ApiProperty({ format: 'uuid' }) unitId: string;
  @ApiProperty({ enum: SubmissionKind }) kind: SubmissionKind;
  @ApiProperty(DateTime({ description: 'Server time (ISO instant)' })) issuedAt: string;
  @ApiProperty({ example: '14:05:09 ngày 04/02/2024 (giờ Việt Nam)' }) issuedAtVietnam: string;
  @ApiProperty() late: boolean;
  @ApiProperty({ type: [ReceiptFileResponse] }) files: ReceiptFileResponse[];
}

export class UploadFormResponse {
  @ApiProperty({ enum: ['PUT'] }) method: 'PUT';
  @ApiProperty({
    description: 'Storage URL (presigned, short-lived): PUT the file bytes here as the body, not to the API',
  })
  url: string;
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'string' },
    example: { 'content-type': 'application/pdf', 'content-length': '482113' },
    description: 'Send exactly these headers: the declared type and size are signed into the URL',
  })
  headers: Record<string, string>;
  @ApiProperty(DateTime()) expiresAt: string;
  @ApiProperty(Int()) maxBytes: number;
}

export class UploadTicketResponse implements UploadTicket {
  @ApiProperty({ type: SubmissionFileResponse }) file: SubmissionFileResponse;
  @ApiProperty({ type: UploadFormResponse }) upload: UploadFormResponse;
}

export class DownloadLinkResponse implements DownloadLink {
  @ApiProperty({ description: 'Short-lived presigned GET' }) url: string;
  @ApiProperty(DateTime()) expiresAt: string;
  @ApiProperty() fileName: string;
  @ApiProperty() contentType: string;
  @ApiProperty(Int()) size: number;
  @ApiProperty() sha256: string;
}

export class KindDeadlineResponse implements DeadlineView {
  @ApiProperty({ enum: SubmissionKind }) kind: SubmissionKind;
  @ApiProperty({ example: 'annual-report-due' }) milestoneCode: string;
  @ApiProperty(DateTime({ nullable: true })) dueAt: string | null;
  @ApiProperty({ enum: LatePolicy }) latePolicy: LatePolicy;
}

export class MemberSubmissionsResponse implements MemberSubmissionsRow {
  @ApiProperty({ format: 'uuid' }) unitId: string;
  @ApiProperty() unitName: string;
  @ApiProperty({ type: String, nullable: true }) subgroupId: string | null;
  @ApiProperty({ type: [SubmissionSummaryResponse] }) submissions: SubmissionSummaryResponse[];
  @ApiProperty({ enum: SubmissionKind, isArray: true }) notSubmitted: SubmissionKind[];
  @ApiProperty() late: boolean;
  @ApiProperty({ enum: SubmissionKind, isArray: true, description: 'Not submitted and past the deadline' })
  overdue: SubmissionKind[];
}

export class SubmissionCountsResponse {
  @ApiProperty(Int()) members: number;
  @ApiProperty(Int({ description: 'Expected (member, kind) pairs not submitted' })) notSubmitted: number;
  @ApiProperty(Int()) submitted: number;
  @ApiProperty(Int()) returned: number;
  @ApiProperty(Int()) accepted: number;
  @ApiProperty(Int()) late: number;
  @ApiProperty(Int()) overdue: number;
}

export class CampaignSubmissionsResponse implements CampaignSubmissionsView {
  @ApiProperty({ format: 'uuid' }) campaignId: string;
  @ApiProperty({ format: 'uuid' }) groupId: string;
  @ApiProperty(Int()) year: number;
  @ApiProperty({ type: [KindDeadlineResponse] }) deadlines: KindDeadlineResponse[];
  @ApiProperty({ type: SubmissionCountsResponse }) counts: SubmissionCountsResponse;
  @ApiProperty({ type: [MemberSubmissionsResponse] }) members: MemberSubmissionsResponse[];
}

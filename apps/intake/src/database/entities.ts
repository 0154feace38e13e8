import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * Intake's tables (schema `intake`). Migrations are generated from these; CI checks drift.
 * The outbox, processed_events and the receipt sequence are created by the first, hand-written
 * migration; idempotency_keys and jobs by their own (platform DDL).
 */

export const SCHEMA = 'intake';

/** One member unit's submission of one kind for one campaign (group-year). */
@Entity({ name: 'submissions' })
@Index('submissions_one_per_kind', ['campaignId', 'unitId', 'kind'], {
  unique: true,
  where: `kind <> 'EVIDENCE'`,
})
@Index('submissions_by_campaign', ['groupId', 'year'])
@Index('submissions_by_unit', ['unitId', 'year'])
export class SubmissionEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column({ name: 'campaign_id', type: 'uuid' })
  campaignId: string;

  @Column({ name: 'group_id', type: 'uuid' })
  groupId: string;

  @Column({ type: 'int' })
  year: number;

  @Column({ name: 'unit_id', type: 'uuid' })
  unitId: string;

  @Column({ type: 'varchar', length: 32 })
  kind: string;

  /** NFC. */
  @Column({ type: 'varchar', length: 300, nullable: true })
  title: string | null;

  @Column({ type: 'varchar', length: 16 })
  state: string;

  @Column({ type: 'boolean', default: false })
  late: boolean;

  @Column({ name: 'current_version', type: 'int', default: 1 })
  currentVersion: number;

  /** At least one version was submitted (reviewers may see it). */
  @Column({ name: 'ever_submitted', type: 'boolean', default: false })
  everSubmitted: boolean;

  @Column({ name: 'created_by', type: 'uuid' })
  createdBy: string;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt: Date;
}

/** Every version is kept: a resubmission opens a new one and never changes an earlier one. */
@Entity({ name: 'submission_versions' })
export class SubmissionVersionEntity {
  @PrimaryColumn({ name: 'submission_id', type: 'uuid' })
  submissionId: string;

  @PrimaryColumn({ type: 'int' })
  number: number;

  @Column({ type: 'varchar', length: 16 })
  state: string;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;

  @Column({ name: 'submitted_at', type: 'timestamptz', nullable: true })
  submittedAt: Date | null;

  @Column({ name: 'submitted_by', type: 'uuid', nullable: true })
  submittedBy: string | null;

  @Column({ type: 'boolean', default: false })
  late: boolean;

  @Column({ name: 'receipt_number', type: 'varchar', length: 32, nullable: true })
  receiptNumber: string | null;

  @Column({ name: 'returned_reason', type: 'text', nullable: true })
  returnedReason: string | null;

  @Column({ name: 'returned_at', type: 'timestamptz', nullable: true })
  returnedAt: Date | null;

  @Column({ name: 'returned_by', type: 'uuid', nullable: true })
  returnedBy: string | null;

  @Column({ name: 'accepted_at', type: 'timestamptz', nullable: true })
  acceptedAt: Date | null;

  @Column({ name: 'accepted_by', type: 'uuid', nullable: true })
  acceptedBy: string | null;
}

/** An evidence file: an object in storage under a key we made, with what the client declared. */
@Entity({ name: 'files' })
@Index('files_by_submission', ['submissionId'])
export class FileEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column({ name: 'submission_id', type: 'uuid' })
  submissionId: string;

  @Column({ name: 'object_key', type: 'varchar', length: 200 })
  objectKey: string;

  /** The original name, NFC (metadata only). */
  @Column({ type: 'varchar', length: 255 })
  name: string;

  @Column({ name: 'content_type', type: 'varchar', length: 127 })
  contentType: string;

  @Column({ type: 'bigint' })
  size: string;

  @Column({ type: 'char', length: 64 })
  sha256: string;

  @Column({ type: 'varchar', length: 16 })
  state: string;

  @Column({ name: 'rejected_reason', type: 'text', nullable: true })
  rejectedReason: string | null;

  /** The catalogue reason of a rejection (e.g. FILE_CHECKSUM_MISMATCH). */
  @Column({ name: 'rejected_code', type: 'varchar', length: 64, nullable: true })
  rejectedCode: string | null;

  @Column({ name: 'upload_expires_at', type: 'timestamptz' })
  uploadExpiresAt: Date;

  @Column({ name: 'created_by', type: 'uuid' })
  createdBy: string;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;

  @Column({ name: 'confirmed_at', type: 'timestamptz', nullable: true })
  confirmedAt: Date | null;

  /** The job checking a large file (`file-confirm`), kept after it ends (its progress, its outcome). */
  @Column({ name: 'job_id', type: 'uuid', nullable: true })
  jobId: string | null;
}

/** Which files make up which version (a new version starts with the previous one's files). */
@Entity({ name: 'version_files' })
@Index('version_files_by_file', ['fileId'])
export class VersionFileEntity {
  @PrimaryColumn({ name: 'submission_id', type: 'uuid' })
  submissionId: string;

  @PrimaryColumn({ type: 'int' })
  version: number;

  @PrimaryColumn({ name: 'file_id', type: 'uuid' })
  fileId: string;
}

/** Issued on submit; the idempotency key makes a repeated submit answer the same receipt. */
@Entity({ name: 'receipts' })
@Index('receipts_per_key', ['submissionId', 'idempotencyKey'], { unique: true })
@Index('receipts_per_version', ['submissionId', 'version'], { unique: true })
@Index('receipts_verification_code', ['verificationCode'], { unique: true })
export class ReceiptEntity {
  /** `<year>-<sequence>`: unique overall, so unique within the campaign. */
  @PrimaryColumn({ type: 'varchar', length: 32 })
  number: string;

  @Column({ name: 'campaign_id', type: 'uuid' })
  campaignId: string;

  @Column({ name: 'submission_id', type: 'uuid' })
  submissionId: string;

  @Column({ type: 'int' })
  version: number;

  @Column({ name: 'idempotency_key', type: 'varchar', length: 128 })
  idempotencyKey: string;

  @Column({ name: 'issued_at', type: 'timestamptz' })
  issuedAt: Date;

  @Column({ name: 'issued_by', type: 'uuid' })
  issuedBy: string;

  @Column({ type: 'boolean' })
  late: boolean;

  /** The files as receipted: name, type, size, SHA-256. */
  @Column({ type: 'jsonb' })
  files: unknown;

  /** 122 random bits (a v4 UUID, as 32 hex digits of its MD5) printed on the receipt: anyone may check it (`intake.receipt.by-code`). */
  @Column({
    name: 'verification_code',
    type: 'char',
    length: 32,
    // As TypeORM reads the default back (it drops the `::text` of the migration's expression).
    default: () => 'md5((gen_random_uuid()))',
  })
  verificationCode: string;
}

export const INTAKE_ENTITIES = [
  SubmissionEntity,
  SubmissionVersionEntity,
  FileEntity,
  VersionFileEntity,
  ReceiptEntity,
];

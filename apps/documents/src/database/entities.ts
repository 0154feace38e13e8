import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** Documents' tables (schema `documents`). Migrations are generated from these; CI checks drift. */

export const SCHEMA = 'documents';

/**
 * A rendered document as stored: one row per type, subject, template version, data and format.
 * The row is written only after its file is in object storage (never a row without its file); the
 * same inputs again find this row and are answered without Chromium.
 */
@Entity({ name: 'documents' })
@Index('documents_once', ['type', 'subjectKey', 'templateVersion', 'dataSha256', 'format'], { unique: true })
@Index('documents_version', ['type', 'subjectKey', 'format', 'version'], { unique: true })
export class DocumentEntity {
  @PrimaryColumn('uuid')
  id: string;

  /** libs/domain `DocumentType`. */
  @Column({ type: 'varchar', length: 32 })
  type: string;

  /** `group:<groupId>:<year>`, `invitation:<groupId>:<year>:<conference>:<unitId>`, `receipt:<submissionId>:<version>`. */
  @Column({ name: 'subject_key', type: 'varchar', length: 200 })
  subjectKey: string;

  /** Who may read it: `{ kind: 'group', groupId, year }` or `{ kind: 'receipt', unitId, groupId, year }`. */
  @Column({ type: 'jsonb' })
  scope: unknown;

  @Column({ name: 'template_version', type: 'varchar', length: 32 })
  templateVersion: string;

  /** SHA-256 of the canonical JSON of the data it was made from. */
  @Column({ name: 'data_sha256', type: 'char', length: 64 })
  dataSha256: string;

  /** libs/domain `DocumentFormat`. */
  @Column({ type: 'varchar', length: 8 })
  format: string;

  /** 1, 2, … per type, subject and format. */
  @Column({ type: 'int' })
  version: number;

  @Column({ name: 'object_key', type: 'varchar', length: 300 })
  objectKey: string;

  @Column({ name: 'file_name', type: 'varchar', length: 200 })
  fileName: string;

  @Column({ name: 'content_type', type: 'varchar', length: 127 })
  contentType: string;

  /** SHA-256 of the stored file. */
  @Column({ type: 'char', length: 64 })
  sha256: string;

  @Column({ type: 'bigint' })
  size: string;

  /** Made from locked results (minutes, proposal): kept as it was, never replaced. */
  @Column({ type: 'boolean' })
  immutable: boolean;

  /** The render job that made it. */
  @Column({ name: 'job_id', type: 'uuid', nullable: true })
  jobId: string | null;

  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy: string | null;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;
}

export const DOCUMENTS_ENTITIES = [DocumentEntity];

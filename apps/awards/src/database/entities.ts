import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** Awards' tables (schema `awards`). Migrations are generated from these; CI checks drift. */

export const SCHEMA = 'awards';

/** A report's unit × award-type table as imported, with every row's check; stored once per content. */
@Entity({ name: 'aggregate_tables' })
@Index('aggregate_tables_by_group', ['groupId', 'periodFrom'])
export class AggregateTableEntity {
  @PrimaryColumn('uuid')
  id: string;

  /** SHA-256 of the import's content: importing the same table again changes nothing. */
  @Column({ name: 'content_sha256', type: 'char', length: 64, unique: true })
  contentSha256: string;

  @Column({ name: 'group_id', type: 'uuid' })
  groupId: string;

  @Column({ name: 'period_from', type: 'date' })
  periodFrom: string;

  @Column({ name: 'period_to', type: 'date' })
  periodTo: string;

  @Column({ type: 'varchar', length: 300, nullable: true })
  title: string | null;

  @Column({ type: 'jsonb' })
  units: unknown;

  /** The checked rows (award code, cells, reported total, flags). */
  @Column({ type: 'jsonb' })
  rows: unknown;

  @Column({ name: 'flagged_rows', type: 'int' })
  flaggedRows: number;

  @Column({ name: 'created_by', type: 'uuid' })
  createdBy: string;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;
}

/** One file of award records, imported whole; the same content again changes nothing. */
@Entity({ name: 'record_imports' })
export class RecordImportEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column({ name: 'content_sha256', type: 'char', length: 64, unique: true })
  contentSha256: string;

  @Column({ name: 'file_name', type: 'varchar', length: 255 })
  fileName: string;

  @Column({ type: 'int' })
  records: number;

  /** The units its records count for (who may be shown it again); null for older imports. */
  @Column({ name: 'unit_ids', type: 'uuid', array: true, nullable: true })
  unitIds: string[] | null;

  @Column({ name: 'created_by', type: 'uuid' })
  createdBy: string;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;
}

/** An award: decision, issuing authority, type, recipient, unit, category. */
@Entity({ name: 'records' })
@Index('records_by_unit_date', ['unitId', 'decisionDate'])
@Index('records_by_import', ['importId'])
@Index('records_once', ['decisionKey', 'awardCode', 'recipientKind', 'recipientKey', 'unitId'], {
  unique: true,
})
export class AwardRecordEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column({ name: 'import_id', type: 'uuid' })
  importId: string;

  /** The line of its file (duplicates within a file name the first line); null if loaded otherwise. */
  @Column({ name: 'source_line', type: 'int', nullable: true })
  sourceLine: number | null;

  @Column({ name: 'decision_number', type: 'varchar', length: 100 })
  decisionNumber: string;

  /** The decision number folded (no diacritics, lower case): duplicates are found on it. */
  @Column({ name: 'decision_key', type: 'varchar', length: 100 })
  decisionKey: string;

  @Column({ name: 'decision_date', type: 'date' })
  decisionDate: string;

  @Column({ type: 'varchar', length: 300 })
  authority: string;

  @Column({ name: 'award_code', type: 'varchar', length: 64 })
  awardCode: string;

  @Column({ name: 'recipient_kind', type: 'varchar', length: 16 })
  recipientKind: string;

  @Column({ name: 'recipient_name', type: 'varchar', length: 300 })
  recipientName: string;

  @Column({ name: 'recipient_key', type: 'varchar', length: 300 })
  recipientKey: string;

  @Column({ name: 'unit_id', type: 'uuid' })
  unitId: string;

  @Column({ type: 'varchar', length: 16, nullable: true })
  category: string | null;
}

/**
 * Records counted per unit, month, type, recipient kind and category, kept by every import: a
 * period's statistics add whole months from here and only the days of partial months from records.
 */
@Entity({ name: 'record_month_counts' })
export class RecordMonthCountEntity {
  @PrimaryColumn({ name: 'unit_id', type: 'uuid' })
  unitId: string;

  /** The first day of the month. */
  @PrimaryColumn({ type: 'date' })
  month: string;

  @PrimaryColumn({ name: 'award_code', type: 'varchar', length: 64 })
  awardCode: string;

  @PrimaryColumn({ name: 'recipient_kind', type: 'varchar', length: 16 })
  recipientKind: string;

  /** '' when not stated. */
  @PrimaryColumn({ type: 'varchar', length: 16 })
  category: string;

  @Column({ type: 'int' })
  n: number;
}

/** A large records file sent to storage, and its import's progress. */
@Entity({ name: 'record_uploads' })
export class RecordUploadEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column({ name: 'file_name', type: 'varchar', length: 255 })
  fileName: string;

  @Column({ name: 'content_type', type: 'varchar', length: 127 })
  contentType: string;

  @Column({ type: 'bigint' })
  size: string;

  @Column({ type: 'char', length: 64 })
  sha256: string;

  @Column({ name: 'object_key', type: 'varchar', length: 200 })
  objectKey: string;

  /** libs/domain `UploadStatus`. */
  @Column({ type: 'varchar', length: 16 })
  status: string;

  /** The `records-import` job that imports (or imported) it. */
  @Column({ name: 'job_id', type: 'uuid', nullable: true })
  jobId: string | null;

  @Column({ name: 'processed_rows', type: 'int', default: 0 })
  processedRows: number;

  @Column({ name: 'total_rows', type: 'int', nullable: true })
  totalRows: number | null;

  @Column({ name: 'import_id', type: 'uuid', nullable: true })
  importId: string | null;

  @Column({ type: 'text', nullable: true })
  error: string | null;

  @Column({ name: 'created_by', type: 'uuid' })
  createdBy: string;

  /** The end of the upload window (the presigned PUT's expiry). */
  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt: Date;

  /** The period the file is for, when stated. */
  @Column({ name: 'period_from', type: 'date', nullable: true })
  periodFrom: string | null;

  @Column({ name: 'period_to', type: 'date', nullable: true })
  periodTo: string | null;
}

export const AWARDS_ENTITIES = [
  RecordUploadEntity,
  AggregateTableEntity,
  RecordImportEntity,
  AwardRecordEntity,
  RecordMonthCountEntity,
];

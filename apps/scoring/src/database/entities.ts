import { Column, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

/**
 * Scoring's tables (schema `scoring`). Migrations are generated from these; CI checks drift.
 * score_changes and lock_history are append-only: nothing updates or deletes their rows.
 */

export const SCHEMA = 'scoring';

/** A group-year's points table; a published version never changes (a change is a new version). */
@Entity({ name: 'schemes' })
@Index('schemes_version', ['groupId', 'year', 'version'], { unique: true })
export class SchemeEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column({ name: 'group_id', type: 'uuid' })
  groupId: string;

  @Column({ type: 'int' })
  year: number;

  @Column({ type: 'int' })
  version: number;

  @Column({ type: 'varchar', length: 16 })
  state: string;

  @Column({ type: 'jsonb' })
  body: unknown;

  @Column({ name: 'tie_breaks', type: 'jsonb' })
  tieBreaks: unknown;

  @Column({ type: 'jsonb' })
  honours: unknown;

  @Column({ name: 'created_by', type: 'uuid' })
  createdBy: string;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;

  @Column({ name: 'published_at', type: 'timestamptz', nullable: true })
  publishedAt: Date | null;
}

/** The current self-score and appraised value of one member's criterion. */
@Entity({ name: 'entries' })
export class EntryEntity {
  @PrimaryColumn({ name: 'group_id', type: 'uuid' })
  groupId: string;

  @PrimaryColumn({ type: 'int' })
  year: number;

  @PrimaryColumn({ name: 'member_id', type: 'uuid' })
  memberId: string;

  @PrimaryColumn({ type: 'varchar', length: 64 })
  criterion: string;

  @Column({ name: 'self_value', type: 'double precision', nullable: true })
  selfValue: number | null;

  @Column({ type: 'boolean', default: false })
  evidence: boolean;

  @Column({ name: 'appraised_value', type: 'double precision', nullable: true })
  appraisedValue: number | null;

  @Column({ name: 'appraised_kind', type: 'varchar', length: 16, nullable: true })
  appraisedKind: string | null;

  @Column({ type: 'text', nullable: true })
  reason: string | null;

  @Column({ name: 'scheme_version', type: 'int' })
  schemeVersion: number;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt: Date;
}

/** Every change of a score: who, in which role, when, from what to what, and why. */
@Entity({ name: 'score_changes' })
@Index('score_changes_by_member', ['groupId', 'year', 'memberId'])
export class ScoreChangeEntity {
  @PrimaryGeneratedColumn('identity', { type: 'bigint' })
  id: string;

  @Column({ name: 'group_id', type: 'uuid' })
  groupId: string;

  @Column({ type: 'int' })
  year: number;

  @Column({ name: 'member_id', type: 'uuid' })
  memberId: string;

  @Column({ type: 'varchar', length: 64 })
  criterion: string;

  @Column({ type: 'varchar', length: 16 })
  kind: string;

  @Column({ name: 'old_value', type: 'double precision', nullable: true })
  oldValue: number | null;

  @Column({ name: 'new_value', type: 'double precision' })
  newValue: number;

  @Column({ type: 'text', nullable: true })
  reason: string | null;

  @Column({ name: 'author_id', type: 'uuid' })
  authorId: string;

  @Column({ name: 'author_role', type: 'varchar', length: 32 })
  authorRole: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  at: Date;
}

@Entity({ name: 'group_years' })
export class GroupYearEntity {
  @PrimaryColumn({ name: 'group_id', type: 'uuid' })
  groupId: string;

  @PrimaryColumn({ type: 'int' })
  year: number;

  @Column({ type: 'boolean', default: false })
  locked: boolean;
}

@Entity({ name: 'lock_history' })
@Index('lock_history_by_group_year', ['groupId', 'year'])
export class LockHistoryEntity {
  @PrimaryGeneratedColumn('identity', { type: 'bigint' })
  id: string;

  @Column({ name: 'group_id', type: 'uuid' })
  groupId: string;

  @Column({ type: 'int' })
  year: number;

  @Column({ type: 'varchar', length: 16 })
  action: string;

  @Column({ type: 'uuid' })
  by: string;

  @Column({ type: 'text', nullable: true })
  reason: string | null;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  at: Date;
}

/** A self-score sheet received through intake, and what became of it. */
@Entity({ name: 'self_score_sheets' })
@Index('self_score_sheets_by_member', ['groupId', 'year', 'memberId'])
export class SelfScoreSheetEntity {
  @PrimaryColumn({ name: 'submission_id', type: 'uuid' })
  submissionId: string;

  @PrimaryColumn({ type: 'int' })
  version: number;

  @Column({ name: 'group_id', type: 'uuid' })
  groupId: string;

  @Column({ type: 'int' })
  year: number;

  @Column({ name: 'member_id', type: 'uuid' })
  memberId: string;

  @Column({ name: 'receipt_number', type: 'varchar', length: 32 })
  receiptNumber: string;

  /** IMPORTED, NO_SHEET (no Excel file, e.g. a signed PDF scan), REJECTED (with the reasons). */
  @Column({ type: 'varchar', length: 16 })
  status: string;

  @Column({ type: 'text', nullable: true })
  detail: string | null;

  @Column({ type: 'int', default: 0 })
  entries: number;

  @Column({ name: 'received_at', type: 'timestamptz', default: () => 'now()' })
  receivedAt: Date;
}

/**
 * Each member's results, refreshed with every write of its group-year: ranking a whole year reads
 * these (one row per member) instead of every entry.
 */
@Entity({ name: 'member_results' })
@Index('member_results_by_year', ['year'])
export class MemberResultEntity {
  @PrimaryColumn({ name: 'group_id', type: 'uuid' })
  groupId: string;

  @PrimaryColumn({ type: 'int' })
  year: number;

  @PrimaryColumn({ name: 'member_id', type: 'uuid' })
  memberId: string;

  @Column({ type: 'double precision' })
  total: number;

  @Column({ name: 'self_total', type: 'double precision' })
  selfTotal: number;

  @Column({ name: 'at_maximum', type: 'int' })
  atMaximum: number;

  @Column({ name: 'by_section', type: 'jsonb' })
  bySection: unknown;

  /** Points of the criteria the tie-break rules name (the others are not needed to rank). */
  @Column({ name: 'tie_criteria', type: 'jsonb' })
  tieCriteria: unknown;

  @Column({ name: 'scheme_version', type: 'int' })
  schemeVersion: number;
}

export const SCORING_ENTITIES = [
  SchemeEntity,
  EntryEntity,
  ScoreChangeEntity,
  GroupYearEntity,
  LockHistoryEntity,
  SelfScoreSheetEntity,
  MemberResultEntity,
];

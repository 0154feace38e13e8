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

export const AWARDS_ENTITIES = [AggregateTableEntity];

import {
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  PrimaryGeneratedColumn,
  Unique,
} from 'typeorm';

/** The registry's tables (schema `registry`, set on the data source). Migrations are generated from these; CI checks drift. */

export const SCHEMA = 'registry';

@Entity({ name: 'units' })
export class UnitEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 64, unique: true })
  code: string;

  /** NFC. */
  @Column({ type: 'varchar', length: 200 })
  name: string;

  /** Folded name (no diacritics, lower case) for search. */
  @Column({ name: 'name_search', type: 'varchar', length: 200 })
  nameSearch: string;

  @Index()
  @Column({ type: 'varchar', length: 16 })
  kind: string;

  @Index()
  @Column({ name: 'parent_id', type: 'uuid', nullable: true })
  parentId: string | null;

  @ManyToOne(() => UnitEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'parent_id' })
  parent?: UnitEntity;

  @Column({ name: 'valid_from', type: 'date', nullable: true })
  validFrom: string | null;

  @Column({ name: 'valid_to', type: 'date', nullable: true })
  validTo: string | null;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt: Date;
}

@Entity({ name: 'unit_successions' })
export class UnitSuccessionEntity {
  @PrimaryColumn({ name: 'predecessor_id', type: 'uuid' })
  predecessorId: string;

  @Index()
  @PrimaryColumn({ name: 'successor_id', type: 'uuid' })
  successorId: string;

  @ManyToOne(() => UnitEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'predecessor_id' })
  predecessor?: UnitEntity;

  @ManyToOne(() => UnitEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'successor_id' })
  successor?: UnitEntity;

  @Column({ name: 'effective_on', type: 'date' })
  effectiveOn: string;
}

@Entity({ name: 'groups' })
export class GroupEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 64, unique: true })
  code: string;

  @Column({ type: 'varchar', length: 300 })
  name: string;

  @Column({ name: 'name_search', type: 'varchar', length: 300 })
  nameSearch: string;

  @Column({ type: 'varchar', length: 16 })
  kind: string;

  @Column({ name: 'organiser_kind', type: 'varchar', length: 32 })
  organiserKind: string;

  @Column({ name: 'organiser_unit_id', type: 'uuid', nullable: true })
  organiserUnitId: string | null;

  @ManyToOne(() => UnitEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organiser_unit_id' })
  organiserUnit?: UnitEntity;

  @Column({ name: 'valid_from', type: 'date', nullable: true })
  validFrom: string | null;

  @Column({ name: 'valid_to', type: 'date', nullable: true })
  validTo: string | null;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt: Date;
}

@Entity({ name: 'subgroups' })
@Unique('subgroups_group_code', ['groupId', 'code'])
export class SubgroupEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'group_id', type: 'uuid' })
  groupId: string;

  @ManyToOne(() => GroupEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'group_id' })
  group?: GroupEntity;

  @Column({ type: 'varchar', length: 64 })
  code: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;
}

@Entity({ name: 'memberships' })
@Index('memberships_group_period', ['groupId', 'validFrom'])
export class MembershipEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'group_id', type: 'uuid' })
  groupId: string;

  @ManyToOne(() => GroupEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'group_id' })
  group?: GroupEntity;

  @Index()
  @Column({ name: 'unit_id', type: 'uuid' })
  unitId: string;

  @ManyToOne(() => UnitEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'unit_id' })
  unit?: UnitEntity;

  @Column({ name: 'subgroup_id', type: 'uuid', nullable: true })
  subgroupId: string | null;

  @ManyToOne(() => SubgroupEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'subgroup_id' })
  subgroup?: SubgroupEntity;

  @Column({ name: 'valid_from', type: 'date' })
  validFrom: string;

  @Column({ name: 'valid_to', type: 'date', nullable: true })
  validTo: string | null;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;
}

@Entity({ name: 'leaderships' })
export class LeadershipEntity {
  @PrimaryColumn({ name: 'group_id', type: 'uuid' })
  groupId: string;

  @ManyToOne(() => GroupEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'group_id' })
  group?: GroupEntity;

  @PrimaryColumn({ type: 'int' })
  year: number;

  @PrimaryColumn({ type: 'varchar', length: 16 })
  role: string;

  @Column({ name: 'unit_id', type: 'uuid' })
  unitId: string;

  @ManyToOne(() => UnitEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'unit_id' })
  unit?: UnitEntity;

  @Column({ name: 'chosen_by', type: 'varchar', length: 16 })
  chosenBy: string;

  @Column({ name: 'decided_on', type: 'date', nullable: true })
  decidedOn: string | null;
}

@Entity({ name: 'campaigns' })
@Unique('campaigns_group_year', ['groupId', 'year'])
export class CampaignEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'group_id', type: 'uuid' })
  groupId: string;

  @ManyToOne(() => GroupEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'group_id' })
  group?: GroupEntity;

  @Column({ type: 'int' })
  year: number;

  @Column({ type: 'varchar', length: 300 })
  title: string;

  @Column({ name: 'late_policy', type: 'varchar', length: 16 })
  latePolicy: string;
}

@Entity({ name: 'milestones' })
@Unique('milestones_campaign_code', ['campaignId', 'code'])
export class MilestoneEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'campaign_id', type: 'uuid' })
  campaignId: string;

  @ManyToOne(() => CampaignEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'campaign_id' })
  campaign?: CampaignEntity;

  @Column({ type: 'varchar', length: 64 })
  code: string;

  @Column({ type: 'varchar', length: 300 })
  title: string;

  @Column({ name: 'starts_on', type: 'date', nullable: true })
  startsOn: string | null;

  @Column({ name: 'due_on', type: 'date', nullable: true })
  dueOn: string | null;

  @Column({ name: 'anchor_code', type: 'varchar', length: 64, nullable: true })
  anchorCode: string | null;

  @Column({ name: 'offset_days', type: 'int', nullable: true })
  offsetDays: number | null;

  @Column({ name: 'late_policy', type: 'varchar', length: 16, nullable: true })
  latePolicy: string | null;

  @Column({ name: 'submission_kinds', type: 'varchar', length: 32, array: true, default: () => "'{}'" })
  submissionKinds: string[];
}

@Entity({ name: 'users' })
export class UserEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 100, unique: true })
  username: string;

  @Column({ name: 'display_name', type: 'varchar', length: 200 })
  displayName: string;

  /** scrypt$N$salt$hash */
  @Column({ name: 'password_hash', type: 'varchar', length: 300 })
  passwordHash: string;

  @Column({ name: 'unit_id', type: 'uuid', nullable: true })
  unitId: string | null;

  /** Where notifications are e-mailed (none: the inbox only). */
  @Column({ type: 'varchar', length: 254, nullable: true })
  email: string | null;

  @ManyToOne(() => UnitEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'unit_id' })
  unit?: UnitEntity;

  @Column({ type: 'boolean', default: true })
  active: boolean;
}

@Entity({ name: 'role_assignments' })
@Index('role_assignments_unit', ['unitId', 'role'])
@Index('role_assignments_group_year', ['groupId', 'year', 'role'])
export class RoleAssignmentEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index()
  @Column({ name: 'user_id', type: 'uuid' })
  userId: string;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: UserEntity;

  @Column({ type: 'varchar', length: 32 })
  role: string;

  @Column({ name: 'unit_id', type: 'uuid', nullable: true })
  unitId: string | null;

  @Column({ name: 'group_id', type: 'uuid', nullable: true })
  groupId: string | null;

  @Column({ type: 'int', nullable: true })
  year: number | null;
}

/**
 * A group-year's preparatory or official conference (issue 15): when, where, who hosts and chairs,
 * the programme, the invitees, the attendance and each unit's duties. The lists are small and
 * always read and written whole with their conference, so they are JSON documents of it.
 */
@Entity({ name: 'conferences' })
@Unique('conferences_group_year_kind', ['groupId', 'year', 'kind'])
export class ConferenceEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'group_id', type: 'uuid' })
  groupId: string;

  @ManyToOne(() => GroupEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'group_id' })
  group?: GroupEntity;

  @Column({ type: 'int' })
  year: number;

  /** PREPARATORY | OFFICIAL. */
  @Column({ type: 'varchar', length: 16 })
  kind: string;

  @Column({ name: 'starts_at', type: 'timestamptz', nullable: true })
  startsAt: Date | null;

  @Column({ name: 'ends_at', type: 'timestamptz', nullable: true })
  endsAt: Date | null;

  @Column({ type: 'varchar', length: 300, nullable: true })
  place: string | null;

  @Index()
  @Column({ name: 'host_unit_id', type: 'uuid', nullable: true })
  hostUnitId: string | null;

  @ManyToOne(() => UnitEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'host_unit_id' })
  hostUnit?: UnitEntity;

  @Column({ type: 'jsonb', default: () => "'[]'" })
  chairs: unknown[];

  @Column({ type: 'jsonb', default: () => "'[]'" })
  programme: unknown[];

  @Column({ type: 'jsonb', default: () => "'[]'" })
  invitees: unknown[];

  @Column({ type: 'jsonb', default: () => "'[]'" })
  duties: unknown[];

  @Column({ type: 'jsonb', default: () => "'[]'" })
  attendance: unknown[];

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt: Date;
}

/**
 * Next year's chair or vice-chair as nominated at the preparatory conference of `year` (the year
 * being closed), by rotation or election (candidates with their votes), until the official
 * conference confirms it into `leaderships` of year + 1.
 */
@Entity({ name: 'nominations' })
export class NominationEntity {
  @PrimaryColumn({ name: 'group_id', type: 'uuid' })
  groupId: string;

  @ManyToOne(() => GroupEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'group_id' })
  group?: GroupEntity;

  @PrimaryColumn({ type: 'int' })
  year: number;

  @PrimaryColumn({ type: 'varchar', length: 16 })
  role: string;

  @Index()
  @Column({ name: 'unit_id', type: 'uuid' })
  unitId: string;

  @ManyToOne(() => UnitEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'unit_id' })
  unit?: UnitEntity;

  /** ROTATION | ELECTION. */
  @Column({ type: 'varchar', length: 16 })
  method: string;

  /** [{ unitId, votes }] (votes null without a vote). */
  @Column({ type: 'jsonb', default: () => "'[]'" })
  candidates: unknown[];

  @Column({ name: 'nominated_at', type: 'timestamptz', default: () => 'now()' })
  nominatedAt: Date;

  @Column({ name: 'nominated_by', type: 'uuid', nullable: true })
  nominatedBy: string | null;

  /** The official conference's date, once confirmed into next year's leadership. */
  @Column({ name: 'confirmed_on', type: 'date', nullable: true })
  confirmedOn: string | null;
}

export const REGISTRY_ENTITIES = [
  UnitEntity,
  UnitSuccessionEntity,
  GroupEntity,
  SubgroupEntity,
  MembershipEntity,
  LeadershipEntity,
  CampaignEntity,
  MilestoneEntity,
  UserEntity,
  RoleAssignmentEntity,
  ConferenceEntity,
  NominationEntity,
];

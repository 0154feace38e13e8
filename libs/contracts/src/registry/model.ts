import { SubmissionKind } from '../intake/kinds';
/** Read models the registry answers with. Dates are ISO `YYYY-MM-DD`; instants are ISO-8601 UTC. */

export enum UnitKind {
  PROVINCE = 'PROVINCE',
  CITY = 'CITY',
  MINISTRY = 'MINISTRY',
  DEPARTMENT = 'DEPARTMENT',
  DISTRICT = 'DISTRICT',
  ENTERPRISE = 'ENTERPRISE',
  OTHER = 'OTHER',
}

export enum GroupKind {
  CLUSTER = 'CLUSTER',
  BLOCK = 'BLOCK',
}

export enum OrganiserKind {
  CENTRAL_COUNCIL = 'CENTRAL_COUNCIL',
  PROVINCIAL_COUNCIL = 'PROVINCIAL_COUNCIL',
}

export enum LeadershipRole {
  CHAIR = 'CHAIR',
  VICE_CHAIR = 'VICE_CHAIR',
}

export enum ChosenBy {
  ROTATION = 'ROTATION',
  ELECTION = 'ELECTION',
  APPOINTMENT = 'APPOINTMENT',
}

export enum LatePolicy {
  REFUSE = 'REFUSE',
  ACCEPT_LATE = 'ACCEPT_LATE',
}

export enum Role {
  BOARD = 'BOARD',
  COUNCIL_MEMBER = 'COUNCIL_MEMBER',
  CHAIR = 'CHAIR',
  VICE_CHAIR = 'VICE_CHAIR',
  UNIT_OFFICER = 'UNIT_OFFICER',
  VIEWER = 'VIEWER',
}

export interface UnitView {
  id: string;
  code: string;
  name: string;
  kind: UnitKind;
  parentId: string | null;
  validFrom: string | null;
  validTo: string | null;
}

export interface SuccessionLink {
  unit: UnitView;
  effectiveOn: string;
}

export interface UnitHistoryView {
  unit: UnitView;
  predecessors: SuccessionLink[];
  successors: SuccessionLink[];
  /** The units valid today that this unit's territory now belongs to (itself when still valid). */
  currentSuccessors: UnitView[];
}

export interface GroupView {
  id: string;
  code: string;
  name: string;
  kind: GroupKind;
  organiserKind: OrganiserKind;
  organiserUnitId: string | null;
  validFrom: string | null;
  validTo: string | null;
}

export interface SubgroupView {
  id: string;
  groupId: string;
  code: string;
  name: string;
}

export interface MembershipView {
  id: string;
  groupId: string;
  unit: UnitView;
  subgroup: SubgroupView | null;
  validFrom: string;
  validTo: string | null;
}

export interface MembersView {
  group: GroupView;
  /** The period asked about. */
  from: string;
  to: string;
  members: MembershipView[];
  /** Only when paged (`limit` asked): every membership of the period, and the next page's offset (null: the last). */
  total?: number;
  nextOffset?: number | null;
}

/** One page of a group's members of a period (`{ items, total, limit, offset }` with the period asked). */
export interface MembersPageView {
  group: GroupView;
  from: string;
  to: string;
  items: MembershipView[];
  total: number;
  limit: number;
  offset: number;
}

export interface CurrentSuccessorsView {
  group: GroupView;
  from: string;
  to: string;
  /** Each unit valid today that succeeds at least one member of the period, once. */
  successors: { unit: UnitView; predecessors: UnitView[] }[];
}

export interface LeaderView {
  role: LeadershipRole;
  unit: UnitView;
  chosenBy: ChosenBy;
  decidedOn: string | null;
}

export interface LeadershipView {
  groupId: string;
  year: number;
  chair: LeaderView | null;
  viceChair: LeaderView | null;
}

export interface MilestoneView {
  id: string;
  code: string;
  title: string;
  startsOn: string | null;
  /** Deadline date, stated or derived from the anchor; null while unknown. */
  dueOn: string | null;
  /** Instant of the deadline: the end of `dueOn` in Asia/Ho_Chi_Minh. */
  dueAt: string | null;
  /** When the date is stated relative to another milestone: `offsetDays` after `anchorCode`. */
  anchorCode: string | null;
  offsetDays: number | null;
  latePolicy: LatePolicy | null;
  /** Kinds of submission due at this milestone (their deadline is `dueAt`). */
  submissionKinds: SubmissionKind[];
}

export interface CampaignView {
  id: string;
  groupId: string;
  year: number;
  title: string;
  latePolicy: LatePolicy;
  milestones: MilestoneView[];
}

export interface RoleGrant {
  role: Role;
  unitId?: string | null;
  groupId?: string | null;
  year?: number | null;
}

/** A user to notify (registry.user.recipients). `email` is null when none is known. */
export interface RecipientView {
  id: string;
  username: string;
  displayName: string;
  email: string | null;
  unitId: string | null;
}

export interface AuthUserView {
  id: string;
  username: string;
  displayName: string;
  unitId: string | null;
  roles: RoleGrant[];
}

/** A session opened at sign-in (registry.auth.login / refresh): the refresh token is shown once. */
export interface SessionView {
  user: AuthUserView;
  sessionId: string;
  refreshToken: string;
  refreshExpiresAt: string;
}

export interface ThrottleView {
  /** Seconds to wait (0: go on). */
  retryAfter: number;
}

export interface SessionStateView {
  active: boolean;
}

/** A user as the central board administers them; `roles` are the assigned ones. */
export interface UserView {
  id: string;
  username: string;
  displayName: string;
  email: string | null;
  unitId: string | null;
  active: boolean;
  roles: RoleGrant[];
}

/** A one-time password reset token (shown once; only its hash is kept). */
export interface PasswordResetView {
  userId: string;
  resetToken: string;
  expiresAt: string;
}

export interface CreatedUserView extends UserView {
  /** The user sets their first password with it (POST /auth/password/reset). */
  passwordReset: PasswordResetView;
}

/** One administrative action on users: who, what, when, before/after (never secrets). */
export interface UserAuditView {
  id: string;
  at: string;
  actorId: string | null;
  action: string;
  userId: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

import { Page } from '../common';
import { eventDef, StreamDef } from '../events';
import { rpc } from '../rpc';
import type {
  CreateGroupDto,
  CreateMembershipRequest,
  CreateSubgroupRequest,
  CreateSuccessionDto,
  CreateUnitDto,
  GroupYearRequest,
  IdRequest,
  ListCampaignsRequest,
  ListGroupsQuery,
  ListUnitsQuery,
  LoginDto,
  RecipientsRequest,
  MembersRequest,
  MembersPageRequest,
  SetLeadershipRequest,
  UpdateGroupRequest,
  UpdateMembershipRequest,
  UpdateUnitRequest,
  UpsertCampaignRequest,
  UpsertMilestoneRequest,
  SessionLoginRequest,
  RefreshDto,
  SessionRequest,
  ExternalUserRequest,
  ThrottleRequest,
  CreateUserRequest,
  UpdateUserRequest,
  UserIdRequest,
  ListUsersRequest,
  UserAuditRequest,
  ChangePasswordRequest,
  CompletePasswordResetDto,
} from './dto';
import type {
  AuthUserView,
  CampaignView,
  CurrentSuccessorsView,
  GroupView,
  LeadershipView,
  MembersView,
  MembersPageView,
  MembershipView,
  RecipientView,
  SubgroupView,
  UnitHistoryView,
  UnitView,
  SessionView,
  ThrottleView,
  SessionStateView,
  UserView,
  CreatedUserView,
  PasswordResetView,
  UserAuditView,
} from './model';
import type {
  AttendanceRequest,
  ConferencePlanned,
  ConferenceRequest,
  ConferencesRequest,
  ConferenceView,
  LeadershipConfirmed,
  NominationsRecorded,
  NominationsRequest,
  NominationsView,
  PlanConferenceRequest,
} from './conferences';

/** Request/reply subjects served by the registry (queue group `registry`). Public API: see rpc.ts. */
export const RegistryRpc = {
  unitList: rpc<ListUnitsQuery, Page<UnitView>>('registry.unit.list', { cacheable: true }),
  unitGet: rpc<IdRequest, UnitView>('registry.unit.get', { cacheable: true }),
  unitCreate: rpc<CreateUnitDto, UnitView>('registry.unit.create'),
  unitUpdate: rpc<UpdateUnitRequest, UnitView>('registry.unit.update'),
  unitHistory: rpc<IdRequest, UnitHistoryView>('registry.unit.history', { cacheable: true }),
  successionCreate: rpc<CreateSuccessionDto, UnitHistoryView>('registry.succession.create'),

  groupList: rpc<ListGroupsQuery, Page<GroupView>>('registry.group.list', { cacheable: true }),
  groupGet: rpc<IdRequest, GroupView>('registry.group.get', { cacheable: true }),
  groupCreate: rpc<CreateGroupDto, GroupView>('registry.group.create'),
  groupUpdate: rpc<UpdateGroupRequest, GroupView>('registry.group.update'),

  subgroupList: rpc<IdRequest, SubgroupView[]>('registry.subgroup.list', { cacheable: true }),
  subgroupCreate: rpc<CreateSubgroupRequest, SubgroupView>('registry.subgroup.create'),

  memberList: rpc<MembersRequest, MembersView>('registry.member.list', { cacheable: true }),
  /** One page ordered and cut in SQL (the HTTP list); `memberList` stays the whole period for services. */
  memberPage: rpc<MembersPageRequest, MembersPageView>('registry.member.page', { cacheable: true }),
  memberCurrentSuccessors: rpc<MembersRequest, CurrentSuccessorsView>('registry.member.successors', {
    cacheable: true,
  }),
  membershipCreate: rpc<CreateMembershipRequest, MembershipView>('registry.membership.create'),
  membershipUpdate: rpc<UpdateMembershipRequest, MembershipView>('registry.membership.update'),

  leadershipGet: rpc<GroupYearRequest, LeadershipView>('registry.leadership.get', { cacheable: true }),
  leadershipSet: rpc<SetLeadershipRequest, LeadershipView>('registry.leadership.set'),

  campaignList: rpc<ListCampaignsRequest, CampaignView[]>('registry.campaign.list', { cacheable: true }),
  campaignGet: rpc<GroupYearRequest, CampaignView>('registry.campaign.get', { cacheable: true }),
  campaignUpsert: rpc<UpsertCampaignRequest, CampaignView>('registry.campaign.upsert'),
  milestoneUpsert: rpc<UpsertMilestoneRequest, CampaignView>('registry.milestone.upsert'),

  // ---------- conferences and next year's leadership (issue 15; access depends on the actor) ----------
  /** Both conferences of a group-year (at most two: the gateway pages them). */
  conferenceList: rpc<ConferencesRequest, ConferenceView[]>('registry.conference.list'),
  conferenceGet: rpc<ConferenceRequest, ConferenceView>('registry.conference.get'),
  /** Plans or updates a conference; dating it dates its campaign milestone (and those anchored to it). */
  conferencePlan: rpc<PlanConferenceRequest, ConferenceView>('registry.conference.plan'),
  conferenceAttendance: rpc<AttendanceRequest, ConferenceView>('registry.conference.attendance'),
  nominationsGet: rpc<ConferencesRequest, NominationsView>('registry.nominations.get'),
  /** Next year's chair and vice-chair as the preparatory conference nominated them. */
  nominationsPut: rpc<NominationsRequest, NominationsView>('registry.nominations.put'),
  /** The official conference confirms them: year + 1's leadership (effective 1 January). */
  nominationsConfirm: rpc<ConferencesRequest, LeadershipView>('registry.nominations.confirm'),

  /** The active users to notify for an audience, with their e-mail (never cached: resolved at send time). */
  userRecipients: rpc<RecipientsRequest, RecipientView[]>('registry.user.recipients'),

  /** Checks a username/password; answers the user with role grants, or UNAUTHENTICATED. */
  authVerify: rpc<LoginDto, AuthUserView>('registry.auth.verify'),

  // ---------- sessions and user administration (issue 16; never cached) ----------
  /** Password checked, a session opened: the user's grants and the session's first refresh token. */
  authLogin: rpc<SessionLoginRequest, SessionView>('registry.auth.login'),
  /** A refresh token used (rotated): a new one; a rotated one used again revokes the session. */
  authRefresh: rpc<RefreshDto, SessionView>('registry.auth.refresh'),
  authLogout: rpc<SessionRequest, SessionStateView>('registry.auth.logout'),
  /** Is the session still open and its user active (the gateway asks at most once a minute per token). */
  authSession: rpc<SessionRequest, SessionStateView>('registry.auth.session'),
  /** The active user with that e-mail, with their grants (tokens of the OIDC issuer). */
  authExternal: rpc<ExternalUserRequest, AuthUserView>('registry.auth.external'),
  /** Counts a login attempt under each key, shared by every gateway instance. */
  authThrottle: rpc<ThrottleRequest, ThrottleView>('registry.auth.throttle'),
  passwordChange: rpc<ChangePasswordRequest, SessionStateView>('registry.user.password.change'),
  passwordResetComplete: rpc<CompletePasswordResetDto, SessionStateView>('registry.user.password.complete'),

  userList: rpc<ListUsersRequest, Page<UserView>>('registry.user.list'),
  userGet: rpc<UserIdRequest, UserView>('registry.user.get'),
  userCreate: rpc<CreateUserRequest, CreatedUserView>('registry.user.create'),
  userUpdate: rpc<UpdateUserRequest, UserView>('registry.user.update'),
  userPasswordReset: rpc<UserIdRequest, PasswordResetView>('registry.user.password.reset'),
  userAudit: rpc<UserAuditRequest, Page<UserAuditView>>('registry.user.audit'),
} as const;

/**
 * Broadcast (no queue group) between registry instances after a committed write, so each drops
 * its read cache. Internal to the registry; no other service listens.
 */
export const REGISTRY_CACHE_INVALIDATE = 'registry.cache.invalidate';

/**
 * Broadcast (no queue group) by the registry after a session is revoked (logout, a reused refresh
 * token, a password change or reset) or a user deactivated: `{ userId, sessionId? }`. Every gateway
 * instance drops the tokens it verified for them at once (it also re-asks within a minute).
 */
export const REGISTRY_AUTH_REVOKED = 'registry.auth.revoked';

// ---------- events ----------

export const REGISTRY_STREAM = 'REGISTRY_EVENTS';

export interface MembershipChanged {
  membershipId: string;
  groupId: string;
  unitId: string;
  subgroupId: string | null;
  validFrom: string;
  validTo: string | null;
  change: 'ADDED' | 'UPDATED';
}

export interface UnitChanged {
  unitId: string;
  code: string;
  name: string;
  validFrom: string | null;
  validTo: string | null;
  change: 'CREATED' | 'UPDATED' | 'SUCCEEDED';
  successorIds?: string[];
}

export interface LeadershipChanged {
  groupId: string;
  year: number;
  chairUnitId: string | null;
  viceChairUnitId: string | null;
}

export interface CampaignChanged {
  campaignId: string;
  groupId: string;
  year: number;
}

export const RegistryEvents = {
  membershipChanged: eventDef<MembershipChanged>(REGISTRY_STREAM, 'registry.membership.changed'),
  unitChanged: eventDef<UnitChanged>(REGISTRY_STREAM, 'registry.unit.changed'),
  leadershipChanged: eventDef<LeadershipChanged>(REGISTRY_STREAM, 'registry.leadership.changed'),
  campaignChanged: eventDef<CampaignChanged>(REGISTRY_STREAM, 'registry.campaign.changed'),
  conferencePlanned: eventDef<ConferencePlanned>(REGISTRY_STREAM, 'registry.conference.planned'),
  nominationsRecorded: eventDef<NominationsRecorded>(REGISTRY_STREAM, 'registry.nominations.recorded'),
  leadershipConfirmed: eventDef<LeadershipConfirmed>(REGISTRY_STREAM, 'registry.leadership.confirmed'),
} as const;

export const RegistryStream: StreamDef = {
  name: REGISTRY_STREAM,
  subjects: Object.values(RegistryEvents).map((e) => e.subject),
};

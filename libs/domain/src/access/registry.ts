import { councilOf, isBoard, leaderOf } from './grants';
import { decide, Decision, Grant, Permission, RoleName } from './policy';

/**
 * What the registry itself decides about its callers (issue 12). The gateway's guard asks `decide`
 * (policy.ts) for every route; these are the registry's own checks on the writes it is asked for
 * on someone's behalf, built on the same rules, each refusal with the catalogue reason the registry
 * answers (libs/contracts errors/registry.ts), and the grants a sign-in earns.
 *
 * - the chair and vice-chair of a group-year are set by the central board only;
 * - a group-year's campaign and milestones are changed by that year's chair or the board;
 * - a unit officer's role is tied to their unit, and they sign in with CHAIR / VICE_CHAIR of every
 *   group-year their unit leads.
 */

/** A refusal of the registry's policy: its reason in the registry's error catalogue. */
export type RegistryRefusal =
  | 'LEADERSHIP_SET_REFUSED'
  | 'CAMPAIGN_CHANGE_REFUSED'
  | 'USERS_MANAGE_REFUSED'
  | 'CONFERENCE_CHANGE_REFUSED'
  | 'CONFERENCE_READ_REFUSED';

export type RegistryDecision =
  { allowed: true } | { allowed: false; reason: string; refusal: RegistryRefusal };

const coded = (d: Decision, refusal: RegistryRefusal): RegistryDecision =>
  d.allowed ? d : { ...d, refusal };

/** Set or clear a group-year's chair and vice-chair: the central board. */
export function maySetLeadership(grants: readonly Grant[]): RegistryDecision {
  return coded(decide(grants, Permission.MANAGE_GROUPS), 'LEADERSHIP_SET_REFUSED');
}

/** Create or change a group-year's campaign and its milestones: that year's chair, or the board. */
export function mayManageCampaign(grants: readonly Grant[], groupId: string, year: number): RegistryDecision {
  return coded(decide(grants, Permission.MANAGE_CAMPAIGN, { groupId, year }), 'CAMPAIGN_CHANGE_REFUSED');
}

/**
 * Plan a group-year's conferences, record their attendance, nominate and confirm next year's chair
 * and vice-chair (issue 15): that year's chair or vice-chair (they co-chair, seed 000), or the board.
 */
export function mayManageConference(
  grants: readonly Grant[],
  groupId: string,
  year: number,
): RegistryDecision {
  return isBoard(grants) || leaderOf(grants, groupId, year)
    ? { allowed: true }
    : {
        allowed: false,
        reason: "only the group's chair or vice-chair of that year or the central board",
        refusal: 'CONFERENCE_CHANGE_REFUSED',
      };
}

/**
 * See a group-year's conferences and nominations: whoever manages them, the officers of that year's
 * member units, and the council members of the group.
 */
export function mayReadConference(
  grants: readonly Grant[],
  groupId: string,
  year: number,
  memberUnitIds: ReadonlySet<string>,
): RegistryDecision {
  if (mayManageConference(grants, groupId, year).allowed) return { allowed: true };
  const sees =
    councilOf(grants, groupId) ||
    grants.some((g) => g.role === 'UNIT_OFFICER' && !!g.unitId && memberUnitIds.has(g.unitId));
  return sees
    ? { allowed: true }
    : {
        allowed: false,
        reason: "only the group's members that year, its council members and the central board",
        refusal: 'CONFERENCE_READ_REFUSED',
      };
}

/** Create, change, deactivate users and reset their passwords, read the audit: the central board. */
export function mayManageUsers(grants: readonly Grant[]): RegistryDecision {
  return grants.some((g) => g.role === 'BOARD')
    ? { allowed: true }
    : { allowed: false, reason: 'only the central board manages users', refusal: 'USERS_MANAGE_REFUSED' };
}

/**
 * What a role assignment must name (issue 16): a unit officer their unit; a chair or vice-chair
 * the group and year; a council member may name the group whose council they sit on; the board
 * and viewers nothing. Answers the broken rule (Vietnamese), or null.
 */
export function roleScopeProblem(a: {
  role: RoleName;
  unitId?: string | null;
  groupId?: string | null;
  year?: number | null;
}): string | null {
  switch (a.role) {
    case 'UNIT_OFFICER':
      if (!a.unitId) return 'cần nêu đơn vị (unitId)';
      return a.groupId || a.year ? 'chỉ nêu đơn vị' : null;
    case 'CHAIR':
    case 'VICE_CHAIR':
      if (!a.groupId || !a.year) return 'cần nêu cụm, khối (groupId) và năm (year)';
      return a.unitId ? 'không nêu đơn vị' : null;
    case 'COUNCIL_MEMBER':
      return a.unitId ? 'không nêu đơn vị; có thể nêu cụm, khối (groupId) và năm' : null;
    case 'BOARD':
    case 'VIEWER':
      return a.unitId || a.groupId || a.year ? 'không nêu đơn vị, cụm, khối hay năm' : null;
    default:
      return 'vai trò không có';
  }
}

/** A role assigned to a user (`role_assignments`). */
export type AssignedRole = Grant;

/** A group-year led by a unit (`leaderships`): its chair or its vice-chair. */
export interface UnitLeadership {
  groupId: string;
  year: number;
  role: 'CHAIR' | 'VICE_CHAIR';
}

/**
 * The grant a user is assigned with a role: only a unit officer's is tied to a unit (their own);
 * a group, where given, scopes the role to it (a council member's group).
 */
export function assignedGrant(
  role: RoleName,
  scope: { unitId: string | null; groupId: string | null },
): { role: RoleName; unitId: string | null; groupId: string | null } {
  return { role, unitId: role === 'UNIT_OFFICER' ? scope.unitId : null, groupId: scope.groupId };
}

/** The units whose officers the user is: the leadership of these units becomes the user's grants. */
export function officerUnits(assigned: readonly AssignedRole[]): string[] {
  return [
    ...new Set(assigned.filter((a) => a.role === 'UNIT_OFFICER' && a.unitId).map((a) => a.unitId as string)),
  ];
}

/**
 * The grants of a signed-in user: the assigned roles, plus CHAIR / VICE_CHAIR for each group-year
 * in which a unit they are an officer of leads the group (`leads`, read for `officerUnits`).
 */
export function grantsAtSignIn(assigned: readonly AssignedRole[], leads: readonly UnitLeadership[]): Grant[] {
  return [
    ...assigned.map((a) => ({
      role: a.role,
      unitId: a.unitId ?? null,
      groupId: a.groupId ?? null,
      year: a.year ?? null,
    })),
    ...leads.map((l) => ({ role: l.role, groupId: l.groupId, year: l.year })),
  ];
}

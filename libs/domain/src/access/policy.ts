/**
 * Who may do what in the registry. Pure: the gateway passes the caller's grants (from the JWT) and
 * the scope of the resource touched.
 *
 * - the central board (BOARD) does anything;
 * - everyone signed in reads the registry (organisation data is not secret between members);
 * - units, groups, memberships, subgroups and leadership are changed by the board only;
 * - a group's chair changes that group's campaign and milestones, in the year they chair only.
 */

export type RoleName = 'BOARD' | 'COUNCIL_MEMBER' | 'CHAIR' | 'VICE_CHAIR' | 'UNIT_OFFICER' | 'VIEWER';

export interface Grant {
  role: RoleName;
  unitId?: string | null;
  groupId?: string | null;
  year?: number | null;
}

export enum Permission {
  READ_REGISTRY = 'READ_REGISTRY',
  MANAGE_UNITS = 'MANAGE_UNITS',
  MANAGE_GROUPS = 'MANAGE_GROUPS',
  MANAGE_CAMPAIGN = 'MANAGE_CAMPAIGN',
  /** Review proposal dossiers (return, accept) and record award decisions: the central board. */
  DECIDE_HONOURS = 'DECIDE_HONOURS',
}

export interface Scope {
  groupId?: string;
  year?: number;
  unitId?: string;
}

export type Decision = { allowed: true } | { allowed: false; reason: string };

const ALLOW: Decision = { allowed: true };

/** The central board holds every right everywhere: no scope needs resolving for it. */
export function holdsEverywhere(grants: readonly Grant[]): boolean {
  return grants.some((g) => g.role === 'BOARD');
}

export function decide(grants: readonly Grant[], permission: Permission, scope: Scope = {}): Decision {
  if (holdsEverywhere(grants)) return ALLOW;
  switch (permission) {
    case Permission.READ_REGISTRY:
      return grants.length > 0 ? ALLOW : { allowed: false, reason: 'no role in the platform' };
    case Permission.MANAGE_UNITS:
    case Permission.MANAGE_GROUPS:
      return { allowed: false, reason: 'only the central board changes units and groups' };
    case Permission.DECIDE_HONOURS:
      return { allowed: false, reason: 'only the central board reviews dossiers and records decisions' };
    case Permission.MANAGE_CAMPAIGN: {
      const chair = grants.some(
        (g) => g.role === 'CHAIR' && g.groupId === scope.groupId && g.year === scope.year,
      );
      return chair
        ? ALLOW
        : { allowed: false, reason: "only the group's chair of that year or the central board" };
    }
    default: {
      const never: never = permission;
      return { allowed: false, reason: `unknown permission ${String(never)}` };
    }
  }
}

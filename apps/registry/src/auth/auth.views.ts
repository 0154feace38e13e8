import { AuthUserView, RoleGrant } from '@tdkt/contracts';
import { AssignedRole, Grant, UnitLeadership } from '@tdkt/domain';
import type { RoleAssignmentRow, UnitLeadershipRow, UserRow } from './auth.repository';

/** Rows of sign-in as the policy and the contracts see them (pure). */

export function toAssignedRole(r: RoleAssignmentRow): AssignedRole {
  return { role: r.role as AssignedRole['role'], unitId: r.unit_id, groupId: r.group_id, year: r.year };
}

export function toUnitLeadership(r: UnitLeadershipRow): UnitLeadership {
  return { groupId: r.group_id, year: r.year, role: r.role as UnitLeadership['role'] };
}

export function toAuthUserView(user: UserRow, grants: readonly Grant[]): AuthUserView {
  return {
    id: user.id,
    username: user.username,
    displayName: user.display_name,
    unitId: user.unit_id,
    roles: grants as RoleGrant[],
  };
}

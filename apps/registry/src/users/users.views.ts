import type { RecipientView, RoleGrant, UserAuditView, UserView } from '@tdkt/contracts';
import type { AdminUserRow, RecipientRow, UserAuditRow } from './users.repository';

export const recipientView = (r: RecipientRow): RecipientView => ({
  id: r.id,
  username: r.username,
  displayName: r.display_name,
  email: r.email,
  unitId: r.unit_id,
});

/** A user as the board sees them (never the password hash). */
export const userView = (r: AdminUserRow): UserView => ({
  id: r.id,
  username: r.username,
  displayName: r.display_name,
  email: r.email,
  unitId: r.unit_id,
  active: r.active,
  roles: r.roles.map((g) => ({
    role: g.role as RoleGrant['role'],
    unitId: g.unit_id,
    groupId: g.group_id,
    year: g.year,
  })),
});

/** What the audit keeps of a user: everything the board edits, nothing secret. */
export const auditedUser = (v: UserView): Record<string, unknown> => ({
  username: v.username,
  displayName: v.displayName,
  email: v.email,
  unitId: v.unitId,
  active: v.active,
  roles: v.roles,
});

export const userAuditView = (r: UserAuditRow): UserAuditView => ({
  id: String(r.id),
  at: new Date(r.at).toISOString(),
  actorId: r.actor_id,
  action: r.action,
  userId: r.user_id,
  before: r.before,
  after: r.after,
});

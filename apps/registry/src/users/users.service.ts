import { Injectable } from '@nestjs/common';
import type {
  CreatedUserView,
  CreateUserRequest,
  ListUsersRequest,
  Page,
  PasswordResetView,
  RecipientsRequest,
  RecipientView,
  UpdateUserRequest,
  UserAuditRequest,
  UserAuditView,
  UserIdRequest,
  UserRoleDto,
  UserView,
} from '@tdkt/contracts';
import { mayManageUsers, roleScopeProblem } from '@tdkt/domain';
import { AppError } from '@tdkt/platform';
import { authorize } from '../access';
import { AuthRepository } from '../auth/auth.repository';
import { AuthService } from '../auth/auth.service';
import { AdminUserRow, UsersRepository } from './users.repository';
import { auditedUser, recipientView, userAuditView, userView } from './users.views';

/** A password hash nothing matches: a new user signs in after setting one with their reset token. */
const NO_PASSWORD = '!';

type Role = { role: string; unitId: string | null; groupId: string | null; year: number | null };

/**
 * Users: the central board creates, edits, deactivates them and resets their passwords (each action
 * in the audit, with who, when, before and after — never a secret); and, internally (service to
 * service, no caller's grants asked), the recipients of notifications.
 */
@Injectable()
export class UsersService {
  constructor(
    private readonly repo: UsersRepository,
    private readonly authRepo: AuthRepository,
    private readonly auth: AuthService,
  ) {}

  async recipients(req: RecipientsRequest): Promise<RecipientView[]> {
    const roles = new Set(req.roles ?? []);
    const groupYear = req.groupId && req.year ? { groupId: req.groupId, year: req.year } : null;
    const rows = await this.repo.recipients({
      unitIds: req.unitIds ?? [],
      groupId: groupYear?.groupId ?? null,
      year: groupYear?.year ?? null,
      chair: roles.has('CHAIR'),
      vice: roles.has('VICE_CHAIR'),
      members: roles.has('MEMBERS'),
      board: req.board === true,
      userIds: req.userIds ?? [],
    });
    return rows.map(recipientView);
  }

  async list(req: ListUsersRequest): Promise<Page<UserView>> {
    authorize(req.actor, mayManageUsers);
    const limit = req.limit ?? 50;
    const offset = req.offset ?? 0;
    const q = req.q?.normalize('NFC').trim();
    const { rows, total } = await this.repo.list({ search: q || null, limit, offset });
    return { items: rows.map(userView), total, limit, offset };
  }

  async get(req: UserIdRequest): Promise<UserView> {
    authorize(req.actor, mayManageUsers);
    const row = await this.repo.get(req.id);
    if (!row) throw AppError.of('USER_NOT_FOUND', { id: req.id });
    return userView(row);
  }

  /** A new user, without a password: they set it with the one-time reset token answered here. */
  async create(req: CreateUserRequest): Promise<CreatedUserView> {
    authorize(req.actor, mayManageUsers);
    const username = req.username.normalize('NFC').toLowerCase();
    const roles = await this.checkRoles(req.roles, req.unitId ?? null);
    return this.repo.transaction(async (m) => {
      const id = await this.repo.insert(m, {
        username,
        displayName: req.displayName,
        email: req.email?.trim() || null,
        unitId: req.unitId ?? null,
        passwordHash: NO_PASSWORD,
      });
      if (!id) throw AppError.of('USER_USERNAME_TAKEN', { username }, 'username');
      await this.repo.setRoles(m, id, roles);
      const created = userView((await this.repo.get(id, m)) as AdminUserRow);
      const passwordReset = await this.auth.issueReset(m, id);
      await this.authRepo.audit(m, {
        actorId: req.actor.userId,
        action: 'USER_CREATED',
        userId: id,
        before: null,
        after: auditedUser(created),
      });
      return { ...created, passwordReset };
    });
  }

  /**
   * Edits name, e-mail, unit, roles, or (de)activates. A deactivated user's sessions are revoked and
   * every gateway told at once; new roles reach a user's token at its next refresh (≤ 15 min).
   */
  async update(req: UpdateUserRequest): Promise<UserView> {
    authorize(req.actor, mayManageUsers);
    if (req.active === false && req.id === req.actor.userId)
      throw AppError.of('USER_SELF_DEACTIVATION', {}, 'active');
    const current = await this.repo.get(req.id);
    if (!current) throw AppError.of('USER_NOT_FOUND', { id: req.id });
    const unitId = req.unitId !== undefined ? req.unitId : current.unit_id;
    const roles = req.roles ? await this.checkRoles(req.roles, unitId) : undefined;
    const { view, deactivated } = await this.repo.transaction(async (m) => {
      const before = await this.repo.get(req.id, m, true);
      if (!before) throw AppError.of('USER_NOT_FOUND', { id: req.id });
      const active = req.active ?? before.active;
      await this.repo.update(m, req.id, {
        displayName: req.displayName ?? before.display_name,
        email: req.email !== undefined ? req.email?.trim() || null : before.email,
        unitId,
        active,
      });
      if (roles) await this.repo.setRoles(m, req.id, roles);
      const after = (await this.repo.get(req.id, m)) as NonNullable<typeof before>;
      const off = before.active && !active;
      if (off) await this.authRepo.revokeUserSessions(m, req.id, 'DEACTIVATED');
      await this.authRepo.audit(m, {
        actorId: req.actor.userId,
        action: off ? 'USER_DEACTIVATED' : !before.active && active ? 'USER_REACTIVATED' : 'USER_UPDATED',
        userId: req.id,
        before: auditedUser(userView(before)),
        after: auditedUser(userView(after)),
      });
      return { view: userView(after), deactivated: off };
    });
    if (deactivated) this.auth.broadcast(req.id);
    return view;
  }

  /**
   * Resets the password: the old one stops working, the user's sessions are revoked, and a one-time
   * token (valid 3 days) is answered for the board to hand over; the user sets a new password with it.
   */
  async resetPassword(req: UserIdRequest): Promise<PasswordResetView> {
    authorize(req.actor, mayManageUsers);
    const reset = await this.repo.transaction(async (m) => {
      const user = await this.repo.get(req.id, m, true);
      if (!user) throw AppError.of('USER_NOT_FOUND', { id: req.id });
      await this.authRepo.setPasswordHash(req.id, NO_PASSWORD, m);
      await this.authRepo.revokeUserSessions(m, req.id, 'PASSWORD_RESET');
      await this.authRepo.audit(m, {
        actorId: req.actor.userId,
        action: 'PASSWORD_RESET_ISSUED',
        userId: req.id,
        before: null,
        after: null,
      });
      return this.auth.issueReset(m, req.id);
    });
    this.auth.broadcast(req.id);
    return reset;
  }

  async audit(req: UserAuditRequest): Promise<Page<UserAuditView>> {
    authorize(req.actor, mayManageUsers);
    const limit = req.limit ?? 50;
    const offset = req.offset ?? 0;
    const { rows, total } = await this.repo.auditPage({ userId: req.userId ?? null, limit, offset });
    return { items: rows.map(userAuditView), total, limit, offset };
  }

  /** Each role names what it must (domain `roleScopeProblem`), and the units and groups exist. */
  private async checkRoles(roles: UserRoleDto[], userUnitId: string | null): Promise<Role[]> {
    const out: Role[] = roles.map((r) => ({
      role: r.role,
      unitId: r.unitId ?? null,
      groupId: r.groupId ?? null,
      year: r.year ?? null,
    }));
    out.forEach((r, i) => {
      const rule = roleScopeProblem(r as Parameters<typeof roleScopeProblem>[0]);
      if (rule) throw AppError.of('USER_ROLE_SCOPE_INVALID', { role: r.role, rule }, `roles[${i}]`);
    });
    const unitIds = [...new Set([userUnitId, ...out.map((r) => r.unitId)].filter((x): x is string => !!x))];
    const groupIds = [...new Set(out.map((r) => r.groupId).filter((x): x is string => !!x))];
    const found = await this.repo.existing(unitIds, groupIds);
    if (userUnitId && !found.units.has(userUnitId))
      throw AppError.of('USER_UNIT_NOT_FOUND', { id: userUnitId }, 'unitId');
    out.forEach((r, i) => {
      if (r.unitId && !found.units.has(r.unitId))
        throw AppError.of('USER_UNIT_NOT_FOUND', { id: r.unitId }, `roles[${i}].unitId`);
      if (r.groupId && !found.groups.has(r.groupId))
        throw AppError.of('USER_GROUP_NOT_FOUND', { id: r.groupId }, `roles[${i}].groupId`);
    });
    return out;
  }
}

/**
 * User administration by the central board (issue 16), through HTTP: create with a one-time
 * password token, the password policy, a user's own password change, edits, role scopes, a reset,
 * deactivation, and the audit of it all (who, what, when, before/after, never a secret).
 */
import { expectEventually } from '@tdkt/testing';
import { http, login, startTestSystem, TestSystem } from './support/system';

jest.setTimeout(60_000);

describe('users, administered by the central board', () => {
  let sys: TestSystem;
  let board: string;
  let boardId: string;
  let officer: string;
  let unitId: string;
  let groupId: string;

  beforeAll(async () => {
    sys = await startTestSystem();
    [board, officer] = await Promise.all([login(sys, 'board'), login(sys, 'kontum')]);
    boardId = (await http(sys, 'GET', '/api/v1/auth/me', { token: board })).body.id;
    unitId = (await http(sys, 'GET', '/api/v1/units?limit=1', { token: board })).body.items[0].id;
    groupId = (await http(sys, 'GET', '/api/v1/groups?limit=1', { token: board })).body.items[0].id;
  });
  afterAll(async () => sys?.stop());

  const signIn = (username: string, password: string) =>
    http(sys, 'POST', '/api/v1/auth/login', { body: { username, password } });

  it('only the board administers users (a unit officer: 403 before anything is created)', async () => {
    const body = { username: 'ke.gian', displayName: 'Kẻ gian', roles: [{ role: 'BOARD' }] };
    const r = await http(sys, 'POST', '/api/v1/users', { token: officer, body });
    expect(r.status).toBe(403);
    expect((await http(sys, 'GET', '/api/v1/users', { token: officer })).status).toBe(403);
    const list = await http(sys, 'GET', '/api/v1/users?q=ke.gian', { token: board });
    expect(list.body.total).toBe(0);
  });

  it('create → set the first password with the one-time token (policy in Vietnamese) → sign in', async () => {
    const created = await http(sys, 'POST', '/api/v1/users', {
      token: board,
      body: {
        username: 'Nguyen.Van.A',
        displayName: 'Nguyễn Văn A',
        email: 'a.nguyen@example.vn',
        unitId,
        roles: [{ role: 'UNIT_OFFICER', unitId }],
      },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      username: 'nguyen.van.a',
      displayName: 'Nguyễn Văn A',
      email: 'a.nguyen@example.vn',
      unitId,
      active: true,
      roles: [{ role: 'UNIT_OFFICER', unitId, groupId: null, year: null }],
    });
    const token = created.body.passwordReset.resetToken as string;
    expect(token.length).toBeGreaterThanOrEqual(40);
    // No password yet: nothing signs in.
    expect((await signIn('nguyen.van.a', '')).status).toBe(400);

    const set = (newPassword: string) =>
      http(sys, 'POST', '/api/v1/auth/password/reset', { body: { token, newPassword } });
    const short = await set('ngắn');
    expect(short.status).toBe(400);
    expect(short.body).toMatchObject({ code: 'PASSWORD_TOO_SHORT' });
    expect(short.body.errors).toEqual([
      { field: 'newPassword', message: 'Mật khẩu mới phải có ít nhất 12 ký tự' },
    ]);
    expect((await set('nguyen.van.a-2026')).body).toMatchObject({
      code: 'PASSWORD_IS_LOGIN',
      errors: [{ field: 'newPassword' }],
    });
    expect((await set('password12345')).body).toMatchObject({ code: 'PASSWORD_TOO_COMMON' });
    expect((await set('Sông Hương núi Ngự 2026')).status).toBe(204);
    // Once only.
    const again = await set('Một mật khẩu khác 2026');
    expect(again.status).toBe(400);
    expect(again.body).toMatchObject({ code: 'PASSWORD_RESET_INVALID', errors: [{ field: 'token' }] });

    const ok = await signIn('nguyen.van.a', 'Sông Hương núi Ngự 2026');
    expect(ok.status).toBe(200);
    expect(ok.body.user).toMatchObject({
      username: 'nguyen.van.a',
      roles: [{ role: 'UNIT_OFFICER', unitId }],
    });
  });

  it('a user changes their own password (the old one first); their sessions end', async () => {
    const s = await signIn('nguyen.van.a', 'Sông Hương núi Ngự 2026');
    const change = (oldPassword: string, newPassword: string) =>
      http(sys, 'POST', '/api/v1/auth/password', {
        token: s.body.accessToken,
        body: { oldPassword, newPassword },
      });
    const wrong = await change('không phải mật khẩu', 'Đèo Hải Vân mây bay 2026');
    expect(wrong.status).toBe(400);
    expect(wrong.body).toMatchObject({ code: 'PASSWORD_WRONG', errors: [{ field: 'oldPassword' }] });
    expect((await change('Sông Hương núi Ngự 2026', 'abc')).body.code).toBe('PASSWORD_TOO_SHORT');
    expect((await change('Sông Hương núi Ngự 2026', 'Đèo Hải Vân mây bay 2026')).status).toBe(204);
    // The session it was made in is over (the registry broadcasts it to every gateway).
    await expectEventually(async () => {
      expect((await http(sys, 'GET', '/api/v1/auth/me', { token: s.body.accessToken })).status).toBe(401);
    }, 5000);
    const refresh = await http(sys, 'POST', '/api/v1/auth/refresh', {
      body: { refreshToken: s.body.refreshToken },
    });
    expect(refresh.status).toBe(401);
    expect((await signIn('nguyen.van.a', 'Sông Hương núi Ngự 2026')).status).toBe(401);
    expect((await signIn('nguyen.van.a', 'Đèo Hải Vân mây bay 2026')).status).toBe(200);
  });

  it('the board edits name, e-mail, unit and roles (a council member with their group); scopes checked', async () => {
    const id = await userId('nguyen.van.a');
    const bad = await http(sys, 'PATCH', `/api/v1/users/${id}`, {
      token: board,
      body: { roles: [{ role: 'UNIT_OFFICER' }] },
    });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ code: 'USER_ROLE_SCOPE_INVALID', errors: [{ field: 'roles[0]' }] });
    const noGroup = await http(sys, 'PATCH', `/api/v1/users/${id}`, {
      token: board,
      body: { roles: [{ role: 'COUNCIL_MEMBER', groupId: '00000000-0000-4000-8000-000000000000' }] },
    });
    expect(noGroup.body).toMatchObject({
      code: 'USER_GROUP_NOT_FOUND',
      errors: [{ field: 'roles[0].groupId' }],
    });
    const r = await http(sys, 'PATCH', `/api/v1/users/${id}`, {
      token: board,
      body: {
        displayName: 'Nguyễn Văn An',
        email: null,
        roles: [{ role: 'COUNCIL_MEMBER', groupId }],
      },
    });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({
      displayName: 'Nguyễn Văn An',
      email: null,
      unitId,
      roles: [{ role: 'COUNCIL_MEMBER', groupId, unitId: null }],
    });
    const got = await http(sys, 'GET', `/api/v1/users/${id}`, { token: board });
    expect(got.body).toEqual(r.body);
    // A taken username.
    const dup = await http(sys, 'POST', '/api/v1/users', {
      token: board,
      body: { username: 'board', displayName: 'Trùng', roles: [] },
    });
    expect(dup.status).toBe(409);
    expect(dup.body).toMatchObject({ code: 'USER_USERNAME_TAKEN', errors: [{ field: 'username' }] });
  });

  it('a reset ends the old password and every session; deactivation ends sign-in; all audited', async () => {
    const id = await userId('nguyen.van.a');
    const before = await signIn('nguyen.van.a', 'Đèo Hải Vân mây bay 2026');
    expect(before.status).toBe(200);
    const reset = await http(sys, 'POST', `/api/v1/users/${id}/password-reset`, { token: board });
    expect(reset.status).toBe(201);
    expect(reset.body).toMatchObject({ userId: id, resetToken: expect.any(String) });
    expect((await signIn('nguyen.van.a', 'Đèo Hải Vân mây bay 2026')).status).toBe(401);
    await expectEventually(async () => {
      expect((await http(sys, 'GET', '/api/v1/auth/me', { token: before.body.accessToken })).status).toBe(
        401,
      );
    }, 5000);
    expect(
      (
        await http(sys, 'POST', '/api/v1/auth/password/reset', {
          body: { token: reset.body.resetToken, newPassword: 'Phố cổ Hội An đèn lồng' },
        })
      ).status,
    ).toBe(204);
    const s = await signIn('nguyen.van.a', 'Phố cổ Hội An đèn lồng');
    expect(s.status).toBe(200);

    // The board cannot deactivate itself.
    const self = await http(sys, 'PATCH', `/api/v1/users/${boardId}`, {
      token: board,
      body: { active: false },
    });
    expect(self.body).toMatchObject({ code: 'USER_SELF_DEACTIVATION', errors: [{ field: 'active' }] });
    const off = await http(sys, 'PATCH', `/api/v1/users/${id}`, { token: board, body: { active: false } });
    expect(off.status).toBe(200);
    expect(off.body.active).toBe(false);
    expect((await signIn('nguyen.van.a', 'Phố cổ Hội An đèn lồng')).status).toBe(401);
    await expectEventually(async () => {
      expect((await http(sys, 'GET', '/api/v1/auth/me', { token: s.body.accessToken })).status).toBe(401);
    }, 5000);

    const audit = await http(sys, 'GET', `/api/v1/users/audit?userId=${id}`, { token: board });
    expect(audit.status).toBe(200);
    const actions = (audit.body.items as { action: string; actorId: string }[]).map((e) => [
      e.action,
      e.actorId,
    ]);
    expect(actions).toEqual([
      ['USER_DEACTIVATED', boardId],
      ['PASSWORD_RESET_USED', id],
      ['PASSWORD_RESET_ISSUED', boardId],
      ['USER_UPDATED', boardId],
      ['PASSWORD_CHANGED', id],
      ['PASSWORD_RESET_USED', id],
      ['USER_CREATED', boardId],
    ]);
    const deactivated = audit.body.items[0];
    expect(deactivated.before).toMatchObject({ active: true, displayName: 'Nguyễn Văn An' });
    expect(deactivated.after).toMatchObject({ active: false });
    expect(new Date(deactivated.at).getTime()).toBeGreaterThan(Date.now() - 60_000);
    const text = JSON.stringify(audit.body);
    for (const secret of ['scrypt', 'password_hash', 'passwordHash', reset.body.resetToken, 'Phố cổ'])
      expect(text).not.toContain(secret);
    // Listed by the board only.
    expect((await http(sys, 'GET', '/api/v1/users/audit', { token: officer })).status).toBe(403);
  });

  it('the demo logins still work', async () => {
    for (const u of ['board', 'council', 'viewer', 'binhdinh'])
      expect((await signIn(u, 'e2e-demo-password')).status).toBe(200);
  });

  async function userId(username: string): Promise<string> {
    const r = await http(sys, 'GET', `/api/v1/users?q=${encodeURIComponent(username)}`, { token: board });
    return (r.body.items as { id: string; username: string }[]).find((u) => u.username === username)!.id;
  }
});

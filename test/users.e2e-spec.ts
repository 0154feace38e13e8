/**
 * User administration by the central board (issue 16), through HTTP: create with a one-time
 * password token, the password policy, a user's own password change, edits, role scopes, a reset,
 * deactivation, and the audit of it all (who, what, when, before/after, never a secret).
 */
import { expectEventually } from '@tdkt/testing';
import { login, startTestSystem, TestSystem } from './support/system';
import { client, ok, refused, reply, type Schema, statusOf } from './support/api';

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
    boardId = (await ok(client(sys, board).GET('/api/v1/auth/me'))).id;
    unitId = (await ok(client(sys, board).GET('/api/v1/units', { params: { query: { limit: 1 } } }))).items[0]
      .id;
    groupId = (await ok(client(sys, board).GET('/api/v1/groups', { params: { query: { limit: 1 } } })))
      .items[0].id;
  });
  afterAll(async () => sys?.stop());

  const signIn = (username: string, password: string) =>
    client(sys).POST('/api/v1/auth/login', { body: { username, password } });

  it('only the board administers users (a unit officer: 403 before anything is created)', async () => {
    const body: Schema<'CreateUserDto'> = {
      username: 'ke.gian',
      displayName: 'Kẻ gian',
      roles: [{ role: 'BOARD' }],
    };
    await refused(client(sys, officer).POST('/api/v1/users', { body }), 403);
    expect(await statusOf(client(sys, officer).GET('/api/v1/users'))).toBe(403);
    const list = await ok(client(sys, board).GET('/api/v1/users', { params: { query: { q: 'ke.gian' } } }));
    expect(list.total).toBe(0);
  });

  it('create → set the first password with the one-time token (policy in Vietnamese) → sign in', async () => {
    const created = await ok(
      client(sys, board).POST('/api/v1/users', {
        body: {
          username: 'Nguyen.Van.A',
          displayName: 'Nguyễn Văn A',
          email: 'a.nguyen@example.vn',
          unitId,
          roles: [{ role: 'UNIT_OFFICER', unitId }],
        },
      }),
      201,
    );
    expect(created).toMatchObject({
      username: 'nguyen.van.a',
      displayName: 'Nguyễn Văn A',
      email: 'a.nguyen@example.vn',
      unitId,
      active: true,
      roles: [{ role: 'UNIT_OFFICER', unitId, groupId: null, year: null }],
    });
    const token = created.passwordReset.resetToken as string;
    expect(token.length).toBeGreaterThanOrEqual(40);
    // No password yet: nothing signs in.
    expect(await statusOf(signIn('nguyen.van.a', ''))).toBe(400);

    const set = (newPassword: string) =>
      client(sys).POST('/api/v1/auth/password/reset', { body: { token, newPassword } });
    const short = await refused(set('ngắn'), 400);
    expect(short).toMatchObject({ code: 'PASSWORD_TOO_SHORT' });
    expect(short.errors).toEqual([
      { field: 'newPassword', message: 'Mật khẩu mới phải có ít nhất 12 ký tự' },
    ]);
    expect((await reply(set('nguyen.van.a-2026'))).problem).toMatchObject({
      code: 'PASSWORD_IS_LOGIN',
      errors: [{ field: 'newPassword' }],
    });
    expect((await reply(set('password12345'))).problem).toMatchObject({ code: 'PASSWORD_TOO_COMMON' });
    expect(await statusOf(set('Sông Hương núi Ngự 2026'))).toBe(204);
    // Once only.
    const again = await refused(set('Một mật khẩu khác 2026'), 400);
    expect(again).toMatchObject({ code: 'PASSWORD_RESET_INVALID', errors: [{ field: 'token' }] });

    const signedIn = await ok(signIn('nguyen.van.a', 'Sông Hương núi Ngự 2026'), 200);
    expect(signedIn.user).toMatchObject({
      username: 'nguyen.van.a',
      roles: [{ role: 'UNIT_OFFICER', unitId }],
    });
  });

  it('a user changes their own password (the old one first); their sessions end', async () => {
    const s = await ok(signIn('nguyen.van.a', 'Sông Hương núi Ngự 2026'));
    const change = (oldPassword: string, newPassword: string) =>
      client(sys, s.accessToken).POST('/api/v1/auth/password', { body: { oldPassword, newPassword } });
    const wrong = await refused(change('không phải mật khẩu', 'Đèo Hải Vân mây bay 2026'), 400);
    expect(wrong).toMatchObject({ code: 'PASSWORD_WRONG', errors: [{ field: 'oldPassword' }] });
    expect((await reply(change('Sông Hương núi Ngự 2026', 'abc'))).problem?.code).toBe('PASSWORD_TOO_SHORT');
    expect(await statusOf(change('Sông Hương núi Ngự 2026', 'Đèo Hải Vân mây bay 2026'))).toBe(204);
    // The session it was made in is over (the registry broadcasts it to every gateway).
    await expectEventually(async () => {
      expect(await statusOf(client(sys, s.accessToken).GET('/api/v1/auth/me'))).toBe(401);
    }, 5000);
    await refused(client(sys).POST('/api/v1/auth/refresh', { body: { refreshToken: s.refreshToken } }), 401);
    expect(await statusOf(signIn('nguyen.van.a', 'Sông Hương núi Ngự 2026'))).toBe(401);
    expect(await statusOf(signIn('nguyen.van.a', 'Đèo Hải Vân mây bay 2026'))).toBe(200);
  });

  it('the board edits name, e-mail, unit and roles (a council member with their group); scopes checked', async () => {
    const id = await userId('nguyen.van.a');
    const bad = await refused(
      client(sys, board).PATCH('/api/v1/users/{id}', {
        params: { path: { id } },
        body: { roles: [{ role: 'UNIT_OFFICER' }] },
      }),
      400,
    );
    expect(bad).toMatchObject({ code: 'USER_ROLE_SCOPE_INVALID', errors: [{ field: 'roles[0]' }] });
    const noGroup = await refused(
      client(sys, board).PATCH('/api/v1/users/{id}', {
        params: { path: { id } },
        body: { roles: [{ role: 'COUNCIL_MEMBER', groupId: '00000000-0000-4000-8000-000000000000' }] },
      }),
      400,
    );
    expect(noGroup).toMatchObject({
      code: 'USER_GROUP_NOT_FOUND',
      errors: [{ field: 'roles[0].groupId' }],
    });
    const r = await ok(
      client(sys, board).PATCH('/api/v1/users/{id}', {
        params: { path: { id } },
        body: {
          displayName: 'Nguyễn Văn An',
          email: null,
          roles: [{ role: 'COUNCIL_MEMBER', groupId }],
        },
      }),
      200,
    );
    expect(r).toMatchObject({
      displayName: 'Nguyễn Văn An',
      email: null,
      unitId,
      roles: [{ role: 'COUNCIL_MEMBER', groupId, unitId: null }],
    });
    const got = await ok(client(sys, board).GET('/api/v1/users/{id}', { params: { path: { id } } }));
    expect(got).toEqual(r);
    // A taken username.
    const dup = await refused(
      client(sys, board).POST('/api/v1/users', {
        body: { username: 'board', displayName: 'Trùng', roles: [] },
      }),
      409,
    );
    expect(dup).toMatchObject({ code: 'USER_USERNAME_TAKEN', errors: [{ field: 'username' }] });
  });

  it('a reset ends the old password and every session; deactivation ends sign-in; all audited', async () => {
    const id = await userId('nguyen.van.a');
    const before = await ok(signIn('nguyen.van.a', 'Đèo Hải Vân mây bay 2026'), 200);
    const reset = await ok(
      client(sys, board).POST('/api/v1/users/{id}/password-reset', { params: { path: { id } } }),
      201,
    );
    expect(reset).toMatchObject({ userId: id, resetToken: expect.any(String) });
    expect(await statusOf(signIn('nguyen.van.a', 'Đèo Hải Vân mây bay 2026'))).toBe(401);
    await expectEventually(async () => {
      expect(await statusOf(client(sys, before.accessToken).GET('/api/v1/auth/me'))).toBe(401);
    }, 5000);
    expect(
      await statusOf(
        client(sys).POST('/api/v1/auth/password/reset', {
          body: { token: reset.resetToken, newPassword: 'Phố cổ Hội An đèn lồng' },
        }),
      ),
    ).toBe(204);
    const s = await ok(signIn('nguyen.van.a', 'Phố cổ Hội An đèn lồng'), 200);

    // The board cannot deactivate itself.
    const self = await refused(
      client(sys, board).PATCH('/api/v1/users/{id}', {
        params: { path: { id: boardId } },
        body: { active: false },
      }),
      400,
    );
    expect(self).toMatchObject({ code: 'USER_SELF_DEACTIVATION', errors: [{ field: 'active' }] });
    const off = await ok(
      client(sys, board).PATCH('/api/v1/users/{id}', {
        params: { path: { id } },
        body: { active: false },
      }),
      200,
    );
    expect(off.active).toBe(false);
    expect(await statusOf(signIn('nguyen.van.a', 'Phố cổ Hội An đèn lồng'))).toBe(401);
    await expectEventually(async () => {
      expect(await statusOf(client(sys, s.accessToken).GET('/api/v1/auth/me'))).toBe(401);
    }, 5000);

    const audit = await ok(
      client(sys, board).GET('/api/v1/users/audit', { params: { query: { userId: id } } }),
      200,
    );
    const actions = (audit.items as { action: string; actorId: string }[]).map((e) => [e.action, e.actorId]);
    expect(actions).toEqual([
      ['USER_DEACTIVATED', boardId],
      ['PASSWORD_RESET_USED', id],
      ['PASSWORD_RESET_ISSUED', boardId],
      ['USER_UPDATED', boardId],
      ['PASSWORD_CHANGED', id],
      ['PASSWORD_RESET_USED', id],
      ['USER_CREATED', boardId],
    ]);
    const deactivated = audit.items[0];
    expect(deactivated.before).toMatchObject({ active: true, displayName: 'Nguyễn Văn An' });
    expect(deactivated.after).toMatchObject({ active: false });
    expect(new Date(deactivated.at).getTime()).toBeGreaterThan(Date.now() - 60_000);
    const text = JSON.stringify(audit);
    for (const secret of ['scrypt', 'password_hash', 'passwordHash', reset.resetToken, 'Phố cổ'])
      expect(text).not.toContain(secret);
    // Listed by the board only.
    expect(await statusOf(client(sys, officer).GET('/api/v1/users/audit'))).toBe(403);
  });

  it('the demo logins still work', async () => {
    for (const u of ['board', 'council', 'viewer', 'binhdinh'])
      expect(await statusOf(signIn(u, 'e2e-demo-password'))).toBe(200);
  });

  async function userId(username: string): Promise<string> {
    const r = await ok(client(sys, board).GET('/api/v1/users', { params: { query: { q: username } } }));
    return (r.items as { id: string; username: string }[]).find((u) => u.username === username)!.id;
  }
});

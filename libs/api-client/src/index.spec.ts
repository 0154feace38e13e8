import { createApiClient, createSession, fieldProblem, isProblem, type Problem } from './index';

const json = (status: number, body: unknown, type = 'application/json') =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': type } });

const session = (n: number) => ({
  accessToken: `access-${n}`,
  refreshToken: `refresh-${n}`,
  tokenType: 'Bearer' as const,
  expiresAt: '2026-11-30T10:15:00.000Z',
  refreshExpiresAt: '2026-12-30T10:00:00.000Z',
  user: { id: 'u', username: 'a', displayName: 'A', unitId: null, roles: [] },
});

const problem401: Problem = {
  type: 'urn:tdkt:problem:unauthenticated',
  title: 'Chưa đăng nhập',
  status: 401,
  detail: 'Token đã hết hạn',
  code: 'UNAUTHENTICATED',
  kind: 'UNAUTHENTICATED',
};

/** A fake gateway: access tokens are valid from `valid` on; counts refreshes. */
function gateway() {
  const calls: { path: string; auth: string | null; body: string }[] = [];
  let valid = 'access-1';
  let refreshes = 0;
  const fetch = async (input: string | URL | Request): Promise<Response> => {
    const req = input as Request;
    const path = new URL(req.url).pathname;
    const body = await req.text();
    calls.push({ path, auth: req.headers.get('authorization'), body });
    if (path === '/api/v1/auth/login')
      return JSON.parse(body).password === 'right' ? json(200, session(1)) : json(401, problem401);
    if (path === '/api/v1/auth/refresh') {
      refreshes += 1;
      const n = refreshes + 1;
      if (JSON.parse(body).refreshToken !== `refresh-${n - 1}`)
        return json(401, problem401, 'application/problem+json');
      valid = `access-${n}`;
      return json(200, session(n));
    }
    if (req.headers.get('authorization') !== `Bearer ${valid}`)
      return json(401, problem401, 'application/problem+json');
    return json(200, { unreadCount: 3 });
  };
  return {
    fetch,
    calls,
    expire: () => void (valid = 'none'),
    get refreshes() {
      return refreshes;
    },
  };
}

describe('createSession', () => {
  it('sends the access token, refreshes once on 401 for concurrent requests and repeats them', async () => {
    const gw = gateway();
    const s = createSession({ baseUrl: 'http://gw', fetch: gw.fetch });
    expect((await s.login('a', 'right')).user?.username).toBe('a');
    const first = await s.api.GET('/api/v1/me/inbox/unread-count');
    expect(first.data?.unreadCount).toBe(3);
    expect(gw.calls.at(-1)?.auth).toBe('Bearer access-1');

    // The access token expires (server side): both requests get 401, one refresh, both repeated.
    gw.expire();
    const [a, b] = await Promise.all([
      s.api.GET('/api/v1/me/inbox/unread-count'),
      s.api.GET('/api/v1/me/inbox/unread-count'),
    ]);
    expect([a.data?.unreadCount, b.data?.unreadCount]).toEqual([3, 3]);
    expect(gw.refreshes).toBe(1);
    expect(gw.calls.filter((c) => c.path === '/api/v1/auth/refresh')[0].body).toBe(
      JSON.stringify({ refreshToken: 'refresh-1' }),
    );
  });

  it('ends the session when the refresh is refused, and never retries a failed login', async () => {
    const gw = gateway();
    let ended = 0;
    const s = createSession({ baseUrl: 'http://gw', fetch: gw.fetch, onSessionEnd: () => (ended += 1) });
    const refused = await s.login('a', 'wrong');
    expect(refused.response.status).toBe(401);
    expect(isProblem(refused.problem)).toBe(true);
    expect(gw.calls.filter((c) => c.path === '/api/v1/auth/login')).toHaveLength(1);
    expect(s.signedIn).toBe(false);

    // No session: a 401 stays a 401 and ends nothing more than it was.
    const r = await s.api.GET('/api/v1/me/inbox/unread-count');
    expect(r.response.status).toBe(401);
    expect(r.error?.code).toBe('UNAUTHENTICATED');
    expect(ended).toBe(1);
  });
});

describe('helpers', () => {
  it('finds the problem of a field', () => {
    const p: Problem = {
      ...problem401,
      status: 400,
      code: 'VALIDATION_FAILED',
      kind: 'VALIDATION_FAILED',
      errors: [{ field: 'validFrom', rule: 'isCalendarDate', message: 'Ngày không hợp lệ' }],
    };
    expect(fieldProblem(p, 'validFrom')?.rule).toBe('isCalendarDate');
    expect(fieldProblem(p, 'name')).toBeUndefined();
    expect(isProblem({ status: 400 })).toBe(false);
  });

  it('a plain client sends what it is given', async () => {
    const gw = gateway();
    const api = createApiClient({ baseUrl: 'http://gw', fetch: gw.fetch });
    const r = await api.GET('/api/v1/me/inbox/unread-count');
    expect(r.response.status).toBe(401);
    expect(gw.calls[0].auth).toBeNull();
  });
});

/**
 * @tdkt/api-client: the TĐKT gateway for TypeScript front-ends. `schema.ts` is generated from
 * apps/gateway/openapi.json by openapi-typescript (`npm run openapi`; CI fails when it is stale);
 * requests go through openapi-fetch. This file adds what every front-end needs on top, and hides
 * none of the generated types (`paths`, `components`, `operations` stay exported). See README.md.
 */
import createClient, { type ClientOptions, type Middleware } from 'openapi-fetch';
import type { components, paths } from './schema';

export type { components, operations, paths } from './schema';
export * from './schema';
export type { ClientOptions, Middleware } from 'openapi-fetch';

/** The gateway's schemas by name, e.g. `Schema<'UnitResponse'>`. */
export type Schema<N extends keyof components['schemas']> = components['schemas'][N];

/** Every refusal and error: application/problem+json (RFC 9457). Branch on `code` (the precise reason). */
export type Problem = components['schemas']['ProblemResponse'];
/**
 * Every `code` the gateway knows (`problemCodeValues` lists them): the error catalogue's reasons and
 * the kinds. Compare with them (`error.code === ('SCORING_YEAR_LOCKED' satisfies ProblemCode)`); a
 * newer gateway may answer a code not listed here: fall back on `kind`.
 */
export type ProblemCode = Schema<'ProblemCode'>;
/** One offending field of a 400 (`problem.errors`): `field` names it, `rule` the check that failed. */
export type FieldProblem = components['schemas']['FieldErrorResponse'];

/** The one shape of every list: a page of `items`, `total` in all, asked with `limit` and `offset`. */
export interface Page<T> {
  items: T[];
  total: number;
  limit: number;
  offset: number;
}

/** Whether a value is a problem+json body (e.g. openapi-fetch's `error`). */
export function isProblem(value: unknown): value is Problem {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as Problem).status === 'number' &&
    typeof (value as Problem).code === 'string'
  );
}

/** The message of the field `field` in a 400, if the problem names it (for a form's inline error). */
export function fieldProblem(problem: Problem | undefined, field: string): FieldProblem | undefined {
  return problem?.errors?.find((e) => e.field === field);
}

/** A new Idempotency-Key: make one per user action, and reuse it only to retry that same action. */
export function newIdempotencyKey(): string {
  return globalThis.crypto.randomUUID();
}

/** A client of the gateway: `api.GET('/api/v1/groups/{groupId}', { params: { path: { groupId } } })`. */
export function createApiClient(options: ClientOptions = {}) {
  return createClient<paths>(options);
}

export type ApiClient = ReturnType<typeof createApiClient>;

// ---------- authentication ----------

/** Where the current access token comes from, and how to get a new one. */
export interface AuthOptions {
  /** The access token to send as `Authorization: Bearer …` (null: send none). */
  getAccessToken(): string | null | undefined | Promise<string | null | undefined>;
  /**
   * After a 401: a new access token (e.g. from POST /api/v1/auth/refresh), or null when the session
   * cannot be renewed. Called once for all the requests refused at the same time.
   */
  refresh?(): Promise<string | null>;
  /** The session is over (refresh gave nothing): send the user to the login page. */
  onSessionEnd?(): void;
}

/** Paths where a 401 means "wrong credentials", not "token expired": never refreshed nor retried. */
const NO_RETRY = new Set(['/api/v1/auth/login', '/api/v1/auth/refresh', '/api/v1/auth/password/reset']);

/**
 * openapi-fetch middleware: sends the bearer token, and on a 401 renews it once (one refresh for
 * all concurrent requests) and repeats the request with the new token. A request whose body was a
 * stream cannot be repeated; its 401 is returned as it came.
 */
export function authMiddleware(auth: AuthOptions): Middleware {
  const copies = new Map<string, Request>();
  let refreshing: Promise<string | null> | undefined;
  const renew = () => {
    refreshing ??= (auth.refresh ? auth.refresh() : Promise.resolve(null))
      .catch(() => null)
      .finally(() => {
        refreshing = undefined;
      });
    return refreshing;
  };
  return {
    async onRequest({ request, schemaPath, id }) {
      if (NO_RETRY.has(schemaPath)) return undefined;
      const token = await auth.getAccessToken();
      if (token) request.headers.set('authorization', `Bearer ${token}`);
      if (auth.refresh) copies.set(id, request.clone());
      return request;
    },
    async onResponse({ response, id, options }) {
      const copy = copies.get(id);
      copies.delete(id);
      if (response.status !== 401 || !copy) return undefined;
      const token = await renew();
      if (!token) {
        auth.onSessionEnd?.();
        return undefined;
      }
      copy.headers.set('authorization', `Bearer ${token}`);
      return options.fetch(copy);
    },
    onError({ id }) {
      copies.delete(id);
    },
  };
}

/** Tokens of a session, as login and refresh answer them. */
export type SessionTokens = Pick<
  Schema<'SessionResponse'>,
  'accessToken' | 'refreshToken' | 'expiresAt' | 'refreshExpiresAt'
>;

/** Where a session keeps its tokens (default: memory; a browser app may use sessionStorage). */
export interface TokenStore {
  get(): SessionTokens | null;
  set(tokens: SessionTokens | null): void;
}

export function memoryTokenStore(): TokenStore {
  let tokens: SessionTokens | null = null;
  return { get: () => tokens, set: (t) => void (tokens = t) };
}

/**
 * A signed-in client: `login` keeps the tokens, every request sends the access token, a 401
 * refreshes it (the refresh token is single-use: each refresh stores the new pair) and repeats the
 * request, `logout` revokes the session.
 */
export function createSession(
  options: ClientOptions & { store?: TokenStore; onSessionEnd?: () => void } = {},
) {
  const { store = memoryTokenStore(), onSessionEnd, ...clientOptions } = options;
  const api = createApiClient(clientOptions);
  const keep = (s: Schema<'SessionResponse'>) => {
    const { accessToken, refreshToken, expiresAt, refreshExpiresAt } = s;
    store.set({ accessToken, refreshToken, expiresAt, refreshExpiresAt });
    return s;
  };
  const refresh = async (): Promise<string | null> => {
    const refreshToken = store.get()?.refreshToken;
    if (!refreshToken) return null;
    const { data } = await api.POST('/api/v1/auth/refresh', { body: { refreshToken } });
    if (!data) {
      store.set(null);
      return null;
    }
    return keep(data).accessToken;
  };
  api.use(
    authMiddleware({
      getAccessToken: () => store.get()?.accessToken,
      refresh,
      onSessionEnd: () => {
        store.set(null);
        onSessionEnd?.();
      },
    }),
  );
  return {
    api,
    /** Signs in; answers the user and their roles, or the problem (401 LOGIN_FAILED, 429 with Retry-After). */
    async login(username: string, password: string) {
      const { data, error, response } = await api.POST('/api/v1/auth/login', {
        body: { username, password },
      });
      if (data) keep(data);
      return { user: data?.user, problem: error as Problem | undefined, response };
    },
    refresh,
    /** Revokes the session on the server (every instance within a minute) and forgets the tokens. */
    async logout() {
      if (store.get()) await api.POST('/api/v1/auth/logout');
      store.set(null);
    },
    get signedIn() {
      return store.get() !== null;
    },
  };
}

export type Session = ReturnType<typeof createSession>;

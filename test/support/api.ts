/**
 * The gateway as front-ends call it: through the client generated from apps/gateway/openapi.json
 * (@tdkt/api-client), so a contract change that would break a front-end fails the type check here.
 *
 *   const api = client(sys, token);
 *   const group = await ok(api.GET('/api/v1/groups/{groupId}', { params: { path: { groupId } } }));
 *   const created = await ok(api.POST('/api/v1/units', { body }), 201);
 *   const problem = await refused(api.POST('/api/v1/units', { body }), 409); // typed problem+json
 *   const r = await reply(api.GET(…)); // { status, data?, problem?, headers } for anything else
 *
 * `http()` from ./system stays for what the contract forbids (malformed bodies, wrong types, raw bytes).
 */
import { createApiClient, type ApiClient, type Schema } from '@tdkt/api-client';
import type { TestSystem } from './system';

export type { ApiClient, Schema } from '@tdkt/api-client';

/** The problem+json body every refusal answers. */
export type Problem = Schema<'ProblemResponse'>;

/** A client of the test system's gateway, as `token`'s user (none: anonymous), with extra headers. */
export function client(
  sys: Pick<TestSystem, 'baseUrl'>,
  token?: string,
  headers: Record<string, string> = {},
): ApiClient {
  return createApiClient({
    baseUrl: sys.baseUrl,
    headers: token ? { ...headers, authorization: `Bearer ${token}` } : headers,
  });
}

/** What openapi-fetch answers: the success body (`data`) or the error body, and the response. */
interface Outcome<D, E> {
  data?: D;
  error?: E;
  response: Response;
}

export interface Reply<D, E> {
  status: number;
  /** The success body (undefined when the status is not 2xx or the body is empty). */
  data: D | undefined;
  /** The error body (problem+json) when the status is not 2xx. */
  problem: E | undefined;
  headers: Headers;
}

/** Any answer, for tests that look at the status, the body and the headers together. */
export async function reply<D, E>(call: Promise<Outcome<D, E>>): Promise<Reply<D, E>> {
  const r = await call;
  return { status: r.response.status, data: r.data, problem: r.error, headers: r.response.headers };
}

/** A success with a body: its status (2xx, or exactly `status`), typed body and headers; throws otherwise. */
export async function success<D, E>(
  call: Promise<Outcome<D, E>>,
  status?: number,
): Promise<{ status: number; data: D; headers: Headers }> {
  const r = await call;
  const { response } = r;
  const expected = status === undefined ? response.ok : response.status === status;
  if (!expected || r.data === undefined) {
    throw new Error(
      `${response.url}: expected ${status ?? '2xx'} with a body, got ${response.status} ${JSON.stringify(r.error ?? r.data)}`,
    );
  }
  return { status: response.status, data: r.data, headers: response.headers };
}

/** The typed body of a success (2xx, or exactly `status`); throws with the answer otherwise. */
export async function ok<D, E>(call: Promise<Outcome<D, E>>, status?: number): Promise<D> {
  return (await success(call, status)).data;
}

/** A refusal with exactly `status`: its typed problem and headers; throws with the answer otherwise. */
export async function failure<D, E>(
  call: Promise<Outcome<D, E>>,
  status: number,
): Promise<{ status: number; problem: E; headers: Headers }> {
  const r = await call;
  const { response } = r;
  if (response.status !== status || r.error === undefined) {
    throw new Error(
      `${response.url}: expected ${status} with a problem, got ${response.status} ${JSON.stringify(r.error ?? r.data)}`,
    );
  }
  return { status: response.status, problem: r.error, headers: response.headers };
}

/** The typed problem of a refusal with exactly `status`; throws with the answer otherwise. */
export async function refused<D, E>(call: Promise<Outcome<D, E>>, status: number): Promise<E> {
  return (await failure(call, status)).problem;
}

/** Only the status (for answers without a body, e.g. 204). */
export async function statusOf<D, E>(call: Promise<Outcome<D, E>>): Promise<number> {
  return (await call).response.status;
}

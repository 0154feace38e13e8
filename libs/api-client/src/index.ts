import createClient, { type ClientOptions } from 'openapi-fetch';
import type { components, paths } from './schema';

export type { components, paths } from './schema';

/** The gateway's schemas by name, e.g. `Schema<'Problem'>`. */
export type Schema<N extends keyof components['schemas']> = components['schemas'][N];

/** A client of the gateway: `api.GET('/api/v1/groups/{groupId}', { params: { path: { groupId } } })`. */
export function createApiClient(options: ClientOptions = {}) {
  return createClient<paths>(options);
}

export type ApiClient = ReturnType<typeof createApiClient>;

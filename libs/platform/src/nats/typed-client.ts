import { MEMBERS_PAGE_MAX, MembersRequest, MembersView, RegistryRpc, type RpcDef } from '@tdkt/contracts';
import { RpcClient } from './rpc-client';

/** A method per subject of a service's contract: `registry.unitGet({ id })` → `Promise<UnitView>`. */
export type ServiceClient<T extends Record<string, RpcDef<unknown, unknown>>> = {
  [K in keyof T]: T[K] extends RpcDef<infer Req, infer Res>
    ? (request: Req, timeoutMs?: number) => Promise<Res>
    : never;
};

/**
 * The typed client of one service, built from its subject definitions in libs/contracts (e.g.
 * `serviceClient(rpc, RegistryRpc)`): every caller reaches that service the same way, with the
 * same timeout and error mapping (`RpcCallError`: 503 no responder or NATS down, 504 timeout, or
 * the service's own coded error).
 */
export function serviceClient<T extends Record<string, RpcDef<unknown, unknown>>>(
  rpc: RpcClient,
  defs: T,
): ServiceClient<T> {
  const client: Record<string, unknown> = {};
  for (const [name, def] of Object.entries(defs))
    client[name] = (request: unknown, timeoutMs?: number) =>
      rpc.request(def as RpcDef<unknown, unknown>, request, timeoutMs);
  return client as ServiceClient<T>;
}

/** The registry's typed client: how intake, scoring and awards reach the registry (kit token `REGISTRY_CLIENT`). */
export type RegistryClient = ServiceClient<typeof RegistryRpc>;

export function registryClient(rpc: RpcClient): RegistryClient {
  return serviceClient(rpc, RegistryRpc);
}

/**
 * A group's members in a year (or on a day), read page by page (`MEMBERS_PAGE_MAX` a reply, each
 * bounded by `timeoutMs`): a group of 10,000 members is ~5 MB, over NATS max_payload in one reply.
 * A small group is one page, as before.
 */
export async function memberListInPages(
  registry: Pick<RegistryClient, 'memberList'>,
  request: Omit<MembersRequest, 'offset' | 'limit'>,
  timeoutMs?: number,
): Promise<MembersView> {
  const page = (offset: number) =>
    registry.memberList({ ...request, offset, limit: MEMBERS_PAGE_MAX }, timeoutMs);
  const first = await page(0);
  const members = [...first.members];
  for (let next = first.nextOffset ?? null; next !== null;) {
    const p = await page(next);
    members.push(...p.members);
    next = p.members.length ? (p.nextOffset ?? null) : null;
  }
  return { group: first.group, from: first.from, to: first.to, members };
}

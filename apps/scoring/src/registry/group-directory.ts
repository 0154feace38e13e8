import { RegistryEvents, RegistryRpc } from '@tdkt/contracts';
import { LookupCache, RpcClient } from '@tdkt/platform';
import { NatsConnection } from 'nats';
import type { Logger } from 'pino';

export interface GroupYear {
  groupId: string;
  groupName: string;
  year: number;
  /** Members at any time in the year, with their subgroup. */
  members: { unitId: string; unitName: string; subgroupId: string | null }[];
  subgroups: Map<string, string>;
}

/** A group's members in a year, asked of the registry and kept until a registry event (or 5 min). */
export class GroupDirectory {
  private readonly cache: LookupCache<GroupYear>;

  constructor(
    private readonly rpc: RpcClient,
    private readonly nc: NatsConnection,
    private readonly prefix: string,
    logger: Logger,
  ) {
    this.cache = new LookupCache(300_000, (key, code) =>
      logger.warn({ key, code }, 'registry unavailable: using the last known members'),
    );
  }

  start(): void {
    this.cache.clearOn(
      this.nc,
      this.prefix,
      Object.values(RegistryEvents).map((e) => e.subject),
    );
  }

  stop(): void {
    this.cache.stop();
  }

  get(groupId: string, year: number): Promise<GroupYear> {
    return this.cache.get(
      `${groupId}:${year}`,
      async () => {
        const m = await this.rpc.request(RegistryRpc.memberList, { groupId, year });
        const subgroups = new Map<string, string>();
        for (const x of m.members) if (x.subgroup) subgroups.set(x.subgroup.id, x.subgroup.name);
        return {
          groupId: m.group.id,
          groupName: m.group.name,
          year,
          members: m.members.map((x) => ({
            unitId: x.unit.id,
            unitName: x.unit.name,
            subgroupId: x.subgroup?.id ?? null,
          })),
          subgroups,
        };
      },
      (v) => [`${v.groupId}:${year}`],
    );
  }
}

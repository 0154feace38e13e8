import { MembersView } from '@tdkt/contracts';
import { memberListInPages, RegistryCache, RegistryClient, Startable } from '@tdkt/platform';
import type { NatsConnection } from 'nats';
import type { Logger } from 'pino';

export interface GroupYear {
  groupId: string;
  groupName: string;
  year: number;
  /** Members at any time in the year, with their subgroup, in the registry's order. */
  members: { unitId: string; unitName: string; subgroupId: string | null }[];
  /** Subgroup id → name, for the subgroups that have members that year. */
  subgroups: Map<string, string>;
}

/** How long an answer is kept when no registry event drops it first. */
export const GROUP_YEAR_TTL_MS = 300_000;

/** The registry's members of a group in a year, as scoring uses them. */
export function groupYearOf(m: MembersView, year: number): GroupYear {
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
}

/**
 * A group's members in a year, asked of the registry (its typed client) and kept until a registry
 * event or `GROUP_YEAR_TTL_MS`. Callers asking together share one request and its outcome: an
 * unknown group is the registry's 404 for every one of them; while the registry does not answer
 * (503/504) the last known members are used.
 */
export class GroupDirectory implements Startable {
  private readonly cache: RegistryCache<GroupYear>;

  constructor(
    private readonly registry: RegistryClient,
    nc: NatsConnection,
    prefix: string,
    logger: Pick<Logger, 'warn'>,
    ttlMs = GROUP_YEAR_TTL_MS,
  ) {
    this.cache = new RegistryCache(nc, prefix, ttlMs, logger, 'members');
  }

  start(): void {
    this.cache.start();
  }

  stop(): void {
    this.cache.stop();
  }

  /** By the group's id or code; the answer is also kept under the group's id. */
  get(groupId: string, year: number): Promise<GroupYear> {
    return this.cache.get(
      `${groupId}:${year}`,
      async () => groupYearOf(await memberListInPages(this.registry, { groupId, year }), year),
      (v) => [`${v.groupId}:${year}`],
    );
  }

  /** A unit's name by its id, for a message; null when the registry does not know it (or does not answer). */
  async unitName(unitId: string): Promise<string | null> {
    try {
      return (await this.registry.unitGet({ id: unitId })).name;
    } catch {
      return null;
    }
  }
}

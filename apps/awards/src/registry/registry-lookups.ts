import { CurrentSuccessorsView, ErrorCode, GroupView, MembersView, UnitKind } from '@tdkt/contracts';
import { AppError, memberListInPages, RegistryCache, RegistryClient, Startable } from '@tdkt/platform';
import type { NatsConnection } from 'nats';
import type { Logger } from 'pino';

/** How long an answer is kept when no registry event drops it first. */
export const REGISTRY_TTL_MS = 300_000;

/** A registry id or code is at most 64 characters: a longer cell names no unit (and is not sent). */
const UNIT_KEY_MAX = 64;

export interface NamedUnit {
  id: string;
  name: string;
}

/**
 * What awards asks of the registry (its typed client, `REGISTRY_CLIENT`), kept in one LookupCache
 * until a registry event or `REGISTRY_TTL_MS`: groups, a group's members in a year and their
 * successors today, the provinces valid on a day, and units by code (for the lines of a file).
 * Callers asking together share one request and its outcome (an unknown group is the registry's
 * 404 for every one of them); while the registry does not answer (503/504) the last known answer
 * is used.
 */
export class RegistryLookups implements Startable {
  private readonly cache: RegistryCache<unknown>;

  constructor(
    private readonly registry: RegistryClient,
    nc: NatsConnection,
    prefix: string,
    logger: Pick<Logger, 'warn'>,
    ttlMs = REGISTRY_TTL_MS,
  ) {
    this.cache = new RegistryCache(nc, prefix, ttlMs, logger, 'answer');
  }

  start(): void {
    this.cache.start();
  }

  stop(): void {
    this.cache.stop();
  }

  private get<V>(key: string, load: () => Promise<V>, aliases: (v: V) => string[] = () => []): Promise<V> {
    return this.cache.get(key, load, aliases as (v: unknown) => string[]) as Promise<V>;
  }

  /** A group by id or code (the registry's 404 when there is none). */
  group(idOrCode: string): Promise<GroupView> {
    return this.get(
      `group:${idOrCode}`,
      () => this.registry.groupGet({ id: idOrCode }),
      (g) => [`group:${g.id}`, `group:${g.code}`],
    );
  }

  /** A group's members at any time in a year. */
  members(groupId: string, year: number): Promise<MembersView> {
    return this.get(
      `members:${groupId}:${year}`,
      // Page by page: a large group's members do not fit one NATS reply.
      () => memberListInPages(this.registry, { groupId, year }),
      (m) => [`members:${m.group.id}:${year}`],
    );
  }

  /** The units valid today that succeed the group's members of a year. */
  successors(groupId: string, year: number): Promise<CurrentSuccessorsView> {
    return this.get(
      `successors:${groupId}:${year}`,
      () => this.registry.memberCurrentSuccessors({ groupId, year }),
      (s) => [`successors:${s.group.id}:${year}`],
    );
  }

  /** The provinces and centrally governed cities valid on a day, by name. */
  provincesOn(day: string): Promise<NamedUnit[]> {
    return this.get(`provinces:${day}`, async () => {
      const pages = await Promise.all(
        [UnitKind.PROVINCE, UnitKind.CITY].map((kind) =>
          this.registry.unitList({ kind, on: day, limit: 500 }),
        ),
      );
      return pages
        .flatMap((p) => p.items)
        .map((u) => ({ id: u.id, name: u.name }))
        .sort((a, b) => a.name.localeCompare(b.name, 'vi'));
    });
  }

  /**
   * A unit's id from its code (or id); null when the registry knows no such unit. Only units found
   * are kept (the cells of a file may name anything: what names nothing is not remembered).
   */
  async unitId(code: string): Promise<string | null> {
    if (!code || code.length > UNIT_KEY_MAX) return null;
    try {
      return await this.get(`unit:${code}`, async () => (await this.registry.unitGet({ id: code })).id);
    } catch (e) {
      const kind = e instanceof AppError ? e.code : undefined;
      if (kind === ErrorCode.NOT_FOUND || kind === ErrorCode.VALIDATION_FAILED) return null;
      throw e;
    }
  }
}

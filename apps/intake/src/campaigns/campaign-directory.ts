import { CampaignView, SubmissionKind } from '@tdkt/contracts';
import { deadlineOf, KindDeadline, LatePolicyName } from '@tdkt/domain';
import { LookupCache, RegistryCache, RegistryClient } from '@tdkt/platform';
import { NatsConnection } from 'nats';
import type { Logger } from 'pino';

/** Injection token of intake's `CampaignDirectory` (a Startable: kept fresh by registry events). */
export const CAMPAIGNS = Symbol('CAMPAIGNS');

export interface Member {
  unitId: string;
  unitName: string;
  subgroupId: string | null;
}

/** What intake needs to know about a campaign (group-year), from the registry. */
export interface CampaignContext {
  campaign: CampaignView;
  /** Members of the group at any time in the campaign's year, by unit id. */
  members: Map<string, Member>;
  deadline(kind: SubmissionKind): KindDeadline | null;
  /** Kinds that have a deadline in this campaign, in enum order. */
  expectedKinds: SubmissionKind[];
}

function contextOf(campaign: CampaignView, members: Member[]): CampaignContext {
  const milestones = campaign.milestones.map((m) => ({
    code: m.code,
    dueAt: m.dueAt,
    latePolicy: m.latePolicy as LatePolicyName | null,
    submissionKinds: m.submissionKinds,
  }));
  const deadlines = new Map<SubmissionKind, KindDeadline | null>();
  for (const kind of Object.values(SubmissionKind))
    deadlines.set(kind, deadlineOf(kind, milestones, campaign.latePolicy as LatePolicyName));
  return {
    campaign,
    members: new Map(members.map((m) => [m.unitId, m])),
    deadline: (kind) => deadlines.get(kind) ?? null,
    expectedKinds: Object.values(SubmissionKind).filter((k) => deadlines.get(k)),
  };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Campaigns and their members, asked of the registry (its typed client, the kit's
 * `REGISTRY_CLIENT`) and kept for a short while: at a
 * deadline peak every submit needs the deadline, and the registry should not be asked 2,000 times
 * a second for the same answer. Registry events drop everything at once; the TTL bounds staleness
 * if an event is missed; when the registry does not answer, the last known campaign is used rather
 * than refusing members at the deadline.
 */
export class CampaignDirectory {
  private readonly cache: RegistryCache<CampaignContext>;
  private readonly groups = new LookupCache<string>(24 * 3600_000);

  constructor(
    private readonly registry: RegistryClient,
    nc: NatsConnection,
    prefix: string,
    ttlMs: number,
    logger: Logger,
  ) {
    this.cache = new RegistryCache(nc, prefix, ttlMs, logger, 'campaign');
  }

  start(): void {
    this.cache.start();
  }

  stop(): void {
    this.cache.stop();
  }

  /** The campaign of a group (id or code) in a year; NOT_FOUND (from the registry) when there is none. */
  get(groupId: string, year: number): Promise<CampaignContext> {
    return this.cache.get(
      `${groupId}:${year}`,
      async () => {
        const [campaign, members] = await Promise.all([
          this.registry.campaignGet({ groupId, year }),
          this.registry.memberList({ groupId, year }),
        ]);
        return contextOf(
          campaign,
          members.members.map((m) => ({
            unitId: m.unit.id,
            unitName: m.unit.name,
            subgroupId: m.subgroup?.id ?? null,
          })),
        );
      },
      (v) => [`${v.campaign.groupId}:${year}`],
    );
  }

  /** A group's UUID from its UUID or code (codes never change, so they are kept). */
  async groupId(idOrCode: string): Promise<string> {
    if (UUID.test(idOrCode)) return idOrCode.toLowerCase();
    return this.groups.get(idOrCode, async () => (await this.registry.groupGet({ id: idOrCode })).id);
  }
}

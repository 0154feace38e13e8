import { CampaignView, ErrorCode, RegistryEvents, RegistryRpc, SubmissionKind } from '@tdkt/contracts';
import { deadlineOf, KindDeadline, LatePolicyName } from '@tdkt/domain';
import { AppError, prefixed, RpcCallError, RpcClient } from '@tdkt/platform';
import { NatsConnection, Subscription } from 'nats';
import type { Logger } from 'pino';

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

interface Entry {
  at: number;
  value?: CampaignContext;
  pending?: Promise<CampaignContext>;
}

const TRANSIENT = new Set([ErrorCode.SERVICE_UNAVAILABLE, ErrorCode.TIMEOUT]);

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

/**
 * Campaigns and their members, asked of the registry over NATS and kept for a short while:
 * at a deadline peak every submit needs the deadline, and the registry should not be asked
 * 2,000 times a second for the same answer. Registry events (campaign, membership, leadership,
 * unit changes) drop everything at once; the TTL bounds staleness if an event is missed. When the
 * registry does not answer, a stale answer is used rather than refusing members at the deadline.
 */
export class CampaignDirectory {
  private readonly entries = new Map<string, Entry>();
  private subs: Subscription[] = [];

  constructor(
    private readonly rpc: RpcClient,
    private readonly nc: NatsConnection,
    private readonly prefix: string,
    private readonly ttlMs: number,
    private readonly logger: Logger,
  ) {}

  start(): void {
    for (const e of Object.values(RegistryEvents)) {
      // Core subscription on the event subject: JetStream publishes are also delivered to it.
      const sub = this.nc.subscribe(prefixed(this.prefix, e.subject), { callback: () => this.clear() });
      this.subs.push(sub);
    }
  }

  stop(): void {
    for (const s of this.subs) s.unsubscribe();
    this.subs = [];
  }

  clear(): void {
    this.entries.clear();
  }

  /** The campaign of a group (id or code) in a year; NOT_FOUND (from the registry) when there is none. */
  async get(groupId: string, year: number): Promise<CampaignContext> {
    const key = `${groupId}:${year}`;
    const e = this.entries.get(key);
    const now = Date.now();
    if (e?.value && now - e.at < this.ttlMs) return e.value;
    if (e?.pending) return e.pending;
    const pending = this.fetch(groupId, year);
    const entry: Entry = { at: e?.at ?? 0, value: e?.value, pending };
    this.entries.set(key, entry);
    try {
      const value = await pending;
      this.entries.set(key, { at: Date.now(), value });
      if (value.campaign.groupId !== groupId)
        this.entries.set(`${value.campaign.groupId}:${year}`, { at: Date.now(), value });
      return value;
    } catch (err) {
      if (entry.value && err instanceof RpcCallError && TRANSIENT.has(err.body.code)) {
        this.logger.warn(
          { groupId, year, code: err.body.code },
          'registry unavailable: using the last known campaign',
        );
        this.entries.set(key, { at: entry.at, value: entry.value });
        return entry.value;
      }
      this.entries.delete(key);
      // The registry's coded answer (404 no campaign, 503, 504) is passed on as ours.
      throw err instanceof RpcCallError ? new AppError(err.body) : err;
    }
  }

  /** A group's UUID from its UUID or code (the registry answers from its read cache). */
  async groupId(idOrCode: string): Promise<string> {
    if (/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(idOrCode))
      return idOrCode.toLowerCase();
    try {
      return (await this.rpc.request(RegistryRpc.groupGet, { id: idOrCode })).id;
    } catch (err) {
      throw err instanceof RpcCallError ? new AppError(err.body) : err;
    }
  }

  private async fetch(groupId: string, year: number): Promise<CampaignContext> {
    const [campaign, members] = await Promise.all([
      this.rpc.request(RegistryRpc.campaignGet, { groupId, year }),
      this.rpc.request(RegistryRpc.memberList, { groupId, year }),
    ]);
    return contextOf(
      campaign,
      members.members.map((m) => ({
        unitId: m.unit.id,
        unitName: m.unit.name,
        subgroupId: m.subgroup?.id ?? null,
      })),
    );
  }
}

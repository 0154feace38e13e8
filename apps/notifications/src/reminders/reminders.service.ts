import { Inject, Injectable } from '@nestjs/common';
import { CampaignView, ErrorCode, IntakeRpc, NoticeKind, Role } from '@tdkt/contracts';
import {
  daysLeft,
  decideDue,
  parseReminderOffsets,
  planReminders,
  reminderSourceKey,
  remindersToSchedule,
  ReminderOffset,
} from '@tdkt/domain';
import {
  InjectConfig,
  InjectLogger,
  REGISTRY_CLIENT,
  RegistryClient,
  RpcCallError,
  RpcClient,
  SERVICE_RPC,
  serviceClient,
  ServiceClient,
} from '@tdkt/platform';
import { hostname } from 'node:os';
import type { Logger } from 'pino';
import { NotificationsConfig } from '../config';
import { MessagesService } from '../messages/messages.service';
import { CLOCK, Clock } from './clock';
import { remindersHandled } from './reminders.metrics';
import { ClaimedReminder, RemindersRepository, WantedReminder } from './reminders.repository';

/**
 * Who notifications is when it asks intake which units have not submitted: a service identity
 * (no user has this id) with the board's read scope. Internal NATS only; never issued as a token.
 */
export const NOTIFICATIONS_ACTOR = {
  userId: '00000000-0000-4000-8000-00000000a11d',
  unitId: null,
  roles: [{ role: Role.BOARD }],
};

export interface PassResult {
  claimed: number;
  sent: number;
  skipped: number;
  failed: number;
}

/**
 * Deadline reminders: a durable schedule in Postgres (one row per milestone deadline and offset),
 * kept in line with the registry's campaigns (events and a reconcile at start), and sent when due
 * to the member units that have not submitted the kinds the milestone closes — asked of intake at
 * send time. A reminder's notices share its source key (`reminder:<milestone>:<deadline>:<offset>`),
 * so deliveries are unique per (reminder, user, channel) whatever is retried or claimed twice.
 */
@Injectable()
export class RemindersService {
  readonly offsets: ReminderOffset[];
  readonly instance = `${hostname()}:${process.pid}:${Math.random().toString(36).slice(2, 8)}`;
  private readonly intake: ServiceClient<typeof IntakeRpc>;

  constructor(
    private readonly repo: RemindersRepository,
    private readonly messages: MessagesService,
    @Inject(REGISTRY_CLIENT) private readonly registry: RegistryClient,
    @Inject(SERVICE_RPC) rpc: RpcClient,
    @Inject(CLOCK) private readonly clock: Clock,
    @InjectConfig() private readonly config: NotificationsConfig,
    @InjectLogger() private readonly logger: Logger,
  ) {
    this.offsets = parseReminderOffsets(config.REMINDER_OFFSETS);
    this.intake = serviceClient(rpc, IntakeRpc);
  }

  now(): Promise<Date> {
    return this.clock.now();
  }

  /** The shared schedule's backlog at business time now (metrics). */
  async backlog(): Promise<{ pending: number; overdue: number; oldestOverdueSeconds: number }> {
    return this.repo.pendingStats(await this.now());
  }

  /**
   * The reminders a campaign's milestones call for (every offset, past ones included), each marked
   * whether the schedule takes it on at `now` (domain `remindersToSchedule`).
   */
  planCampaign(
    c: CampaignView,
    now: Date,
  ): { wanted: (WantedReminder & { schedule: boolean })[]; withDeadline: string[] } {
    const wanted: (WantedReminder & { schedule: boolean })[] = [];
    const withDeadline: string[] = [];
    for (const m of c.milestones) {
      if (!m.dueOn || m.submissionKinds.length === 0) continue;
      withDeadline.push(m.id);
      const planned = planReminders({ milestoneId: m.id, dueOn: m.dueOn }, this.offsets);
      const take = new Set(remindersToSchedule(planned, now));
      for (const r of planned)
        wanted.push({
          ...r,
          milestoneCode: m.code,
          milestoneTitle: m.title,
          submissionKinds: [...m.submissionKinds].sort(),
          schedule: take.has(r),
        });
    }
    return { wanted, withDeadline };
  }

  /** Brings one campaign's schedule in line with the registry (a campaign or milestone changed). */
  async reschedule(groupId: string, year: number, campaignId?: string): Promise<void> {
    let campaign: CampaignView;
    try {
      campaign = await this.registry.campaignGet({ groupId, year });
    } catch (e) {
      if (e instanceof RpcCallError && e.body.code === ErrorCode.NOT_FOUND && campaignId) {
        const n = await this.repo.cancelCampaign(campaignId, 'CAMPAIGN_DELETED');
        this.logger.info({ campaignId, cancelled: n }, 'campaign gone: its reminders cancelled');
        return;
      }
      throw e;
    }
    await this.apply(campaign, await this.now());
  }

  private async apply(campaign: CampaignView, now: Date): Promise<void> {
    const { wanted, withDeadline } = this.planCampaign(campaign, now);
    const r = await this.repo.replaceCampaign(
      { campaignId: campaign.id, groupId: campaign.groupId, year: campaign.year },
      wanted,
      withDeadline,
    );
    if (r.added || r.cancelled) this.logger.info({ campaignId: campaign.id, ...r }, 'reminders rescheduled');
  }

  /**
   * At start (one instance at a time): every campaign of every group is brought in line, and the
   * pending reminders of campaigns the registry no longer has are cancelled. Events missed while
   * no instance ran are covered by this as much as by the durable consumer.
   */
  async reconcile(): Promise<void> {
    await this.repo.exclusively('notifications.reminders.reconcile', async () => {
      const now = await this.now();
      // Campaigns created while the registry is listed are rescheduled by their event, not missed.
      const started = await this.repo.clock();
      const seen = new Set<string>();
      const limit = 500;
      for (let offset = 0; ; offset += limit) {
        const page = await this.registry.groupList({ limit, offset });
        for (const g of page.items) {
          for (const c of await this.registry.campaignList({ groupId: g.id })) {
            seen.add(c.id);
            await this.apply(c, now);
          }
        }
        if (page.items.length < limit) break;
      }
      for (const id of await this.repo.pendingCampaigns(started))
        if (!seen.has(id)) await this.repo.cancelCampaign(id, 'CAMPAIGN_DELETED');
      this.logger.info({ campaigns: seen.size }, 'reminders reconciled with the registry');
    });
  }

  /**
   * One pass of the scheduler: claims what is due now and sends or skips each (up to
   * REMINDERS_CONCURRENCY reminders at once).
   */
  async runDue(limit = 20): Promise<PassResult> {
    const now = await this.now();
    const claimed = await this.repo.claimDue(now, this.instance, this.config.REMINDERS_LEASE_SECONDS, limit);
    const result: PassResult = { claimed: claimed.length, sent: 0, skipped: 0, failed: 0 };
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < claimed.length) await this.handle(claimed[next++], now, result);
    };
    await Promise.all(
      Array.from({ length: Math.min(this.config.REMINDERS_CONCURRENCY, claimed.length) }, worker),
    );
    return result;
  }

  private async handle(r: ClaimedReminder, now: Date, result: PassResult): Promise<void> {
    const decision = decideDue(
      { sendAt: r.send_at, deadlineAt: r.deadline_at },
      r.latest_due ?? r.send_at,
      now,
    );
    if (decision.action === 'SKIP') {
      await this.repo.finish(r.id, this.instance, { state: 'SKIPPED', reason: decision.reason });
      this.logger.info(
        { reminder: r.id, milestone: r.milestone_code, offset: r.offset_code, reason: decision.reason },
        'reminder skipped',
      );
      remindersHandled.inc({ outcome: decision.reason.toLowerCase() });
      result.skipped++;
      return;
    }
    try {
      const out = await this.send(r, now);
      await this.repo.finish(r.id, this.instance, { state: 'SENT', ...out });
      remindersHandled.inc({ outcome: 'sent' });
      result.sent++;
    } catch (e) {
      const retry = Math.min(15 * 2 ** Math.min(r.attempts, 6), 900);
      await this.repo.retryLater(r.id, this.instance, e instanceof Error ? e.message : String(e), retry);
      this.logger.warn({ err: e, reminder: r.id, retryInSeconds: retry }, 'reminder not sent; retrying');
      remindersHandled.inc({ outcome: 'retry' });
      result.failed++;
    }
  }

  /**
   * The fan-out of one reminder: the member units still missing a kind the milestone closes, asked
   * of intake now. Units missing the same kinds share a notice (500 units at most), all under the
   * reminder's one source key: each officer gets it once however the notices are split or retried.
   */
  private async send(r: ClaimedReminder, now: Date): Promise<{ units: number; recipients: number }> {
    const view = await this.intake.campaignSubmissions(
      { actor: NOTIFICATIONS_ACTOR, groupId: r.group_id, year: r.year },
      30_000,
    );
    const kinds = new Set(r.submission_kinds);
    const byMissing = new Map<string, { missing: string[]; units: string[] }>();
    let units = 0;
    for (const row of view.members) {
      const missing = row.notSubmitted.filter((k) => kinds.has(k)).sort();
      if (missing.length === 0) continue;
      units++;
      const key = missing.join(',');
      const g = byMissing.get(key) ?? { missing, units: [] };
      g.units.push(row.unitId);
      byMissing.set(key, g);
    }
    const sourceKey = reminderSourceKey({
      milestoneId: r.milestone_id,
      deadlineOn: r.deadline_on,
      offsetCode: r.offset_code,
    });
    const left = daysLeft(r.deadline_on, now);
    let recipients = 0;
    for (const { missing, units: ids } of byMissing.values()) {
      for (let i = 0; i < ids.length; i += 500) {
        const chunk = ids.slice(i, i + 500);
        const res = await this.messages.notify({
          sourceKey,
          kind: NoticeKind.DEADLINE_REMINDER,
          audience: { unitOfficers: chunk },
          params: {
            ...(chunk.length === 1
              ? { unitName: view.members.find((m) => m.unitId === chunk[0])?.unitName }
              : {}),
            groupId: r.group_id,
            year: r.year,
            milestoneTitle: r.milestone_title,
            submissionKinds: missing,
            deadlineOn: r.deadline_on,
            deadlineAt: r.deadline_at.toISOString(),
            daysLeft: left,
            offset: r.offset_code,
          },
          occurredAt: r.send_at.toISOString(),
        });
        recipients += res.recipients;
        if (!(await this.repo.renewLease(r.id, this.instance, this.config.REMINDERS_LEASE_SECONDS)))
          throw new Error('lease lost: another instance carries on with this reminder');
      }
    }
    this.logger.info(
      { reminder: r.id, milestone: r.milestone_code, offset: r.offset_code, units, recipients },
      'reminder sent',
    );
    return { units, recipients };
  }
}

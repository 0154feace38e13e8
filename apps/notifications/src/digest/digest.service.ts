import { Inject, Injectable } from '@nestjs/common';
import { EventEnvelope, IntakeRpc, NoticeKind, SubmissionSubmitted } from '@tdkt/contracts';
import { digestLine, digestSourceKey, dueDigest, formatVietnameseDate } from '@tdkt/domain';
import {
  InjectConfig,
  InjectLogger,
  REGISTRY_CLIENT,
  RegistryClient,
  RpcClient,
  SERVICE_RPC,
  serviceClient,
  ServiceClient,
} from '@tdkt/platform';
import type { Logger } from 'pino';
import { NotificationsConfig } from '../config';
import { MessagesService } from '../messages/messages.service';
import { PreferencesService } from '../preferences/preferences.service';
import { CLOCK, Clock } from '../reminders/clock';
import { NOTIFICATIONS_ACTOR } from '../reminders/reminders.service';
import { DigestRepository } from './digest.repository';

/**
 * The daily digest (an option per user: chairs, vice-chairs and the board choose it in their
 * preferences): once a day at DIGEST_TIME in Vietnam, one e-mail per subscriber listing, for each
 * group-year they lead (the board: every group-year) that had submissions in the day, "12 đơn vị
 * đã nộp hôm nay; còn 3 đơn vị chưa nộp". Submissions come from intake's events (recorded once per
 * event); what is still missing is asked of intake at send time. One run per date, claimed under
 * a lease; each user's digest is the notice `digest:<user>:<date>`, so a retried run sends
 * nothing twice. No submissions in the day: no digest.
 */
@Injectable()
export class DigestService {
  private readonly intake: ServiceClient<typeof IntakeRpc>;
  private readonly instance = `digest:${process.pid}:${Math.random().toString(36).slice(2, 8)}`;

  constructor(
    private readonly repo: DigestRepository,
    private readonly messages: MessagesService,
    private readonly preferences: PreferencesService,
    @Inject(REGISTRY_CLIENT) private readonly registry: RegistryClient,
    @Inject(SERVICE_RPC) rpc: RpcClient,
    @Inject(CLOCK) private readonly clock: Clock,
    @InjectConfig() private readonly config: NotificationsConfig,
    @InjectLogger() private readonly logger: Logger,
  ) {
    this.intake = serviceClient(rpc, IntakeRpc);
  }

  /** intake.submission.submitted (a batch): recorded for the day's digest. */
  async record(events: EventEnvelope<SubmissionSubmitted>[]): Promise<void> {
    await this.repo.recordSubmissions(
      events.map((e) => ({
        eventId: e.id,
        groupId: e.data.groupId,
        year: e.data.year,
        unitId: e.data.unitId,
        kind: e.data.kind,
        submittedAt: e.data.submittedAt ?? e.occurredAt,
      })),
    );
  }

  /** Sends the latest digest due, if not sent yet (answers how many users got one). */
  async runDue(): Promise<number | undefined> {
    const d = dueDigest(await this.clock.now(), this.config.DIGEST_TIME);
    if (await this.repo.isDone(d.date)) return undefined;
    if (!(await this.repo.claimRun(d.date, this.instance, this.config.REMINDERS_LEASE_SECONDS)))
      return undefined;
    try {
      const users = await this.send(d);
      await this.repo.finishRun(d.date, this.instance, users);
      if (users) this.logger.info({ date: d.date, users }, 'daily digest sent');
      return users;
    } catch (e) {
      await this.repo.releaseRun(d.date, this.instance);
      throw e;
    }
  }

  private async send(d: { date: string; at: Date; from: Date }): Promise<number> {
    const subscribers = new Set(await this.preferences.digestSubscribers());
    if (subscribers.size === 0) return 0;
    const active = await this.repo.submittedBetween(d.from, d.at);
    if (active.length === 0) return 0;
    const board = (await this.registry.userRecipients({ board: true }, 10_000)).filter((u) =>
      subscribers.has(u.id),
    );
    const perUser = new Map<string, string[]>();
    const add = (userId: string, line: string): void => {
      const lines = perUser.get(userId) ?? [];
      lines.push(line);
      perUser.set(userId, lines);
    };
    for (const gy of active) {
      const [view, group, leaders] = await Promise.all([
        this.intake.campaignSubmissions(
          { actor: NOTIFICATIONS_ACTOR, groupId: gy.group_id, year: gy.year },
          30_000,
        ),
        this.registry.groupGet({ id: gy.group_id }),
        this.registry.userRecipients(
          { groupId: gy.group_id, year: gy.year, roles: ['CHAIR', 'VICE_CHAIR'] },
          10_000,
        ),
      ]);
      const line = digestLine({
        groupName: group.name,
        year: gy.year,
        submittedToday: gy.units,
        notSubmitted: view.members.filter((m) => m.notSubmitted.length > 0).length,
      });
      for (const u of [...board, ...leaders.filter((l) => subscribers.has(l.id))]) add(u.id, line);
    }
    for (const [userId, lines] of perUser)
      await this.messages.notify({
        sourceKey: digestSourceKey(userId, d.date),
        kind: NoticeKind.DAILY_DIGEST,
        audience: { users: [userId] },
        params: { date: d.date, dateText: formatVietnameseDate(d.date), lines: [...new Set(lines)] },
        occurredAt: d.at.toISOString(),
      });
    return perUser.size;
  }
}

import { Inject, Injectable } from '@nestjs/common';
import {
  ConferencePlanned,
  CovenantPublished,
  DecisionRecorded,
  DossierStepped,
  ErrorCode,
  EventEnvelope,
  HonoursRpc,
  LeadershipConfirmed,
  NoticeKind,
  RegistryRpc,
} from '@tdkt/contracts';
import { RpcCallError, RpcClient, SERVICE_RPC } from '@tdkt/platform';
import { MessagesService } from '../messages/messages.service';
import type { Notice } from '../messages/notice';
import { RecipientsService } from '../recipients/recipients.service';
import { NOTIFICATIONS_ACTOR } from '../reminders/reminders.service';
import { CycleNotices, GroupYear } from './cycle.notices';

/** How long a look-up in the registry or honours may take before the event is offered again. */
const LOOKUP_TIMEOUT_MS = 5000;

const notFound = (e: unknown): boolean => e instanceof RpcCallError && e.body.code === ErrorCode.NOT_FOUND;

/**
 * The steps of closing the year (issue 15) as notices (cycle.notices.ts says who). Like
 * EventsService: once per consumer and event (processOnce), unique per (source key, user,
 * channel); a look-up that fails for want of an answer throws, and the event is offered again.
 * Notifications asks the registry and honours as itself (NOTIFICATIONS_ACTOR: the board's read
 * scope, never a token).
 */
@Injectable()
export class CycleService {
  constructor(
    private readonly messages: MessagesService,
    private readonly names: RecipientsService,
    @Inject(SERVICE_RPC) private readonly rpc: RpcClient,
  ) {}

  private async send(consumer: string, eventId: string, notice: Notice | null): Promise<void> {
    if (notice) await this.messages.notifyOnce(consumer, eventId, notice);
  }

  /** The invitation, from the conference as it is now (a conference no longer there: nothing). */
  async conference(consumer: string, e: EventEnvelope<ConferencePlanned>): Promise<void> {
    const c = await this.rpc
      .request(
        RegistryRpc.conferenceGet,
        { groupId: e.data.groupId, year: e.data.year, kind: e.data.kind, actor: NOTIFICATIONS_ACTOR },
        LOOKUP_TIMEOUT_MS,
      )
      .catch((err: unknown) => {
        if (notFound(err)) return null;
        throw err;
      });
    if (!c) return;
    const groupName = await this.names.groupName(c.groupId);
    await this.send(consumer, e.id, CycleNotices.conference(e, c, { groupName }));
  }

  async leadershipConfirmed(consumer: string, e: EventEnvelope<LeadershipConfirmed>): Promise<void> {
    const [groupName, chairName, viceChairName] = await Promise.all([
      this.names.groupName(e.data.groupId),
      this.names.unitName(e.data.chairUnitId),
      this.names.unitName(e.data.viceChairUnitId),
    ]);
    await this.send(
      consumer,
      e.id,
      CycleNotices.leadershipConfirmed(e, { groupName, chairName, viceChairName }),
    );
  }

  async covenantPublished(consumer: string, e: EventEnvelope<CovenantPublished>): Promise<void> {
    await this.send(consumer, e.id, CycleNotices.covenantPublished(e));
  }

  async dossier(consumer: string, kind: NoticeKind, e: EventEnvelope<DossierStepped>): Promise<void> {
    const [groupName, unitName] = await Promise.all([
      this.names.groupName(e.data.groupId),
      this.names.unitName(e.data.memberUnitId),
    ]);
    await this.send(consumer, e.id, CycleNotices.dossier(e, kind, { groupName, unitName }));
  }

  /**
   * The chairs told are those of the dossiers' group-years, asked of honours (a dossier it does
   * not know — a line granted without one — names no chair; honours not answering: offered again).
   */
  async decision(consumer: string, e: EventEnvelope<DecisionRecorded>): Promise<void> {
    const dossierIds = [...new Set(e.data.awards.map((a) => a.dossierId).filter((d): d is string => !!d))];
    const groupYears: GroupYear[] = [];
    for (const id of dossierIds) {
      const d = await this.rpc
        .request(HonoursRpc.dossierGet, { id, actor: NOTIFICATIONS_ACTOR }, LOOKUP_TIMEOUT_MS)
        .catch((err: unknown) => {
          if (notFound(err)) return null;
          throw err;
        });
      if (d) groupYears.push({ groupId: d.groupId, year: d.year });
    }
    const unitIds = [...new Set(e.data.awards.map((a) => a.recipientUnitId))];
    const names = await Promise.all(unitIds.map((id) => this.names.unitName(id)));
    const units: Record<string, string> = {};
    unitIds.forEach((id, i) => names[i] && (units[id] = names[i] as string));
    await this.send(consumer, e.id, CycleNotices.decision(e, groupYears, { units }));
  }
}

import { Inject, Injectable } from '@nestjs/common';
import {
  CampaignChanged,
  EventEnvelope,
  FileRejected,
  GroupYearLocked,
  GroupYearReopened,
  HonoursProposed,
  IntakeReceiptRpc,
  LeadershipChanged,
  Role,
  SubmissionAccepted,
  SubmissionReturned,
  SubmissionSubmitted,
} from '@tdkt/contracts';
import { REGISTRY_CLIENT, RegistryClient, RpcClient, SERVICE_RPC } from '@tdkt/platform';
import { MessagesService } from '../messages/messages.service';
import type { Notice } from '../messages/notice';
import { RecipientsService } from '../recipients/recipients.service';
import { Names, Notices } from './notices';

/**
 * Turns the events of intake, scoring and the registry into notices (events/notices.ts says who
 * each concerns). Each event is handled once per consumer (processOnce) and each notice is unique
 * per (source key, user, channel), so a redelivered event sends nothing twice. A failure (the
 * registry not answering) throws: the consumer offers the event again.
 */
@Injectable()
export class EventsService {
  constructor(
    private readonly messages: MessagesService,
    private readonly names: RecipientsService,
    @Inject(REGISTRY_CLIENT) private readonly registry: RegistryClient,
    @Inject(SERVICE_RPC) private readonly rpc: RpcClient,
  ) {}

  /**
   * The receipt's verification code (printed on the receipt; its public check is
   * /api/v1/receipts/verify/{code}), asked of intake as the submitter, an officer of the unit, would
   * read it. Best effort: without it the message links to the submission's receipts.
   */
  private async verificationCode(e: SubmissionSubmitted): Promise<string | undefined> {
    return this.rpc
      .request(
        IntakeReceiptRpc.forDocument,
        {
          submissionId: e.submissionId,
          version: e.version,
          actor: {
            userId: e.submittedBy,
            unitId: e.unitId,
            roles: [{ role: Role.UNIT_OFFICER, unitId: e.unitId }],
          },
        },
        3000,
      )
      .then((r) => r.verificationCode)
      .catch(() => undefined);
  }

  private async send(consumer: string, notices: Notice[]): Promise<void> {
    // Each notice once per consumer under its own source key (`<event id>`, `<event id>:board`):
    // if the second fails, the redelivered event skips the first and retries the second.
    for (const n of notices) await this.messages.notifyOnce(consumer, n.sourceKey, n);
  }

  private async unitAndGroup(unitId: string, groupId?: string): Promise<Names> {
    const [unitName, groupName] = await Promise.all([
      this.names.unitName(unitId),
      this.names.groupName(groupId),
    ]);
    return { unitName, groupName };
  }

  async submitted(consumer: string, e: EventEnvelope<SubmissionSubmitted>): Promise<void> {
    const [names, verificationCode] = await Promise.all([
      this.unitAndGroup(e.data.unitId, e.data.groupId),
      this.verificationCode(e.data),
    ]);
    await this.send(consumer, [Notices.submitted(e, { ...names, verificationCode })]);
  }

  async returned(consumer: string, e: EventEnvelope<SubmissionReturned>): Promise<void> {
    await this.send(consumer, [Notices.returned(e, await this.unitAndGroup(e.data.unitId))]);
  }

  async accepted(consumer: string, e: EventEnvelope<SubmissionAccepted>): Promise<void> {
    await this.send(consumer, [Notices.accepted(e, await this.unitAndGroup(e.data.unitId))]);
  }

  async fileRejected(consumer: string, e: EventEnvelope<FileRejected>): Promise<void> {
    await this.send(consumer, [Notices.fileRejected(e, await this.unitAndGroup(e.data.unitId))]);
  }

  async locked(consumer: string, e: EventEnvelope<GroupYearLocked>): Promise<void> {
    await this.send(consumer, [Notices.locked(e, { groupName: await this.names.groupName(e.data.groupId) })]);
  }

  async reopened(consumer: string, e: EventEnvelope<GroupYearReopened>): Promise<void> {
    await this.send(consumer, [
      Notices.reopened(e, { groupName: await this.names.groupName(e.data.groupId) }),
    ]);
  }

  async honours(consumer: string, e: EventEnvelope<HonoursProposed>): Promise<void> {
    const memberIds = [...new Set((e.data.proposals ?? []).map((p) => p.memberId))];
    const names = await Promise.all(memberIds.map((id) => this.names.unitName(id)));
    const units: Record<string, string> = {};
    memberIds.forEach((id, i) => names[i] && (units[id] = names[i] as string));
    const groupName = await this.names.groupName(e.data.groupId);
    await this.send(consumer, Notices.honours(e, { groupName, units }));
  }

  async leadership(consumer: string, e: EventEnvelope<LeadershipChanged>): Promise<void> {
    const [groupName, chairName, viceChairName] = await Promise.all([
      this.names.groupName(e.data.groupId),
      this.names.unitName(e.data.chairUnitId),
      this.names.unitName(e.data.viceChairUnitId),
    ]);
    await this.send(consumer, [Notices.leadership(e, { groupName, chairName, viceChairName })]);
  }

  async campaign(consumer: string, e: EventEnvelope<CampaignChanged>): Promise<void> {
    const [groupName, campaign] = await Promise.all([
      this.names.groupName(e.data.groupId),
      this.registry.campaignGet({ groupId: e.data.groupId, year: e.data.year }).catch(() => undefined),
    ]);
    await this.send(consumer, [
      Notices.campaign(e, {
        groupName,
        campaignTitle: campaign?.title,
        milestones: (campaign?.milestones ?? []).map((m) => ({ name: m.title, dueDate: m.dueOn })),
      }),
    ]);
  }
}

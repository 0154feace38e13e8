import { Injectable } from '@nestjs/common';
import { NoticeKind } from '@tdkt/contracts';
import { InjectConfig } from '@tdkt/platform';
import { NotificationsConfig } from '../config';
import { DeliverySender } from '../deliveries/sender';
import { inboxItemView, type InboxItemRow } from '../inbox/inbox.repository';
import { PreferencesService } from '../preferences/preferences.service';
import { RecipientsService } from '../recipients/recipients.service';
import { templateContext } from '../templates/compose';
import { render } from '../templates';
import { InboxLive } from './live';
import { MessagesRepository, NoticeWrite } from './messages.repository';
import type { Notice, NotifyResult } from './notice';

/** Turns a notice into inbox items and e-mail deliveries (see notice.ts for the contract). */
@Injectable()
export class MessagesService {
  constructor(
    private readonly recipients: RecipientsService,
    private readonly preferences: PreferencesService,
    private readonly repo: MessagesRepository,
    private readonly live: InboxLive,
    private readonly sender: DeliverySender,
    @InjectConfig() private readonly config: NotificationsConfig,
  ) {}

  async notify(notice: Notice): Promise<NotifyResult> {
    const { write, recipients } = await this.prepare(notice);
    this.after(await this.repo.write(write), write);
    return { recipients };
  }

  /**
   * `notify` for an event consumer: once per (consumer, event id), recorded in the same
   * transaction (platform processOnce), besides the rows' own uniqueness.
   */
  async notifyOnce(consumer: string, eventId: string, notice: Notice): Promise<NotifyResult> {
    const { write, recipients } = await this.prepare(notice);
    const items = await this.repo.writeOnce(consumer, eventId, write);
    if (items) this.after(items, write);
    return { recipients };
  }

  private async prepare(notice: Notice): Promise<{ write: NoticeWrite; recipients: number }> {
    const users = await this.recipients.resolve(notice.audience);
    const emailable = users.filter((u) => u.email);
    const allowed =
      notice.kind === NoticeKind.DAILY_DIGEST
        ? new Set(emailable.map((u) => u.id))
        : await this.preferences.emailAllowed(
            emailable.map((u) => u.id),
            notice.kind,
          );
    const write: NoticeWrite = {
      sourceKey: notice.sourceKey,
      kind: notice.kind,
      params: notice.params,
      occurredAt: notice.occurredAt,
      inbox: [],
      emails: [],
    };
    for (const u of users) {
      const m = render(
        notice.kind,
        notice.params,
        templateContext(this.config.FRONTEND_BASE_URL, u.displayName),
      );
      write.inbox.push({ userId: u.id, title: m.subject, body: m.text, link: m.link ?? null });
      if (u.email && allowed.has(u.id))
        write.emails.push({ userId: u.id, address: u.email, subject: m.subject, text: m.text, html: m.html });
    }
    return { write, recipients: users.length };
  }

  /** After the commit: live inbox events, and this instance's sender looks at once. */
  private after(items: InboxItemRow[], write: NoticeWrite): void {
    for (const row of items) this.live.publish(row.user_id, { type: 'item', item: inboxItemView(row) });
    if (write.emails.length) this.sender.wake();
  }
}

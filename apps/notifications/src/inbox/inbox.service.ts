import { Injectable } from '@nestjs/common';
import {
  ActorRequest,
  InboxItemRequest,
  InboxItemView,
  InboxListRequest,
  InboxPageView,
  MarkedReadView,
  UnreadCountView,
} from '@tdkt/contracts';
import { AppError } from '@tdkt/platform';
import { InboxLive } from '../messages/live';
import { inboxItemView, InboxRepository } from './inbox.repository';

/**
 * The caller's own inbox. Access is the scope itself: every request reads and writes the items of
 * `actor.userId` only (the gateway sets it from the verified token), so another user's item id
 * answers INBOX_ITEM_NOT_FOUND exactly like an unknown one.
 */
@Injectable()
export class InboxService {
  constructor(
    private readonly repo: InboxRepository,
    private readonly live: InboxLive,
  ) {}

  async list(r: InboxListRequest): Promise<InboxPageView> {
    const limit = r.query.limit ?? 20;
    const [us, id] = r.query.before ? r.query.before.split('.') : [];
    const rows = await this.repo.page(r.actor.userId, {
      limit,
      before: us && id ? { us, id } : null,
      unreadOnly: r.query.unread === 'true',
    });
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return {
      items: page.map(inboxItemView),
      unreadCount: await this.repo.unreadCount(r.actor.userId),
      nextCursor: rows.length > limit && last ? `${last.cursor_us}.${last.id}` : null,
    };
  }

  async unread(r: ActorRequest): Promise<UnreadCountView> {
    return { unreadCount: await this.repo.unreadCount(r.actor.userId) };
  }

  async read(r: InboxItemRequest): Promise<InboxItemView> {
    const row = await this.repo.markRead(r.actor.userId, r.id);
    if (!row) throw AppError.of('INBOX_ITEM_NOT_FOUND', { id: r.id }, 'id');
    const unreadCount = await this.repo.unreadCount(r.actor.userId);
    this.live.publish(r.actor.userId, { type: 'read', unreadCount });
    return inboxItemView(row);
  }

  async readAll(r: ActorRequest): Promise<MarkedReadView> {
    const marked = await this.repo.markAllRead(r.actor.userId);
    this.live.publish(r.actor.userId, { type: 'read', unreadCount: 0 });
    return { marked, unreadCount: await this.repo.unreadCount(r.actor.userId) };
  }
}

import { Page } from '../common';
import { ActorRequest } from '../intake/dto';
import { rpc } from '../rpc';
import type {
  DeliveryRequest,
  FailedListRequest,
  InboxItemRequest,
  InboxListRequest,
  PreferencesPutRequest,
} from './dto';
import type {
  DeliveryView,
  InboxItemView,
  InboxPageView,
  MarkedReadView,
  PreferencesView,
  UnreadCountView,
} from './model';

/** Request/reply subjects served by notifications (queue group `notifications`). Public API: see rpc.ts. */
export const NotificationsRpc = {
  /** The caller's own inbox, newest first (keyset pages), with the unread count. */
  inboxList: rpc<InboxListRequest, InboxPageView>('notifications.inbox.list'),
  inboxUnread: rpc<ActorRequest, UnreadCountView>('notifications.inbox.unread'),
  /** Marks one of the caller's items read (another user's item is NOT_FOUND). */
  inboxRead: rpc<InboxItemRequest, InboxItemView>('notifications.inbox.read'),
  inboxReadAll: rpc<ActorRequest, MarkedReadView>('notifications.inbox.read-all'),
  preferencesGet: rpc<ActorRequest, PreferencesView>('notifications.preferences.get'),
  preferencesPut: rpc<PreferencesPutRequest, PreferencesView>('notifications.preferences.put'),
  /** The board: e-mail deliveries that failed for good, newest first. */
  failedList: rpc<FailedListRequest, Page<DeliveryView>>('notifications.delivery.failed'),
  /** The board: sends a failed delivery again (PENDING now; idempotent). */
  deliveryRetry: rpc<DeliveryRequest, DeliveryView>('notifications.delivery.retry'),
} as const;

/**
 * Core NATS (no stream), published by notifications after a commit: `<prefix>.` +
 * `notifications.inbox.live.<userId>`, payload `InboxEventView`. The gateway subscribes per
 * connected user for GET /me/inbox/stream (server-sent events). Not durable: a client that was
 * away reloads the list.
 */
export const INBOX_LIVE_SUBJECT = 'notifications.inbox.live';
export const inboxLiveSubject = (userId: string): string => `${INBOX_LIVE_SUBJECT}.${userId}`;

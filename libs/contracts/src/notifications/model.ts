import { NoticeKind } from './kinds';

/** One message of a user's inbox. */
export interface InboxItemView {
  id: string;
  kind: NoticeKind;
  /** The subject line (Vietnamese). */
  title: string;
  /** The message as plain text. */
  body: string;
  /** Where the front-end shows the matter (absolute URL under FRONTEND_BASE_URL), if any. */
  link: string | null;
  /** When the cause happened (ISO instant). */
  occurredAt: string;
  createdAt: string;
  readAt: string | null;
}

export interface InboxPageView {
  items: InboxItemView[];
  /** Unread items of the whole inbox (not only this page). */
  unreadCount: number;
  /** Pass as `before` for the next (older) page; null on the last page. */
  nextCursor: string | null;
}

export interface UnreadCountView {
  unreadCount: number;
}

export interface MarkedReadView {
  /** Items marked read by this request (0 when they were read already). */
  marked: number;
  unreadCount: number;
}

export interface KindPreferenceView {
  kind: NoticeKind;
  /** E-mail on or off (the inbox always receives every kind). */
  email: boolean;
}

export interface PreferencesView {
  kinds: KindPreferenceView[];
  /** One e-mail a day summing up the group's submissions (chairs, vice-chairs and the board). */
  dailyDigest: boolean;
}

export enum DeliveryState {
  PENDING = 'PENDING',
  SENDING = 'SENDING',
  SENT = 'SENT',
  FAILED = 'FAILED',
}

/** An e-mail delivery (the board's list of failures). */
export interface DeliveryView {
  id: string;
  sourceKey: string;
  kind: NoticeKind;
  userId: string;
  to: string;
  subject: string;
  state: DeliveryState;
  attempts: number;
  lastError: string | null;
  createdAt: string;
  updatedAt: string;
}

/** What the service publishes (core NATS, after commit) for a user's live stream. */
export interface InboxEventView {
  type: 'item' | 'read';
  item?: InboxItemView;
  unreadCount?: number;
}

import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { InboxItemView, NoticeKind } from '@tdkt/contracts';
import { DataSource } from 'typeorm';
import { SCHEMA } from '../database/entities';

export interface InboxItemRow {
  id: string;
  user_id: string;
  kind: string;
  title: string;
  body: string;
  link: string | null;
  occurred_at: Date | string;
  created_at: Date | string;
  read_at: Date | string | null;
  /** created_at in microseconds since the epoch (the keyset cursor), lists only. */
  cursor_us?: string;
}

const iso = (d: Date | string): string => (d instanceof Date ? d.toISOString() : new Date(d).toISOString());

export const inboxItemView = (r: InboxItemRow): InboxItemView => ({
  id: r.id,
  kind: r.kind as NoticeKind,
  title: r.title,
  body: r.body,
  link: r.link,
  occurredAt: iso(r.occurred_at),
  createdAt: iso(r.created_at),
  readAt: r.read_at ? iso(r.read_at) : null,
});

const COLS = 'id, user_id, kind, title, body, link, occurred_at, created_at, read_at';

/** All SQL of the inbox. Every statement is scoped by the user: one never touches another's items. */
@Injectable()
export class InboxRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /** Newest first, keyset (`before` = [created_at µs, id] of the last item seen); limit + 1 rows. */
  async page(
    userId: string,
    o: { limit: number; before: { us: string; id: string } | null; unreadOnly: boolean },
  ): Promise<InboxItemRow[]> {
    return this.ds.query(
      `SELECT ${COLS}, (extract(epoch FROM created_at) * 1000000)::bigint::text AS cursor_us
         FROM ${SCHEMA}.inbox_items
        WHERE user_id = $1
          AND ($2::bigint IS NULL OR (created_at, id) < ('epoch'::timestamptz + $2::bigint * interval '1 microsecond', $3::uuid))
          AND (NOT $4 OR read_at IS NULL)
        ORDER BY created_at DESC, id DESC
        LIMIT $5`,
      [userId, o.before?.us ?? null, o.before?.id ?? null, o.unreadOnly, o.limit + 1],
    );
  }

  async unreadCount(userId: string): Promise<number> {
    const [r]: { n: string }[] = await this.ds.query(
      `SELECT count(*)::text AS n FROM ${SCHEMA}.inbox_items WHERE user_id = $1 AND read_at IS NULL`,
      [userId],
    );
    return Number(r.n);
  }

  /** Marks it read (kept as first read); undefined when the user has no such item. */
  async markRead(userId: string, id: string): Promise<InboxItemRow | undefined> {
    const [rows]: [InboxItemRow[], number] = await this.ds.query(
      `UPDATE ${SCHEMA}.inbox_items SET read_at = COALESCE(read_at, now())
        WHERE id = $1 AND user_id = $2 RETURNING ${COLS}`,
      [id, userId],
    );
    return rows[0];
  }

  async markAllRead(userId: string): Promise<number> {
    const [, count]: [unknown, number] = await this.ds.query(
      `UPDATE ${SCHEMA}.inbox_items SET read_at = now() WHERE user_id = $1 AND read_at IS NULL`,
      [userId],
    );
    return count;
  }
}

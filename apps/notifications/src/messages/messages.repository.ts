import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { processOnce } from '@tdkt/platform';
import { DataSource, EntityManager } from 'typeorm';
import { SCHEMA } from '../database/entities';
import type { InboxItemRow } from '../inbox/inbox.repository';

/** What one notice writes: an inbox item per user, an e-mail delivery per user allowed e-mail. */
export interface NoticeWrite {
  sourceKey: string;
  kind: string;
  params: Record<string, unknown>;
  occurredAt: string;
  inbox: { userId: string; title: string; body: string; link: string | null }[];
  emails: { userId: string; address: string; subject: string; text: string; html: string }[];
}

/** All SQL of turning a notice into rows (both unique per cause and user: redelivery adds nothing). */
@Injectable()
export class MessagesRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /** Writes it in one transaction; answers the inbox items that are new. */
  async write(w: NoticeWrite): Promise<InboxItemRow[]> {
    return this.ds.transaction((m) => this.insert(m, w));
  }

  /**
   * The same, once per (consumer, event id) (platform processOnce, in the same transaction):
   * a redelivered event is skipped before anything is written. Answers null when skipped.
   */
  async writeOnce(consumer: string, eventId: string, w: NoticeWrite): Promise<InboxItemRow[] | null> {
    let items: InboxItemRow[] = [];
    const done = await processOnce(this.ds, SCHEMA, consumer, eventId, async (m) => {
      items = await this.insert(m, w);
    });
    return done ? items : null;
  }

  private async insert(m: EntityManager, w: NoticeWrite): Promise<InboxItemRow[]> {
    const items: InboxItemRow[] = w.inbox.length
      ? await m.query(
          `INSERT INTO ${SCHEMA}.inbox_items (user_id, source_key, kind, title, body, link, params, occurred_at)
           SELECT u, $1, $2, t, b, l, $3::jsonb, $4::timestamptz
             FROM unnest($5::uuid[], $6::text[], $7::text[], $8::text[]) AS x(u, t, b, l)
           ON CONFLICT (source_key, user_id) DO NOTHING
           RETURNING id, user_id, kind, title, body, link, occurred_at, created_at, read_at`,
          [
            w.sourceKey,
            w.kind,
            JSON.stringify(w.params),
            w.occurredAt,
            w.inbox.map((i) => i.userId),
            w.inbox.map((i) => i.title),
            w.inbox.map((i) => i.body),
            w.inbox.map((i) => i.link),
          ],
        )
      : [];
    if (w.emails.length)
      await m.query(
        `INSERT INTO ${SCHEMA}.deliveries (source_key, user_id, channel, kind, address, subject, text, html)
         SELECT $1, u, 'EMAIL', $2, a, s, t, h
           FROM unnest($3::uuid[], $4::varchar[], $5::text[], $6::text[], $7::text[]) AS x(u, a, s, t, h)
         ON CONFLICT (source_key, user_id, channel) DO NOTHING`,
        [
          w.sourceKey,
          w.kind,
          w.emails.map((e) => e.userId),
          w.emails.map((e) => e.address),
          w.emails.map((e) => e.subject),
          w.emails.map((e) => e.text),
          w.emails.map((e) => e.html),
        ],
      );
    return items;
  }
}

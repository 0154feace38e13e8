import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { SCHEMA } from '../database/entities';

export interface DeliveryRow {
  id: string;
  source_key: string;
  user_id: string;
  kind: string;
  address: string;
  subject: string;
  text: string;
  html: string;
  state: string;
  attempts: number;
  last_error: string | null;
  created_at: Date;
  updated_at: Date;
}

const LIST_COLS =
  'id, source_key, user_id, kind, address, subject, state, attempts, last_error, created_at, updated_at';

/**
 * All SQL of e-mail deliveries. `due_at` is the next attempt of a PENDING row and the end of the
 * lease of a SENDING one: either is claimable once due, so a row whose claimer died is taken again.
 */
@Injectable()
export class DeliveriesRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /**
   * Claims up to `limit` due deliveries for `instance` (FOR UPDATE SKIP LOCKED: instances never
   * claim the same row), each SENDING with a lease of `leaseMs`; committed before anything is sent.
   */
  async claim(instance: string, limit: number, leaseMs: number): Promise<DeliveryRow[]> {
    // UPDATE … RETURNING answers [rows, count] through TypeORM's query().
    const [rows]: [DeliveryRow[], number] = await this.ds.query(
      `WITH due AS (
         SELECT id FROM ${SCHEMA}.deliveries
          WHERE state IN ('PENDING', 'SENDING') AND due_at <= now()
          ORDER BY due_at LIMIT $2 FOR UPDATE SKIP LOCKED)
       UPDATE ${SCHEMA}.deliveries d
          SET state = 'SENDING', claimed_by = $1, attempts = d.attempts + 1,
              due_at = now() + $3 * interval '1 millisecond', updated_at = now()
         FROM due WHERE d.id = due.id
       RETURNING d.id, d.source_key, d.user_id, d.kind, d.address, d.subject, d.text, d.html, d.state,
                 d.attempts, d.last_error, d.created_at, d.updated_at`,
      [instance, limit, leaseMs],
    );
    return rows;
  }

  /**
   * Sent (one statement for the messages the SMTP server accepted meanwhile): only those this
   * instance still holds (else another took them after the lease). Answers the ids marked.
   */
  async markSent(ids: string[], instance: string): Promise<Set<string>> {
    const [rows]: [{ id: string }[], number] = await this.ds.query(
      `UPDATE ${SCHEMA}.deliveries SET state = 'SENT', sent_at = now(), updated_at = now(), last_error = NULL
        WHERE id = ANY($1::uuid[]) AND claimed_by = $2 AND state = 'SENDING' RETURNING id`,
      [ids, instance],
    );
    return new Set(rows.map((r) => r.id));
  }

  /** A transient failure: PENDING again, due after `delayMs`. */
  async retryLater(id: string, instance: string, error: string, delayMs: number): Promise<void> {
    await this.ds.query(
      `UPDATE ${SCHEMA}.deliveries SET state = 'PENDING', claimed_by = NULL, last_error = $3,
              due_at = now() + $4 * interval '1 millisecond', updated_at = now()
        WHERE id = $1 AND claimed_by = $2 AND state = 'SENDING'`,
      [id, instance, error, delayMs],
    );
  }

  async markFailed(id: string, instance: string, error: string): Promise<void> {
    await this.ds.query(
      `UPDATE ${SCHEMA}.deliveries SET state = 'FAILED', claimed_by = NULL, last_error = $3, updated_at = now()
        WHERE id = $1 AND claimed_by = $2 AND state = 'SENDING'`,
      [id, instance, error],
    );
  }

  async failed(limit: number, offset: number): Promise<{ rows: DeliveryRow[]; total: number }> {
    const rows: DeliveryRow[] = await this.ds.query(
      `SELECT ${LIST_COLS} FROM ${SCHEMA}.deliveries WHERE state = 'FAILED'
        ORDER BY updated_at DESC, id LIMIT $1 OFFSET $2`,
      [limit, offset],
    );
    const [c]: { n: string }[] = await this.ds.query(
      `SELECT count(*)::text AS n FROM ${SCHEMA}.deliveries WHERE state = 'FAILED'`,
    );
    return { rows, total: Number(c.n) };
  }

  async get(id: string): Promise<DeliveryRow | undefined> {
    const rows: DeliveryRow[] = await this.ds.query(
      `SELECT ${LIST_COLS} FROM ${SCHEMA}.deliveries WHERE id = $1`,
      [id],
    );
    return rows[0];
  }

  /** A FAILED delivery becomes PENDING, due now, with its attempts counted afresh. */
  async retry(id: string): Promise<DeliveryRow | undefined> {
    const [rows]: [DeliveryRow[], number] = await this.ds.query(
      `UPDATE ${SCHEMA}.deliveries SET state = 'PENDING', attempts = 0, due_at = now(), updated_at = now()
        WHERE id = $1 AND state = 'FAILED' RETURNING ${LIST_COLS}`,
      [id],
    );
    return rows[0];
  }

  /** Queue depth (PENDING or SENDING) and the age of the oldest of them (seconds). */
  async queue(): Promise<{ depth: number; oldestSeconds: number }> {
    const [r]: { depth: string; oldest: string | null }[] = await this.ds.query(
      `SELECT count(*)::text AS depth, extract(epoch FROM now() - min(created_at))::text AS oldest
         FROM ${SCHEMA}.deliveries WHERE state IN ('PENDING', 'SENDING')`,
    );
    return { depth: Number(r.depth), oldestSeconds: r.oldest ? Number(r.oldest) : 0 };
  }
}

import { EventDef, EventEnvelope } from '@tdkt/contracts';
import { randomUUID } from 'node:crypto';

/**
 * The transactional outbox. A service writes its event into `<schema>.outbox` in the same
 * transaction as the change; the relay publishes it to JetStream afterwards (message id = event
 * id, so a repeated publish is dropped by JetStream) and removes it once acknowledged.
 */

/** DDL for a service migration: the outbox and the processed-events table of idempotent consumers. */
export function outboxTablesUp(schema: string): string[] {
  return [
    `CREATE TABLE "${schema}"."outbox" (
      "seq" bigserial PRIMARY KEY,
      "id" uuid NOT NULL,
      "subject" text NOT NULL,
      "envelope" jsonb NOT NULL,
      "created_at" timestamptz NOT NULL DEFAULT now()
    )`,
    `CREATE TABLE "${schema}"."processed_events" (
      "consumer" text NOT NULL,
      "event_id" text NOT NULL,
      "processed_at" timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY ("consumer", "event_id")
    )`,
  ];
}

export function outboxTablesDown(schema: string): string[] {
  return [`DROP TABLE "${schema}"."processed_events"`, `DROP TABLE "${schema}"."outbox"`];
}

export function makeEnvelope<P>(def: EventDef<P>, data: P, now: Date = new Date()): EventEnvelope<P> {
  return { id: randomUUID(), subject: def.subject, occurredAt: now.toISOString(), data };
}

/** Something that runs SQL: a TypeORM EntityManager or QueryRunner inside the caller's transaction. */
export interface SqlRunner {
  query(sql: string, params?: unknown[]): Promise<unknown>;
}

/** Adds events to the outbox inside the caller's transaction. */
export async function addToOutbox(
  runner: SqlRunner,
  schema: string,
  envelopes: EventEnvelope<unknown>[],
): Promise<void> {
  if (envelopes.length === 0) return;
  const values: string[] = [];
  const params: unknown[] = [];
  envelopes.forEach((e, i) => {
    values.push(`($${i * 3 + 1}, $${i * 3 + 2}, $${i * 3 + 3})`);
    params.push(e.id, e.subject, JSON.stringify(e));
  });
  await runner.query(
    `INSERT INTO "${schema}"."outbox" ("id", "subject", "envelope") VALUES ${values.join(', ')}`,
    params,
  );
}

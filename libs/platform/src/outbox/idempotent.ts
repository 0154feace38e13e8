import { DataSource, EntityManager } from 'typeorm';

/**
 * Runs `effect` once per (consumer, event id): the processed id is recorded in the same transaction
 * as the effect, so a redelivered event finds it and is skipped. Returns false when skipped.
 */
export async function processOnce(
  ds: DataSource,
  schema: string,
  consumer: string,
  eventId: string,
  effect: (manager: EntityManager) => Promise<void>,
): Promise<boolean> {
  return ds.transaction(async (manager) => {
    const inserted: unknown[] = await manager.query(
      `INSERT INTO "${schema}"."processed_events" ("consumer", "event_id") VALUES ($1, $2)
       ON CONFLICT DO NOTHING RETURNING 1`,
      [consumer, eventId],
    );
    if (inserted.length === 0) return false;
    await effect(manager);
    return true;
  });
}

/** What `insertOnce` writes for each new event: one row of `INSERT INTO <table> (<columns>)`. */
export interface InsertOnceSpec {
  /** `INSERT INTO <table> (<columns>)`. */
  insert: string;
  /** The values each event brings, named and typed: `[["submission_id", "uuid"], …]`. */
  columns: readonly (readonly [name: string, sqlType: string])[];
  /** The select list for the insert, over those names (`e.submission_id`, constants…). */
  select: string;
}

/**
 * `processOnce` for effects that are each a single INSERT, for many events in one statement (one
 * round trip, one commit, atomic): each event's id is recorded and its row inserted only when the
 * id is new. Rows that already exist are left alone. `values` of an event follow `spec.columns`.
 */
export async function insertOnce(
  ds: DataSource,
  schema: string,
  consumer: string,
  spec: InsertOnceSpec,
  events: readonly { eventId: string; values: readonly unknown[] }[],
): Promise<void> {
  if (events.length === 0) return;
  const arrays = spec.columns.map((_, k) => events.map((e) => e.values[k] ?? null));
  const unnest = ['$2::uuid[]', ...spec.columns.map(([, type], k) => `$${k + 3}::${type}[]`)].join(', ');
  const names = ['event_id', ...spec.columns.map(([name]) => name)].join(', ');
  // processed_events.event_id is uuid in some schemas and text in others: joined as text.
  await ds.query(
    `WITH e AS (SELECT * FROM unnest(${unnest}) AS e(${names})),
     once AS (
       INSERT INTO "${schema}"."processed_events" ("consumer", "event_id") SELECT $1, event_id FROM e
       ON CONFLICT DO NOTHING RETURNING event_id)
     ${spec.insert} SELECT ${spec.select} FROM e JOIN once ON once.event_id::text = e.event_id::text ON CONFLICT DO NOTHING`,
    [consumer, events.map((e) => e.eventId), ...arrays],
  );
}

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

/**
 * `processOnce` for an effect that is a single INSERT, in one statement (one round trip, atomic):
 * `insert` is `INSERT INTO <table> (<columns>)`, `values` the select list (parameters from $3 on),
 * selected only when the event id is new. Rows that already exist are left alone.
 */
export async function insertOnce(
  ds: DataSource,
  schema: string,
  consumer: string,
  eventId: string,
  insert: string,
  values: string,
  params: unknown[],
): Promise<void> {
  await ds.query(
    `WITH once AS (
       INSERT INTO "${schema}"."processed_events" ("consumer", "event_id") VALUES ($1, $2)
       ON CONFLICT DO NOTHING RETURNING 1)
     ${insert} SELECT ${values} FROM once ON CONFLICT DO NOTHING`,
    [consumer, eventId, ...params],
  );
}

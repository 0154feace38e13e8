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

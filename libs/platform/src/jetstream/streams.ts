import { StreamDef } from '@tdkt/contracts';
import { DiscardPolicy, JetStreamManager, NatsConnection, RetentionPolicy, StorageType, nanos } from 'nats';
import { prefixed, prefixedStream } from '../nats/nats.connection';

export interface StreamSettings {
  /** How long JetStream remembers message ids to drop duplicate publishes. */
  duplicateWindowMs?: number;
  maxAgeDays?: number;
  replicas?: number;
  /** `workqueue`: a message is removed once acknowledged (jobs); default `limits` (events). */
  retention?: 'limits' | 'workqueue';
}

/** The dead-letter stream of a deployment: events a consumer gave up on, with the reason. */
export const DEAD_LETTER_STREAM = 'DEAD_LETTERS';
export const DEAD_LETTER_SUBJECT = 'deadletter';

/**
 * Creates or updates a stream so it matches its declaration (streams as code). Idempotent: every
 * instance of the owning service calls it at start.
 */
export async function ensureStream(
  jsm: JetStreamManager,
  prefix: string,
  def: StreamDef,
  settings: StreamSettings = {},
): Promise<void> {
  const config = {
    name: prefixedStream(prefix, def.name),
    subjects: def.subjects.map((s) => prefixed(prefix, s)),
    storage: StorageType.File,
    retention: settings.retention === 'workqueue' ? RetentionPolicy.Workqueue : RetentionPolicy.Limits,
    discard: DiscardPolicy.Old,
    duplicate_window: nanos(settings.duplicateWindowMs ?? 10 * 60_000),
    max_age: nanos((settings.maxAgeDays ?? 30) * 24 * 3600_000),
    num_replicas: settings.replicas ?? 1,
  };
  try {
    const info = await jsm.streams.info(config.name);
    const same =
      JSON.stringify([...info.config.subjects].sort()) === JSON.stringify([...config.subjects].sort()) &&
      info.config.duplicate_window === config.duplicate_window &&
      info.config.max_age === config.max_age;
    if (!same) await jsm.streams.update(config.name, { ...info.config, ...config });
  } catch (e) {
    if ((e as { code?: string }).code !== '404' && !String(e).includes('stream not found')) throw e;
    await jsm.streams.add(config);
  }
}

export async function ensureDeadLetterStream(jsm: JetStreamManager, prefix: string): Promise<void> {
  await ensureStream(
    jsm,
    prefix,
    { name: DEAD_LETTER_STREAM, subjects: [`${DEAD_LETTER_SUBJECT}.>`] },
    {
      maxAgeDays: 90,
    },
  );
}

export async function jetStreamManager(nc: NatsConnection): Promise<JetStreamManager> {
  return nc.jetstreamManager({ timeout: 5000 });
}

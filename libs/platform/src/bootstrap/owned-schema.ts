import type { StreamDef } from '@tdkt/contracts';
import type { NatsConnection } from 'nats';
import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import type { DatabaseServiceConfig } from '../config/config';
import { migrate } from '../database/database';
import { ensureStream, jetStreamManager } from '../jetstream/streams';
import { natsReadiness } from '../nats/nats.connection';
import { HealthChecks } from '../ops/health';
import { OutboxRelay } from '../outbox/relay';

/** Boot step of a service that owns a schema: pending migrations, unless MIGRATE_ON_BOOT=false. */
export async function migrateOnBoot(
  ds: DataSource,
  schema: string,
  config: DatabaseServiceConfig,
  logger: Logger,
): Promise<void> {
  if (config.MIGRATE_ON_BOOT !== 'true') return;
  const applied = await migrate(ds, schema);
  if (applied.length) logger.info({ applied }, 'migrations applied');
}

/**
 * Boot step of a service that publishes events: its stream, its outbox relay (stop it at
 * shutdown), and readiness checks of its database and NATS.
 */
export async function startEvents(o: {
  ds: DataSource;
  nc: NatsConnection;
  schema: string;
  /** The stream its events go to; none when the outbox carries only jobs' messages. */
  stream?: StreamDef;
  config: DatabaseServiceConfig;
  logger: Logger;
  health: HealthChecks;
}): Promise<OutboxRelay> {
  if (o.stream) await ensureStream(await jetStreamManager(o.nc), o.config.NATS_PREFIX, o.stream);
  const relay = new OutboxRelay({
    ds: o.ds,
    nc: o.nc,
    schema: o.schema,
    prefix: o.config.NATS_PREFIX,
    logger: o.logger,
  });
  relay.start();
  o.health.register('database', () => o.ds.query('SELECT 1'));
  o.health.register('nats', natsReadiness(o.nc));
  return relay;
}

import { RegistryEvents } from '@tdkt/contracts';
import type { NatsConnection } from 'nats';
import type { Logger } from 'pino';
import { LookupCache } from './lookup-cache';

/**
 * The one cache of the registry's answers in another service (intake's campaigns, scoring's
 * group-years, awards' lookups): a LookupCache whose answers every registry event drops (a core
 * subscription, which JetStream publishes reach), bounded by a TTL in case an event is missed, and
 * which answers the last known value while the registry does not answer (logged as `what`).
 * `start()`/`stop()` make it a Startable of the service kit.
 */
export class RegistryCache<V> extends LookupCache<V> {
  constructor(
    private readonly nc: NatsConnection,
    private readonly prefix: string,
    ttlMs: number,
    logger: Pick<Logger, 'warn'>,
    what: string,
  ) {
    super(ttlMs, (key, code) =>
      logger.warn({ key, code }, `registry unavailable: using the last known ${what}`),
    );
  }

  start(): void {
    this.clearOn(
      this.nc,
      this.prefix,
      Object.values(RegistryEvents).map((e) => e.subject),
    );
  }
}

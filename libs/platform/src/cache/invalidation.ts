import { NatsConnection, Subscription } from 'nats';
import type { Logger } from 'pino';
import { prefixed } from '../nats/nats.connection';
import { ReadCache } from './read-cache';

/**
 * Keeps the `ReadCache` of every instance of a service coherent: a writer invalidates its own cache
 * at once and broadcasts on `subject` (no queue group: every instance hears it). While NATS is
 * disconnected the cache is bypassed, and it starts empty again after a reconnect.
 */
export class CacheInvalidation {
  private sub?: Subscription;
  private broadcastQueued = false;
  private readonly origin = `${process.pid}-${Math.random().toString(36).slice(2)}`;

  constructor(
    private readonly nc: NatsConnection,
    private readonly prefix: string,
    private readonly subject: string,
    readonly cache: ReadCache,
    private readonly logger: Logger,
  ) {}

  start(): void {
    this.sub = this.nc.subscribe(prefixed(this.prefix, this.subject), {
      callback: (_err, msg) => {
        if (new TextDecoder().decode(msg.data) !== this.origin) this.cache.invalidate();
      },
    });
    void (async () => {
      for await (const s of this.nc.status()) {
        if (s.type === 'disconnect' || s.type === 'error') this.cache.setEnabled(false);
        if (s.type === 'reconnect') this.cache.setEnabled(true);
      }
    })().catch((e) => this.logger.warn({ err: e }, 'cache status watcher stopped'));
  }

  /**
   * Call after a write has committed. This instance's cache is cleared at once; the broadcast to
   * the others goes out once per event-loop turn, however many writes committed in it.
   */
  invalidate(): void {
    this.cache.invalidate();
    if (this.broadcastQueued) return;
    this.broadcastQueued = true;
    setImmediate(() => {
      this.broadcastQueued = false;
      try {
        this.nc.publish(prefixed(this.prefix, this.subject), new TextEncoder().encode(this.origin));
      } catch (e) {
        this.logger.warn({ err: e }, 'cache invalidation not broadcast');
      }
    });
  }

  stop(): void {
    this.sub?.unsubscribe();
  }
}

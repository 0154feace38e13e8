import { ErrorCode } from '@tdkt/contracts';
import type { NatsConnection, Subscription } from 'nats';
import { passOn, RpcCallError } from '../nats/app-error';
import { prefixed } from '../nats/nats.connection';

interface Entry<V> {
  at: number;
  value?: V;
  pending?: Promise<V>;
}

const TRANSIENT = new Set<ErrorCode>([ErrorCode.SERVICE_UNAVAILABLE, ErrorCode.TIMEOUT]);

/**
 * Answers asked of another service, kept for `ttlMs`: one load at a time per key; dropped at once
 * by `clear()` (wire it to that service's events with `clearOn`); when the other service does not
 * answer (503/504), the last known answer is used. Coded answers of the other service (404…) are
 * passed on as this service's own.
 */
export class LookupCache<V> {
  private readonly entries = new Map<string, Entry<V>>();
  private subs: Subscription[] = [];

  constructor(
    private readonly ttlMs: number,
    private readonly onStale: (key: string, code: ErrorCode) => void = () => undefined,
  ) {}

  /**
   * Calls arriving while a load is running share it, and every one of them gets the same outcome:
   * the value, the last known value (503/504), or the other service's coded answer as this
   * service's own (a 404 stays a 404 for all of them, never an internal error for the waiters).
   */
  get(key: string, load: () => Promise<V>, aliases: (v: V) => string[] = () => []): Promise<V> {
    const e = this.entries.get(key);
    if (e?.value !== undefined && Date.now() - e.at < this.ttlMs) return Promise.resolve(e.value);
    if (e?.pending) return e.pending;
    let loading: Promise<V>;
    try {
      loading = load();
    } catch (err) {
      loading = Promise.reject(err);
    }
    const pending = loading.then(
      (value) => {
        const at = Date.now();
        for (const k of new Set([key, ...aliases(value)])) this.entries.set(k, { at, value });
        return value;
      },
      (err: unknown) => {
        if (e?.value !== undefined && err instanceof RpcCallError && TRANSIENT.has(err.body.code)) {
          this.onStale(key, err.body.code);
          this.entries.set(key, { at: e.at, value: e.value });
          return e.value;
        }
        // Unless a newer load took the key meanwhile (after a clear()).
        if (this.entries.get(key)?.pending === pending) this.entries.delete(key);
        throw passOn(err);
      },
    );
    this.entries.set(key, { at: e?.at ?? 0, value: e?.value, pending });
    return pending;
  }

  clear(): void {
    this.entries.clear();
  }

  /** Drops everything whenever one of these subjects (e.g. another service's events) is seen. */
  clearOn(nc: NatsConnection, prefix: string, subjects: string[]): void {
    // A core subscription: JetStream publishes reach core subscribers of the subject too.
    for (const s of subjects)
      this.subs.push(nc.subscribe(prefixed(prefix, s), { callback: () => this.clear() }));
  }

  stop(): void {
    for (const s of this.subs) s.unsubscribe();
    this.subs = [];
  }
}

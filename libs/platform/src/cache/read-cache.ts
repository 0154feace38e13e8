/**
 * An in-process cache for data that is read far more than it changes (the registry). Writers call
 * `invalidate()` after commit; other instances hear about it over NATS (see `CacheInvalidation`).
 * A load that started before an invalidation is not stored (generation check), and the cache is
 * bypassed whenever invalidations could be missed (NATS disconnected).
 */
export class ReadCache {
  private readonly entries = new Map<string, { value: unknown; expires: number }>();
  private generation = 0;
  private enabled = true;

  constructor(
    private readonly maxEntries = 10_000,
    private readonly ttlMs = 60_000,
  ) {}

  async get<T>(key: string, load: () => Promise<T>): Promise<T> {
    if (this.enabled) {
      const e = this.entries.get(key);
      if (e && e.expires > Date.now()) {
        return e.value as T;
      }
    }
    const generation = this.generation;
    const value = await load();
    if (this.enabled && generation === this.generation) {
      if (this.entries.size >= this.maxEntries) {
        const oldest = this.entries.keys().next().value as string;
        this.entries.delete(oldest);
      }
      this.entries.set(key, { value, expires: Date.now() + this.ttlMs });
    }
    return value;
  }

  invalidate(): void {
    this.generation += 1;
    this.entries.clear();
  }

  /** Stop serving from the cache (invalidations may be missed) or resume. */
  setEnabled(enabled: boolean): void {
    if (this.enabled !== enabled) this.invalidate();
    this.enabled = enabled;
  }

  get size(): number {
    return this.entries.size;
  }
}

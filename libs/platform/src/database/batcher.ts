import { outsideKeyedRequest } from '../idempotency/idempotency';

/** A thrown value as an `Error` (a string or other value thrown becomes its message). */
export const asError = (e: unknown): Error => (e instanceof Error ? e : new Error(String(e)));

const FEWER_RESULTS = 'batch answered fewer results than items';

/**
 * Group commit for a hot write (or read): calls that arrive while earlier batches are being written
 * wait and go together in the next batch, as one statement, one round trip and one commit. A call
 * made when nothing is waiting runs at the next turn of the event loop, so light load pays no delay;
 * at a peak, N calls cost one statement instead of N.
 *
 * `run` gets the items in arrival order and answers one result per item, in the same order; an
 * `Error` in the answer fails that call only. If `run` throws, every call of the batch fails, unless
 * `alone` is given: then a batch of more than one call is split, and each call runs alone.
 */
export class Batcher<I, O> {
  private waiting: { item: I; resolve: (o: O) => void; reject: (e: unknown) => void }[] = [];
  private inFlight = 0;
  private scheduled = false;
  private readonly maxBatch: number;
  private readonly concurrency: number;

  private readonly observe?: (size: number, seconds: number) => void;
  private readonly alone?: (item: I) => Promise<O | Error>;
  private readonly onSplit?: (size: number, error: Error) => void;

  constructor(
    private readonly run: (items: I[]) => Promise<(O | Error)[]>,
    opts: {
      maxBatch?: number;
      concurrency?: number;
      /** Called once per batch with its size and how long it took (for metrics). */
      observe?: (size: number, seconds: number) => void;
      /**
       * If `run` throws for a batch of more than one call (a deadlock, one bad item failing the
       * statement), each call runs alone, one after another, so that one bad call never fails the
       * others: `true` runs `run([item])`, a function runs that instead. A call's error becomes its
       * own result. Off by default: the whole batch fails.
       */
      alone?: true | ((item: I) => Promise<O>);
      /** Called when a batch is split for `alone`, with its size and the error (to log it). */
      onSplit?: (size: number, error: Error) => void;
    } = {},
  ) {
    this.observe = opts.observe;
    const alone = opts.alone;
    if (alone === true)
      this.alone = (item) => this.run([item]).then((out) => (out.length ? out[0] : new Error(FEWER_RESULTS)));
    else if (alone) this.alone = alone;
    this.onSplit = opts.onSplit;
    this.maxBatch = Math.max(1, opts.maxBatch ?? 64);
    this.concurrency = Math.max(1, opts.concurrency ?? 4);
  }

  add(item: I): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      this.waiting.push({ item, resolve, reject });
      this.schedule();
    });
  }

  /** Calls waiting for a batch (for metrics and tests). */
  get pending(): number {
    return this.waiting.length;
  }

  private schedule(): void {
    if (this.scheduled || this.inFlight >= this.concurrency || this.waiting.length === 0) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      // A batch serves many callers: it must not run as the one whose call scheduled it.
      outsideKeyedRequest(() => this.flush());
    });
  }

  private flush(): void {
    while (this.inFlight < this.concurrency && this.waiting.length > 0) {
      const batch = this.waiting.splice(0, this.maxBatch);
      this.inFlight += 1;
      const t0 = performance.now();
      this.answer(batch.map((b) => b.item))
        .then(
          (out) =>
            batch.forEach((b, i) => {
              const o = out[i];
              if (o instanceof Error) b.reject(o);
              else if (i >= out.length) b.reject(new Error(FEWER_RESULTS));
              else b.resolve(o);
            }),
          (e: unknown) => batch.forEach((b) => b.reject(e)),
        )
        .finally(() => {
          this.observe?.(batch.length, (performance.now() - t0) / 1000);
          this.inFlight -= 1;
          this.schedule();
        });
    }
  }

  /** `run` for the batch, or, if it throws and `alone` is set, for each item alone. */
  private async answer(items: I[]): Promise<(O | Error)[]> {
    try {
      return await this.run(items);
    } catch (e) {
      const alone = this.alone;
      if (!alone || items.length === 1) throw e;
      this.onSplit?.(items.length, asError(e));
      const out: (O | Error)[] = [];
      for (const item of items) {
        try {
          out.push(await alone(item));
        } catch (err) {
          out.push(asError(err));
        }
      }
      return out;
    }
  }
}

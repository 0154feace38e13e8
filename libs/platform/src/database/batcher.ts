/**
 * Group commit for a hot write (or read): calls that arrive while earlier batches are being written
 * wait and go together in the next batch, as one statement, one round trip and one commit. A call
 * made when nothing is waiting runs at the next turn of the event loop, so light load pays no delay;
 * at a peak, N calls cost one statement instead of N.
 *
 * `run` gets the items in arrival order and answers one result per item, in the same order; an
 * `Error` in the answer fails that call only. If `run` throws, every call of the batch fails.
 */
export class Batcher<I, O> {
  private waiting: { item: I; resolve: (o: O) => void; reject: (e: unknown) => void }[] = [];
  private inFlight = 0;
  private scheduled = false;
  private readonly maxBatch: number;
  private readonly concurrency: number;

  private readonly observe?: (size: number, seconds: number) => void;

  constructor(
    private readonly run: (items: I[]) => Promise<(O | Error)[]>,
    opts: {
      maxBatch?: number;
      concurrency?: number;
      /** Called once per batch with its size and how long it took (for metrics). */
      observe?: (size: number, seconds: number) => void;
    } = {},
  ) {
    this.observe = opts.observe;
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
      this.flush();
    });
  }

  private flush(): void {
    while (this.inFlight < this.concurrency && this.waiting.length > 0) {
      const batch = this.waiting.splice(0, this.maxBatch);
      this.inFlight += 1;
      const t0 = performance.now();
      let answer: Promise<(O | Error)[]>;
      try {
        answer = this.run(batch.map((b) => b.item));
      } catch (e) {
        answer = Promise.reject(e);
      }
      answer
        .then(
          (out) =>
            batch.forEach((b, i) => {
              const o = out[i];
              if (o instanceof Error) b.reject(o);
              else if (i >= out.length) b.reject(new Error('batch answered fewer results than items'));
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
}

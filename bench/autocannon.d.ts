/** The part of autocannon 9's programmatic API the benchmarks use (the package ships no types). */
declare module 'autocannon' {
  function autocannon(opts: autocannon.Options): autocannon.Instance;

  namespace autocannon {
    interface Histogram {
      average: number;
      mean: number;
      stddev: number;
      min: number;
      max: number;
      p50: number;
      p90: number;
      p97_5: number;
      p99: number;
    }

    interface RawRequest {
      method?: string;
      path?: string;
      headers?: Record<string, string>;
      body?: string | Buffer;
    }

    type Context = Record<string, unknown>;

    interface RequestSpec extends RawRequest {
      /** Called before every request; must return the request to send. */
      setupRequest?: (req: RawRequest, context: Context) => RawRequest;
      onResponse?: (status: number, body: string, context: Context, headers: Record<string, string>) => void;
    }

    interface Options extends RawRequest {
      url: string;
      connections?: number;
      /** Seconds. */
      duration?: number;
      /** Total requests to send (instead of a duration). */
      amount?: number;
      /** Seconds before a request counts as timed out. */
      timeout?: number;
      pipelining?: number;
      requests?: RequestSpec[];
      title?: string;
    }

    interface Result {
      title?: string;
      /** Per-second samples; `total` completed and `sent` requests. */
      requests: Histogram & { total: number; sent: number };
      /** Milliseconds. */
      latency: Histogram;
      throughput: Histogram;
      /** Seconds. */
      duration: number;
      errors: number;
      timeouts: number;
      mismatches: number;
      non2xx: number;
      resets: number;
      '2xx': number;
      statusCodeStats: Record<string, { count: number }>;
    }

    interface Instance extends PromiseLike<Result> {
      /** Every response, with its time in ms (fractional, unlike the 1 ms buckets of `latency`). */
      on(
        event: 'response',
        listener: (client: unknown, status: number, bytes: number, responseTimeMs: number) => void,
      ): Instance;
      stop(): void;
    }
  }

  export = autocannon;
}

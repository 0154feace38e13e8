/**
 * Helpers of the fault suite (test/fault.e2e-spec.ts): a steady stream of writes through the
 * gateway whose clients retry with the same Idempotency-Key, a record of every attempt, the
 * figures of each outage, a JetStream stream read back, and plain-text tables.
 */
import { EventEnvelope } from '@tdkt/contracts';
import { connect } from 'nats';
import { performance } from 'node:perf_hooks';

/** Milliseconds on the epoch clock, with sub-millisecond precision (comparable with Date.now()). */
export const now = (): number => performance.timeOrigin + performance.now();

export type WriteKind = 'unit' | 'submit';

/** An HTTP status, or a failure to get one (connection refused or reset; no answer in time). */
export type Outcome = number | 'network' | 'timeout';

export interface Attempt {
  kind: WriteKind;
  key: string;
  start: number;
  end: number;
  outcome: Outcome;
  /** Why it failed: the problem's code and title, or the error message. */
  detail?: string;
  retryAfter?: string;
  /** The gateway's own time on the request (its Server-Timing header), without queueing on the machine. */
  serverMs?: number;
}

export interface WriteSpec {
  kind: WriteKind;
  /** The unit code or the submission id. */
  ref: string;
  key: string;
  path: string;
  token: string;
  body?: unknown;
}

export interface Write extends WriteSpec {
  offeredAt: number;
  attempts: number;
  /** The outcome of the last attempt. */
  final?: Outcome;
  ok: boolean;
  /** The 2xx answer, and when the attempt that got it began. */
  answer?: Record<string, unknown>;
  answeredAttemptStart?: number;
  /** Stopped retrying (attempts or deadline used up, or the stream abandoned). */
  gaveUp: boolean;
}

export interface RetryPolicy {
  maxAttempts: number;
  /** From the first attempt; no retry starts after it. */
  deadlineMs: number;
  /** One attempt without an answer this long counts as `timeout`. */
  attemptTimeoutMs: number;
  firstBackoffMs: number;
  maxBackoffMs: number;
}

const DEFAULT_POLICY: RetryPolicy = {
  maxAttempts: 80,
  deadlineMs: 60_000,
  attemptTimeoutMs: 10_000,
  firstBackoffMs: 100,
  maxBackoffMs: 1000,
};

const retryable = (o: Outcome): boolean => o === 503 || o === 504 || o === 'network' || o === 'timeout';
export const is2xx = (o: Outcome | undefined): boolean => typeof o === 'number' && o >= 200 && o < 300;

/**
 * Writes offered at a steady rate (open loop: a new write every 1/rate s whatever the answers),
 * each retried on 503, 504 or a network failure with the same Idempotency-Key, after 100 ms,
 * 200 ms … 1 s (or the Retry-After, up to 1 s), until a 2xx or a 4xx, a bounded number of
 * attempts or the deadline.
 */
export class WriteStream {
  readonly writes: Write[] = [];
  readonly attempts: Attempt[] = [];
  private readonly timers: NodeJS.Timeout[] = [];
  private readonly running = new Set<Promise<void>>();
  private abandoned = false;
  private readonly policy: RetryPolicy;

  constructor(
    private readonly baseUrl: string,
    policy: Partial<RetryPolicy> = {},
  ) {
    this.policy = { ...DEFAULT_POLICY, ...policy };
  }

  /** Offers `next()` `perSecond` times a second until stop() or until it answers undefined. */
  offer(perSecond: number, next: () => WriteSpec | undefined): void {
    const timer = setInterval(() => {
      const spec = next();
      if (!spec) {
        clearInterval(timer);
        return;
      }
      const run = this.run(spec);
      this.running.add(run);
      void run.finally(() => this.running.delete(run));
    }, 1000 / perSecond);
    this.timers.push(timer);
  }

  /** Offers `n` writes at once (a burst on top of the steady stream); answers them. */
  burst(n: number, next: () => WriteSpec | undefined): Write[] {
    const before = this.writes.length;
    for (let i = 0; i < n; i += 1) {
      const spec = next();
      if (!spec) break;
      const run = this.run(spec);
      this.running.add(run);
      void run.finally(() => this.running.delete(run));
    }
    return this.writes.slice(before);
  }

  /** Stops offering and waits for the writes under way (`abandon`: they stop retrying). */
  async stop(opts: { abandon?: boolean } = {}): Promise<void> {
    for (const t of this.timers) clearInterval(t);
    this.abandoned ||= opts.abandon === true;
    await Promise.all([...this.running]);
  }

  /** 2xx answers of `kind` to attempts that ended after `t`. */
  okSince(t: number, kind?: WriteKind): number {
    let n = 0;
    for (const a of this.attempts) if (a.end >= t && is2xx(a.outcome) && (!kind || a.kind === kind)) n += 1;
    return n;
  }

  private async run(spec: WriteSpec): Promise<void> {
    const w: Write = { ...spec, offeredAt: now(), attempts: 0, ok: false, gaveUp: false };
    this.writes.push(w);
    const deadline = w.offeredAt + this.policy.deadlineMs;
    let backoff = this.policy.firstBackoffMs;
    for (;;) {
      w.attempts += 1;
      const a = await this.attempt(w);
      this.attempts.push(a);
      w.final = a.outcome;
      if (is2xx(a.outcome)) {
        w.ok = true;
        return;
      }
      if (!retryable(a.outcome)) return;
      const retryAfterMs = a.retryAfter && /^\d+$/.test(a.retryAfter) ? Number(a.retryAfter) * 1000 : 0;
      const wait = Math.max(backoff, Math.min(retryAfterMs, this.policy.maxBackoffMs));
      if (this.abandoned || w.attempts >= this.policy.maxAttempts || now() + wait > deadline) {
        w.gaveUp = true;
        return;
      }
      await new Promise((r) => setTimeout(r, wait));
      backoff = Math.min(backoff * 2, this.policy.maxBackoffMs);
    }
  }

  private async attempt(spec: Write): Promise<Attempt> {
    const start = now();
    const base = { kind: spec.kind, key: spec.key, start };
    try {
      const r = await fetch(`${this.baseUrl}${spec.path}`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${spec.token}`,
          'idempotency-key': spec.key,
          ...(spec.body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: spec.body === undefined ? undefined : JSON.stringify(spec.body),
        signal: AbortSignal.timeout(this.policy.attemptTimeoutMs),
      });
      const text = await r.text();
      const end = now();
      let body: Record<string, unknown> = {};
      try {
        body = JSON.parse(text) as Record<string, unknown>;
      } catch {
        /* not JSON */
      }
      if (is2xx(r.status)) {
        spec.answer = body;
        spec.answeredAttemptStart = start;
        return { ...base, end, outcome: r.status };
      }
      return {
        ...base,
        end,
        outcome: r.status,
        serverMs: serverTiming(r.headers.get('server-timing')),
        detail:
          `${String(body.code ?? '')} ${String(body.title ?? body.detail ?? text.slice(0, 120))}`.trim(),
        retryAfter: r.headers.get('retry-after') ?? undefined,
      };
    } catch (e) {
      const err = e as Error & { cause?: { code?: string; message?: string } };
      const timeout = err.name === 'TimeoutError' || err.name === 'AbortError';
      return {
        ...base,
        end: now(),
        outcome: timeout ? 'timeout' : 'network',
        detail: err.cause?.code ?? err.cause?.message ?? err.message,
      };
    }
  }
}

/** Polls `check` every `everyMs` until it holds (true) or `timeoutMs` passes (false). Never throws. */
export async function holdsWithin(check: () => boolean, timeoutMs: number, everyMs = 20): Promise<boolean> {
  const until = now() + timeoutMs;
  while (now() < until) {
    if (check()) return true;
    await new Promise((r) => setTimeout(r, everyMs));
  }
  return check();
}

// ---------- outages ----------

/** One fault: when it was made, when the broken part was back, and which writes depend on it. */
export interface Outage {
  name: string;
  /** Writes that cannot succeed without the broken part. */
  affects: WriteKind[];
  killAt: number;
  /** The part was started again: server up (NATS, Postgres) or process spawned (services). */
  restartAt?: number;
  /** The restarted service answered /health/ready. */
  readyAt?: number;
  /** When the gateway's NATS connection was known to be down: from just after the kill to the restart. */
  knownDown?: { from: number; to: number };
}

export interface OutageFigures {
  name: string;
  downMs?: number;
  restartToReadyMs?: number;
  restartToFirst2xxMs?: number;
  killToFirst2xxMs?: number;
  /** Attempts answered after the kill and sent before the first 2xx after the restart. */
  attempts: number;
  byOutcome: Record<string, number>;
  slowestMs: number;
  /** In the known-down window (NATS): attempts, 503s, the slowest answer, 503s over 100 ms, answers other than 503. */
  knownDown?: { attempts: number; n503: number; slowestMs: number; slow503: Attempt[]; not503: Attempt[] };
}

const outcomeLabel = (o: Outcome): string =>
  typeof o === 'number' ? (o >= 200 && o < 300 ? '2xx' : String(o)) : o;

export function outageFigures(
  o: Outage,
  attempts: Attempt[],
  fast503Ms = 100,
  clientBoundMs = 1000,
): OutageFigures {
  const after = o.restartAt ?? o.killAt;
  const first = attempts
    .filter((a) => o.affects.includes(a.kind) && is2xx(a.outcome) && a.start >= o.killAt && a.end >= after)
    .reduce<number | undefined>((m, a) => (m === undefined || a.end < m ? a.end : m), undefined);
  const until = first ?? o.readyAt ?? after;
  // Answered after the kill (those cut off by it too), sent before the first 2xx after the restart.
  const inside = attempts.filter((a) => a.end >= o.killAt && a.start <= until);
  const byOutcome: Record<string, number> = {};
  for (const a of inside) byOutcome[outcomeLabel(a.outcome)] = (byOutcome[outcomeLabel(a.outcome)] ?? 0) + 1;
  const f: OutageFigures = {
    name: o.name,
    downMs: o.restartAt !== undefined ? o.restartAt - o.killAt : undefined,
    restartToReadyMs:
      o.readyAt !== undefined && o.restartAt !== undefined ? o.readyAt - o.restartAt : undefined,
    restartToFirst2xxMs: first !== undefined ? first - after : undefined,
    killToFirst2xxMs: first !== undefined ? first - o.killAt : undefined,
    attempts: inside.length,
    byOutcome,
    slowestMs: inside.reduce((m, a) => Math.max(m, a.end - a.start), 0),
  };
  if (o.knownDown) {
    const { from, to } = o.knownDown;
    const down = attempts.filter((a) => a.start >= from && a.start <= to);
    f.knownDown = {
      attempts: down.length,
      n503: down.filter((a) => a.outcome === 503).length,
      slowestMs: down.reduce((m, a) => Math.max(m, a.end - a.start), 0),
      // "At once" is the gateway's own time (Server-Timing): with two CI runs on two cores, the time a
      // client sees also holds how long the processes waited for a core. That one is bounded by
      // half the gateway's RPC timeout: a 503 that waited for the timeout would pass neither.
      slow503: down.filter(
        (a) =>
          a.outcome === 503 &&
          (a.serverMs === undefined || a.serverMs > fast503Ms || a.end - a.start > clientBoundMs),
      ),
      not503: down.filter((a) => a.outcome !== 503),
    };
  }
  return f;
}

// ---------- events ----------

/** Every message of a JetStream stream whose subject passes `keep`, as event envelopes. */
export async function streamEnvelopes(
  natsUrl: string,
  stream: string,
  keep: (subject: string) => boolean,
): Promise<EventEnvelope<Record<string, unknown>>[]> {
  const nc = await connect({ servers: natsUrl, timeout: 5000 });
  try {
    const jsm = await nc.jetstreamManager({ timeout: 5000 });
    const { state } = await jsm.streams.info(stream);
    const out: EventEnvelope<Record<string, unknown>>[] = [];
    const seqs: number[] = [];
    for (let seq = state.first_seq; seq <= state.last_seq && state.messages > 0; seq += 1) seqs.push(seq);
    for (let i = 0; i < seqs.length; i += 64) {
      const batch = await Promise.all(
        seqs.slice(i, i + 64).map((seq) => jsm.streams.getMessage(stream, { seq }).catch(() => undefined)),
      );
      for (const m of batch) {
        if (m && keep(m.subject)) out.push(m.json<EventEnvelope<Record<string, unknown>>>());
      }
    }
    return out;
  } finally {
    await nc.close();
  }
}

/** How many times each value occurs. */
export function tally(values: Iterable<string>): Map<string, number> {
  const m = new Map<string, number>();
  for (const v of values) m.set(v, (m.get(v) ?? 0) + 1);
  return m;
}

// ---------- tables ----------

/** A plain-text table with a header row; numbers right-aligned. */
export function table(header: string[], rows: (string | number | undefined)[][]): string {
  const cells = [header, ...rows.map((r) => r.map((c) => (c === undefined ? '–' : String(c))))];
  const widths = header.map((_, i) => Math.max(...cells.map((r) => (r[i] ?? '').length)));
  const line = (r: string[]) =>
    r.map((c, i) => (/^-?[\d.,]+$/.test(c) ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join(' | ');
  return [line(cells[0]), widths.map((w) => '-'.repeat(w)).join('-|-'), ...cells.slice(1).map(line)].join(
    '\n',
  );
}

export const ms = (x: number | undefined): string | undefined => (x === undefined ? undefined : x.toFixed(0));

/** `app;dur=1.2` → 1.2 (ms), or undefined. */
function serverTiming(header: string | null): number | undefined {
  const m = header ? /dur=([\d.]+)/.exec(header) : null;
  return m ? Number(m[1]) : undefined;
}

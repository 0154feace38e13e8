import { Injectable } from '@nestjs/common';
import { Batcher, InjectConfig, InjectLogger, Startable } from '@tdkt/platform';
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { Logger } from 'pino';
import { NotificationsConfig } from '../config';
import { mailsFailed, mailsRetried, mailsSent, setQueueProbe } from '../metrics';
import { DeliveriesRepository, DeliveryRow } from './deliveries.repository';
import { Mailer } from './mailer';

/** Delay before attempt `attempts + 1` after a transient failure: doubling, capped, ±20 % jitter. */
export function backoffMs(attempts: number, baseMs: number, maxMs: number, random = Math.random): number {
  const raw = Math.min(maxMs, baseMs * 2 ** Math.max(0, attempts - 1));
  return Math.round(raw * (0.8 + 0.4 * random()));
}

/**
 * The sender loop of one instance: claims due deliveries (SKIP LOCKED, a lease), sends each through
 * the pooled, rate-limited transport with the delivery id as Message-ID, and records the outcome
 * only while it still holds the claim. Any number of instances share the queue; one killed while
 * holding claims leaves them SENDING until the lease ends, then another takes them.
 *
 * The window that remains (README): killed after the SMTP server accepted a message and before
 * `markSent` committed, that message is sent once more after the lease, with the same Message-ID.
 */
@Injectable()
export class DeliverySender implements Startable {
  readonly instance = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  private mailer?: Mailer;
  private running?: Promise<void>;
  private stopped = false;
  private wakeUp?: () => void;
  private woken = false;
  private batches = 0;
  /**
   * SENT is committed as soon as the server accepts each message; accepts that arrive while a
   * commit runs go together in the next one (group commit: no added delay when idle).
   */
  private readonly sent = new Batcher<string, boolean>(
    async (ids) => {
      const marked = await this.repo.markSent(ids, this.instance);
      return ids.map((id) => marked.has(id));
    },
    { maxBatch: 256, concurrency: 2 },
  );

  constructor(
    private readonly repo: DeliveriesRepository,
    @InjectConfig() private readonly config: NotificationsConfig,
    @InjectLogger() private readonly logger: Logger,
  ) {}

  start(): void {
    setQueueProbe(() => this.repo.queue());
    if (this.config.SENDER_ENABLED !== 'true') return;
    this.mailer = new Mailer(this.config);
    this.stopped = false;
    this.running = this.loop();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.wake();
    await this.running;
    this.mailer?.close();
    setQueueProbe(undefined);
  }

  /** Something was queued here: look now rather than at the next poll. */
  wake(): void {
    this.woken = true;
    this.wakeUp?.();
  }

  private get batchSize(): number {
    // A batch is sent well within its lease at the configured rate.
    const withinLease = Math.max(
      1,
      Math.floor((this.config.SMTP_RATE_PER_SECOND * this.config.SENDER_LEASE_SECONDS) / 3),
    );
    return Math.min(this.config.SENDER_BATCH, withinLease);
  }

  private idle(ms: number): Promise<void> {
    if (this.woken || this.stopped) {
      this.woken = false;
      return Promise.resolve();
    }
    return new Promise<void>((resolve) => {
      const t = setTimeout(done, ms);
      function done() {
        clearTimeout(t);
        resolve();
      }
      this.wakeUp = () => {
        this.wakeUp = undefined;
        this.woken = false;
        done();
      };
    });
  }

  private async loop(): Promise<void> {
    const leaseMs = this.config.SENDER_LEASE_SECONDS * 1000;
    const poll = this.config.SENDER_POLL_MS;
    const batch = this.batchSize;
    const inFlight = new Set<Promise<void>>();
    while (!this.stopped) {
      // The next batch is claimed while the last half of the previous one is still being sent, so
      // the pool never waits on a claim; at most 1.5 batches are held at once (within the lease).
      if (inFlight.size > batch / 2) {
        await Promise.race(inFlight);
        continue;
      }
      let claimed: DeliveryRow[];
      try {
        claimed = await this.repo.claim(this.instance, batch, leaseMs);
      } catch (err) {
        this.logger.warn({ err }, 'claiming deliveries failed; retrying');
        await this.idle(poll);
        continue;
      }
      if (claimed.length === 0) {
        await (inFlight.size ? Promise.race([...inFlight, this.idle(poll)]) : this.idle(poll));
        continue;
      }
      this.batches += 1;
      const hold = this.config.SENDER_TEST_HOLD_AFTER_BATCHES;
      if (hold !== undefined && this.batches > hold) {
        // Test hook: the earlier batches finish; this one stays claimed (SENDING) and unsent.
        await Promise.all(inFlight);
        process.stdout.write(`notifications-sender: holding ${claimed.length} claimed deliveries\n`);
        while (!this.stopped) await this.idle(60_000);
        return;
      }
      for (const d of claimed) {
        const p: Promise<void> = this.deliver(d).finally(() => inFlight.delete(p));
        inFlight.add(p);
      }
    }
    await Promise.all(inFlight);
  }

  private async deliver(d: DeliveryRow): Promise<void> {
    const mailer = this.mailer as Mailer;
    const outcome = await mailer.send({
      id: d.id,
      to: d.address,
      subject: d.subject,
      text: d.text,
      html: d.html,
    });
    try {
      if (outcome.ok) {
        if (await this.sent.add(d.id)) mailsSent.inc({ kind: d.kind });
        else this.logger.warn({ delivery: d.id }, 'sent after the lease ended (another instance may resend)');
      } else if (outcome.permanent) {
        await this.repo.markFailed(d.id, this.instance, outcome.reason);
        mailsFailed.inc({ kind: d.kind, reason: 'permanent' });
      } else if (d.attempts >= this.config.SENDER_MAX_ATTEMPTS) {
        await this.repo.markFailed(d.id, this.instance, `${d.attempts} lần thử: ${outcome.reason}`);
        mailsFailed.inc({ kind: d.kind, reason: 'attempts' });
      } else {
        const delay = backoffMs(d.attempts, this.config.SENDER_BACKOFF_MS, this.config.SENDER_BACKOFF_MAX_MS);
        await this.repo.retryLater(d.id, this.instance, outcome.reason, delay);
        mailsRetried.inc({ kind: d.kind });
      }
    } catch (err) {
      // The database is away: the claim stays SENDING and is taken again after its lease.
      this.logger.warn({ err, delivery: d.id }, 'recording a delivery outcome failed');
    }
  }
}

import { JetStreamClient, NatsConnection } from 'nats';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import { prefixed } from '../nats/nats.connection';
import { outboxFailures, outboxPublished } from '../ops/metrics';

const encoder = new TextEncoder();

export interface OutboxRelayOptions {
  ds: DataSource;
  nc: NatsConnection;
  schema: string;
  prefix: string;
  logger: Logger;
  batchSize?: number;
  /** Pause when the outbox is empty. */
  idleMs?: number;
  /** Published rows are kept this long, then deleted. */
  retainMs?: number;
}

/**
 * Publishes outbox rows to JetStream. Rows are claimed with `FOR UPDATE SKIP LOCKED`, so several
 * instances share the work; a row is marked published only after JetStream acknowledged it, so a
 * crash or a NATS outage leaves it to be sent again (JetStream drops the duplicate by message id).
 */
export class OutboxRelay {
  private running = false;
  private loopPromise?: Promise<void>;
  private wake?: () => void;
  private readonly js: JetStreamClient;
  private lastCleanup = 0;

  constructor(private readonly opts: OutboxRelayOptions) {
    this.js = opts.nc.jetstream({ timeout: 5000 });
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loopPromise = this.loop();
  }

  /** Ask for a round now (after a write) instead of waiting for the idle timer. */
  poke(): void {
    this.wake?.();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.poke();
    await this.loopPromise;
  }

  private async loop(): Promise<void> {
    let failures = 0;
    while (this.running) {
      let sent = 0;
      try {
        sent = await this.runOnce();
        failures = 0;
        await this.cleanup();
      } catch (e) {
        failures += 1;
        outboxFailures.inc();
        if (failures === 1 || failures % 20 === 0) {
          this.opts.logger.warn({ err: e, failures }, 'outbox relay round failed; will retry');
        }
      }
      if (sent < (this.opts.batchSize ?? 500)) {
        const delay =
          failures > 0 ? Math.min(5000, 100 * 2 ** Math.min(failures, 6)) : (this.opts.idleMs ?? 200);
        await new Promise<void>((resolve) => {
          const t = setTimeout(resolve, delay);
          this.wake = () => {
            clearTimeout(t);
            resolve();
          };
        });
        this.wake = undefined;
      }
    }
  }

  /** One round: claim a batch, publish it, mark it. Returns how many were published. */
  async runOnce(): Promise<number> {
    const { ds, schema } = this.opts;
    const qr = ds.createQueryRunner();
    await qr.connect();
    await qr.startTransaction();
    try {
      const rows: { id: string; subject: string; envelope: unknown }[] = await qr.query(
        `SELECT "id", "subject", "envelope" FROM "${schema}"."outbox"
         WHERE "published_at" IS NULL ORDER BY "seq" LIMIT $1 FOR UPDATE SKIP LOCKED`,
        [this.opts.batchSize ?? 500],
      );
      if (rows.length > 0) {
        await Promise.all(
          rows.map((r) =>
            this.js.publish(
              prefixed(this.opts.prefix, r.subject),
              encoder.encode(JSON.stringify(r.envelope)),
              {
                msgID: r.id,
              },
            ),
          ),
        );
        await qr.query(
          `UPDATE "${schema}"."outbox" SET "published_at" = now() WHERE "id" = ANY($1::uuid[])`,
          [rows.map((r) => r.id)],
        );
      }
      await qr.commitTransaction();
      outboxPublished.inc(rows.length);
      return rows.length;
    } catch (e) {
      await qr.rollbackTransaction().catch(() => undefined);
      throw e;
    } finally {
      await qr.release();
    }
  }

  private async cleanup(): Promise<void> {
    const now = Date.now();
    if (now - this.lastCleanup < 60_000) return;
    this.lastCleanup = now;
    const retainMs = this.opts.retainMs ?? 24 * 3600_000;
    await this.opts.ds.query(
      `DELETE FROM "${this.opts.schema}"."outbox" WHERE "published_at" < now() - ($1 || ' milliseconds')::interval`,
      [String(retainMs)],
    );
  }

  /** Rows not yet published (for readiness, metrics and tests). */
  async pending(): Promise<number> {
    const [row] = await this.opts.ds.query(
      `SELECT count(*)::int AS n FROM "${this.opts.schema}"."outbox" WHERE "published_at" IS NULL`,
    );
    return row.n as number;
  }
}

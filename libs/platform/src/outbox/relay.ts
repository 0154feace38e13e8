import { NatsConnection } from 'nats';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import { JetStreamPublisher } from '../jetstream/publisher';
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
}

/**
 * Publishes outbox rows to JetStream. Rows are claimed with `FOR UPDATE SKIP LOCKED`, so several
 * instances share the work; a row leaves the outbox only in a transaction that commits after
 * JetStream acknowledged it, so a crash or a NATS outage leaves it to be sent again (JetStream
 * drops the duplicate by message id). The stream, not the outbox, is the record of what was sent.
 */
export class OutboxRelay {
  private running = false;
  private loopPromise?: Promise<void>;
  private wake?: () => void;
  private readonly js: JetStreamPublisher;

  constructor(private readonly opts: OutboxRelayOptions) {
    this.js = new JetStreamPublisher(opts.nc, 5000);
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loopPromise = this.loop();
  }

  /** Ask for a round now instead of waiting for the idle timer. */
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
    const batch = this.opts.batchSize ?? 500;
    while (this.running) {
      let sent = 0;
      try {
        sent = await this.runOnce();
        failures = 0;
      } catch (e) {
        failures += 1;
        outboxFailures.inc();
        if (failures === 1 || failures % 20 === 0) {
          this.opts.logger.warn({ err: e, failures }, 'outbox relay round failed; will retry');
        }
      }
      if (sent < batch) {
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

  /**
   * One round: take a batch out of the outbox (locked rows are skipped by other instances), publish
   * it, and commit the removal only after JetStream acknowledged every message.
   */
  async runOnce(): Promise<number> {
    const { ds, schema } = this.opts;
    const qr = ds.createQueryRunner();
    await qr.connect();
    await qr.startTransaction();
    try {
      const { records } = await qr.query(
        `DELETE FROM "${schema}"."outbox" WHERE "seq" IN (
           SELECT "seq" FROM "${schema}"."outbox" ORDER BY "seq" LIMIT $1 FOR UPDATE SKIP LOCKED)
         RETURNING "id", "subject", "envelope"::text AS "envelope"`,
        [this.opts.batchSize ?? 500],
        true,
      );
      // The envelope as Postgres prints it: published as is, never parsed and re-serialised here.
      const rows = records as { id: string; subject: string; envelope: string }[];
      await Promise.all(
        rows.map((r) =>
          this.js.publish(prefixed(this.opts.prefix, r.subject), encoder.encode(r.envelope), r.id),
        ),
      );
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

  /** Events not yet published (for readiness, metrics and tests). */
  async pending(): Promise<number> {
    const [row] = await this.opts.ds.query(`SELECT count(*)::int AS n FROM "${this.opts.schema}"."outbox"`);
    return row.n as number;
  }
}

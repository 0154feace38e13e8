import { metricsRegistry } from '@tdkt/platform';
import { Counter, Gauge } from 'prom-client';

/** E-mail deliveries, next to the platform's RPC, outbox and consumer metrics. */
export const mailsSent = new Counter({
  name: 'notifications_emails_sent_total',
  help: 'E-mails accepted by the SMTP server, by kind',
  labelNames: ['kind'],
  registers: [metricsRegistry],
});

export const mailsFailed = new Counter({
  name: 'notifications_emails_failed_total',
  help: 'E-mail deliveries recorded as failed (permanent error, or transient ones past the attempts), by kind',
  labelNames: ['kind', 'reason'],
  registers: [metricsRegistry],
});

export const mailsRetried = new Counter({
  name: 'notifications_emails_retried_total',
  help: 'Transient failures scheduled for another attempt, by kind',
  labelNames: ['kind'],
  registers: [metricsRegistry],
});

type QueueProbe = () => Promise<{ depth: number; oldestSeconds: number }>;
let probe: QueueProbe | undefined;
let last: ReturnType<QueueProbe> | undefined;

/** The sender registers how to read the shared queue; both gauges read it once per scrape. */
export function setQueueProbe(p: QueueProbe | undefined): void {
  probe = p;
}

const scrape = (): ReturnType<QueueProbe> => {
  last ??= (probe ? probe() : Promise.resolve({ depth: 0, oldestSeconds: 0 }))
    .catch(() => ({ depth: Number.NaN, oldestSeconds: Number.NaN }))
    .finally(() => setTimeout(() => (last = undefined), 100));
  return last;
};

/** Read from the database when scraped (the queue is shared by every instance). */
export const queueDepth = new Gauge({
  name: 'notifications_queue_depth',
  help: 'E-mail deliveries pending or being sent (all instances)',
  registers: [metricsRegistry],
  async collect() {
    this.set((await scrape()).depth);
  },
});

export const oldestPendingAge = new Gauge({
  name: 'notifications_oldest_pending_age_seconds',
  help: 'Age of the oldest e-mail delivery not yet sent (all instances)',
  registers: [metricsRegistry],
  async collect() {
    this.set((await scrape()).oldestSeconds);
  },
});

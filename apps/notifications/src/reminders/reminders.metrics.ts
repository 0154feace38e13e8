import { metricsRegistry } from '@tdkt/platform';
import { Counter, Gauge } from 'prom-client';

/** Deadline reminders handled by this instance: SENT, or SKIPPED with the reason. */
export const remindersHandled = new Counter({
  name: 'notifications_reminders_total',
  help: 'Deadline reminders handled by this instance, by outcome (sent, superseded, deadline_passed, retry)',
  labelNames: ['outcome'],
  registers: [metricsRegistry],
});

type Probe = () => Promise<{ pending: number; overdue: number; oldestOverdueSeconds: number }>;
let probe: Probe | undefined;

/** The scheduler registers how to read the shared schedule (read once per scrape). */
export function setReminderProbe(p: Probe | undefined): void {
  probe = p;
}

const read = async () =>
  probe ? probe().catch(() => ({ pending: NaN, overdue: NaN, oldestOverdueSeconds: NaN })) : undefined;

export const remindersPending = new Gauge({
  name: 'notifications_reminders_pending',
  help: 'Reminders scheduled and not yet sent or skipped (all instances); overdue: due and not handled yet',
  labelNames: ['due'],
  registers: [metricsRegistry],
  async collect() {
    const s = await read();
    if (!s) return;
    this.set({ due: 'later' }, s.pending - s.overdue);
    this.set({ due: 'overdue' }, s.overdue);
    remindersOldestOverdue.set(s.oldestOverdueSeconds);
  },
});

export const remindersOldestOverdue = new Gauge({
  name: 'notifications_reminders_oldest_overdue_seconds',
  help: 'How long the oldest due reminder has waited (0 when none; set with notifications_reminders_pending)',
  registers: [metricsRegistry],
});

import { metricsRegistry } from '@tdkt/platform';
import { Counter } from 'prom-client';

/** What an operator watches at a deadline peak, next to the platform's RPC and outbox metrics. */
export const receiptsIssued = new Counter({
  name: 'intake_receipts_issued_total',
  help: 'Receipts issued on submit (idempotent replays not counted), by kind and lateness',
  labelNames: ['kind', 'late'],
  registers: [metricsRegistry],
});

export const filesChecked = new Counter({
  name: 'intake_files_checked_total',
  help: 'Uploaded files by outcome of intake’s checks: confirmed, rejected, expired',
  labelNames: ['outcome'],
  registers: [metricsRegistry],
});

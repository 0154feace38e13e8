import { metricsRegistry } from '@tdkt/platform';
import { Counter, Histogram } from 'prom-client';

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

export const groupCommits = new Histogram({
  name: 'intake_group_commit_size',
  help: 'Submits per group commit (one statement), by stage: the read of what submit checks, the seal',
  labelNames: ['stage'],
  buckets: [1, 2, 4, 8, 16, 32, 64, 128],
  registers: [metricsRegistry],
});

export const groupCommitSeconds = new Histogram({
  name: 'intake_group_commit_seconds',
  help: 'Time of one group commit (statement and commit), by stage',
  labelNames: ['stage'],
  buckets: [0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 0.5, 1],
  registers: [metricsRegistry],
});

import type { RpcErrorBody } from './rpc';

/** Where a job is: waiting for a worker, running, finished, or given up (with its error). */
export enum JobState {
  QUEUED = 'QUEUED',
  RUNNING = 'RUNNING',
  DONE = 'DONE',
  FAILED = 'FAILED',
}

/** A long piece of work run as a job (an import, the hashing of a large file…). */
export interface JobView {
  id: string;
  kind: string;
  state: JobState;
  /** Work done so far, in the job's own unit (rows, bytes), and the total when known. */
  progress: { done: number; total: number | null };
  /** The job's answer once DONE. */
  result: unknown | null;
  /** Why it FAILED (a coded error), or the last error of an attempt that will be retried. */
  error: RpcErrorBody | null;
  attempts: number;
  createdAt: string;
  updatedAt: string;
}

/**
 * A large records file sent to object storage, and its import (the `records-import` job):
 *
 *   PENDING ── import asked ──▶ QUEUED ── job starts ──▶ IMPORTING ──▶ DONE
 *      ▲                                                    │
 *      └──────────── FAILED ◀───────── refused (coded) ─────┘
 *
 * A FAILED upload may be imported again (e.g. once the file in storage is the right one). While
 * QUEUED or IMPORTING it waits for its job: a job that gave up (its instance died too often) makes
 * the upload FAILED as shown, and it may be imported again.
 */
export enum UploadStatus {
  PENDING = 'PENDING',
  QUEUED = 'QUEUED',
  IMPORTING = 'IMPORTING',
  DONE = 'DONE',
  FAILED = 'FAILED',
}

/** A job's state as libs/platform keeps it (structurally the contracts' `JobState`). */
export type UploadJobState = 'QUEUED' | 'RUNNING' | 'DONE' | 'FAILED';

const WAITING = new Set<UploadStatus>([UploadStatus.QUEUED, UploadStatus.IMPORTING]);

/** The status to show: one still waiting for a job that FAILED is FAILED. */
export function shownUploadStatus(status: UploadStatus, job: UploadJobState | null): UploadStatus {
  return WAITING.has(status) && job === 'FAILED' ? UploadStatus.FAILED : status;
}

/** What asking for the import of an upload does, from its status and its job's state. */
export type ImportStart =
  /** Queue a new job. */
  | { start: true }
  /** Already imported: answer the job that did it. */
  | { start: false; why: 'DONE' }
  /** A job is queued or running for it. */
  | { start: false; why: 'RUNNING' };

export function importStart(status: UploadStatus, job: UploadJobState | null): ImportStart {
  switch (shownUploadStatus(status, job)) {
    case UploadStatus.PENDING:
    case UploadStatus.FAILED:
      return { start: true };
    case UploadStatus.DONE:
      return { start: false, why: 'DONE' };
    case UploadStatus.QUEUED:
    case UploadStatus.IMPORTING:
      return { start: false, why: 'RUNNING' };
    default: {
      const never: never = status as never;
      throw new Error(`unknown upload status ${String(never)}`);
    }
  }
}

/** Rows between two progress reports of an import. */
export const IMPORT_PROGRESS_ROWS = 10_000;

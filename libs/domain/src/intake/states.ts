/**
 * The states intake keeps, owned here (libs/contracts re-exports them for the API's shapes).
 *
 *   Submission: DRAFT ──submit──▶ SUBMITTED ──accept──▶ ACCEPTED, SUBMITTED ──return──▶ RETURNED
 *   File:       PENDING ──confirm──▶ CONFIRMED | REJECTED  (small files, checked in the request)
 *               PENDING ──confirm──▶ VERIFYING ──job──▶ CONFIRMED | REJECTED  (large files)
 *               PENDING ──window closed, nothing uploaded──▶ EXPIRED
 */

export enum SubmissionState {
  DRAFT = 'DRAFT',
  SUBMITTED = 'SUBMITTED',
  RETURNED = 'RETURNED',
  ACCEPTED = 'ACCEPTED',
}

export enum FileState {
  /** An upload was handed out; the file does not count yet. */
  PENDING = 'PENDING',
  /** Uploaded and confirmed; a job is reading it back to check it (a large file). */
  VERIFYING = 'VERIFYING',
  /** Intake checked it: present, size, SHA-256 and type all match. */
  CONFIRMED = 'CONFIRMED',
  /** Failed a check (reason given); the object was removed. */
  REJECTED = 'REJECTED',
  /** The upload window passed without the file arriving. */
  EXPIRED = 'EXPIRED',
}

/** A file's check is decided (nothing will change it any more). */
export const fileDecided = (state: FileState | string): boolean =>
  state === FileState.CONFIRMED || state === FileState.REJECTED || state === FileState.EXPIRED;

/**
 * Whether confirming a file of `size` declared bytes is checked in the request (at or below
 * `inlineMaxBytes`) or by a job that reads it back in the background.
 */
export const confirmsInline = (size: number, inlineMaxBytes: number): boolean => size <= inlineMaxBytes;

/** What keeps a draft from being submitted, judged from the states of its files. */
export function submitBlockers(files: readonly { name: string; state: string }[]): {
  /** Files still waiting for their upload to be confirmed. */
  unconfirmed: string[];
  /** Files whose check is still running. */
  verifying: string[];
  /** How many files count (confirmed). */
  confirmed: number;
} {
  const names = (s: FileState) => files.filter((f) => f.state === s).map((f) => f.name);
  return {
    unconfirmed: names(FileState.PENDING),
    verifying: names(FileState.VERIFYING),
    confirmed: files.filter((f) => f.state === FileState.CONFIRMED).length,
  };
}

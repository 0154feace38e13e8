import { FileCheckOutcome, FileState, FileStatusView, SubmissionFileView } from '@tdkt/contracts';
import { JobRow, toJobView } from '@tdkt/platform';
import type { FileRow } from './files.repository';

const iso = (d: Date | string | null): string | null => (d === null ? null : new Date(d).toISOString());

export function fileView(f: FileRow): SubmissionFileView {
  return {
    id: f.id,
    name: f.name,
    contentType: f.content_type,
    size: Number(f.size),
    sha256: f.sha256.trim(),
    state: f.state as FileState,
    rejectedReason: f.rejected_reason,
    rejectedCode: f.rejected_code,
    uploadExpiresAt: iso(f.upload_expires_at) as string,
    confirmedAt: iso(f.confirmed_at),
  };
}

/** The file with the job that checks (or checked) it: its progress is bytes hashed of the size. */
export function fileStatusView(f: FileRow, job: JobRow | undefined): FileStatusView {
  return { ...fileView(f), job: job ? toJobView(job) : null };
}

/** What a file-confirm job answers: the file's final state and, when rejected, the reason. */
export function checkOutcome(f: FileRow): FileCheckOutcome {
  return {
    fileId: f.id,
    state: f.state as FileState,
    rejectedCode: f.rejected_code,
    rejectedReason: f.rejected_reason,
  };
}

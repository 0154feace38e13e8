import { RecordsUploadView, RpcErrorBody } from '@tdkt/contracts';
import { shownUploadStatus, UploadStatus } from '@tdkt/domain';
import { JobRow, toJobView } from '@tdkt/platform';
import type { UploadRow } from './uploads.repository';

/**
 * An upload as the API shows it, with its import's job. An upload still waiting for a job that
 * FAILED (it gave up) is shown FAILED with the job's error.
 */
export function uploadView(
  u: UploadRow,
  job: JobRow | undefined,
  upload: RecordsUploadView['upload'] = null,
): RecordsUploadView {
  const status = shownUploadStatus(u.status, job?.state ?? null);
  const gaveUp = status === UploadStatus.FAILED && u.status !== UploadStatus.FAILED;
  return {
    id: u.id,
    fileName: u.file_name,
    status,
    processedRows: u.processed_rows,
    totalRows: u.total_rows,
    importId: u.import_id,
    error: gaveUp ? (job?.error?.message ?? null) : u.error,
    job: job ? toJobView(job) : null,
    upload,
  };
}

/** What an upload records of a refused import: the reason's message and the first problems by line. */
export function uploadError(body: RpcErrorBody): string {
  return [body.message, ...(body.errors ?? []).slice(0, 20).map((x) => `${x.field}: ${x.message}`)].join(
    '; ',
  );
}

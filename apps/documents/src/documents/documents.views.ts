import {
  DocumentDownloadView,
  DocumentFormat,
  DocumentType,
  DocumentView,
  ErrorCode,
  RenderJobView,
} from '@tdkt/contracts';
import { JobRow, toJobView } from '@tdkt/platform';
import type { DocumentRow } from './documents.repository';

export function documentView(d: DocumentRow): DocumentView {
  return {
    id: d.id,
    type: d.type as DocumentType,
    format: d.format as DocumentFormat,
    subjectKey: d.subject_key,
    version: d.version,
    templateVersion: d.template_version,
    dataSha256: d.data_sha256,
    fileName: d.file_name,
    contentType: d.content_type,
    size: Number(d.size),
    sha256: d.sha256.trim(),
    immutable: d.immutable,
    createdAt: new Date(d.created_at).toISOString(),
  };
}

/** Causes that may pass: asking again may succeed. */
const PASSING = new Set<string>([ErrorCode.SERVICE_UNAVAILABLE, ErrorCode.TIMEOUT, ErrorCode.INTERNAL]);

export function renderJobView(job: JobRow, doc: DocumentRow | undefined): RenderJobView {
  const v = toJobView(job);
  return {
    ...v,
    // The job's input holds the whole data: not shown (the document is).
    document: doc ? documentView(doc) : null,
    retryable: v.state === 'FAILED' && v.error !== null && PASSING.has(v.error.code),
    stage: stageOf(v.state, v.progress?.done ?? 0),
  };
}

/** The render job's stage from its state and progress (runRender: 0 rendering, 1 storing, 2 recording, 3 done). */
export function stageOf(state: string, done: number): NonNullable<RenderJobView['stage']> {
  if (state === 'DONE') return 'DONE';
  if (state === 'FAILED') return 'FAILED';
  if (state !== 'RUNNING') return 'QUEUED';
  return done <= 0 ? 'RENDERING' : done === 1 ? 'STORING' : 'RECORDING';
}

export function downloadView(d: DocumentRow, url: string, ttlSeconds: number): DocumentDownloadView {
  return {
    url,
    expiresAt: new Date(Date.now() + ttlSeconds * 1000).toISOString(),
    fileName: d.file_name,
    contentType: d.content_type,
    size: Number(d.size),
    sha256: d.sha256.trim(),
  };
}

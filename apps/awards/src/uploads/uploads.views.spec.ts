import { ErrorCode, JobState } from '@tdkt/contracts';
import { UploadStatus } from '@tdkt/domain';
import { JobRow } from '@tdkt/platform';
import type { UploadRow } from './uploads.repository';
import { uploadError, uploadView } from './uploads.views';

const upload = (over: Partial<UploadRow> = {}): UploadRow => ({
  id: 'u1',
  file_name: 'khen-thuong.xlsx',
  content_type: 'text/csv',
  size: '10',
  sha256: 'a'.repeat(64),
  object_key: 'awards-imports/u1',
  status: UploadStatus.IMPORTING,
  processed_rows: 20_000,
  total_rows: null,
  import_id: null,
  error: null,
  created_by: 'x',
  period_from: null,
  period_to: null,
  expires_at: new Date('2026-01-01T00:00:00Z'),
  job_id: 'j1',
  ...over,
});

const job = (over: Partial<JobRow> = {}): JobRow => ({
  id: 'j1',
  kind: 'records-import',
  state: JobState.RUNNING,
  input: {},
  progress: { done: 20_000, total: null },
  result: null,
  error: null,
  attempts: 1,
  created_by: 'x',
  created_at: new Date('2026-01-01T00:00:00Z'),
  updated_at: new Date('2026-01-01T00:01:00Z'),
  ...over,
});

describe('upload views', () => {
  it('shows the import under way with its job', () => {
    const v = uploadView(upload(), job());
    expect(v).toMatchObject({ status: 'IMPORTING', processedRows: 20_000, totalRows: null, error: null });
    expect(v.job).toMatchObject({ id: 'j1', state: 'RUNNING', progress: { done: 20_000, total: null } });
    expect(v.job?.updatedAt).toBe('2026-01-01T00:01:00.000Z');
  });

  it('a job that gave up while the upload waited for it: FAILED with the job’s error', () => {
    const v = uploadView(
      upload(),
      job({
        state: JobState.FAILED,
        error: { code: ErrorCode.INTERNAL, message: 'Công việc … không hoàn thành' },
      }),
    );
    expect(v.status).toBe('FAILED');
    expect(v.error).toBe('Công việc … không hoàn thành');
  });

  it('a refused import keeps its own error; one without a job shows none', () => {
    expect(
      uploadView(
        upload({ status: UploadStatus.FAILED, error: 'SHA-256 …' }),
        job({ state: JobState.FAILED }),
      ),
    ).toMatchObject({ status: 'FAILED', error: 'SHA-256 …' });
    expect(uploadView(upload({ status: UploadStatus.PENDING, job_id: null }), undefined).job).toBeNull();
  });

  it('an error as the upload keeps it: the message, then the first problems by line', () => {
    expect(
      uploadError({
        code: ErrorCode.VALIDATION_FAILED,
        message: '2 lỗi; không dòng nào được nhập',
        errors: [
          { field: 'dòng 2 (Ngày quyết định)', message: 'ngoài kỳ' },
          { field: 'dòng 3', message: 'đã có' },
        ],
      }),
    ).toBe('2 lỗi; không dòng nào được nhập; dòng 2 (Ngày quyết định): ngoài kỳ; dòng 3: đã có');
  });
});

import { JobState } from '@tdkt/contracts';
import type { JobRow } from '@tdkt/platform';
import type { FileRow } from './files.repository';
import { checkOutcome, fileStatusView, fileView } from './files.views';

const row: FileRow = {
  id: 'f1',
  submission_id: 's1',
  object_key: 'submissions/s1/f1',
  name: 'Video hội nghị.mp4',
  content_type: 'video/mp4',
  size: '524288000',
  sha256: `${'a'.repeat(64)}`,
  state: 'VERIFYING',
  rejected_reason: null,
  rejected_code: null,
  upload_expires_at: new Date('2027-03-01T01:00:00Z'),
  created_by: 'u',
  created_at: new Date('2027-03-01T00:45:00Z'),
  confirmed_at: null,
  job_id: 'j1',
};

const job: JobRow = {
  id: 'j1',
  kind: 'file-confirm',
  state: JobState.RUNNING,
  input: { submissionId: 's1', fileId: 'f1' },
  progress: { done: 104857600, total: 524288000 },
  result: null,
  error: null,
  attempts: 1,
  created_by: 'u',
  created_at: new Date('2027-03-01T00:50:00Z'),
  updated_at: new Date('2027-03-01T00:50:02Z'),
};

describe('file views', () => {
  it('shows the size as a number (bigint column) and the times as ISO instants', () => {
    expect(fileView({ ...row, sha256: `${'b'.repeat(64)}` })).toEqual({
      id: 'f1',
      name: 'Video hội nghị.mp4',
      contentType: 'video/mp4',
      size: 524288000,
      sha256: 'b'.repeat(64),
      state: 'VERIFYING',
      rejectedReason: null,
      rejectedCode: null,
      uploadExpiresAt: '2027-03-01T01:00:00.000Z',
      confirmedAt: null,
    });
  });

  it('shows a file being checked with its job: bytes hashed of the size', () => {
    const v = fileStatusView(row, job);
    expect(v.state).toBe('VERIFYING');
    expect(v.job).toMatchObject({
      id: 'j1',
      state: 'RUNNING',
      progress: { done: 104857600, total: 524288000 },
      createdAt: '2027-03-01T00:50:00.000Z',
    });
    expect(fileStatusView(row, undefined).job).toBeNull();
  });

  it("answers a job's outcome from the decided file", () => {
    expect(
      checkOutcome({
        ...row,
        state: 'REJECTED',
        rejected_code: 'FILE_CHECKSUM_MISMATCH',
        rejected_reason: 'SHA-256 …',
      }),
    ).toEqual({
      fileId: 'f1',
      state: 'REJECTED',
      rejectedCode: 'FILE_CHECKSUM_MISMATCH',
      rejectedReason: 'SHA-256 …',
    });
  });
});

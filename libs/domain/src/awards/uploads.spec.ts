import { importStart, shownUploadStatus, UploadStatus } from './uploads';

describe('uploads of record files', () => {
  it('shows an upload waiting for a job that gave up as FAILED', () => {
    expect(shownUploadStatus(UploadStatus.IMPORTING, 'FAILED')).toBe(UploadStatus.FAILED);
    expect(shownUploadStatus(UploadStatus.QUEUED, 'FAILED')).toBe(UploadStatus.FAILED);
    expect(shownUploadStatus(UploadStatus.IMPORTING, 'RUNNING')).toBe(UploadStatus.IMPORTING);
    expect(shownUploadStatus(UploadStatus.DONE, 'DONE')).toBe(UploadStatus.DONE);
    expect(shownUploadStatus(UploadStatus.PENDING, null)).toBe(UploadStatus.PENDING);
  });

  it('an import is queued from PENDING or FAILED (or after its job gave up), never twice', () => {
    expect(importStart(UploadStatus.PENDING, null)).toEqual({ start: true });
    expect(importStart(UploadStatus.FAILED, 'FAILED')).toEqual({ start: true });
    expect(importStart(UploadStatus.IMPORTING, 'FAILED')).toEqual({ start: true });
    expect(importStart(UploadStatus.QUEUED, 'QUEUED')).toEqual({ start: false, why: 'RUNNING' });
    expect(importStart(UploadStatus.IMPORTING, 'RUNNING')).toEqual({ start: false, why: 'RUNNING' });
    expect(importStart(UploadStatus.DONE, 'DONE')).toEqual({ start: false, why: 'DONE' });
  });
});

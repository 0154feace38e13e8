import 'reflect-metadata';
import { RecordProblems } from '@tdkt/domain';
import { problemsError, problemsReason, recordImportView } from './records.views';

describe('records views', () => {
  it('an import as the API shows it', () => {
    expect(
      recordImportView(
        {
          id: 'i1',
          content_sha256: 'x',
          file_name: 'a.csv',
          records: 3,
          unit_ids: null,
          created_by: 'u',
          created_at: new Date('2023-01-02T03:04:05Z'),
        },
        true,
      ),
    ).toEqual({
      id: 'i1',
      fileName: 'a.csv',
      records: 3,
      createdAt: '2023-01-02T03:04:05.000Z',
      alreadyImported: true,
    });
  });

  it('the reason is what every problem has in common', () => {
    expect(problemsReason(new Set(['DUPLICATE_IN_FILE', 'ALREADY_STORED']))).toBe('RECORDS_DUPLICATE');
    expect(problemsReason(new Set(['OUTSIDE_PERIOD']))).toBe('RECORDS_OUTSIDE_PERIOD');
    expect(problemsReason(new Set(['AWARD_TYPE_UNKNOWN']))).toBe('AWARD_TYPE_UNKNOWN');
    expect(problemsReason(new Set(['AWARD_NOT_IN_FORCE']))).toBe('AWARD_NOT_IN_FORCE');
    expect(problemsReason(new Set(['UNIT_UNKNOWN']))).toBe('RECORDS_UNIT_UNKNOWN');
    expect(problemsReason(new Set(['OUTSIDE_PERIOD', 'DATE_INVALID']))).toBe('RECORDS_INVALID');
    expect(problemsReason(new Set(['TEXT_TOO_LONG']))).toBe('RECORDS_INVALID');
  });

  it('lists the first problems by line and column, then how many more', () => {
    const p = new RecordProblems(2);
    p.add({
      row: 2,
      column: 'Ngày quyết định',
      kind: 'OUTSIDE_PERIOD',
      message: 'ngoài kỳ 2023-01-01 – 2023-06-30',
    });
    p.add({ row: 3, column: '', kind: 'OUTSIDE_PERIOD', message: 'x' });
    p.add({ row: 4, column: 'Ngày quyết định', kind: 'OUTSIDE_PERIOD', message: 'y' });
    const e = problemsError(p, { from: '2023-01-01', to: '2023-06-30' });
    expect(e.body).toMatchObject({
      code: 'VALIDATION_FAILED',
      reason: 'RECORDS_OUTSIDE_PERIOD',
      message: '3 dòng có ngày quyết định ngoài kỳ 2023-01-01 – 2023-06-30; không dòng nào được nhập',
    });
    expect(e.body.errors).toEqual([
      { field: 'dòng 2 (Ngày quyết định)', message: 'ngoài kỳ 2023-01-01 – 2023-06-30' },
      { field: 'dòng 3', message: 'x' },
      { field: 'tệp', message: 'và 1 lỗi khác' },
    ]);
  });
});

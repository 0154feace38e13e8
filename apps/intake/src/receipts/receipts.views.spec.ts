import { receiptView } from './receipts.views';

describe('receiptView', () => {
  const s = {
    id: 's1',
    campaign_id: 'c1',
    group_id: 'g1',
    year: 2027,
    unit_id: 'u1',
    kind: 'ANNUAL_REPORT',
  };
  const row = {
    number: '2027-000042',
    campaign_id: 'c1',
    submission_id: 's1',
    version: 2,
    idempotency_key: 'key-0001',
    issued_by: 'x',
    late: true,
    files: [{ fileId: 'f1', name: 'Báo cáo.pdf', contentType: 'application/pdf', size: 3, sha256: 'a' }],
  };

  it('names the submission and version, and the instant as read in Vietnam', () => {
    const v = receiptView({ ...row, issued_at: new Date('2024-02-04T07:05:09Z') }, s);
    expect(v).toEqual({
      submissionId: 's1',
      version: 2,
      campaignId: 'c1',
      groupId: 'g1',
      year: 2027,
      unitId: 'u1',
      kind: 'ANNUAL_REPORT',
      number: '2027-000042',
      issuedAt: '2024-02-04T07:05:09.000Z',
      issuedAtVietnam: '14:05:09 ngày 04/02/2024 (giờ Việt Nam)',
      late: true,
      files: row.files,
    });
  });

  it('reads the time from text as well (a receipt just written, replayed from JSON)', () => {
    expect(receiptView({ ...row, issued_at: '2024-02-04T07:05:09.000Z' }, s).issuedAt).toBe(
      '2024-02-04T07:05:09.000Z',
    );
  });
});

import type { VersionFileRow, VersionRow, SubmissionRow } from './submissions.repository';
import { factsOf, submissionView, summaryView } from './submissions.views';

const s: SubmissionRow = {
  id: 's1',
  campaign_id: 'c1',
  group_id: 'g1',
  year: 2027,
  unit_id: 'u1',
  kind: 'ANNUAL_REPORT',
  title: 'Báo cáo',
  state: 'RETURNED',
  late: false,
  current_version: 2,
  ever_submitted: true,
  created_by: 'x',
  created_at: new Date('2027-01-01T00:00:00Z'),
  updated_at: new Date('2027-01-02T00:00:00Z'),
};

const version = (number: number, state: string): VersionRow => ({
  submission_id: 's1',
  number,
  state,
  created_at: new Date('2027-01-01T00:00:00Z'),
  submitted_at: state === 'DRAFT' ? null : new Date('2027-01-01T01:00:00Z'),
  submitted_by: null,
  late: false,
  receipt_number: state === 'DRAFT' ? null : '2027-000001',
  returned_reason: state === 'RETURNED' ? 'Thiếu phụ lục' : null,
  returned_at: null,
  returned_by: null,
  accepted_at: null,
  accepted_by: null,
});

const file = (id: string, v: number): VersionFileRow => ({
  id,
  submission_id: 's1',
  object_key: `submissions/s1/${id}`,
  name: `${id}.pdf`,
  content_type: 'application/pdf',
  size: '10',
  sha256: 'a'.repeat(64),
  state: 'CONFIRMED',
  rejected_reason: null,
  rejected_code: null,
  upload_expires_at: new Date('2027-01-01T00:15:00Z'),
  created_by: 'x',
  created_at: new Date('2027-01-01T00:00:00Z'),
  confirmed_at: new Date('2027-01-01T00:05:00Z'),
  job_id: null,
  version: v,
});

describe('submission views', () => {
  const versions = [version(2, 'DRAFT'), version(1, 'RETURNED')];
  const files = [file('a', 1), file('a', 2), file('b', 2)];

  it('shows the unit every version with its own files', () => {
    const v = submissionView(s, versions, files, true);
    expect(v.versions.map((x) => [x.number, x.state, x.files.map((f) => f.id)])).toEqual([
      [2, 'DRAFT', ['a', 'b']],
      [1, 'RETURNED', ['a']],
    ]);
    expect(v.versions[1].returnedReason).toBe('Thiếu phụ lục');
    expect(v.updatedAt).toBe('2027-01-02T00:00:00.000Z');
  });

  it('hides drafts from reviewers', () => {
    expect(submissionView(s, versions, files, false).versions.map((x) => x.number)).toEqual([1]);
  });

  it('lists a submission with its latest receipt, and names it in events', () => {
    expect(summaryView({ ...s, submitted_at: null, receipt_number: '2027-000001' })).toMatchObject({
      id: 's1',
      state: 'RETURNED',
      submittedAt: null,
      receiptNumber: '2027-000001',
    });
    expect(factsOf(s, 2)).toEqual({
      submissionId: 's1',
      version: 2,
      campaignId: 'c1',
      groupId: 'g1',
      year: 2027,
      unitId: 'u1',
      kind: 'ANNUAL_REPORT',
    });
  });
});

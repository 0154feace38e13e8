import { CampaignView, SubmissionKind } from '@tdkt/contracts';
import { KindDeadline } from '@tdkt/domain';
import type { SubmissionListRow } from '../submissions/submissions.repository';
import { campaignSubmissionsView } from './campaigns.views';

const campaign = { id: 'c1', groupId: 'g1', year: 2027, latePolicy: 'REFUSE' } as unknown as CampaignView;
const deadlines: Partial<Record<SubmissionKind, KindDeadline>> = {
  ANNUAL_REPORT: { milestoneCode: 'annual', dueAt: '2027-11-30T16:59:59.999Z', latePolicy: 'REFUSE' },
  SELF_SCORE: { milestoneCode: 'self', dueAt: '2027-03-31T16:59:59.999Z', latePolicy: 'ACCEPT_LATE' },
};
const ctx = {
  campaign,
  members: new Map([
    ['u1', { unitId: 'u1', unitName: 'Sở Tài chính', subgroupId: null }],
    ['u2', { unitId: 'u2', unitName: 'Sở Công thương', subgroupId: 'sg' }],
  ]),
  deadline: (k: SubmissionKind) => deadlines[k] ?? null,
  expectedKinds: [SubmissionKind.SELF_SCORE, SubmissionKind.ANNUAL_REPORT],
};

const row = (unit: string, kind: string, state: string, late = false): SubmissionListRow => ({
  id: `${unit}-${kind}`,
  campaign_id: 'c1',
  group_id: 'g1',
  year: 2027,
  unit_id: unit,
  kind,
  title: null,
  state,
  late,
  current_version: 1,
  ever_submitted: true,
  created_by: 'x',
  created_at: new Date('2027-01-01T00:00:00Z'),
  updated_at: new Date('2027-01-01T00:00:00Z'),
  submitted_at: new Date('2027-01-01T00:00:00Z'),
  receipt_number: '2027-000001',
});

describe("the chair's list", () => {
  const now = new Date('2027-06-01T00:00:00Z'); // after the self-score deadline, before the annual one

  it('orders members by Vietnamese name and says what is missing, late and overdue', () => {
    const v = campaignSubmissionsView(ctx, [row('u1', 'SELF_SCORE', 'SUBMITTED', true)], undefined, now);
    expect(v.members.map((m) => m.unitName)).toEqual(['Sở Công thương', 'Sở Tài chính']);
    const [u2, u1] = v.members;
    expect(u1).toMatchObject({ notSubmitted: ['ANNUAL_REPORT'], overdue: [], late: true });
    expect(u2).toMatchObject({
      notSubmitted: ['SELF_SCORE', 'ANNUAL_REPORT'],
      overdue: ['SELF_SCORE'],
      late: true,
      subgroupId: 'sg',
    });
    expect(v.counts).toEqual({
      members: 2,
      notSubmitted: 3,
      submitted: 1,
      returned: 0,
      accepted: 0,
      late: 1,
      overdue: 1,
    });
    expect(v.deadlines).toEqual([
      {
        kind: 'SELF_SCORE',
        milestoneCode: 'self',
        dueAt: '2027-03-31T16:59:59.999Z',
        latePolicy: 'ACCEPT_LATE',
      },
      {
        kind: 'ANNUAL_REPORT',
        milestoneCode: 'annual',
        dueAt: '2027-11-30T16:59:59.999Z',
        latePolicy: 'REFUSE',
      },
    ]);
  });

  it('looks at one kind when asked', () => {
    const v = campaignSubmissionsView(
      ctx,
      [row('u1', 'ANNUAL_REPORT', 'ACCEPTED'), row('u2', 'ANNUAL_REPORT', 'RETURNED')],
      SubmissionKind.ANNUAL_REPORT,
      now,
    );
    expect(v.deadlines.map((d) => d.kind)).toEqual(['ANNUAL_REPORT']);
    expect(v.counts).toMatchObject({ notSubmitted: 0, accepted: 1, returned: 1, overdue: 0 });
  });
});

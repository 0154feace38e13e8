import type { CampaignRow, MilestoneRow } from './campaigns.repository';
import { toCampaignView } from './campaigns.views';

const campaign: CampaignRow = {
  id: 'c1',
  group_id: 'g1',
  year: 2023,
  title: 'Giao ước 2023',
  late_policy: 'REFUSE',
};

const ms = (code: string, over: Partial<MilestoneRow> = {}): MilestoneRow => ({
  id: `id-${code}`,
  campaign_id: 'c1',
  code,
  title: code,
  starts_on: null,
  due_on: null,
  anchor_code: null,
  offset_days: null,
  late_policy: null,
  submission_kinds: [],
  ...over,
});

describe('campaigns views', () => {
  it('resolves relative deadlines, closes them at the end of the day in Vietnam, orders by deadline', () => {
    const view = toCampaignView(campaign, [
      ms('dossier', { anchor_code: 'conference', offset_days: 7 }),
      ms('conference', { starts_on: '2024-02-27', due_on: '2024-02-27' }),
      ms('self-score', {
        due_on: '2024-02-04',
        late_policy: 'ACCEPT_LATE',
        submission_kinds: ['SELF_SCORE'],
      }),
      ms('undated'),
      ms('signed', { starts_on: '2023-01-01' }),
      ms('other-campaign', { campaign_id: 'c2', due_on: '2020-01-01' }),
    ]);
    expect(view).toMatchObject({
      id: 'c1',
      groupId: 'g1',
      year: 2023,
      title: 'Giao ước 2023',
      latePolicy: 'REFUSE',
    });
    expect(view.milestones.map((m) => [m.code, m.dueOn])).toEqual([
      ['signed', null],
      ['self-score', '2024-02-04'],
      ['conference', '2024-02-27'],
      ['dossier', '2024-03-05'],
      ['undated', null],
    ]);
    const selfScore = view.milestones[1];
    expect(selfScore).toEqual({
      id: 'id-self-score',
      code: 'self-score',
      title: 'self-score',
      startsOn: null,
      dueOn: '2024-02-04',
      dueAt: '2024-02-04T16:59:59.999Z',
      anchorCode: null,
      offsetDays: null,
      latePolicy: 'ACCEPT_LATE',
      submissionKinds: ['SELF_SCORE'],
    });
    expect(view.milestones[3]).toMatchObject({
      anchorCode: 'conference',
      offsetDays: 7,
      dueAt: '2024-03-05T16:59:59.999Z',
    });
  });

  it('a relative milestone whose anchor has no date yet has no deadline', () => {
    const view = toCampaignView(campaign, [
      ms('conference'),
      ms('dossier', { anchor_code: 'conference', offset_days: 7 }),
    ]);
    expect(view.milestones.map((m) => [m.code, m.dueOn, m.dueAt])).toEqual([
      ['conference', null, null],
      ['dossier', null, null],
    ]);
  });
});

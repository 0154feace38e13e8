import { ConferenceKind } from '@tdkt/contracts';
import type { MilestoneRow } from '../campaigns/campaigns.repository';
import { conferenceDays, conferenceMilestones } from './conferences.views';

const ms = (code: string, over: Partial<MilestoneRow> = {}): MilestoneRow => ({
  id: `id-${code}`,
  campaign_id: 'c1',
  code,
  title: `title ${code}`,
  starts_on: null,
  due_on: null,
  anchor_code: null,
  offset_days: null,
  late_policy: null,
  submission_kinds: [],
  ...over,
});

describe('conference milestones', () => {
  it('a conference’s days are counted in Vietnam', () => {
    expect(conferenceDays('2024-02-26T18:00:00Z', null)).toEqual({
      date: '2024-02-27',
      lastDay: '2024-02-27',
    });
    expect(conferenceDays('2024-03-08T00:30:00Z', '2024-03-09T04:30:00Z')).toEqual({
      date: '2024-03-08',
      lastDay: '2024-03-09',
    });
    expect(conferenceDays(null, null)).toEqual({ date: null, lastDay: null });
  });

  it('dating a conference states its milestone (first to last day), dropping a relative date, keeping its kinds', () => {
    const existing = [
      ms('official-conference'),
      ms('preparatory-conference', {
        anchor_code: 'official-conference',
        offset_days: -1,
        late_policy: 'REFUSE',
      }),
      ms('achievement-dossier-due', {
        anchor_code: 'official-conference',
        offset_days: 7,
        submission_kinds: ['ACHIEVEMENT_REPORT'],
      }),
    ];
    expect(
      conferenceMilestones(
        ConferenceKind.PREPARATORY,
        2023,
        { date: '2024-02-26', lastDay: '2024-02-26' },
        existing,
      ),
    ).toEqual([
      {
        code: 'preparatory-conference',
        title: 'title preparatory-conference',
        startsOn: '2024-02-26',
        dueOn: '2024-02-26',
        anchorCode: null,
        offsetDays: null,
        latePolicy: 'REFUSE',
        submissionKinds: [],
      },
    ]);
    // The official one: achievement reports already have a milestone, none is added.
    expect(
      conferenceMilestones(
        ConferenceKind.OFFICIAL,
        2023,
        { date: '2024-03-08', lastDay: '2024-03-09' },
        existing,
      ),
    ).toEqual([
      expect.objectContaining({ code: 'official-conference', startsOn: '2024-03-08', dueOn: '2024-03-09' }),
    ]);
  });

  it('undated: a relative milestone is left alone; a stated one loses its date; a missing one is created', () => {
    const undated = { date: null, lastDay: null };
    expect(
      conferenceMilestones(ConferenceKind.PREPARATORY, 2023, undated, [
        ms('preparatory-conference', { anchor_code: 'official-conference', offset_days: -1 }),
        ms('official-conference'),
      ]),
    ).toEqual([]);
    expect(
      conferenceMilestones(ConferenceKind.PREPARATORY, 2023, undated, [
        ms('preparatory-conference', { starts_on: '2024-02-26', due_on: '2024-02-26' }),
      ]),
    ).toEqual([expect.objectContaining({ code: 'preparatory-conference', startsOn: null, dueOn: null })]);
    expect(conferenceMilestones(ConferenceKind.PREPARATORY, 2023, undated, [])).toEqual([
      expect.objectContaining({
        code: 'preparatory-conference',
        title: 'Hội nghị trù bị năm 2023',
        dueOn: null,
      }),
    ]);
  });

  it('the official conference brings achievement reports due 7 days after it when nothing closes them', () => {
    expect(
      conferenceMilestones(ConferenceKind.OFFICIAL, 2023, { date: '2024-03-08', lastDay: '2024-03-09' }, []),
    ).toEqual([
      expect.objectContaining({ code: 'official-conference', title: 'Hội nghị tổng kết năm 2023' }),
      {
        code: 'achievement-reports',
        title: 'Các đơn vị được suy tôn gửi báo cáo thành tích (07 ngày sau Hội nghị tổng kết)',
        startsOn: null,
        dueOn: null,
        anchorCode: 'official-conference',
        offsetDays: 7,
        latePolicy: null,
        submissionKinds: ['ACHIEVEMENT_REPORT'],
      },
    ]);
  });
});

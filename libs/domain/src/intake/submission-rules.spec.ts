import { deadlineOf, judgeTiming, MilestoneDeadline, receiptNumber, transition } from './submission-rules';

describe('transition', () => {
  it('follows draft → submitted → returned → submitted → accepted', () => {
    expect(transition('DRAFT', 'SUBMIT')).toEqual({ to: 'SUBMITTED' });
    expect(transition('SUBMITTED', 'RETURN')).toEqual({ to: 'RETURNED' });
    expect(transition('RETURNED', 'SUBMIT')).toEqual({ to: 'SUBMITTED' });
    expect(transition('SUBMITTED', 'ACCEPT')).toEqual({ to: 'ACCEPTED' });
    expect(transition('RETURNED', 'EDIT_FILES')).toEqual({ to: 'RETURNED' });
  });

  it('refuses everything else with the reason and the current state', () => {
    const refused = [
      ['DRAFT', 'RETURN'],
      ['DRAFT', 'ACCEPT'],
      ['SUBMITTED', 'SUBMIT'],
      ['SUBMITTED', 'EDIT_FILES'],
      ['RETURNED', 'ACCEPT'],
      ['ACCEPTED', 'SUBMIT'],
      ['ACCEPTED', 'RETURN'],
      ['ACCEPTED', 'EDIT_FILES'],
    ] as const;
    for (const [from, action] of refused) {
      const r = transition(from, action);
      expect('refused' in r && r.refused).toContain(`(it is ${from})`);
    }
  });
});

describe('deadlines', () => {
  const ms: MilestoneDeadline[] = [
    {
      code: 'h1',
      dueAt: '2023-06-30T16:59:59.999Z',
      latePolicy: null,
      submissionKinds: ['SIX_MONTH_REPORT'],
    },
    {
      code: 'annual',
      dueAt: '2023-11-29T16:59:59.999Z',
      latePolicy: 'ACCEPT_LATE',
      submissionKinds: ['ANNUAL_REPORT', 'SELF_SCORE'],
    },
    { code: 'dossier', dueAt: null, latePolicy: null, submissionKinds: ['ACHIEVEMENT_REPORT'] },
  ];

  it('takes the milestone that lists the kind, with its policy or the campaign’s', () => {
    expect(deadlineOf('SIX_MONTH_REPORT', ms, 'REFUSE')).toEqual({
      milestoneCode: 'h1',
      dueAt: '2023-06-30T16:59:59.999Z',
      latePolicy: 'REFUSE',
    });
    expect(deadlineOf('SELF_SCORE', ms, 'REFUSE')?.latePolicy).toBe('ACCEPT_LATE');
    expect(deadlineOf('EVIDENCE', ms, 'REFUSE')).toBeNull();
  });

  it('takes the latest dated milestone when several list the kind', () => {
    const two = [...ms, { ...ms[0], code: 'h1-extended', dueAt: '2023-07-15T16:59:59.999Z' }];
    expect(deadlineOf('SIX_MONTH_REPORT', two, 'REFUSE')?.milestoneCode).toBe('h1-extended');
  });

  it('judges by the server clock: on time, late, refused; an undated deadline is open', () => {
    const h1 = deadlineOf('SIX_MONTH_REPORT', ms, 'REFUSE');
    expect(judgeTiming(h1, new Date('2023-06-30T16:59:59.999Z'))).toEqual({ accepted: true, late: false });
    const after = judgeTiming(h1, new Date('2023-06-30T17:00:00.000Z'));
    expect(after.accepted).toBe(false);
    expect(!after.accepted && after.reason).toMatch(/h1.*does not accept late/);
    expect(after).toMatchObject({ milestoneCode: 'h1', dueAt: '2023-06-30T16:59:59.999Z' });
    const annual = deadlineOf('ANNUAL_REPORT', ms, 'REFUSE');
    expect(judgeTiming(annual, new Date('2024-01-01T00:00:00Z'))).toEqual({ accepted: true, late: true });
    expect(judgeTiming(deadlineOf('ACHIEVEMENT_REPORT', ms, 'REFUSE'), new Date('2030-01-01'))).toEqual({
      accepted: true,
      late: false,
    });
    expect(judgeTiming(null, new Date())).toEqual({ accepted: true, late: false });
  });

  it('numbers receipts per campaign year', () => {
    expect(receiptNumber(2023, 42)).toBe('2023-000042');
    expect(receiptNumber(2026, 1234567)).toBe('2026-1234567');
  });
});

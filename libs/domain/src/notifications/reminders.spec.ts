import { digestLine, digestSourceKey, dueDigest, parseDigestTime } from './digest';
import {
  atVietnamTime,
  daysLeft,
  decideDue,
  DEFAULT_REMINDER_OFFSETS,
  parseReminderOffsets,
  planReminders,
  reminderSourceKey,
  remindersToSchedule,
} from './reminders';

const offsets = parseReminderOffsets(DEFAULT_REMINDER_OFFSETS);

describe('reminder offsets', () => {
  it('parses the default: 7 and 2 days before and the last day, 08:00, earliest first', () => {
    expect(offsets).toEqual([
      { code: 'D-7', daysBefore: 7, time: '08:00' },
      { code: 'D-2', daysBefore: 2, time: '08:00' },
      { code: 'D-0', daysBefore: 0, time: '08:00' },
    ]);
  });

  it('takes any order, a default time, and refuses malformed or repeated entries', () => {
    expect(parseReminderOffsets(' D-0 17:30 , D-14 ').map((o) => `${o.code} ${o.time}`)).toEqual([
      'D-14 08:00',
      'D-0 17:30',
    ]);
    expect(() => parseReminderOffsets('D-7 8:00')).toThrow(/D-7 8:00/);
    expect(() => parseReminderOffsets('D-7 24:00')).toThrow();
    expect(() => parseReminderOffsets('7d')).toThrow();
    expect(() => parseReminderOffsets('D-2,D-2 09:00')).toThrow(/repeated/);
    expect(() => parseReminderOffsets(' , ')).toThrow(/no reminder offsets/);
  });
});

describe('planReminders', () => {
  const deadline = { milestoneId: 'm1', dueOn: '2027-02-05' };

  it('08:00 in Vietnam is 01:00 UTC on every date (no daylight saving in Asia/Ho_Chi_Minh)', () => {
    for (const d of ['2027-01-15', '2027-03-28', '2027-07-01', '2027-10-31', '2027-12-31'])
      expect(atVietnamTime(d, '08:00').toISOString()).toBe(`${d}T01:00:00.000Z`);
    expect(atVietnamTime('2027-01-01', '06:30').toISOString()).toBe('2026-12-31T23:30:00.000Z');
  });

  it('a deadline "before 05/02" gets 29/01, 03/02 and 05/02 at 08:00 Vietnam; it closes at the end of 05/02', () => {
    const plan = planReminders(deadline, offsets);
    expect(plan.map((r) => [r.offsetCode, r.sendAt.toISOString()])).toEqual([
      ['D-7', '2027-01-29T01:00:00.000Z'],
      ['D-2', '2027-02-03T01:00:00.000Z'],
      ['D-0', '2027-02-05T01:00:00.000Z'],
    ]);
    expect(plan[0].deadlineAt.toISOString()).toBe('2027-02-05T16:59:59.999Z');
    expect(plan.every((r) => r.deadlineOn === '2027-02-05')).toBe(true);
  });

  it('crosses month and year ends on the Vietnamese calendar', () => {
    const plan = planReminders({ milestoneId: 'm', dueOn: '2027-01-03' }, offsets);
    expect(plan.map((r) => r.sendAt.toISOString())).toEqual([
      '2026-12-27T01:00:00.000Z',
      '2027-01-01T01:00:00.000Z',
      '2027-01-03T01:00:00.000Z',
    ]);
  });

  it('with now: only reminders still ahead (a deadline moved 3 days ahead gets no 7-day reminder)', () => {
    const now = new Date('2027-02-02T05:00:00Z');
    expect(planReminders(deadline, offsets, now).map((r) => r.offsetCode)).toEqual(['D-2', 'D-0']);
    expect(planReminders(deadline, offsets, new Date('2027-02-05T01:00:00Z'))).toEqual([]);
    expect(planReminders(deadline, offsets, new Date('2027-03-01T00:00:00Z'))).toEqual([]);
  });

  it('drops a reminder that would fall after the deadline closes and refuses a bad date', () => {
    expect(() => planReminders({ milestoneId: 'm', dueOn: '2027-02-30' }, offsets)).toThrow();
    // A time of day cannot exceed 23:59, so every D-0 reminder is before the end of the day.
    expect(planReminders(deadline, parseReminderOffsets('D-0 23:59'))).toHaveLength(1);
  });
});

describe('remindersToSchedule', () => {
  const plan = planReminders({ milestoneId: 'm1', dueOn: '2027-02-05' }, offsets);
  const codes = (now: string) => remindersToSchedule(plan, new Date(now)).map((r) => r.offsetCode);

  it('a deadline weeks ahead: all three', () => {
    expect(codes('2027-01-01T00:00:00Z')).toEqual(['D-7', 'D-2', 'D-0']);
  });
  it('set or moved 3 days ahead: one catch-up reminder now (the latest past), then those ahead', () => {
    expect(codes('2027-02-02T05:00:00Z')).toEqual(['D-7', 'D-2', 'D-0']);
    expect(codes('2027-02-04T05:00:00Z')).toEqual(['D-2', 'D-0']);
    expect(codes('2027-02-05T05:00:00Z')).toEqual(['D-0']);
  });
  it('a deadline already closed: none', () => {
    expect(codes('2027-02-05T17:00:00Z')).toEqual([]);
  });
});

describe('decideDue', () => {
  const [d7, d2, d0] = planReminders({ milestoneId: 'm1', dueOn: '2027-02-05' }, offsets);

  it('sends a reminder found due before its deadline', () => {
    expect(decideDue(d7, d7.sendAt, new Date('2027-01-29T01:00:05Z'))).toEqual({ action: 'SEND' });
  });

  it('after downtime: of several due for the same deadline only the latest goes out, the others recorded', () => {
    const now = new Date('2027-02-04T10:00:00Z');
    expect(decideDue(d7, d2.sendAt, now)).toEqual({ action: 'SKIP', reason: 'SUPERSEDED' });
    expect(decideDue(d2, d2.sendAt, now)).toEqual({ action: 'SEND' });
  });

  it('after the deadline closed: skipped as DEADLINE_PASSED (recorded, not sent)', () => {
    const now = new Date('2027-02-05T17:00:00Z');
    for (const r of [d7, d2, d0])
      expect(decideDue(r, d0.sendAt, now)).toEqual({ action: 'SKIP', reason: 'DEADLINE_PASSED' });
    // One millisecond before the close, the last-day reminder still goes out.
    expect(decideDue(d0, d0.sendAt, new Date('2027-02-05T16:59:59.998Z'))).toEqual({ action: 'SEND' });
  });
});

describe('daysLeft and the source key', () => {
  it('counts Vietnamese calendar days (after 17:00 UTC it is already the next day in Vietnam)', () => {
    expect(daysLeft('2027-02-05', new Date('2027-01-29T01:00:00Z'))).toBe(7);
    expect(daysLeft('2027-02-05', new Date('2027-02-04T16:59:59Z'))).toBe(1);
    expect(daysLeft('2027-02-05', new Date('2027-02-04T17:00:00Z'))).toBe(0);
  });

  it('names milestone, deadline date and offset (a moved deadline is a new reminder)', () => {
    const r = { milestoneId: 'm1', offsetCode: 'D-2', deadlineOn: '2027-02-05' };
    expect(reminderSourceKey(r)).toBe('reminder:m1:2027-02-05:D-2');
    expect(reminderSourceKey({ ...r, deadlineOn: '2027-02-10' })).not.toBe(reminderSourceKey(r));
  });
});

describe('daily digest', () => {
  it('is due at the configured hour in Vietnam and covers the 24 hours before it', () => {
    const d = dueDigest(new Date('2027-02-04T10:00:00Z'), '17:00'); // 17:00 in Vietnam
    expect(d.date).toBe('2027-02-04');
    expect(d.at.toISOString()).toBe('2027-02-04T10:00:00.000Z');
    expect(d.from.toISOString()).toBe('2027-02-03T10:00:00.000Z');
    // One minute before: yesterday's digest is the latest due.
    expect(dueDigest(new Date('2027-02-04T09:59:00Z'), '17:00').date).toBe('2027-02-03');
    // 06:00 in Vietnam on the 5th is 23:00 UTC on the 4th.
    expect(dueDigest(new Date('2027-02-04T23:00:00Z'), '06:00').date).toBe('2027-02-05');
    expect(() => parseDigestTime('7:00')).toThrow();
    expect(parseDigestTime('07:00')).toBe('07:00');
  });

  it('says how many submitted today and how many are left, per group-year', () => {
    expect(digestLine({ groupName: 'Cụm TN&DHMT', year: 2026, submittedToday: 12, notSubmitted: 3 })).toBe(
      'Cụm TN&DHMT (2026): 12 đơn vị đã nộp hôm nay; còn 3 đơn vị chưa nộp',
    );
    expect(digestLine({ groupName: 'Khối kinh tế', year: 2026, submittedToday: 1, notSubmitted: 0 })).toBe(
      'Khối kinh tế (2026): 1 đơn vị đã nộp hôm nay; tất cả đơn vị đã nộp',
    );
    expect(digestSourceKey('u1', '2027-02-04')).toBe('digest:u1:2027-02-04');
  });
});

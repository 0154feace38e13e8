import {
  addDays,
  endOfDayInVietnam,
  formatVietnameseDate,
  formatVietnamInstant,
  wholeMonths,
  isValidDate,
  overlaps,
  todayInVietnam,
  within,
  yearPeriod,
} from './periods';

describe('periods', () => {
  it('checks calendar dates', () => {
    expect(isValidDate('2024-02-29')).toBe(true);
    expect(isValidDate('2023-02-29')).toBe(false);
    expect(isValidDate('2023-13-01')).toBe(false);
    expect(isValidDate('05/02/2024')).toBe(false);
    // Only the years the platform stores (Postgres refuses year 0).
    expect(isValidDate('0000-01-01')).toBe(false);
    expect(isValidDate('1899-12-31')).toBe(false);
    expect(isValidDate('2101-01-01')).toBe(false);
    expect(isValidDate('1900-01-01')).toBe(true);
    expect(isValidDate('2100-12-31')).toBe(true);
  });

  it('overlaps with open bounds', () => {
    expect(overlaps('2023-01-01', '2025-06-30', '2023-01-01', '2023-12-31')).toBe(true);
    expect(overlaps('2023-01-01', '2025-06-30', '2026-01-01', '2026-12-31')).toBe(false);
    expect(overlaps(null, null, '2026-01-01', '2026-12-31')).toBe(true);
    expect(overlaps('2025-07-01', null, '2025-01-01', '2025-06-30')).toBe(false);
  });

  it('within', () => {
    expect(within('2023-01-01', '2025-06-30', null, '2025-06-30')).toBe(true);
    expect(within('2023-01-01', null, null, '2025-06-30')).toBe(false);
    expect(within('2024-12-31', null, '2025-01-01', null)).toBe(false);
  });

  it('adds days across months and leap years', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2025-07-01', -1)).toBe('2025-06-30');
    expect(yearPeriod(2023)).toEqual({ from: '2023-01-01', to: '2023-12-31' });
  });

  it('closes a deadline at the end of the day in Asia/Ho_Chi_Minh (UTC+7)', () => {
    expect(endOfDayInVietnam('2024-02-04').toISOString()).toBe('2024-02-04T16:59:59.999Z');
  });

  it('knows the Vietnamese date of an instant (TZ=UTC in tests, the rule is explicit)', () => {
    expect(todayInVietnam(new Date('2023-12-31T17:00:00Z'))).toBe('2024-01-01');
    expect(todayInVietnam(new Date('2023-12-31T16:59:59Z'))).toBe('2023-12-31');
  });

  it('writes dates as Decree 30 asks', () => {
    expect(formatVietnameseDate('2023-12-04')).toBe('ngày 04 tháng 12 năm 2023');
    expect(formatVietnameseDate('2024-02-05')).toBe('ngày 05 tháng 02 năm 2024');
    expect(formatVietnameseDate('2019-03-20')).toBe('ngày 20 tháng 3 năm 2019');
  });
});

describe('formatVietnamInstant', () => {
  it('reads the instant on a clock in Vietnam (UTC+7), across the date line', () => {
    expect(formatVietnamInstant(new Date('2024-02-04T16:59:59.999Z'))).toBe(
      '23:59:59 ngày 04/02/2024 (giờ Việt Nam)',
    );
    expect(formatVietnamInstant(new Date('2024-02-04T17:00:00Z'))).toBe(
      '00:00:00 ngày 05/02/2024 (giờ Việt Nam)',
    );
  });
});

describe('wholeMonths', () => {
  it('finds the whole months of a period; none inside a month', () => {
    expect(wholeMonths('2023-01-01', '2023-06-30')).toEqual({ start: '2023-01-01', end: '2023-07-01' });
    expect(wholeMonths('2023-03-10', '2023-04-30')).toEqual({ start: '2023-04-01', end: '2023-05-01' });
    expect(wholeMonths('2023-11-15', '2024-02-10')).toEqual({ start: '2023-12-01', end: '2024-02-01' });
    expect(wholeMonths('2023-03-10', '2023-03-20')).toEqual({ start: '2023-03-10', end: '2023-03-10' });
    expect(wholeMonths('2023-03-01', '2023-03-20')).toEqual({ start: '2023-03-01', end: '2023-03-01' });
    expect(wholeMonths('2024-02-01', '2024-02-29')).toEqual({ start: '2024-02-01', end: '2024-03-01' });
  });
});

import { addDays, dateInVietnam } from '../time/periods';
import { atVietnamTime } from './reminders';

/**
 * The daily digest: for a user who chose it (chairs, vice-chairs, the board), one e-mail a day at a
 * configured hour in Vietnam instead of one e-mail per submission. Pure: every function takes `now`.
 */

const HOUR = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** Checks `HH:mm` (the digest hour, Asia/Ho_Chi_Minh). */
export function parseDigestTime(time: string): string {
  if (!HOUR.test(time)) throw new Error(`digest time "${time}": expected HH:mm, e.g. "17:00"`);
  return time;
}

/**
 * The latest digest due at `now`: its Vietnamese date (the latest date whose `time` is at or
 * before `now`), its instant, and the window it covers — from the previous day's digest instant to
 * this one, so consecutive digests neither overlap nor leave a gap.
 */
export function dueDigest(now: Date, time: string): { date: string; at: Date; from: Date } {
  const today = dateInVietnam(now);
  const todayAt = atVietnamTime(today, time);
  const date = todayAt <= now ? today : addDays(today, -1);
  const at = atVietnamTime(date, time);
  return { date, at, from: atVietnamTime(addDays(date, -1), time) };
}

export interface DigestGroupLine {
  groupName: string;
  year: number;
  /** Units that submitted something in the digest's window. */
  submittedToday: number;
  /** Member units still missing a kind due in the campaign. */
  notSubmitted: number;
}

/** "12 đơn vị đã nộp hôm nay; còn 3 đơn vị chưa nộp" — one line per group-year. */
export function digestLine(l: DigestGroupLine): string {
  const left = l.notSubmitted === 0 ? 'tất cả đơn vị đã nộp' : `còn ${l.notSubmitted} đơn vị chưa nộp`;
  return `${l.groupName} (${l.year}): ${l.submittedToday} đơn vị đã nộp hôm nay; ${left}`;
}

/** One digest per user and Vietnamese date. */
export function digestSourceKey(userId: string, date: string): string {
  return `digest:${userId}:${date}`;
}

import { addDays, dateInVietnam, endOfDayInVietnam, isValidDate } from '../time/periods';

/**
 * Deadline reminders: when each reminder of a milestone's deadline is due, and what to do with a
 * reminder found due late. Pure: every function takes `now`.
 *
 * Vietnam keeps UTC+7 all year (no daylight saving since 1975), so "08:00 in Asia/Ho_Chi_Minh" is
 * always 01:00 UTC: instants are built with a fixed +07:00 offset.
 */

/** A reminder `daysBefore` days before the deadline's date, at `time` (HH:mm) in Vietnam. */
export interface ReminderOffset {
  /** Stable name, part of the reminder's identity: `D-7`, `D-2`, `D-0`. */
  code: string;
  daysBefore: number;
  /** HH:mm, Asia/Ho_Chi_Minh. */
  time: string;
}

/** 7 days and 2 days before, and the last day, each at 08:00 in Vietnam. */
export const DEFAULT_REMINDER_OFFSETS = 'D-7 08:00,D-2 08:00,D-0 08:00';

const OFFSET = /^D-(\d{1,3})(?: ([01]\d|2[0-3]):([0-5]\d))?$/;

/**
 * Parses `D-7 08:00,D-2 08:00,D-0 08:00` (the time defaults to 08:00). Throws on a malformed entry
 * or a repeated day; the result is ordered earliest reminder first.
 */
export function parseReminderOffsets(spec: string): ReminderOffset[] {
  const out: ReminderOffset[] = [];
  for (const raw of spec
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '')) {
    const m = OFFSET.exec(raw);
    if (!m) throw new Error(`reminder offset "${raw}": expected D-<days> [HH:mm], e.g. "D-7 08:00"`);
    const daysBefore = Number(m[1]);
    if (out.some((o) => o.daysBefore === daysBefore))
      throw new Error(`reminder offset D-${daysBefore} repeated`);
    out.push({ code: `D-${daysBefore}`, daysBefore, time: `${m[2] ?? '08'}:${m[3] ?? '00'}` });
  }
  if (out.length === 0) throw new Error('no reminder offsets');
  return out.sort((a, b) => b.daysBefore - a.daysBefore);
}

/** The instant of `time` (HH:mm) on `date` in Vietnam. */
export function atVietnamTime(date: string, time: string): Date {
  return new Date(`${date}T${time}:00.000+07:00`);
}

export interface ReminderDeadline {
  milestoneId: string;
  /** The deadline's date in Vietnam (the milestone's resolved `dueOn`). */
  dueOn: string;
}

export interface PlannedReminder {
  milestoneId: string;
  offsetCode: string;
  /** When to send. */
  sendAt: Date;
  /** The deadline's date and its instant (end of that day in Vietnam). */
  deadlineOn: string;
  deadlineAt: Date;
}

/**
 * The reminders of one deadline, earliest first: one per offset whose instant falls before the
 * deadline closes. With `now`, only those still ahead (a milestone created or moved 3 days before
 * its deadline gets no "7 days before" reminder); reminders already planned are the caller's.
 */
export function planReminders(
  m: ReminderDeadline,
  offsets: readonly ReminderOffset[],
  now?: Date,
): PlannedReminder[] {
  if (!isValidDate(m.dueOn)) throw new Error(`not a date: ${m.dueOn}`);
  const deadlineAt = endOfDayInVietnam(m.dueOn);
  return offsets
    .map((o) => ({
      milestoneId: m.milestoneId,
      offsetCode: o.code,
      sendAt: atVietnamTime(addDays(m.dueOn, -o.daysBefore), o.time),
      deadlineOn: m.dueOn,
      deadlineAt,
    }))
    .filter((r) => r.sendAt < deadlineAt && (now === undefined || r.sendAt > now))
    .sort((a, b) => a.sendAt.getTime() - b.sendAt.getTime());
}

/**
 * Which planned reminders of one deadline a schedule should take on at `now` (for a deadline new
 * to it, or moved): those still ahead, and — when the deadline has not closed — the latest one
 * already past, to go out at once ("còn 3 ngày" for a deadline set 3 days ahead, or moved closer).
 * Earlier past ones are never taken: one catch-up reminder, not several.
 */
export function remindersToSchedule<R extends { sendAt: Date; deadlineAt: Date }>(
  planned: readonly R[],
  now: Date,
): R[] {
  const past = planned.filter((r) => r.sendAt <= now && r.deadlineAt > now);
  const latestPast = past.reduce<R | undefined>((a, r) => (!a || r.sendAt > a.sendAt ? r : a), undefined);
  return planned.filter((r) => r.sendAt > now || r === latestPast);
}

/** What to do with a reminder whose time has come. */
export type DueDecision =
  | { action: 'SEND' }
  /** The deadline closed before it could be sent (the service was down): recorded, not sent. */
  | { action: 'SKIP'; reason: 'DEADLINE_PASSED' }
  /** A later reminder of the same deadline is also due: only that one goes out. */
  | { action: 'SKIP'; reason: 'SUPERSEDED' };

export interface DueReminder {
  sendAt: Date;
  deadlineAt: Date;
}

/**
 * What to do with a reminder found due at `now` (sendAt <= now). `latestDue`: the latest sendAt,
 * at or before `now`, among the reminders of the same deadline (this one included) that are still
 * pending or were sent. None is sent after its deadline; of several due together (missed while
 * the service was down) only the latest goes out — one "2 days left", not "7 days left" as well.
 */
export function decideDue(r: DueReminder, latestDue: Date, now: Date): DueDecision {
  if (r.deadlineAt <= now) return { action: 'SKIP', reason: 'DEADLINE_PASSED' };
  if (latestDue > r.sendAt) return { action: 'SKIP', reason: 'SUPERSEDED' };
  return { action: 'SEND' };
}

/** Whole days left before the deadline closes, counted in Vietnamese calendar days (0 = the last day). */
export function daysLeft(deadlineOn: string, now: Date): number {
  const today = dateInVietnam(now);
  return Math.round((Date.parse(`${deadlineOn}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000);
}

/**
 * The source key of a reminder: one delivery per (key, user, channel) downstream, so however the
 * fan-out is split into notices, retried or claimed twice, each officer gets it once. It names the
 * deadline's date: a moved deadline is a new reminder.
 */
export function reminderSourceKey(r: {
  milestoneId: string;
  offsetCode: string;
  deadlineOn: string;
}): string {
  return `reminder:${r.milestoneId}:${r.deadlineOn}:${r.offsetCode}`;
}

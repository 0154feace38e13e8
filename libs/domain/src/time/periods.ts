/** Dates of the domain. A date is `YYYY-MM-DD`; open bounds are null. */

export const VN_TIME_ZONE = 'Asia/Ho_Chi_Minh';
/** Vietnam has used UTC+7 without daylight saving since 1975. */
const VN_OFFSET = '+07:00';

export interface Period {
  from: string;
  to: string;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The years a date of the domain may fall in (what the contracts accept, and Postgres stores). */
export const FIRST_YEAR = 1900;
export const LAST_YEAR = 2100;

/** True when `date` is a real calendar date in `YYYY-MM-DD` form, in FIRST_YEAR–LAST_YEAR. */
export function isValidDate(date: string): boolean {
  if (typeof date !== 'string') return false;
  const m = DATE.exec(date);
  if (!m) return false;
  const year = Number(m[1]);
  if (year < FIRST_YEAR || year > LAST_YEAR) return false;
  const d = new Date(`${date}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === date;
}

export function yearPeriod(year: number): Period {
  return { from: `${year}-01-01`, to: `${year}-12-31` };
}

export function dayPeriod(date: string): Period {
  return { from: date, to: date };
}

/** Do [aFrom, aTo] and [bFrom, bTo] share a day? Null bounds are open. Dates compare as strings. */
export function overlaps(
  aFrom: string | null,
  aTo: string | null,
  bFrom: string | null,
  bTo: string | null,
): boolean {
  return (aFrom === null || bTo === null || aFrom <= bTo) && (bFrom === null || aTo === null || bFrom <= aTo);
}

/** Is [innerFrom, innerTo] inside [outerFrom, outerTo]? */
export function within(
  innerFrom: string | null,
  innerTo: string | null,
  outerFrom: string | null,
  outerTo: string | null,
): boolean {
  const fromOk = outerFrom === null || (innerFrom !== null && innerFrom >= outerFrom);
  const toOk = outerTo === null || (innerTo !== null && innerTo <= outerTo);
  return fromOk && toOk;
}

export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Made once: building an Intl formatter costs far more than formatting (it was 10 % of a submit). */
const VN_DATE = new Intl.DateTimeFormat('en-CA', { timeZone: VN_TIME_ZONE });

/** Today's date in Vietnam. */
export function todayInVietnam(now: Date = new Date()): string {
  return VN_DATE.format(now);
}

/** The last instant of a day in Vietnam: a deadline "trước ngày 05/02/2024" closes at its end. */
export function endOfDayInVietnam(date: string): Date {
  return new Date(`${date}T23:59:59.999${VN_OFFSET}`);
}

/** The calendar date, in Vietnam, of an instant. */
export function dateInVietnam(instant: Date): string {
  return todayInVietnam(instant);
}

function two(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/** "ngày 04 tháng 12 năm 2023" as documents write it (Decree 30: day < 10 and months 1–2 padded). */
export function formatVietnameseDate(date: string): string {
  const m = DATE.exec(date);
  if (!m) throw new Error(`not a date: ${date}`);
  const day = Number(m[3]);
  const month = Number(m[2]);
  const monthText = month <= 2 ? two(month) : String(month);
  return `ngày ${two(day)} tháng ${monthText} năm ${m[1]}`;
}

const VN_CLOCK = new Intl.DateTimeFormat('en-GB', {
  timeZone: VN_TIME_ZONE,
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

/** "14:05:09 ngày 04/02/2024 (giờ Việt Nam)": an instant as read on a clock in Vietnam. */
export function formatVietnamInstant(instant: Date): string {
  const [y, m, d] = dateInVietnam(instant).split('-');
  return `${VN_CLOCK.format(instant)} ngày ${d}/${m}/${y} (giờ Việt Nam)`;
}

/** The whole months inside [from, to] as [start, end) (first days); empty (start = end = from) if none. */
export function wholeMonths(from: string, to: string): { start: string; end: string } {
  const first = (d: string) => `${d.slice(0, 7)}-01`;
  const nextMonth = (d: string) => {
    const [y, m] = d.split('-').map(Number);
    return m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
  };
  const start = from.endsWith('-01') ? from : nextMonth(from);
  const after = addDays(to, 1);
  const end = after.endsWith('-01') ? after : first(to);
  return start < end ? { start, end } : { start: from, end: from };
}

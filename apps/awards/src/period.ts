import { isValidDate, Period } from '@tdkt/domain';
import { AppError } from '@tdkt/platform';

/**
 * A stated period (both ends or neither), checked: each end a calendar date, `to` not before `from`.
 * Errors name `${prefix}from` / `${prefix}to` (e.g. `body.to` for a nested body).
 */
export function checkedPeriod(from?: string | null, to?: string | null, prefix = ''): Period | undefined {
  if (!from && !to) return undefined;
  if (!from || !to) throw AppError.rule(`${prefix}${from ? 'to' : 'from'}`, 'periodBothEnds');
  for (const [f, v] of [
    ['from', from],
    ['to', to],
  ] as const)
    if (!isValidDate(v)) throw AppError.rule(`${prefix}${f}`, 'isCalendarDate');
  if (to < from) throw AppError.rule(`${prefix}to`, 'notBefore', ['from']);
  return { from, to };
}

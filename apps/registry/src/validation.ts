import { fold, isValidDate } from '@tdkt/domain';
import { AppError } from '@tdkt/platform';

/** Field rules shared by the registry's features (pure: nothing stored is read). */

/** Both dates are calendar dates and the end is not before the start. */
export function checkDates(
  from: string | null | undefined,
  to: string | null | undefined,
  fromField = 'validFrom',
  toField = 'validTo',
): void {
  if (from && !isValidDate(from)) throw AppError.rule(fromField, 'isCalendarDate');
  if (to && !isValidDate(to)) throw AppError.rule(toField, 'isCalendarDate');
  if (from && to && to < from) throw AppError.rule(toField, 'notBefore', [fromField]);
}

/**
 * A name is stored with its folded form for search, in a column as long as the name's: a name whose
 * fold is longer (e.g. Hangul, which decomposes into letters) is refused here, not by the database.
 */
export function checkName(name: string | undefined, max: number, field = 'name'): void {
  if (name !== undefined && fold(name).length > max) throw AppError.rule(field, 'foldedMaxLength', [max]);
}

import { ErrorParams, FieldError, ScoringErrors } from '@tdkt/contracts';
import { capProblems } from '@tdkt/domain';
import { AppError } from '@tdkt/platform';

/** A reason of scoring's own part of the error catalogue. */
export type ScoringReason = keyof typeof ScoringErrors;

/**
 * A coded error listing many problems (each by field): the first hundred, then how many more, so an
 * answer never grows with the input.
 */
export function problemsError(
  reason: ScoringReason,
  params: ErrorParams,
  errors: FieldError[],
  moreField = 'body',
): AppError {
  return new AppError({
    ...AppError.bodyOf(reason, { count: errors.length, ...params }),
    errors: capProblems(errors, (n) => ({ field: moreField, message: `và ${n} lỗi khác` })),
  });
}

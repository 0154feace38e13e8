import { ErrorCode } from '../rpc';
import { defineErrors } from './define';

/** The scoring service's errors, one code per reason (the catalogue of its messages). */
export const ScoringErrors = defineErrors({
  PLACEHOLDER_SCORING: { kind: ErrorCode.INTERNAL, message: 'unused' },
});

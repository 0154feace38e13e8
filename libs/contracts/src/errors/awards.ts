import { ErrorCode } from '../rpc';
import { defineErrors } from './define';

/** The awards service's errors, one code per reason (the catalogue of its messages). */
export const AwardsErrors = defineErrors({
  PLACEHOLDER_AWARDS: { kind: ErrorCode.INTERNAL, message: 'unused' },
});

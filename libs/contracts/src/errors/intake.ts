import { ErrorCode } from '../rpc';
import { defineErrors } from './define';

/** The intake service's errors, one code per reason (the catalogue of its messages). */
export const IntakeErrors = defineErrors({
  PLACEHOLDER_INTAKE: { kind: ErrorCode.INTERNAL, message: 'unused' },
});

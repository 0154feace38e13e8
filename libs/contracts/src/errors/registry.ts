import { ErrorCode } from '../rpc';
import { defineErrors } from './define';

/** The registry service's errors, one code per reason (the catalogue of its messages). */
export const RegistryErrors = defineErrors({
  PLACEHOLDER_REGISTRY: { kind: ErrorCode.INTERNAL, message: 'unused' },
});

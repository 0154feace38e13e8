import { ErrorParams, RegistryErrors } from '@tdkt/contracts';
import { AppError, mapPgError } from '@tdkt/platform';

/** A reason the registry raises: a key of its own catalogue (libs/contracts errors/registry.ts). */
export type RegistryReason = keyof typeof RegistryErrors;

/**
 * A Postgres constraint violation as the caller should hear it. `mapPgError` names the request
 * field (`fields`: constraint or column → field) and the kind (409 for a duplicate, 400 for a
 * reference to nothing); `reasons` gives, per field, the registry's reason for it, used when its
 * kind is the one the violation maps to. Anything else passes unchanged.
 */
export function constraintError(
  e: unknown,
  fields: Record<string, string>,
  reasons: Record<string, RegistryReason>,
  params: ErrorParams = {},
): unknown {
  const mapped = mapPgError(e, fields);
  if (!(mapped instanceof AppError) || mapped === e) return mapped;
  const field = mapped.body.errors?.[0]?.field;
  const reason = field === undefined ? undefined : reasons[field];
  return reason && RegistryErrors[reason].kind === mapped.code ? AppError.of(reason, params, field) : mapped;
}

import { Decision } from '@tdkt/domain';
import { AppError } from '@tdkt/platform';

export function allow(d: Decision): void {
  if (!d.allowed) throw AppError.forbidden(d.reason);
}

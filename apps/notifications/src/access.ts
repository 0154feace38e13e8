import { ActorDto } from '@tdkt/contracts';
import { Grant, NotificationsDecision } from '@tdkt/domain';
import { AppError } from '@tdkt/platform';

/**
 * Notifications' one access check over libs/domain access/notifications.ts; a refusal answers the
 * policy's catalogue reason (403). Inbox requests need none: they only ever touch actor.userId.
 */
export function authorize(
  actor: Pick<ActorDto, 'roles'>,
  policy: (grants: readonly Grant[]) => NotificationsDecision,
): void {
  const decision = policy(actor.roles as Grant[]);
  if (!decision.allowed) throw AppError.of(decision.refusal, { reason: decision.reason });
}

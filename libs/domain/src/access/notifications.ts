import { isBoard } from './grants';
import { Grant } from './policy';

/**
 * Who may do what with notifications (the notifications service's policy; its one entry point is
 * apps/notifications/src/access.ts).
 *
 * - an inbox and its preferences are the caller's own: every request is about `actor.userId` and
 *   nothing else (another user's item is simply not found, never forbidden, so ids leak nothing);
 * - the daily digest is offered to those who follow a group: chairs and vice-chairs (of any year)
 *   and the central board;
 * - failed e-mail deliveries are listed and retried by the central board only.
 */

export type NotificationsRefusal = 'DELIVERIES_REFUSED' | 'DIGEST_REFUSED';

export type NotificationsDecision =
  { allowed: true } | { allowed: false; reason: string; refusal: NotificationsRefusal };

const ALLOW: NotificationsDecision = { allowed: true };

export function mayManageDeliveries(grants: readonly Grant[]): NotificationsDecision {
  if (isBoard(grants)) return ALLOW;
  return { allowed: false, refusal: 'DELIVERIES_REFUSED', reason: 'only the central board' };
}

export function mayChooseDigest(grants: readonly Grant[]): NotificationsDecision {
  if (isBoard(grants) || grants.some((g) => g.role === 'CHAIR' || g.role === 'VICE_CHAIR')) return ALLOW;
  return {
    allowed: false,
    refusal: 'DIGEST_REFUSED',
    reason: 'only chairs, vice-chairs and the central board',
  };
}

import { ActorDto } from '@tdkt/contracts';
import { Grant, HonoursDecision } from '@tdkt/domain';
import { AppError } from '@tdkt/platform';

/**
 * Honours' one access check over libs/domain access/honours.ts: asked before anything the answer
 * could reveal is read; a refusal answers the policy's catalogue reason (403).
 */
export function authorize(
  actor: Pick<ActorDto, 'roles'>,
  policy: (grants: readonly Grant[]) => HonoursDecision,
): void {
  const decision = policy(actor.roles as Grant[]);
  if (!decision.allowed) throw AppError.of(decision.refusal, { reason: decision.reason });
}

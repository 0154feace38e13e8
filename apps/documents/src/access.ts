import { ActorDto } from '@tdkt/contracts';
import { DocumentsDecision, Grant } from '@tdkt/domain';
import { AppError } from '@tdkt/platform';

/**
 * Documents' one access check: every feature asks libs/domain's documents policy
 * (access/documents.ts) through here, before it gathers or reads anything the answer could
 * reveal; a refusal is answered with the policy's catalogue reason (403).
 */
export function authorize(
  actor: Pick<ActorDto, 'roles'>,
  policy: (grants: readonly Grant[]) => DocumentsDecision,
): void {
  const decision = policy(actor.roles as Grant[]);
  if (!decision.allowed) throw AppError.of(decision.refusal, { reason: decision.reason });
}

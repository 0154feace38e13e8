import { ActorDto } from '@tdkt/contracts';
import { AwardsDecision, Grant } from '@tdkt/domain';
import { AppError } from '@tdkt/platform';

/**
 * Awards' one access check: every feature asks libs/domain's awards policy (access/awards.ts)
 * through here, before it reads anything the answer could reveal, and a refusal is answered with
 * the policy's catalogue reason (403). Nothing else in the app looks at roles.
 *
 *   authorize(r.actor, (grants) => mayImportRecords(grants, r.actor.unitId));
 *   authorize(r.actor, (grants) => mayReadGroupAwards(grants, { groupId, year, memberUnitIds }));
 */
export function authorize(
  actor: Pick<ActorDto, 'roles'>,
  policy: (grants: readonly Grant[]) => AwardsDecision,
): void {
  const decision = policy(actor.roles as Grant[]);
  if (!decision.allowed) throw AppError.of(decision.refusal, { reason: decision.reason });
}

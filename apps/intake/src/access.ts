import { ActorDto } from '@tdkt/contracts';
import { Grant, IntakeRefused } from '@tdkt/domain';
import { AppError } from '@tdkt/platform';

/**
 * Intake's one access check: every feature asks libs/domain's intake policy (access/intake.ts)
 * through here, before it reads anything that could leak, and a refusal is answered with the
 * policy's catalogue reason (403). Nothing else in the app looks at roles.
 *
 *   authorize(r.actor, (grants) => mayPrepare(grants, scope));
 *   const { drafts } = authorize(r.actor, (grants) => mayRead(grants, scope, everSubmitted));
 *   authorize(r.actor, () => maySeeFile(drafts, inSubmittedVersion));
 *
 * Answers the allowing decision, with whatever the policy adds to it (`drafts`, `unitId`).
 */
export function authorize<D extends { allowed: true } | IntakeRefused>(
  actor: ActorDto,
  policy: (grants: readonly Grant[]) => D,
): Exclude<D, IntakeRefused> {
  const decision = policy(actor.roles as Grant[]);
  if (!decision.allowed) {
    const refused = decision as IntakeRefused;
    throw AppError.of(refused.refusal, { reason: refused.reason });
  }
  return decision as Exclude<D, IntakeRefused>;
}

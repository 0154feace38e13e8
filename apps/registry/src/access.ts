import { ActorDto } from '@tdkt/contracts';
import { Grant, RegistryDecision } from '@tdkt/domain';
import { AppError } from '@tdkt/platform';

/**
 * The registry's one access check. The gateway's guard has already asked `decide` for the route;
 * a write the registry is asked for on someone's behalf (`actor`, from the verified token) is
 * checked again here against the registry's own policy (libs/domain access/registry.ts), whose
 * refusal is answered with its catalogue reason (403). Services call nothing else for access.
 *
 *   authorize(r.actor, maySetLeadership);
 *   authorize(r.actor, (grants) => mayManageCampaign(grants, group.id, r.year), { year: r.year });
 */
export function authorize(
  actor: ActorDto,
  policy: (grants: readonly Grant[]) => RegistryDecision,
  /** What the refusal's message names (e.g. `{ year }`: "… năm {year} …"). */
  params: Record<string, string | number> = {},
): void {
  const decision = policy(actor.roles as Grant[]);
  if (!decision.allowed) throw AppError.of(decision.refusal, { ...params, reason: decision.reason });
}

import { Inject, Injectable } from '@nestjs/common';
import type { RecipientsRequest, RecipientView } from '@tdkt/contracts';
import { REGISTRY_CLIENT, RegistryClient } from '@tdkt/platform';
import type { Audience, SingleAudience } from '../messages/notice';

const UNITS_PER_REQUEST = 500;
const USERS_PER_REQUEST = 2000;

function chunk<T>(xs: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += size) out.push(xs.slice(i, i + size));
  return out;
}

/** The registry's request for an audience (pure). */
export function recipientsRequest(a: SingleAudience): RecipientsRequest {
  if ('unitOfficers' in a) return { unitIds: a.unitOfficers };
  if ('groupYear' in a) return { groupId: a.groupYear.groupId, year: a.groupYear.year, roles: a.roles };
  if ('board' in a) return { board: true };
  return { userIds: a.users };
}

/**
 * Who an audience is, asked of the registry at send time (never cached: a chair elected for next
 * year receives next year's notices, a deactivated user nothing).
 */
@Injectable()
export class RecipientsService {
  constructor(@Inject(REGISTRY_CLIENT) private readonly registry: RegistryClient) {}

  async resolve(audience: Audience): Promise<RecipientView[]> {
    if ('anyOf' in audience) {
      // Each part asked on its own (they may be of different shapes); a user named twice, once.
      const seen = new Map<string, RecipientView>();
      for (const part of audience.anyOf)
        for (const u of await this.resolveOne(part)) if (!seen.has(u.id)) seen.set(u.id, u);
      return [...seen.values()];
    }
    return this.resolveOne(audience);
  }

  private async resolveOne(audience: SingleAudience): Promise<RecipientView[]> {
    const req = recipientsRequest(audience);
    const empty =
      (req.unitIds?.length ?? 1) === 0 || (req.userIds?.length ?? 1) === 0 || (req.roles?.length ?? 1) === 0;
    if (empty) return [];
    // A reply must fit in one NATS message (1 MB by default): thousands of units (a national
    // reminder) are asked in slices, a few officers each, and the answers joined (users once).
    const slices = [
      ...chunk(req.unitIds ?? [], UNITS_PER_REQUEST).map((unitIds) => ({ unitIds })),
      ...chunk(req.userIds ?? [], USERS_PER_REQUEST).map((userIds) => ({ userIds })),
    ];
    if (slices.length <= 1) return this.registry.userRecipients(req, 10_000);
    const seen = new Map<string, RecipientView>();
    for (const s of slices)
      for (const u of await this.registry.userRecipients(s, 10_000)) if (!seen.has(u.id)) seen.set(u.id, u);
    return [...seen.values()];
  }

  /** Names for messages (units, groups), best effort: an id when the registry does not know it. */
  async unitName(id: string | null | undefined): Promise<string | undefined> {
    if (!id) return undefined;
    return this.registry
      .unitGet({ id })
      .then((u) => u.name)
      .catch(() => undefined);
  }

  async groupName(id: string | null | undefined): Promise<string | undefined> {
    if (!id) return undefined;
    return this.registry
      .groupGet({ id })
      .then((g) => g.name)
      .catch(() => undefined);
  }
}

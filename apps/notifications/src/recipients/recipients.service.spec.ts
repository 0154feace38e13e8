import type { RecipientsRequest, RecipientView } from '@tdkt/contracts';
import type { RegistryClient } from '@tdkt/platform';
import { RecipientsService } from './recipients.service';

/** A registry answering two officers per unit, and any user asked for; counts its requests. */
function fakeRegistry() {
  const requests: RecipientsRequest[] = [];
  const user = (id: string, unitId: string | null): RecipientView => ({
    id,
    username: id,
    displayName: id,
    email: `${id}@x`,
    unitId,
  });
  const registry = {
    userRecipients: async (r: RecipientsRequest) => {
      requests.push(r);
      return [
        ...(r.unitIds ?? []).flatMap((u) => [user(`${u}-a`, u), user(`${u}-b`, u)]),
        ...(r.userIds ?? []).map((id) => user(id, null)),
      ];
    },
  } as unknown as RegistryClient;
  return { registry, requests };
}

describe('recipients', () => {
  it('a national audience is asked in slices that fit a NATS message, each user once', async () => {
    const { registry, requests } = fakeRegistry();
    const units = Array.from({ length: 1201 }, (_, i) => `u${i}`);
    const users = await new RecipientsService(registry).resolve({ unitOfficers: units });
    expect(requests.map((r) => r.unitIds?.length)).toEqual([500, 500, 201]);
    expect(users).toHaveLength(2402);
    expect(new Set(users.map((u) => u.id)).size).toBe(2402);
  });

  it('an empty audience asks nothing; a group-year is one request', async () => {
    const { registry, requests } = fakeRegistry();
    const s = new RecipientsService(registry);
    expect(await s.resolve({ unitOfficers: [] })).toEqual([]);
    expect(await s.resolve({ users: [] })).toEqual([]);
    await s.resolve({ groupYear: { groupId: 'g', year: 2026 }, roles: ['CHAIR'] });
    expect(requests).toEqual([{ groupId: 'g', year: 2026, roles: ['CHAIR'] }]);
  });
});

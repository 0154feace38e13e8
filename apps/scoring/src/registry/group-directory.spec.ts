import { ErrorCode, GroupKind, MembersView, OrganiserKind, RegistryEvents, UnitKind } from '@tdkt/contracts';
import { AppError, RegistryClient, RpcCallError } from '@tdkt/platform';
import type { NatsConnection } from 'nats';
import { GroupDirectory, groupYearOf } from './group-directory';

const TTL = 1_000;

function membersView(groupId = 'g-id', subgroups = true): MembersView {
  const unit = (id: string) => ({
    id,
    code: id,
    name: `Tỉnh ${id}`,
    kind: UnitKind.PROVINCE,
    parentId: null,
    validFrom: null,
    validTo: null,
  });
  const sg = (id: string) => (subgroups ? { id, groupId, code: id, name: `Nhóm ${id}` } : null);
  const member = (u: string, s: string) => ({
    id: `m-${u}`,
    groupId,
    unit: unit(u),
    subgroup: sg(s),
    validFrom: '2023-01-01',
    validTo: null,
  });
  return {
    group: {
      id: groupId,
      code: 'cum-a',
      name: 'Cụm A',
      kind: GroupKind.CLUSTER,
      organiserKind: OrganiserKind.CENTRAL_COUNCIL,
      organiserUnitId: null,
      validFrom: null,
      validTo: null,
    },
    from: '2023-01-01',
    to: '2023-12-31',
    members: [member('u1', 's1'), member('u2', 's2'), member('u3', 's1')],
  };
}

const notFound = () =>
  new RpcCallError(
    { code: ErrorCode.NOT_FOUND, reason: 'GROUP_NOT_FOUND', message: 'không có' },
    'registry.member.list',
  );
const down = (code = ErrorCode.SERVICE_UNAVAILABLE) =>
  new RpcCallError({ code, message: 'down' }, 'registry.member.list');

/** A registry whose `memberList` answers what `answer` says (the rest of the client is never asked). */
function fakeRegistry(answer: (groupId: string) => Promise<MembersView>) {
  const calls: { groupId: string; year: number }[] = [];
  const registry = {
    memberList: async (r: { groupId: string; year: number }) => {
      calls.push(r);
      await new Promise((resolve) => setTimeout(resolve, 5));
      return answer(r.groupId);
    },
  } as unknown as RegistryClient;
  return { registry, calls };
}

/** A NATS connection that only records subscriptions, so a test can deliver a registry event. */
function fakeNats() {
  const subs: { subject: string; callback: () => void; unsubscribed: boolean }[] = [];
  const nc = {
    subscribe: (subject: string, opts: { callback: () => void }) => {
      const sub = { subject, callback: opts.callback, unsubscribed: false };
      subs.push(sub);
      return { unsubscribe: () => (sub.unsubscribed = true) };
    },
  } as unknown as NatsConnection;
  return { nc, subs };
}

describe('group directory (the registry’s members of a group-year, cached)', () => {
  let now = 1_000_000;
  beforeEach(() => {
    now = 1_000_000;
    jest.spyOn(Date, 'now').mockImplementation(() => now);
  });
  afterEach(() => jest.restoreAllMocks());

  const directory = (registry: RegistryClient, nc = fakeNats().nc, warn = jest.fn()) =>
    new GroupDirectory(registry, nc, 'test', { warn } as never, TTL);

  it('maps the registry’s answer: group, members in order with their subgroup, subgroup names', () => {
    const gy = groupYearOf(membersView(), 2023);
    expect(gy).toEqual({
      groupId: 'g-id',
      groupName: 'Cụm A',
      year: 2023,
      members: [
        { unitId: 'u1', unitName: 'Tỉnh u1', subgroupId: 's1' },
        { unitId: 'u2', unitName: 'Tỉnh u2', subgroupId: 's2' },
        { unitId: 'u3', unitName: 'Tỉnh u3', subgroupId: 's1' },
      ],
      subgroups: new Map([
        ['s1', 'Nhóm s1'],
        ['s2', 'Nhóm s2'],
      ]),
    });
    expect(groupYearOf(membersView('g-id', false), 2023).subgroups.size).toBe(0);
  });

  it('callers asking together share one request; asked by code, the answer is kept under the id too', async () => {
    const { registry, calls } = fakeRegistry(async () => membersView());
    const dir = directory(registry);
    const all = await Promise.all(Array.from({ length: 14 }, () => dir.get('cum-a', 2023)));
    expect(new Set(all).size).toBe(1);
    // One page (a small group): read page by page, `MEMBERS_PAGE_MAX` a reply.
    expect(calls).toEqual([{ groupId: 'cum-a', year: 2023, offset: 0, limit: 1000 }]);
    await dir.get('g-id', 2023);
    await dir.get('cum-a', 2023);
    expect(calls).toHaveLength(1);
    // another year is another question
    await dir.get('cum-a', 2024);
    expect(calls).toHaveLength(2);
  });

  it('an unknown group is the registry’s 404 for every caller waiting, and is not kept', async () => {
    const { registry, calls } = fakeRegistry(async () => {
      throw notFound();
    });
    const dir = directory(registry);
    const outcomes = await Promise.allSettled(Array.from({ length: 14 }, () => dir.get('khong-co', 2023)));
    expect(calls).toHaveLength(1);
    for (const o of outcomes) {
      expect(o.status).toBe('rejected');
      const e = (o as PromiseRejectedResult).reason as AppError;
      expect(e).toBeInstanceOf(AppError);
      expect([e.code, e.body.reason]).toEqual([ErrorCode.NOT_FOUND, 'GROUP_NOT_FOUND']);
    }
    // Not kept: asked again, the registry is asked again (and answers the same 404).
    await expect(dir.get('khong-co', 2023)).rejects.toMatchObject({
      code: ErrorCode.NOT_FOUND,
      body: { reason: 'GROUP_NOT_FOUND' },
    });
    expect(calls).toHaveLength(2);
  });

  it('while the registry is down (503 or 504) every caller gets the last known members, and it is logged', async () => {
    let registryUp = true;
    const { registry, calls } = fakeRegistry(async () => {
      if (registryUp) return membersView();
      throw down(calls.length % 2 ? ErrorCode.TIMEOUT : ErrorCode.SERVICE_UNAVAILABLE);
    });
    const warn = jest.fn();
    const dir = directory(registry, fakeNats().nc, warn);
    const first = await dir.get('cum-a', 2023);
    registryUp = false;
    now += TTL + 1; // expired: asked again
    const during = await Promise.all([
      dir.get('cum-a', 2023),
      dir.get('cum-a', 2023),
      dir.get('cum-a', 2023),
    ]);
    expect(during).toEqual([first, first, first]);
    expect(calls).toHaveLength(2);
    expect(warn).toHaveBeenCalledWith(
      expect.objectContaining({ key: 'cum-a:2023' }),
      'registry unavailable: using the last known members',
    );
    // still down: still the last known members
    now += TTL + 1;
    expect(await dir.get('cum-a', 2023)).toBe(first);
    registryUp = true;
    now += TTL + 1;
    expect(await dir.get('cum-a', 2023)).not.toBe(first);
  });

  it('a group never known is a 503 while the registry is down (nothing to fall back on)', async () => {
    const { registry } = fakeRegistry(async () => {
      throw down();
    });
    const e = await directory(registry)
      .get('cum-a', 2023)
      .catch((x: unknown) => x);
    expect(e).toBeInstanceOf(AppError);
    expect((e as AppError).code).toBe(ErrorCode.SERVICE_UNAVAILABLE);
  });

  it('kept until a registry event, then asked again; stop() ends the subscriptions', async () => {
    const { registry, calls } = fakeRegistry(async () => membersView());
    const { nc, subs } = fakeNats();
    const dir = directory(registry, nc);
    dir.start();
    // Every registry event drops it (conferences and nominations too, since issue 15).
    expect(subs.map((s) => s.subject).sort()).toEqual(
      Object.values(RegistryEvents)
        .map((e) => `test.${e.subject}`)
        .sort(),
    );
    expect(subs.map((s) => s.subject)).toEqual(
      expect.arrayContaining([
        'test.registry.campaign.changed',
        'test.registry.leadership.changed',
        'test.registry.membership.changed',
        'test.registry.unit.changed',
      ]),
    );
    await dir.get('cum-a', 2023);
    await dir.get('cum-a', 2023);
    expect(calls).toHaveLength(1);
    subs.find((s) => s.subject === 'test.registry.membership.changed')?.callback();
    await dir.get('cum-a', 2023);
    expect(calls).toHaveLength(2);
    dir.stop();
    expect(subs.every((s) => s.unsubscribed)).toBe(true);
  });
});

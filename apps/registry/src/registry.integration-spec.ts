/** The registry against real Postgres and NATS JetStream, over its NATS subjects. */
import { INestApplication } from '@nestjs/common';
import {
  ErrorCode,
  EventEnvelope,
  MembershipChanged,
  RegistryEvents,
  RegistryRpc,
  UnitKind,
} from '@tdkt/contracts';
import { pendingSchemaChanges, processOnce, RpcCallError, RpcClient, startConsumer } from '@tdkt/platform';
import { createDatabase, expectEventually, runId, TestDatabase, testInfra } from '@tdkt/testing';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { connect, NatsConnection } from 'nats';
import pino from 'pino';
import { DataSource } from 'typeorm';
import { bootstrapRegistry } from './bootstrap';
import { registryDataSourceOptions } from './database/data-source';
import mergerFixture from './seed/fixtures/provinces-2025-merger.json';

jest.setTimeout(60_000);

describe('registry service', () => {
  let db: TestDatabase;
  let apps: INestApplication[] = [];
  let nc: NatsConnection;
  let rpc: RpcClient;
  const prefix = `t-${runId()}`;

  const env = (seed: boolean) => ({
    DATABASE_URL: db.url,
    NATS_URL: testInfra().natsUrl,
    NATS_PREFIX: prefix,
    REGISTRY_SEED_DEMO: String(seed),
    DEMO_PASSWORD: 'integration-pass',
    HTTP_PORT: '0',
    LOG_LEVEL: 'warn',
  });

  async function expectCode(p: Promise<unknown>, code: ErrorCode, field?: string): Promise<void> {
    const e = await p.then(
      () => undefined,
      (err: unknown) => err,
    );
    expect(e).toBeInstanceOf(RpcCallError);
    expect((e as RpcCallError).body.code).toBe(code);
    if (field) expect((e as RpcCallError).body.errors?.map((x) => x.field)).toContain(field);
  }

  beforeAll(async () => {
    db = await createDatabase(testInfra().pgAdminUrl, 'registry');
    // Two instances start at once against an empty database: migrations and the demo seed run
    // under advisory locks, so both come up and the data is loaded once.
    apps = await Promise.all([bootstrapRegistry(env(true)), bootstrapRegistry(env(true))]);
    nc = await connect({ servers: testInfra().natsUrl });
    rpc = new RpcClient(nc, { prefix, timeoutMs: 5000 });
  });

  afterAll(async () => {
    await nc?.close();
    for (const app of apps) await app.close();
    await db?.drop();
  });

  it('entities and migrations do not drift', async () => {
    const ds = new DataSource(registryDataSourceOptions(db.url, 2));
    await ds.initialize();
    try {
      expect(await pendingSchemaChanges(ds)).toEqual([]);
    } finally {
      await ds.destroy();
    }
  });

  it('seeds the 2025 merger exactly as the golden fixture has it', async () => {
    // The seed reads its own copy; the golden fixture (copied from the shared fixtures) is the reference.
    expect(
      JSON.parse(readFileSync(join(__dirname, 'seed', 'data', 'provinces-2025-merger.json'), 'utf8')),
    ).toEqual(mergerFixture);
    const on = mergerFixture.effectiveFrom;
    const page = await rpc.request(RegistryRpc.unitList, { on, limit: 500 });
    const after = page.items.filter((u) => u.kind === UnitKind.PROVINCE || u.kind === UnitKind.CITY);
    expect(after.map((u) => u.name).sort()).toEqual(
      [...mergerFixture.unchanged, ...mergerFixture.merged.map((m) => m.name)].sort(),
    );
    const byName = new Map(after.map((u) => [u.name, u]));
    for (const m of mergerFixture.merged) {
      const h = await rpc.request(RegistryRpc.unitHistory, { id: byName.get(m.name)!.id });
      expect({
        name: m.name,
        validFrom: h.unit.validFrom,
        from: h.predecessors.map((p) => p.unit.name).sort(),
      }).toEqual({
        name: m.name,
        validFrom: on,
        from: [...m.from].sort(),
      });
      expect(new Set(h.predecessors.map((p) => p.effectiveOn))).toEqual(new Set([on]));
    }
    for (const name of mergerFixture.unchanged) {
      const h = await rpc.request(RegistryRpc.unitHistory, { id: byName.get(name)!.id });
      // Huế was Thừa Thiên Huế until 2024-12-31 (before the merger); the others have no predecessor.
      expect({ name, from: h.predecessors.map((p) => [p.unit.name, p.effectiveOn]) }).toEqual({
        name,
        from: name === 'Thành phố Huế' ? [['Thừa Thiên Huế', '2025-01-01']] : [],
      });
    }
  });

  it('has 63 provinces until 2025-06-30 and 34 from 2025-07-01', async () => {
    const provincesOn = async (on: string) => {
      const page = await rpc.request(RegistryRpc.unitList, { on, limit: 500 });
      return page.items.filter((u) => u.kind === UnitKind.PROVINCE || u.kind === UnitKind.CITY);
    };
    expect(await provincesOn('2023-06-30')).toHaveLength(63);
    expect(await provincesOn('2025-06-30')).toHaveLength(63);
    const after = await provincesOn('2025-07-01');
    expect(after).toHaveLength(34);
    expect(
      after
        .filter((u) => u.kind === UnitKind.CITY)
        .map((u) => u.name)
        .sort(),
    ).toEqual(
      [
        'Thành phố Cần Thơ',
        'Thành phố Hà Nội',
        'Thành phố Hải Phòng',
        'Thành phố Hồ Chí Minh',
        'Thành phố Huế',
        'Thành phố Đà Nẵng',
      ].sort(),
    );
    expect((await provincesOn('2024-06-30')).map((u) => u.name)).toContain('Thừa Thiên Huế');
  });

  it('answers the 2023 members of TN&DHMT as they were, and none for 2026', async () => {
    const y2023 = await rpc.request(RegistryRpc.memberList, { groupId: 'cum-tn-dhmt', year: 2023 });
    expect(y2023.members.map((m) => m.unit.name).sort()).toEqual(
      [
        'Bình Định',
        'Gia Lai',
        'Khánh Hòa',
        'Kon Tum',
        'Lâm Đồng',
        'Phú Yên',
        'Quảng Nam',
        'Quảng Ngãi',
        'Đắk Lắk',
        'Đắk Nông',
      ].sort(),
    );
    const tn = await rpc.request(RegistryRpc.memberList, {
      groupId: 'cum-tn-dhmt',
      year: 2023,
      subgroup: 'tay-nguyen',
    });
    expect(tn.members).toHaveLength(5);
    const y2026 = await rpc.request(RegistryRpc.memberList, { groupId: 'cum-tn-dhmt', year: 2026 });
    expect(y2026.members).toEqual([]);
  });

  it("gives each 2023 member's current successor once", async () => {
    const r = await rpc.request(RegistryRpc.memberCurrentSuccessors, { groupId: 'cum-tn-dhmt', year: 2023 });
    const names = r.successors.map((s) => s.unit.name);
    expect(names.sort()).toEqual(
      ['Gia Lai', 'Khánh Hòa', 'Lâm Đồng', 'Quảng Ngãi', 'Thành phố Đà Nẵng', 'Đắk Lắk'].sort(),
    );
    expect(new Set(r.successors.map((s) => s.unit.id)).size).toBe(6);
    const gl = r.successors.find((s) => s.unit.name === 'Gia Lai');
    expect(gl?.unit.validFrom).toBe('2025-07-01');
    expect(gl?.predecessors.map((p) => p.name).sort()).toEqual(['Bình Định', 'Gia Lai']);
  });

  it('keeps history: Bình Định ends 2025-06-30 and continues as Gia Lai', async () => {
    const h = await rpc.request(RegistryRpc.unitHistory, { id: 'binh-dinh' });
    expect(h.unit).toMatchObject({ name: 'Bình Định', validTo: '2025-06-30' });
    expect(h.successors).toEqual([
      { unit: expect.objectContaining({ name: 'Gia Lai', code: 'gia-lai-2025' }), effectiveOn: '2025-07-01' },
    ]);
    expect(h.currentSuccessors.map((u) => u.code)).toEqual(['gia-lai-2025']);
  });

  it('publishes registry.membership.changed exactly once through the outbox', async () => {
    const seen: EventEnvelope<MembershipChanged>[] = [];
    const ds = new DataSource({ type: 'postgres', url: db.url });
    await ds.initialize();
    const consumer = await startConsumer({
      nc,
      prefix,
      event: RegistryEvents.membershipChanged,
      durable: 'test-membership',
      logger: pino({ level: 'silent' }),
      handler: async (e) => {
        await processOnce(ds, 'registry', 'test-membership', e.id, async () => {
          seen.push(e);
        });
      },
    });
    try {
      const unit = await rpc.request(RegistryRpc.unitCreate, {
        code: `so-test-${runId()}`,
        name: 'Sở Thử nghiệm',
        kind: UnitKind.DEPARTMENT,
      });
      const created = await rpc.request(RegistryRpc.membershipCreate, {
        groupId: 'khoi-kinh-te-ha-tinh',
        unitId: unit.id,
        validFrom: '2024-01-01',
      });
      await expectEventually(() =>
        expect(seen.filter((e) => e.data.membershipId === created.id)).toHaveLength(1),
      );
      const e = seen.find((x) => x.data.membershipId === created.id) as EventEnvelope<MembershipChanged>;
      expect(e.subject).toBe('registry.membership.changed');
      expect(e.data).toMatchObject({
        unitId: unit.id,
        validFrom: '2024-01-01',
        validTo: null,
        change: 'ADDED',
      });

      // An overlapping second membership is refused and writes nothing.
      await expectCode(
        rpc.request(RegistryRpc.membershipCreate, {
          groupId: 'khoi-kinh-te-ha-tinh',
          unitId: unit.id,
          validFrom: '2024-06-01',
        }),
        ErrorCode.CONFLICT,
        'validFrom',
      );
      const members = await rpc.request(RegistryRpc.memberList, {
        groupId: 'khoi-kinh-te-ha-tinh',
        year: 2024,
      });
      expect(members.members.filter((m) => m.unit.id === unit.id)).toHaveLength(1);
    } finally {
      await consumer.stop();
      await ds.destroy();
    }
  });

  it('refuses a membership outside the unit’s own dates, naming the field', async () => {
    await expectCode(
      rpc.request(RegistryRpc.membershipCreate, {
        groupId: 'cum-tn-dhmt',
        unitId: 'binh-dinh',
        validFrom: '2026-01-01',
      }),
      ErrorCode.VALIDATION_FAILED,
      'validFrom',
    );
    await expectCode(rpc.request(RegistryRpc.unitGet, { id: 'khong-co' }), ErrorCode.NOT_FOUND);
    await expectCode(
      rpc.request(RegistryRpc.unitCreate, { code: 'Bad Code', name: '', kind: 'X' } as never),
      ErrorCode.VALIDATION_FAILED,
      'code',
    );
  });

  it('shares requests between instances (queue group) and still answers with one stopped', async () => {
    const results = await Promise.all(
      Array.from({ length: 40 }, () => rpc.request(RegistryRpc.groupGet, { id: 'cum-dbsh' })),
    );
    expect(new Set(results.map((g) => g.code))).toEqual(new Set(['cum-dbsh']));
    // Both instances now hold the group in their read cache; a write on one reaches the other.
    const renamed = 'Cụm thi đua các tỉnh Đồng bằng sông Hồng (đổi tên thử)';
    await rpc.request(RegistryRpc.groupUpdate, { id: 'cum-dbsh', patch: { name: renamed } });
    await expectEventually(async () => {
      const reads = await Promise.all(
        Array.from({ length: 20 }, () => rpc.request(RegistryRpc.groupGet, { id: 'cum-dbsh' })),
      );
      expect(new Set(reads.map((g) => g.name))).toEqual(new Set([renamed]));
    }, 2000);
    await rpc.request(RegistryRpc.groupUpdate, {
      id: 'cum-dbsh',
      patch: { name: 'Cụm thi đua các tỉnh Đồng bằng Sông Hồng' },
    });
    await apps[1].close();
    apps = [apps[0]];
    const g = await rpc.request(RegistryRpc.groupGet, { id: 'cum-dbsh' });
    expect(g.name).toBe('Cụm thi đua các tỉnh Đồng bằng Sông Hồng');
  });
});

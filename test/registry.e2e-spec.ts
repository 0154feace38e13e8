/** Black box through HTTP: gateway → NATS → registry → Postgres, all real. */
import { connect, NatsConnection } from 'nats';
import { RegistryRpc } from '@tdkt/contracts';
import { prefixed } from '@tdkt/platform';
import { runId, testInfra } from '@tdkt/testing';
import { createGateway } from '../apps/gateway/src/bootstrap';
import { DEMO_PASSWORD, http, login, startTestSystem, TestSystem } from './support/system';
import {
  client,
  failure,
  ok,
  type Problem,
  refused,
  type Reply,
  reply,
  type Schema,
  statusOf,
} from './support/api';

jest.setTimeout(60_000);

const TN_DHMT_2023 = [
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
];

describe('registry through the gateway', () => {
  let sys: TestSystem;
  let board: string;
  let officer: string;
  /** Thái Bình's officer: chair of ĐBSH in 2023 (seed 003), a group-year no other test changes. */
  let chair: string;

  beforeAll(async () => {
    sys = await startTestSystem();
    [board, officer, chair] = await Promise.all([
      login(sys, 'board'),
      login(sys, 'kontum'),
      login(sys, 'thaibinh'),
    ]);
  });
  afterAll(async () => sys?.stop());

  describe('membership questions', () => {
    it('TN&DHMT members in 2023 are the 10 provinces of the seeds, by subgroup', async () => {
      const r = await ok(
        client(sys, officer).GET('/api/v1/groups/{groupId}/members', {
          params: { path: { groupId: 'cum-tn-dhmt' }, query: { year: 2023 } },
        }),
        200,
      );
      expect(r.items.map((m) => m.unit.name).sort()).toEqual([...TN_DHMT_2023].sort());
      const bySub = (code: string) => r.items.filter((m) => m.subgroup?.code === code).length;
      expect([bySub('tay-nguyen'), bySub('duyen-hai')]).toEqual([5, 5]);
    });

    it('in 2026 the 2023 provinces are no longer members, and their successors come once each', async () => {
      const y2026 = await ok(
        client(sys, officer).GET('/api/v1/groups/{groupId}/members', {
          params: { path: { groupId: 'cum-tn-dhmt' }, query: { year: 2026 } },
        }),
        200,
      );
      expect(y2026.items).toEqual([]);
      const succ = await ok(
        client(sys, officer).GET('/api/v1/groups/{groupId}/members/current-successors', {
          params: { path: { groupId: 'cum-tn-dhmt' }, query: { year: 2023 } },
        }),
        200,
      );
      const names: string[] = succ.items.map((s) => s.unit.name);
      expect(names.sort()).toEqual(
        ['Gia Lai', 'Khánh Hòa', 'Lâm Đồng', 'Quảng Ngãi', 'Thành phố Đà Nẵng', 'Đắk Lắk'].sort(),
      );
    });

    it("a unit's history shows its successor and the date, and is never rewritten", async () => {
      const r = await ok(
        client(sys, officer).GET('/api/v1/units/{id}/history', { params: { path: { id: 'binh-dinh' } } }),
        200,
      );
      expect(r.unit).toMatchObject({ name: 'Bình Định', validTo: '2025-06-30' });
      expect(r.successors[0]).toMatchObject({
        effectiveOn: '2025-07-01',
        unit: { name: 'Gia Lai', validFrom: '2025-07-01' },
      });
      const gl = await ok(
        client(sys, officer).GET('/api/v1/units/{id}/history', { params: { path: { id: 'gia-lai-2025' } } }),
      );
      expect(gl.predecessors.map((p) => p.unit.name).sort()).toEqual(['Bình Định', 'Gia Lai']);
    });

    it('leadership and campaign of TN&DHMT 2023 come from seed 000', async () => {
      const l = await ok(
        client(sys, officer).GET('/api/v1/groups/{groupId}/years/{year}/leadership', {
          params: { path: { groupId: 'cum-tn-dhmt', year: 2023 } },
        }),
      );
      expect(l.chair?.unit.name).toBe('Bình Định');
      expect(l.viceChair?.unit.name).toBe('Lâm Đồng');
      const c = await ok(
        client(sys, officer).GET('/api/v1/groups/{groupId}/years/{year}/campaign', {
          params: { path: { groupId: 'cum-tn-dhmt', year: 2023 } },
        }),
      );
      const due = c.milestones.find((m) => m.code === 'self-score-due');
      expect(due).toMatchObject({ dueOn: '2024-02-04', dueAt: '2024-02-04T16:59:59.999Z' });
      const dossier = c.milestones.find((m) => m.code === 'achievement-dossier-due');
      expect(dossier).toMatchObject({ anchorCode: 'official-conference', offsetDays: 7, dueOn: null });
    });

    it('other seed groups: ĐBSH 2023 chaired by Thái Bình; Miền Đông Nam Bộ 2019 has 7 provinces', async () => {
      const d = await ok(
        client(sys, officer).GET('/api/v1/groups/{groupId}/years/{year}/leadership', {
          params: { path: { groupId: 'cum-dbsh', year: 2023 } },
        }),
      );
      expect(d.chair?.unit.name).toBe('Thái Bình');
      const s = await ok(
        client(sys, officer).GET('/api/v1/groups/{groupId}/members', {
          params: { path: { groupId: 'cum-mien-dong-nam-bo' }, query: { year: 2019 } },
        }),
      );
      expect(s.items).toHaveLength(7);
      // The two illustrative blocks of Hà Tĩnh; no test here makes another.
      const blocks = await ok(
        client(sys, officer).GET('/api/v1/groups', { params: { query: { kind: 'BLOCK' } } }),
      );
      expect(blocks.total).toBe(2);
      expect(blocks.items.map((g) => g.code).sort()).toEqual([
        'khoi-kinh-te-ha-tinh',
        'khoi-van-hoa-xa-hoi-ha-tinh',
      ]);
      const plan = await ok(
        client(sys, officer).GET('/api/v1/groups/{groupId}/years/{year}/campaign', {
          params: { path: { groupId: 'khoi-kinh-te-ha-tinh', year: 2023 } },
        }),
      );
      expect(plan.milestones.map((m) => m.code)).toContain('appraisal');
    });
  });

  describe('search and pagination', () => {
    it('finds by name with and without diacritics', async () => {
      for (const q of ['dak lak', 'Đắk Lắk', 'ĐẮK LẮK', 'Đắk Lắk'.normalize('NFD')]) {
        const r = await ok(client(sys, officer).GET('/api/v1/units', { params: { query: { q } } }), 200);
        expect(r.items.map((u) => u.code).sort()).toEqual(['dak-lak', 'dak-lak-2025']);
      }
    });

    it('pages with limit and offset and a total', async () => {
      const a = await ok(
        client(sys, officer).GET('/api/v1/units', {
          params: { query: { kind: 'PROVINCE', on: '2023-06-30', limit: 10, offset: 0 } },
        }),
      );
      const b = await ok(
        client(sys, officer).GET('/api/v1/units', {
          params: { query: { kind: 'PROVINCE', on: '2023-06-30', limit: 10, offset: 10 } },
        }),
      );
      expect(a.total).toBe(b.total);
      expect(a.items).toHaveLength(10);
      const ids = new Set([...a.items, ...b.items].map((u) => u.id));
      expect(ids.size).toBe(20);
    });
  });

  describe('writes', () => {
    it('creates a unit (stored NFC) and refuses the duplicate with 409', async () => {
      const body: Schema<'CreateUnitDto'> = {
        code: 'so-noi-vu-test',
        name: 'Sở Nội vụ thử'.normalize('NFD'),
        kind: 'DEPARTMENT',
      };
      const r = await ok(client(sys, board).POST('/api/v1/units', { body }), 201);
      expect(r.name).toBe('Sở Nội vụ thử'.normalize('NFC'));
      const again = await failure(client(sys, board).POST('/api/v1/units', { body }), 409);
      expect(again.headers.get('content-type')).toContain('application/problem+json');
      expect(again.problem).toMatchObject({ code: 'UNIT_CODE_TAKEN', kind: 'CONFLICT' });
      expect(again.problem.errors?.[0].field).toBe('code');
    });

    it('creates arriving together are written together; a duplicate among them fails alone', async () => {
      const body = (i: number): Schema<'CreateUnitDto'> => ({
        code: `so-batch-${i}`,
        name: `Sở thử ${i}`,
        kind: 'DEPARTMENT',
      });
      const answers = await Promise.all(
        [0, 1, 2, 3, 4, 5, 6, 7, 3].map((i) =>
          reply(client(sys, board).POST('/api/v1/units', { body: body(i) })),
        ),
      );
      const statuses = answers.map((r) => r.status).sort();
      expect(statuses).toEqual([201, 201, 201, 201, 201, 201, 201, 201, 409]);
      expect(answers.find((r) => r.status === 409)?.problem).toMatchObject({
        code: 'UNIT_CODE_TAKEN',
        errors: [{ field: 'code' }],
      });
      // Found by name: every unit once (the duplicate wrote nothing).
      const listed = await ok(
        client(sys, board).GET('/api/v1/units', { params: { query: { q: 'Sở thử', limit: 50 } } }),
      );
      const codes = listed.items.map((u) => u.code).filter((c) => c.startsWith('so-batch-'));
      expect(codes.sort()).toEqual([0, 1, 2, 3, 4, 5, 6, 7].map((i) => `so-batch-${i}`));
    });

    it('records a membership and a new chair; reads see every write at once (cache invalidation)', async () => {
      const membersOf2024 = async () =>
        (
          await ok(
            client(sys, officer).GET('/api/v1/groups/{groupId}/members', {
              params: { path: { groupId: 'khoi-kinh-te-ha-tinh' }, query: { year: 2024 } },
            }),
          )
        ).items.map((m: { unit: { code: string } }) => m.unit.code);
      expect(await membersOf2024()).not.toContain('so-tu-phap-test'); // now cached
      const unit = await ok(
        client(sys, board).POST('/api/v1/units', {
          body: { code: 'so-tu-phap-test', name: 'Sở Tư pháp', kind: 'DEPARTMENT' },
        }),
      );
      const m = await ok(
        client(sys, board).POST('/api/v1/groups/{groupId}/memberships', {
          params: { path: { groupId: 'khoi-kinh-te-ha-tinh' } },
          body: { unitId: unit.id, validFrom: '2024-01-01' },
        }),
        201,
      );
      const twice = await refused(
        client(sys, board).POST('/api/v1/groups/{groupId}/memberships', {
          params: { path: { groupId: 'khoi-kinh-te-ha-tinh' } },
          body: { unitId: unit.id, validFrom: '2024-06-01' },
        }),
        409,
      );
      expect(twice).toMatchObject({ code: 'MEMBERSHIP_OVERLAPS', kind: 'CONFLICT' });
      expect(twice.errors?.[0].field).toBe('validFrom');
      expect(await membersOf2024()).toContain('so-tu-phap-test');
      const l = await ok(
        client(sys, board).PUT('/api/v1/groups/{groupId}/years/{year}/leadership', {
          params: { path: { groupId: 'khoi-kinh-te-ha-tinh', year: 2024 } },
          body: { chair: { unitId: 'so-tu-phap-test', chosenBy: 'ELECTION', decidedOn: '2023-12-20' } },
        }),
        200,
      );
      expect(l.chair?.unit.code).toBe('so-tu-phap-test');
      const ended = await ok(
        client(sys, board).PATCH('/api/v1/groups/{groupId}/memberships/{membershipId}', {
          params: { path: { groupId: 'khoi-kinh-te-ha-tinh', membershipId: m.id } },
          body: { validTo: '2024-12-31' },
        }),
        200,
      );
      expect(ended.validTo).toBe('2024-12-31');
      const leaders = await ok(
        client(sys, officer).GET('/api/v1/groups/{groupId}/years/{year}/leadership', {
          params: { path: { groupId: 'khoi-kinh-te-ha-tinh', year: 2024 } },
        }),
      );
      expect(leaders.chair?.unit.code).toBe('so-tu-phap-test');
    });
  });

  describe('auth and scope', () => {
    it('401 without a token, with a bad token, with a wrong password', async () => {
      expect(await statusOf(client(sys).GET('/api/v1/units'))).toBe(401);
      expect(await statusOf(client(sys, 'x.y.z').GET('/api/v1/units'))).toBe(401);
      const bad = await refused(
        client(sys).POST('/api/v1/auth/login', { body: { username: 'board', password: 'wrong-password' } }),
        401,
      );
      expect(bad).toMatchObject({ code: 'LOGIN_FAILED', kind: 'UNAUTHENTICATED' });
      const nobody = await refused(
        client(sys).POST('/api/v1/auth/login', {
          body: { username: 'khong-co-ai', password: 'wrong-password' },
        }),
        401,
      );
      expect(nobody.code).toBe('LOGIN_FAILED');
    });

    it('a unit officer cannot change groups', async () => {
      await refused(
        client(sys, officer).POST('/api/v1/groups', {
          body: { code: 'cum-moi', name: 'Cụm mới', kind: 'CLUSTER', organiserKind: 'CENTRAL_COUNCIL' },
        }),
        403,
      );
      expect(
        await statusOf(
          client(sys, officer).PUT('/api/v1/groups/{groupId}/years/{year}/campaign', {
            params: { path: { groupId: 'cum-tn-dhmt', year: 2023 } },
            body: { title: 'x' },
          }),
        ),
      ).toBe(403);
    });

    it('a chair changes only their group in their year', async () => {
      const dbsh = await ok(
        client(sys, officer).GET('/api/v1/groups/{groupId}', { params: { path: { groupId: 'cum-dbsh' } } }),
      );
      const me = await ok(client(sys, chair).GET('/api/v1/auth/me'));
      expect(me.roles).toEqual(expect.arrayContaining([{ role: 'CHAIR', groupId: dbsh.id, year: 2023 }]));
      // ĐBSH 2023 has no campaign in the seeds: its chair makes one, with a milestone anchored on
      // the conference, whose day comes later.
      const made = await reply(
        client(sys, chair).PUT('/api/v1/groups/{groupId}/years/{year}/campaign', {
          params: { path: { groupId: 'cum-dbsh', year: 2023 } },
          body: { title: 'Giao ước thi đua năm 2023 – Cụm thi đua các tỉnh Đồng bằng Sông Hồng' },
        }),
      );
      expect(made.status).toBe(200);
      const conference = (dates: object) =>
        reply(
          client(sys, chair).POST('/api/v1/groups/{groupId}/years/{year}/campaign/milestones', {
            params: { path: { groupId: 'cum-dbsh', year: 2023 } },
            body: {
              code: 'official-conference',
              title: 'Hội nghị tổng kết giao ước thi đua năm 2023',
              ...dates,
            },
          }),
        );
      expect((await conference({})).status).toBe(200);
      const anchored = await reply(
        client(sys, chair).POST('/api/v1/groups/{groupId}/years/{year}/campaign/milestones', {
          params: { path: { groupId: 'cum-dbsh', year: 2023 } },
          body: {
            code: 'achievement-dossier-due',
            title: 'Gửi báo cáo thành tích (07 ngày sau Hội nghị tổng kết)',
            anchorCode: 'official-conference',
            offsetDays: 7,
          },
        }),
      );
      expect(anchored.status).toBe(200);
      const dossierOf = (r: Reply<Schema<'CampaignResponse'>, Problem>) =>
        r.data?.milestones.find((m) => m.code === 'achievement-dossier-due');
      expect(dossierOf(anchored)).toMatchObject({
        anchorCode: 'official-conference',
        offsetDays: 7,
        dueOn: null,
      });
      const dated = await conference({ startsOn: '2024-02-27', dueOn: '2024-02-27' });
      expect(dated.status).toBe(200);
      expect(dossierOf(dated)?.dueOn).toBe('2024-03-05');

      await refused(
        client(sys, chair).PUT('/api/v1/groups/{groupId}/years/{year}/campaign', {
          params: { path: { groupId: 'cum-dbsh', year: 2024 } },
          body: { title: 'Năm 2024' },
        }),
        403,
      );
      await refused(
        client(sys, chair).PUT('/api/v1/groups/{groupId}/years/{year}/campaign', {
          params: { path: { groupId: 'cum-tn-dhmt', year: 2023 } },
          body: { title: 'x' },
        }),
        403,
      );
      await refused(
        client(sys, chair).PATCH('/api/v1/groups/{groupId}', {
          params: { path: { groupId: 'cum-dbsh' } },
          body: { name: 'x' },
        }),
        403,
      );
    });

    it('the central board changes anything', async () => {
      const r = await ok(
        client(sys, board).PUT('/api/v1/groups/{groupId}/years/{year}/campaign', {
          params: { path: { groupId: 'cum-dbsh', year: 2024 } },
          body: { title: 'Giao ước thi đua năm 2024', latePolicy: 'ACCEPT_LATE' },
        }),
        200,
      );
      expect(r).toMatchObject({ year: 2024, latePolicy: 'ACCEPT_LATE', milestones: [] });
    });

    it('the registry checks leadership and campaign changes itself, whoever reaches it', async () => {
      const group = await ok(
        client(sys, officer).GET('/api/v1/groups/{groupId}', {
          params: { path: { groupId: 'cum-tn-dhmt' } },
        }),
      );
      const actor = (roles: object[]) => ({
        userId: '00000000-0000-4000-8000-000000000001',
        unitId: null,
        roles,
      });
      const chairOf2023 = actor([{ role: 'CHAIR', groupId: group.id, year: 2023 }]);
      const nc = await connect({ servers: testInfra().natsUrl });
      try {
        const ask = async (subject: string, payload: unknown) =>
          JSON.parse(
            new TextDecoder().decode(
              (
                await nc.request(
                  prefixed(sys.prefix, subject),
                  new TextEncoder().encode(JSON.stringify(payload)),
                  {
                    timeout: 5000,
                  },
                )
              ).data,
            ),
          );
        const before = await ok(
          client(sys, officer).GET('/api/v1/groups/{groupId}/years/{year}/leadership', {
            params: { path: { groupId: 'cum-tn-dhmt', year: 2023 } },
          }),
        );
        const leadership = await ask(RegistryRpc.leadershipSet.subject, {
          groupId: 'cum-tn-dhmt',
          year: 2023,
          body: { chair: null },
          actor: chairOf2023,
        });
        expect(leadership.error).toMatchObject({ code: 'FORBIDDEN', reason: 'LEADERSHIP_SET_REFUSED' });
        const after = await ok(
          client(sys, officer).GET('/api/v1/groups/{groupId}/years/{year}/leadership', {
            params: { path: { groupId: 'cum-tn-dhmt', year: 2023 } },
          }),
        );
        expect(after).toEqual(before);

        const otherYear = await ask(RegistryRpc.campaignUpsert.subject, {
          groupId: 'cum-tn-dhmt',
          year: 2024,
          body: { title: 'x' },
          actor: chairOf2023,
        });
        expect(otherYear.error).toMatchObject({ code: 'FORBIDDEN', reason: 'CAMPAIGN_CHANGE_REFUSED' });
        const milestone = await ask(RegistryRpc.milestoneUpsert.subject, {
          groupId: 'cum-tn-dhmt',
          year: 2023,
          body: { code: 'x', title: 'x' },
          actor: actor([{ role: 'UNIT_OFFICER', unitId: group.id }]),
        });
        expect(milestone.error).toMatchObject({ code: 'FORBIDDEN', reason: 'CAMPAIGN_CHANGE_REFUSED' });
        const noActor = await ask(RegistryRpc.campaignUpsert.subject, {
          groupId: 'cum-tn-dhmt',
          year: 2023,
          body: { title: 'x' },
        });
        expect(noActor.error.code).toBe('VALIDATION_FAILED');
        expect(new Set(noActor.error.errors.map((e: { field: string }) => e.field))).toEqual(
          new Set(['actor']),
        );
        const own = await ask(RegistryRpc.campaignGet.subject, { groupId: group.id, year: 2023 });
        const retitled = await ask(RegistryRpc.campaignUpsert.subject, {
          groupId: group.id,
          year: 2023,
          body: { title: own.data.title },
          actor: chairOf2023,
        });
        expect(retitled.ok).toBe(true);
        expect(retitled.data.milestones).toEqual(own.data.milestones);
      } finally {
        await nc.close();
      }
    });
  });

  describe('bad input: clear problem+json naming the field, nothing written', () => {
    const count = async () =>
      (await ok(client(sys, board).GET('/api/v1/units', { params: { query: { limit: 1 } } }))).total;

    it.each([
      ['missing name', { code: 'x-1', kind: 'OTHER' }, 'name'],
      ['bad code', { code: 'Có Dấu', name: 'A', kind: 'OTHER' }, 'code'],
      ['unknown kind', { code: 'x-2', name: 'A', kind: 'PLANET' }, 'kind'],
      ['malformed date', { code: 'x-3', name: 'A', kind: 'OTHER', validFrom: '31/12/2023' }, 'validFrom'],
      ['impossible date', { code: 'x-4', name: 'A', kind: 'OTHER', validFrom: '2023-02-30' }, 'validFrom'],
      [
        'end before start',
        { code: 'x-5', name: 'A', kind: 'OTHER', validFrom: '2024-01-01', validTo: '2023-01-01' },
        'validTo',
      ],
      ['unknown field', { code: 'x-6', name: 'A', kind: 'OTHER', colour: 'red' }, 'colour'],
      [
        'parent that does not exist',
        { code: 'x-7', name: 'A', kind: 'OTHER', parentId: '00000000-0000-4000-8000-000000000000' },
        'parentId',
      ],
    ])('%s → 400 naming %s', async (_label, body, field) => {
      const before = await count();
      // raw: most of these bodies are what the contract forbids
      const r = await http<Problem>(sys, 'POST', '/api/v1/units', { token: board, body });
      expect(r.status).toBe(400);
      expect(r.headers.get('content-type')).toContain('application/problem+json');
      expect(r.body).toMatchObject({ status: 400, kind: 'VALIDATION_FAILED' });
      expect(r.body.code).toBe(field === 'parentId' ? 'UNIT_PARENT_NOT_FOUND' : 'VALIDATION_FAILED');
      expect(r.body.errors?.map((e) => e.field)).toContain(field);
      expect(await count()).toBe(before);
    });

    it('malformed JSON and a huge body', async () => {
      // raw: malformed JSON and an oversized body
      const bad = await http(sys, 'POST', '/api/v1/units', { token: board, raw: '{"code": ' });
      expect(bad.status).toBe(400);
      expect(bad.body.errors?.[0].field).toBe('body');
      const huge = await http(sys, 'POST', '/api/v1/units', {
        token: board,
        raw: JSON.stringify({ name: 'x'.repeat(600_000) }),
      });
      expect(huge.status).toBe(413);
      expect(huge.body).toMatchObject({ status: 413, code: 'PAYLOAD_TOO_LARGE' });
      expect(huge.body.errors[0].field).toBe('body');
    });

    it('a nested field is named by its path', async () => {
      // raw: LOTTERY is no method the contract allows
      const r = await http<Problem>(sys, 'PUT', '/api/v1/groups/cum-tn-dhmt/years/2023/leadership', {
        token: board,
        body: { chair: { unitId: 'binh-dinh', chosenBy: 'LOTTERY' } },
      });
      expect(r.status).toBe(400);
      expect(r.body.errors?.[0].field).toBe('chair.chosenBy');
      const notMember = await refused(
        client(sys, board).PUT('/api/v1/groups/{groupId}/years/{year}/leadership', {
          params: { path: { groupId: 'cum-tn-dhmt', year: 2023 } },
          body: { viceChair: { unitId: 'ha-tinh', chosenBy: 'ELECTION' } },
        }),
        400,
      );
      expect(notMember.code).toBe('LEADERSHIP_NOT_MEMBER');
      expect(notMember.errors?.[0].field).toBe('viceChair.unitId');
    });

    it('rules of the registry answer their own reason, naming the field', async () => {
      const api = client(sys, board);
      type Call = () => Promise<{ data?: unknown; error?: Problem; response: Response }>;
      const cases: [string, Call, number, string, string | undefined][] = [
        [
          '/api/v1/unit-successions',
          () =>
            api.POST('/api/v1/unit-successions', {
              body: {
                predecessorId: 'khong-ton-tai',
                successorId: 'gia-lai-2025',
                effectiveOn: '2025-07-01',
              },
            }),
          400,
          'SUCCESSION_UNIT_NOT_FOUND',
          'predecessorId',
        ],
        [
          '/api/v1/unit-successions',
          () =>
            api.POST('/api/v1/unit-successions', {
              body: { predecessorId: 'binh-dinh', successorId: 'gia-lai-2025', effectiveOn: '2025-08-01' },
            }),
          409,
          'SUCCESSION_PREDECESSOR_ENDS_OTHERWISE',
          'effectiveOn',
        ],
        [
          '/api/v1/unit-successions',
          () =>
            api.POST('/api/v1/unit-successions', {
              body: { predecessorId: 'binh-dinh', successorId: 'gia-lai-2025', effectiveOn: '2025-07-01' },
            }),
          409,
          'SUCCESSION_EXISTS',
          'successorId',
        ],
        [
          '/api/v1/unit-successions',
          () =>
            api.POST('/api/v1/unit-successions', {
              body: { predecessorId: 'kon-tum', successorId: 'kon-tum', effectiveOn: '2025-07-01' },
            }),
          400,
          'SUCCESSION_DATES_INVALID',
          'successorId',
        ],
        [
          '/api/v1/groups',
          () =>
            api.POST('/api/v1/groups', {
              body: {
                code: 'cum-tn-dhmt',
                name: 'Trùng mã',
                kind: 'CLUSTER',
                organiserKind: 'CENTRAL_COUNCIL',
              },
            }),
          409,
          'GROUP_CODE_TAKEN',
          'code',
        ],
        [
          '/api/v1/groups',
          () =>
            api.POST('/api/v1/groups', {
              body: {
                code: 'khoi-moi',
                name: 'Khối mới',
                kind: 'BLOCK',
                organiserKind: 'PROVINCIAL_COUNCIL',
              },
            }),
          400,
          'GROUP_ORGANISER_REQUIRED',
          'organiserUnitId',
        ],
        [
          '/api/v1/groups/cum-tn-dhmt/subgroups',
          () =>
            api.POST('/api/v1/groups/{groupId}/subgroups', {
              params: { path: { groupId: 'cum-tn-dhmt' } },
              body: { code: 'tay-nguyen', name: 'Trùng' },
            }),
          409,
          'SUBGROUP_CODE_TAKEN',
          'code',
        ],
        [
          '/api/v1/groups/cum-tn-dhmt/memberships',
          () =>
            api.POST('/api/v1/groups/{groupId}/memberships', {
              params: { path: { groupId: 'cum-tn-dhmt' } },
              body: { unitId: 'khong-ton-tai', validFrom: '2023-01-01' },
            }),
          400,
          'MEMBERSHIP_UNIT_NOT_FOUND',
          'unitId',
        ],
        [
          '/api/v1/groups/cum-tn-dhmt/memberships',
          () =>
            api.POST('/api/v1/groups/{groupId}/memberships', {
              params: { path: { groupId: 'cum-tn-dhmt' } },
              body: { unitId: 'gia-lai-2025', validFrom: '2024-01-01' },
            }),
          400,
          'MEMBERSHIP_OUTSIDE_UNIT',
          'validFrom',
        ],
        [
          '/api/v1/groups/cum-tn-dhmt/memberships',
          () =>
            api.POST('/api/v1/groups/{groupId}/memberships', {
              params: { path: { groupId: 'cum-tn-dhmt' } },
              body: {
                unitId: 'binh-dinh',
                validFrom: '2023-01-01',
                validTo: '2023-12-31',
                subgroupId: 'khong-co',
              },
            }),
          400,
          'SUBGROUP_NOT_FOUND',
          'subgroupId',
        ],
        [
          '/api/v1/groups/cum-tn-dhmt/memberships/00000000-0000-4000-8000-000000000000',
          () =>
            api.PATCH('/api/v1/groups/{groupId}/memberships/{membershipId}', {
              params: {
                path: { groupId: 'cum-tn-dhmt', membershipId: '00000000-0000-4000-8000-000000000000' },
              },
              body: { validTo: '2024-12-31' },
            }),
          404,
          'MEMBERSHIP_NOT_FOUND',
          undefined,
        ],
        [
          '/api/v1/groups/cum-tn-dhmt/years/2023/leadership',
          () =>
            api.PUT('/api/v1/groups/{groupId}/years/{year}/leadership', {
              params: { path: { groupId: 'cum-tn-dhmt', year: 2023 } },
              body: {
                chair: { unitId: 'binh-dinh', chosenBy: 'ROTATION' },
                viceChair: { unitId: 'binh-dinh', chosenBy: 'ROTATION' },
              },
            }),
          400,
          'LEADERSHIP_SAME_UNIT',
          'viceChair.unitId',
        ],
        [
          '/api/v1/groups/cum-tn-dhmt/years/2023/campaign/milestones',
          () =>
            api.POST('/api/v1/groups/{groupId}/years/{year}/campaign/milestones', {
              params: { path: { groupId: 'cum-tn-dhmt', year: 2023 } },
              body: { code: 'mot-moc', title: 'Mốc', anchorCode: 'khong-co', offsetDays: 3 },
            }),
          400,
          'CAMPAIGN_MILESTONE_ANCHOR_MISSING',
          'anchorCode',
        ],
      ];
      for (const [path, call, status, code, field] of cases) {
        const r = await reply(call());
        expect([path, r.status, r.problem?.code]).toEqual([path, status, code]);
        expect(typeof r.problem?.detail).toBe('string');
        if (field) expect(r.problem?.errors?.map((e) => e.field)).toContain(field);
      }
      // Nothing was written: Bình Định still ends 2025-06-30 and has one successor.
      const h = await ok(
        client(sys, officer).GET('/api/v1/units/{id}/history', { params: { path: { id: 'binh-dinh' } } }),
      );
      expect(h.unit.validTo).toBe('2025-06-30');
      expect(h.successors).toHaveLength(1);
    });

    it('404 for what does not exist', async () => {
      for (const [path, code] of [
        ['/api/v1/units/khong-ton-tai', 'UNIT_NOT_FOUND'],
        ['/api/v1/groups/khong-ton-tai/members?year=2023', 'GROUP_NOT_FOUND'],
        ['/api/v1/groups/cum-dbsh/years/2022/campaign', 'CAMPAIGN_NOT_FOUND'],
        ['/api/v1/nowhere', 'NOT_FOUND'],
      ]) {
        // raw: a table of paths, one of them no route of the contract
        const r = await http(sys, 'GET', path, { token: officer });
        expect([path, r.status, r.body.code, r.body.kind]).toEqual([path, 404, code, 'NOT_FOUND']);
        expect(r.headers.get('content-type')).toContain('application/problem+json');
      }
    });
  });

  describe('fuzzer findings: 4xx naming the field, never a 500', () => {
    const fields = (r: { body: { errors?: { field: string }[] } }) =>
      (r.body.errors ?? []).map((e) => e.field);

    it('integers beyond their columns: offset, limit, year', async () => {
      for (const [path, field] of [
        ['/api/v1/units?offset=99999999999999999999', 'offset'],
        ['/api/v1/units?offset=2147483648', 'offset'],
        ['/api/v1/groups?offset=99999999999999999999', 'offset'],
        ['/api/v1/units?limit=99999999999999999999', 'limit'],
        ['/api/v1/groups?year=99999999999', 'year'],
        ['/api/v1/groups/cum-tn-dhmt/members?year=99999999999999999999', 'year'],
        ['/api/v1/groups/cum-tn-dhmt/members?year=1e400', 'year'],
        [`/api/v1/groups/cum-tn-dhmt/years/${'9'.repeat(30)}/leadership`, 'year'],
        ['/api/v1/groups/cum-tn-dhmt/years/2101/campaign', 'year'],
      ]) {
        // raw: numbers beyond the contract's (the fuzzer's findings)
        const r = await http(sys, 'GET', path, { token: officer });
        expect([path, r.status]).toEqual([path, 400]);
        expect(fields(r)).toContain(field);
      }
      const last = await ok(
        client(sys, officer).GET('/api/v1/units', { params: { query: { offset: 2147483647, limit: 500 } } }),
        200,
      );
      expect(last.items).toEqual([]);
    });

    it('impossible dates in queries and bodies: 2023-02-30, 0000-01-01, 2023-13-01', async () => {
      for (const d of ['2023-02-30', '0000-01-01', '2023-13-01']) {
        for (const path of [
          `/api/v1/units?on=${d}`,
          `/api/v1/groups/cum-tn-dhmt/members?on=${d}`,
          `/api/v1/groups/cum-tn-dhmt/members/current-successors?on=${d}`,
        ]) {
          // raw: impossible dates, which no `format: date` allows
          const r = await http(sys, 'GET', path, { token: officer });
          expect([path, r.status, fields(r)]).toEqual([path, 400, ['on']]);
        }
        const writes: [string, string, unknown, string][] = [
          [
            'POST',
            '/api/v1/units',
            { code: 'fz-date', name: 'Ngày sai', kind: 'OTHER', validFrom: d },
            'validFrom',
          ],
          ['PATCH', '/api/v1/units/binh-dinh', { validTo: d }, 'validTo'],
          ['PATCH', '/api/v1/groups/cum-tn-dhmt', { validTo: d }, 'validTo'],
          [
            'POST',
            '/api/v1/unit-successions',
            { predecessorId: 'kon-tum', successorId: 'binh-dinh', effectiveOn: d },
            'effectiveOn',
          ],
          [
            'POST',
            '/api/v1/groups/cum-tn-dhmt/memberships',
            { unitId: 'binh-dinh', validFrom: d },
            'validFrom',
          ],
          [
            'PUT',
            '/api/v1/groups/cum-tn-dhmt/years/2023/leadership',
            { chair: { unitId: 'binh-dinh', chosenBy: 'ROTATION', decidedOn: d } },
            'chair.decidedOn',
          ],
          [
            'POST',
            '/api/v1/groups/cum-tn-dhmt/years/2023/campaign/milestones',
            { code: 'fz-date', title: 'Mốc', dueOn: d },
            'dueOn',
          ],
        ];
        for (const [method, path, body, field] of writes) {
          // raw: values the contract forbids (the fuzzer's findings)
          const r = await http(sys, method, path, { token: board, body });
          expect([method, path, r.status, fields(r)]).toEqual([method, path, 400, [field]]);
        }
      }
    });

    it('{"name": null} on a PATCH is refused naming it; null clears what may be cleared', async () => {
      for (const [path, body, field] of [
        ['/api/v1/units/binh-dinh', { name: null }, 'name'],
        ['/api/v1/units/binh-dinh', { kind: null }, 'kind'],
        ['/api/v1/groups/cum-tn-dhmt', { name: null }, 'name'],
        ['/api/v1/groups/cum-tn-dhmt', { name: null, validTo: null }, 'name'],
      ] as const) {
        // raw: null where the contract allows none
        const r = await http(sys, 'PATCH', path, { token: board, body });
        expect([path, r.status, fields(r)]).toEqual([path, 400, [field]]);
      }
      const made = await reply(
        client(sys, board).POST('/api/v1/units', {
          body: { code: 'fz-clear', name: 'Tạm', kind: 'OTHER', validTo: '2030-12-31' },
        }),
      );
      expect(made.status).toBe(201);
      const cleared = await ok(
        client(sys, board).PATCH('/api/v1/units/{id}', {
          params: { path: { id: 'fz-clear' } },
          body: { validTo: null },
        }),
        200,
      );
      expect(cleared).toMatchObject({ name: 'Tạm', validTo: null });
    });

    it('a lone surrogate in a name: 400 naming it at the gateway, and at the registry on its own', async () => {
      const writes: [string, string, unknown][] = [
        ['POST', '/api/v1/units', { code: 'fz-sur', name: 'a\ud800b', kind: 'OTHER' }],
        ['PATCH', '/api/v1/units/binh-dinh', { name: 'x\ud800' }],
        [
          'POST',
          '/api/v1/groups',
          { code: 'fz-sur', name: '\ud800', kind: 'CLUSTER', organiserKind: 'CENTRAL_COUNCIL' },
        ],
        ['PATCH', '/api/v1/groups/cum-tn-dhmt', { name: '\udfff' }],
        ['POST', '/api/v1/groups/cum-tn-dhmt/subgroups', { code: 'fz-sur', name: '\udfff' }],
      ];
      for (const [method, path, body] of writes) {
        // raw: lone surrogates (the fuzzer's findings), a table of operations
        const r = await http(sys, method, path, { token: board, body });
        expect([method, path, r.status]).toEqual([method, path, 400]);
      }
      expect(
        (await ok(client(sys, board).GET('/api/v1/units/{id}', { params: { path: { id: 'binh-dinh' } } })))
          .name,
      ).toBe('Bình Định');
      // Straight to the registry over NATS (no gateway in front): its own pipe refuses it, naming the field.
      const nc = await connect({ servers: testInfra().natsUrl });
      try {
        /** The fields a VALIDATION_FAILED answer names (each once). */
        const refused = (answer: { ok: boolean; error?: { code: string; errors?: { field: string }[] } }) => {
          expect(answer.error?.code).toBe('VALIDATION_FAILED');
          return [...new Set((answer.error?.errors ?? []).map((e) => e.field))];
        };
        const ask = async (subject: string, payload: unknown) =>
          JSON.parse(
            new TextDecoder().decode(
              (
                await nc.request(
                  prefixed(sys.prefix, subject),
                  new TextEncoder().encode(JSON.stringify(payload)),
                  {
                    timeout: 5000,
                  },
                )
              ).data,
            ),
          );
        const create = await ask(RegistryRpc.unitCreate.subject, {
          code: 'fz-sur-2',
          name: 'a\ud800',
          kind: 'OTHER',
        });
        expect(refused(create)).toEqual(['name']);
        const patch = await ask(RegistryRpc.unitUpdate.subject, {
          id: 'binh-dinh',
          patch: { name: '\ud800' },
        });
        expect(refused(patch)).toEqual(['patch.name']);
        const nulled = await ask(RegistryRpc.groupUpdate.subject, {
          id: 'cum-tn-dhmt',
          patch: { name: null },
        });
        expect(refused(nulled)).toEqual(['patch.name']);
      } finally {
        await nc.close();
      }
    });

    it('an unknown group asked by 14 requests at once: 404 for every one', async () => {
      const all = await Promise.all(
        Array.from({ length: 14 }, () =>
          reply(
            client(sys, officer).GET('/api/v1/groups/{groupId}/members', {
              params: { path: { groupId: 'khong-ton-tai-14' }, query: { year: 2023 } },
            }),
          ),
        ),
      );
      expect(all.map((r) => r.status)).toEqual(Array(14).fill(404));
    });
  });

  describe('when the registry does not answer', () => {
    let nc: NatsConnection;
    afterAll(async () => {
      await nc?.close();
    });

    it('a stopped registry is a 503 within 2 s, a hung one a 504 at the timeout, and it recovers', async () => {
      await sys.stopRegistry();
      const t0 = Date.now();
      const r = await refused(
        client(sys, officer).GET('/api/v1/groups/{groupId}/members', {
          params: { path: { groupId: 'cum-tn-dhmt' }, query: { year: 2023 } },
        }),
        503,
      );
      expect(Date.now() - t0).toBeLessThan(2000);
      expect(r.code).toBe('SERVICE_UNAVAILABLE');

      // A responder that takes the request and never answers: the gateway gives up at its timeout.
      // It also shows the HTTP request id travelling on the NATS request (for the logs).
      nc = await connect({ servers: testInfra().natsUrl });
      const seenIds: (string | undefined)[] = [];
      nc.subscribe(`${sys.prefix}.registry.member.page`, {
        queue: 'registry',
        callback: (_e, msg) => seenIds.push(msg.headers?.get('x-request-id')),
      });
      await nc.flush();
      const t1 = Date.now();
      const slow = await refused(
        client(sys, officer).GET('/api/v1/groups/{groupId}/members', {
          params: { path: { groupId: 'cum-tn-dhmt' }, query: { year: 2023 } },
          headers: { 'x-request-id': 'e2e-trace-42' },
        }),
        504,
      );
      expect(Date.now() - t1).toBeLessThan(3000);
      expect(slow.requestId).toBe('e2e-trace-42');
      expect(seenIds).toEqual(['e2e-trace-42']);
      await nc.close();

      await sys.startRegistry();
      const back = await reply(
        client(sys, officer).GET('/api/v1/groups/{groupId}/members', {
          params: { path: { groupId: 'cum-tn-dhmt' }, query: { year: 2023 } },
        }),
      );
      expect(back.status).toBe(200);
    });
  });

  it('health, readiness and metrics', async () => {
    // raw: health and metrics are no part of the API contract
    expect((await http(sys, 'GET', '/health/live')).status).toBe(200);
    const ready = await http(sys, 'GET', '/health/ready');
    expect(ready.status).toBe(200);
    expect(ready.body.checks.nats).toBe('up');
    // Not on the gateway's public port (its own listener, METRICS_PORT); a service's port has them.
    expect((await http(sys, 'GET', '/metrics')).status).toBe(404);
    const registryUrl = (await sys.registry!.getUrl()).replace('[::1]', '127.0.0.1');
    const metrics = await (await fetch(`${registryUrl}/metrics`)).text();
    expect(metrics).toContain('http_request_duration_seconds');
    expect(metrics).toContain('rpc_client_duration_seconds');
  });

  // The count is shared by every gateway through the registry (issue 16): on a gateway of its own
  // that trusts 127.0.0.1 as a proxy, the guesses come from an address and at an account of their
  // own, so the other tests' logins neither count here nor are refused afterwards.
  it('slows password guessing: 429 with Retry-After after too many login attempts', async () => {
    const { app, config } = await createGateway({
      NATS_URL: testInfra().natsUrl,
      NATS_PREFIX: sys.prefix,
      JWT_SECRET: `e2e-throttle-${runId()}-0123456789abcdef`,
      LOG_LEVEL: 'warn',
      TRUSTED_PROXIES: '127.0.0.1/32',
    });
    try {
      await app.listen(0, '127.0.0.1');
      const own = { ...sys, baseUrl: (await app.getUrl()).replace('[::1]', '127.0.0.1') };
      const attempt = (password: string, username = 'khong-co-ai-doan') =>
        reply(
          client(own).POST('/api/v1/auth/login', {
            body: { username, password },
            headers: { 'x-forwarded-for': '198.51.100.23' },
          }),
        );
      const limit = config.LOGIN_ATTEMPTS_PER_MINUTE;
      const t0 = Date.now();
      const within: number[] = [];
      for (let i = 0; i < limit; i += 1) within.push((await attempt(`guess-${i}`)).status);
      expect(within).toEqual(Array(limit).fill(401));
      const over = await attempt(`guess-${limit}`);
      expect(over.status).toBe(429);
      expect(over.problem).toMatchObject({ code: 'LOGIN_THROTTLED', kind: 'RATE_LIMITED' });
      // The rest of the one-minute window that began with the first attempt, in whole seconds.
      const retryAfter = Number(over.headers.get('retry-after'));
      expect(retryAfter).toBeLessThanOrEqual(60);
      expect(retryAfter).toBeGreaterThanOrEqual(60 - Math.ceil((Date.now() - t0) / 1000));
      // The right password of another account too, from that address, while it lasts.
      expect((await attempt(DEMO_PASSWORD, 'board')).status).toBe(429);
    } finally {
      await app.close();
    }
  });
});

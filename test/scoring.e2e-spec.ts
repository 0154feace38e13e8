/**
 * Scoring through the gateway — the TN&DHMT cluster 2023 (seed 000): the chair imports and
 * publishes the points table, the ten members self-score, outside bodies enter their criteria, the
 * chair appraises with reasons, locks; the ranking per subgroup names one Government flag and one
 * PM certificate in each; a tie the rules break (Tây Nguyên) and one they cannot (Duyên hải).
 *
 * Each test has a group-year of its own, brought to the state it starts from by the helpers below
 * (a published table, the scores entered, the appraisal, the lock): none needs another to have run.
 */
import 'reflect-metadata';
import { errorMessage, ScoringEvents, SCORING_STREAM, XLSX_TYPE } from '@tdkt/contracts';
import { prefixedStream } from '@tdkt/platform';
import { addDays, todayInVietnam } from '@tdkt/domain';
import { expectEventually, testInfra } from '@tdkt/testing';
import { streamEnvelopes } from './support/fault';
import { attach, pdf } from './support/intake';
import ExcelJS from 'exceljs';
import { DataSource } from 'typeorm';
import { http, login, startTestSystem, TestSystem } from './support/system';
import { client, ok, refused, reply, statusOf, type Problem, type Schema } from './support/api';

/* eslint-disable @typescript-eslint/no-explicit-any */
const TN = 'cum-tn-dhmt';
/** The seed's own group-year: the ranking, the honours and the national figures of 2023. */
const G = `/api/v1/groups/${TN}/years/2023`;
/**
 * The other tests' group-years: clusters like TN&DHMT (the same ten provinces in the same two
 * subgroups, Bình Định chairing, Lâm Đồng vice) in OWN_YEAR, made before the chair and the vice
 * sign in so that their sign-in carries each.
 */
const OWN_YEAR = 2024;
/** The group and year of a group-year path such as G or own(code): the typed client's path parameters. */
const at = (g: string) => {
  const m = /^\/api\/v1\/groups\/([^/]+)\/years\/(\d+)$/.exec(g);
  if (!m) throw new Error(`not a group-year path: ${g}`);
  return { groupId: m[1], year: Number(m[2]) };
};
const OWN = {
  publish: 'cum-thu-cong-bo',
  selfScores: 'cum-thu-tu-cham',
  appraisal: 'cum-thu-tham-dinh',
  reopen: 'cum-thu-mo-lai',
  excel: 'cum-thu-excel',
  sheets: 'cum-thu-bang-tu-cham',
  honours: 'cum-thu-de-nghi',
  outside: 'cum-thu-co-quan-ngoai',
  /** Only ever sent what is refused: never a table, never locked. */
  refusals: 'cum-thu-tu-choi',
} as const;
const own = (code: string) => `/api/v1/groups/${code}/years/${OWN_YEAR}`;
const ATGT = 'Ủy ban An toàn giao thông Quốc gia';
const BAN = 'Ban Thi đua - Khen thưởng Trung ương';

const SCHEME: Schema<'SchemeBodyModel'> = {
  sections: [
    {
      type: 'SECTION',
      code: 'kinh-te',
      title: 'Phát triển kinh tế'.normalize('NFD'),
      children: [
        {
          type: 'CRITERION',
          code: 'grdp',
          title: 'Tăng trưởng GRDP (%)',
          max: 20,
          method: { kind: 'TARGET', target: 8, floor: 5 },
          scoredBy: { kind: 'MEMBER' },
          evidenceRequired: false,
        },
        {
          type: 'CRITERION',
          code: 'thu-ngan-sach',
          title: 'Thu ngân sách',
          max: 20,
          method: { kind: 'MANUAL' },
          scoredBy: { kind: 'MEMBER' },
          evidenceRequired: false,
        },
      ],
    },
    {
      type: 'SECTION',
      code: 'xa-hoi',
      title: 'Văn hóa – xã hội',
      children: [
        {
          type: 'CRITERION',
          code: 'giam-ngheo',
          title: 'Giảm nghèo',
          max: 20,
          method: { kind: 'MANUAL' },
          scoredBy: { kind: 'MEMBER' },
          evidenceRequired: false,
        },
        {
          type: 'CRITERION',
          code: 'atgt',
          title: 'An toàn giao thông',
          max: 10,
          method: { kind: 'MANUAL' },
          scoredBy: { kind: 'OUTSIDE_BODY', body: ATGT },
          evidenceRequired: false,
        },
      ],
    },
    {
      type: 'SECTION',
      code: 'thi-dua',
      title: 'Công tác thi đua, khen thưởng',
      children: [
        {
          type: 'CRITERION',
          code: 'cong-tac-tdkt',
          title: 'Công tác TĐKT',
          max: 20,
          method: { kind: 'MANUAL' },
          scoredBy: { kind: 'OUTSIDE_BODY', body: BAN },
          evidenceRequired: false,
        },
        {
          type: 'CRITERION',
          code: 'diem-thuong',
          title: 'Điểm thưởng',
          max: 0,
          method: { kind: 'BONUS', cap: 5 },
          scoredBy: { kind: 'LEADERSHIP' },
          evidenceRequired: false,
        },
      ],
    },
  ],
};

const APPRAISAL_REASON = 'Tỷ lệ hộ nghèo giảm 1,2% (không phải 2%) theo số liệu Cục Thống kê';

// [GRDP achieved %, thu ngân sách, giảm nghèo, ATGT, công tác TĐKT] — self-scores, then outside bodies.
const SCORES: Record<string, [number, number, number, number, number]> = {
  'Đắk Lắk': [8, 20, 15, 10, 15], // 80, three at maximum
  'Gia Lai': [9, 18, 17, 10, 15], // 80, two at maximum → behind Đắk Lắk by the rule
  'Lâm Đồng': [6, 18, 16, 9, 17], // 75
  'Kon Tum': [4, 15, 18, 8, 14], // giảm nghèo appraised 18 → 14
  'Đắk Nông': [5, 12, 12, 7, 12],
  'Bình Định': [8, 20, 20, 10, 18], // 88
  'Khánh Hòa': [8, 19, 18, 9, 16], // 82
  'Phú Yên': [6, 14, 14, 8, 12], // 63 ┐ equal in everything:
  'Quảng Nam': [6, 14, 14, 8, 12], //  63 ┘ a tie no rule breaks
  'Quảng Ngãi': [5, 13, 13, 7, 11],
};

describe('scoring through the gateway: TN&DHMT 2023', () => {
  let sys: TestSystem;
  let db: DataSource;
  let board: string, chair: string, vice: string, kontum: string;
  const unit = new Map<string, string>();
  const token = (name: string) => sys.officerToken(unit.get(name) as string);
  const changes = async () => Number((await db.query('SELECT count(*) n FROM scoring.score_changes'))[0].n);
  /** A member's entries in group-year `g`, as `tok`. */
  /** The unit id of a member by name (every name the tests use is a member). */
  const unitOf = (name: string) => {
    const id = unit.get(name);
    if (!id) throw new Error(`no unit ${name}`);
    return id;
  };
  const scoresIn = (g: string) => (tok: string, name: string, entries: Schema<'ScoreEntryDto'>[]) =>
    client(sys, tok).PUT('/api/v1/groups/{groupId}/years/{year}/scores/{memberId}', {
      params: { path: { ...at(g), memberId: unitOf(name) } },
      body: { entries },
    });
  /** A setup step that must succeed (its answer otherwise in the failure). */
  const must = async <D, E>(what: string, call: Promise<{ data?: D; error?: E; response: Response }>) => {
    const a = await reply(call);
    if (a.status >= 300) throw new Error(`${what}: ${a.status} ${JSON.stringify(a.problem)}`);
    return a;
  };

  /** A cluster like TN&DHMT in OWN_YEAR: its subgroups, the ten provinces, chair and vice. */
  async function cluster(code: string, members: { unitId: string; subgroup: string }[]): Promise<void> {
    const api = client(sys, board);
    await must(
      code,
      api.POST('/api/v1/groups', {
        body: { code, name: `Cụm thi đua thử ${code}`, kind: 'CLUSTER', organiserKind: 'CENTRAL_COUNCIL' },
      }),
    );
    for (const [sub, name] of [
      ['tay-nguyen', '05 tỉnh Tây Nguyên'],
      ['duyen-hai', '05 tỉnh Duyên hải miền Trung'],
    ])
      await must(
        sub,
        api.POST('/api/v1/groups/{groupId}/subgroups', {
          params: { path: { groupId: code } },
          body: { code: sub, name },
        }),
      );
    await Promise.all(
      members.map((m) =>
        must(
          m.unitId,
          api.POST('/api/v1/groups/{groupId}/memberships', {
            params: { path: { groupId: code } },
            body: {
              unitId: m.unitId,
              validFrom: `${OWN_YEAR}-01-01`,
              validTo: `${OWN_YEAR}-12-31`,
              subgroupId: m.subgroup,
            },
          }),
        ),
      ),
    );
    await must(
      'leadership',
      api.PUT('/api/v1/groups/{groupId}/years/{year}/leadership', {
        params: { path: { groupId: code, year: OWN_YEAR } },
        body: {
          chair: { unitId: unitOf('Bình Định'), chosenBy: 'ELECTION' },
          viceChair: { unitId: unitOf('Lâm Đồng'), chosenBy: 'ELECTION' },
        },
      }),
    );
  }

  // ---- the states a test starts from ----

  /** SCHEME with its tie-breaks (more criteria at maximum, then section thi-dua), published: version 1. */
  async function publishScheme(g: string): Promise<void> {
    await ok(
      client(sys, chair).PUT('/api/v1/groups/{groupId}/years/{year}/scheme', {
        params: { path: at(g) },
        body: {
          scheme: SCHEME,
          tieBreaks: [{ kind: 'MORE_AT_MAXIMUM' }, { kind: 'SECTION', section: 'thi-dua' }],
        },
      }),
    );
    await signAll(g);
    await ok(
      client(sys, chair).POST('/api/v1/groups/{groupId}/years/{year}/scheme/publish', {
        params: { path: at(g) },
      }),
    );
  }

  /** The covenant signed by every member's officer (publishing needs every signature). */
  async function signAll(g: string): Promise<void> {
    for (const name of Object.keys(SCORES))
      await ok(
        client(sys, token(name)).POST('/api/v1/groups/{groupId}/years/{year}/scheme/signatures', {
          params: { path: at(g) },
          body: { unitId: unitOf(name) },
        }),
      );
  }

  /** SCORES: each member's self-scores by its officer, the outside bodies' by the central board. */
  async function enterScores(g: string): Promise<void> {
    const put = scoresIn(g);
    for (const [name, [grdp, thu, ngheo, atgt, tdkt]] of Object.entries(SCORES)) {
      await must(
        name,
        put(token(name), name, [
          { criterion: 'grdp', value: grdp },
          { criterion: 'thu-ngan-sach', value: thu },
          { criterion: 'giam-ngheo', value: ngheo },
        ]),
      );
      await must(
        name,
        put(board, name, [
          { criterion: 'atgt', value: atgt, reason: 'Số liệu của Ủy ban ATGT Quốc gia' },
          { criterion: 'cong-tac-tdkt', value: tdkt },
        ]),
      );
    }
  }

  /** The chair's appraisal: Kon Tum's giảm nghèo 18 → 14. */
  async function appraise(g: string): Promise<void> {
    await must(
      'appraisal',
      scoresIn(g)(chair, 'Kon Tum', [{ criterion: 'giam-ngheo', value: 14, reason: APPRAISAL_REASON }]),
    );
  }

  beforeAll(async () => {
    sys = await startTestSystem({ with: ['scoring'] });
    db = new DataSource({ type: 'postgres', url: sys.db.url });
    await db.initialize();
    board = await login(sys, 'board');
    kontum = await login(sys, 'kontum');
    const members = await ok(
      client(sys, board).GET('/api/v1/groups/{groupId}/members', {
        params: { path: { groupId: TN }, query: { year: 2023 } },
      }),
    );
    for (const m of members.items) unit.set(m.unit.name, m.unit.id);
    const copy = members.items.map((m) => ({
      unitId: m.unit.id,
      subgroup: m.subgroup?.code ?? '',
    }));
    for (const code of Object.values(OWN)) await cluster(code, copy);
    // Signed in after the leadership of every group-year above was set.
    chair = await login(sys, 'binhdinh');
    vice = await login(sys, 'lamdong');
  }, 90_000);

  afterAll(async () => {
    await db?.destroy();
    await sys?.stop();
  });

  it('the chair imports the points table (problems named by path), publishes it; others cannot', async () => {
    const g = own(OWN.publish);
    const put = scoresIn(g);
    const bad = await refused(
      client(sys, chair).PUT('/api/v1/groups/{groupId}/years/{year}/scheme', {
        params: { path: at(g) },
        body: {
          scheme: {
            sections: [
              {
                type: 'SECTION',
                code: 'x',
                title: 'X',
                children: [
                  {
                    type: 'CRITERION',
                    code: 'y',
                    title: 'Y',
                    max: -1,
                    method: { kind: 'MANUAL' },
                    scoredBy: { kind: 'MEMBER' },
                    evidenceRequired: false,
                  },
                ],
              },
            ],
          },
        },
      }),
      400,
    );
    expect([bad.code, bad.kind]).toEqual(['SCHEME_INVALID', 'VALIDATION_FAILED']);
    expect(bad.errors).toEqual([
      { field: 'body.scheme.sections[0].children[0].max', message: 'phải lớn hơn 0' },
    ]);
    const badRule = await reply(
      client(sys, chair).PUT('/api/v1/groups/{groupId}/years/{year}/scheme', {
        params: { path: at(g) },
        body: { scheme: SCHEME, tieBreaks: [{ kind: 'SECTION', section: 'khong-co' }] },
      }),
    );
    expect(badRule.problem?.code).toBe('SCHEME_RULES_INVALID');
    expect(badRule.problem?.errors).toEqual([
      { field: 'body.tieBreaks[0].section', message: 'không có mục "khong-co" trong bảng điểm' },
    ]);
    const notChair = await reply(
      client(sys, kontum).PUT('/api/v1/groups/{groupId}/years/{year}/scheme', {
        params: { path: at(g) },
        body: { scheme: SCHEME },
      }),
    );
    expect([notChair.status, notChair.problem?.code, notChair.problem?.kind]).toEqual([
      403,
      'SCHEME_LEADERS_ONLY',
      'FORBIDDEN',
    ]);
    expect(notChair.problem?.detail).toBe(
      errorMessage('SCHEME_LEADERS_ONLY', { year: OWN_YEAR, previous: OWN_YEAR - 1 }),
    );

    const draft = await ok(
      client(sys, chair).PUT('/api/v1/groups/{groupId}/years/{year}/scheme', {
        params: { path: at(g) },
        body: {
          scheme: SCHEME,
          tieBreaks: [{ kind: 'MORE_AT_MAXIMUM' }, { kind: 'SECTION', section: 'thi-dua' }],
        },
      }),
      200,
    );
    expect(draft).toMatchObject({
      version: 1,
      state: 'DRAFT',
      maximumTotal: 95,
      honours: { scope: 'SUBGROUP' },
    });
    expect(draft.scheme.sections[0].title).toBe('Phát triển kinh tế'.normalize('NFC'));
    // Self-scoring waits for the published table; members see the draft (they comment and sign
    // it: the covenant), anyone else does not.
    const early = await reply(put(kontum, 'Kon Tum', [{ criterion: 'grdp', value: 4 }]));
    expect([early.status, early.problem?.code, early.problem?.kind]).toEqual([
      409,
      'SCHEME_NOT_PUBLISHED',
      'INVALID_STATE',
    ]);
    const consulted = await reply(
      client(sys, kontum).GET('/api/v1/groups/{groupId}/years/{year}/scheme', {
        params: { path: at(g) },
      }),
    );
    expect([consulted.status, consulted.data?.state]).toEqual([200, 'DRAFT']);
    const outsider = (
      await ok(client(sys, board).GET('/api/v1/units', { params: { query: { q: 'ha noi' } } }))
    ).items[0].id;
    const hidden = await reply(
      client(sys, sys.officerToken(outsider)).GET('/api/v1/groups/{groupId}/years/{year}/scheme', {
        params: { path: at(g) },
      }),
    );
    expect([hidden.status, hidden.problem?.code]).toEqual([404, 'SCHEME_NOT_FOUND']);
    // Not before every member signed (the covenant); then the chair publishes.
    const unsigned = await reply(
      client(sys, chair).POST('/api/v1/groups/{groupId}/years/{year}/scheme/publish', {
        params: { path: at(g) },
      }),
    );
    expect([unsigned.status, unsigned.problem?.code]).toEqual([409, 'COVENANT_SIGNATURES_MISSING']);
    await signAll(g);
    const published = await ok(
      client(sys, chair).POST('/api/v1/groups/{groupId}/years/{year}/scheme/publish', {
        params: { path: at(g) },
      }),
    );
    expect(published).toMatchObject({ version: 1, state: 'PUBLISHED' });
    const again = await reply(
      client(sys, chair).POST('/api/v1/groups/{groupId}/years/{year}/scheme/publish', {
        params: { path: at(g) },
      }),
    );
    expect([again.status, again.problem?.code]).toEqual([409, 'SCHEME_ALREADY_PUBLISHED']);
    expect(
      (
        await ok(
          client(sys, kontum).GET('/api/v1/groups/{groupId}/years/{year}/scheme', {
            params: { path: at(g) },
          }),
        )
      ).version,
    ).toBe(1);
  });

  it('members self-score; bad entries are refused whole and nothing is written', async () => {
    const g = own(OWN.selfScores);
    const put = scoresIn(g);
    await publishScheme(g);
    const before = await changes();
    const above = await reply(
      put(kontum, 'Kon Tum', [
        { criterion: 'grdp', value: 4 },
        { criterion: 'thu-ngan-sach', value: 25 },
      ]),
    );
    expect([above.status, above.problem?.code]).toEqual([400, 'SCORE_ENTRIES_INVALID']);
    expect(above.problem?.errors).toEqual([
      { field: 'body.entries[1].value', message: 'giá trị phải từ 0 đến điểm tối đa 20' },
    ]);
    const unknown = await reply(put(kontum, 'Kon Tum', [{ criterion: 'khong-co', value: 1 }]));
    expect([unknown.status, unknown.problem?.code]).toEqual([400, 'SCORE_CRITERION_UNKNOWN']);
    expect(unknown.problem?.errors?.[0]).toMatchObject({ field: 'body.entries[0].criterion' });
    const outside = await reply(put(kontum, 'Kon Tum', [{ criterion: 'atgt', value: 10 }]));
    expect([outside.status, outside.problem?.code]).toEqual([403, 'SCORE_CRITERION_OUTSIDE_BODY']);
    expect(outside.problem?.detail).toBe(
      errorMessage('SCORE_CRITERION_OUTSIDE_BODY', { criterion: 'atgt', body: ATGT }),
    );
    const notOwn = await reply(put(kontum, 'Đắk Lắk', [{ criterion: 'grdp', value: 9 }])); // not its unit, not a leader
    expect([notOwn.status, notOwn.problem?.code]).toEqual([403, 'SCORE_CRITERION_NOT_ALLOWED']);
    // A member's officer cannot enter a criterion the chair or vice scores.
    const bonus = await reply(put(kontum, 'Kon Tum', [{ criterion: 'diem-thuong', value: 1, reason: 'x' }]));
    expect([bonus.status, bonus.problem?.code]).toEqual([403, 'SCORE_CRITERION_LEADERSHIP_ONLY']);
    expect(await changes()).toBe(before);

    for (const [name, [grdp, thu, ngheo]] of Object.entries(SCORES)) {
      const tok = name === 'Kon Tum' ? kontum : token(name);
      const r = await reply(
        put(tok, name, [
          { criterion: 'grdp', value: grdp },
          { criterion: 'thu-ngan-sach', value: thu },
          { criterion: 'giam-ngheo', value: ngheo },
        ]),
      );
      expect(r.status).toBe(200);
    }
    // Outside bodies' criteria: entered by the central board for them.
    for (const [name, [, , , atgt, tdkt]] of Object.entries(SCORES)) {
      const r = await reply(
        put(board, name, [
          { criterion: 'atgt', value: atgt, reason: 'Số liệu của Ủy ban ATGT Quốc gia' },
          { criterion: 'cong-tac-tdkt', value: tdkt },
        ]),
      );
      expect(r.status).toBe(200);
    }
    // Each entry once in the trail: ten members, three criteria of their own and two of outside bodies.
    expect(await changes()).toBe(before + 10 * (3 + 2));
    const kt = await ok(
      client(sys, kontum).GET('/api/v1/groups/{groupId}/years/{year}/scores/{memberId}', {
        params: { path: { ...at(g), memberId: unitOf('Kon Tum') } },
      }),
    );
    expect(kt).toMatchObject({ selfTotal: 10 + 15 + 18, total: 10 + 15 + 18 + 8 + 14 }); // GRDP 4 of 8 → 10 of 20
  });

  it('an outside body enters its criterion and sees only its criteria of every member before the lock', async () => {
    const g = own(OWN.outside);
    const put = scoresIn(g);
    // The traffic-safety criterion scored by a unit of the registry (outside bodies are units).
    const found = await ok(
      client(sys, board).GET('/api/v1/units', { params: { query: { q: 'thai binh' } } }),
    );
    const bodyUnit: string = found.items[0].id;
    const scheme = JSON.parse(
      JSON.stringify(SCHEME).replaceAll(JSON.stringify(ATGT), JSON.stringify(bodyUnit)),
    );
    await ok(
      client(sys, chair).PUT('/api/v1/groups/{groupId}/years/{year}/scheme', {
        params: { path: at(g) },
        body: { scheme },
      }),
    );
    await signAll(g);
    await ok(
      client(sys, chair).POST('/api/v1/groups/{groupId}/years/{year}/scheme/publish', {
        params: { path: at(g) },
      }),
    );
    await ok(put(kontum, 'Kon Tum', [{ criterion: 'grdp', value: 7 }]));
    const atgt = sys.officerToken(bodyUnit);
    const entered = await ok(
      put(atgt, 'Kon Tum', [{ criterion: 'atgt', value: 9, reason: 'Số liệu năm' }]),
      200,
    );
    expect(entered).toMatchObject({ scope: 'OUTSIDE_BODY', selfTotal: null, total: null });
    expect(entered.entries.map((e) => [e.criterion, e.appraisedValue, e.appraisedKind])).toEqual([
      ['atgt', 9, 'OUTSIDE'],
    ]);
    // Any member, its own criteria only: never the member's self-scores of other criteria or totals.
    const other = await reply(
      client(sys, atgt).GET('/api/v1/groups/{groupId}/years/{year}/scores/{memberId}', {
        params: { path: { ...at(g), memberId: unitOf('Đắk Lắk') } },
      }),
    );
    expect([other.status, other.data?.scope, other.data?.entries]).toEqual([200, 'OUTSIDE_BODY', []]);
    const kt = await ok(
      client(sys, atgt).GET('/api/v1/groups/{groupId}/years/{year}/scores/{memberId}', {
        params: { path: { ...at(g), memberId: unitOf('Kon Tum') } },
      }),
    );
    expect(kt.entries.map((e) => e.criterion)).toEqual(['atgt']);
    // The member itself still sees everything of its own.
    const mine = await ok(
      client(sys, kontum).GET('/api/v1/groups/{groupId}/years/{year}/scores/{memberId}', {
        params: { path: { ...at(g), memberId: unitOf('Kon Tum') } },
      }),
    );
    expect(mine.scope).toBe('ALL');
    expect(mine.entries.map((e) => e.criterion).sort()).toEqual(['atgt', 'grdp']);
    // A body the scheme does not name, and the body on the trail: refused as before.
    const stranger = await reply(
      client(
        sys,
        sys.officerToken(
          (await ok(client(sys, board).GET('/api/v1/units', { params: { query: { q: 'ha noi' } } }))).items[0]
            .id,
        ),
      ).GET('/api/v1/groups/{groupId}/years/{year}/scores/{memberId}', {
        params: { path: { ...at(g), memberId: unitOf('Kon Tum') } },
      }),
    );
    expect([stranger.status, stranger.problem?.code]).toEqual([403, 'SCORES_NOT_VISIBLE']);
    await refused(
      client(sys, atgt).GET('/api/v1/groups/{groupId}/years/{year}/score-changes', {
        params: { path: at(g), query: { memberId: unitOf('Kon Tum') } },
      }),
      403,
    );
  });

  it('the chair appraises with a reason; members see only their own scores until the lock', async () => {
    const g = own(OWN.appraisal);
    const put = scoresIn(g);
    await publishScheme(g);
    await enterScores(g);
    const noReason = await refused(put(chair, 'Kon Tum', [{ criterion: 'giam-ngheo', value: 14 }]), 400);
    expect(noReason.errors).toEqual([
      { field: 'body.entries[0].reason', message: 'thẩm định thay đổi điểm cần nêu lý do' },
    ]);
    const appraised = await ok(
      put(chair, 'Kon Tum', [
        {
          criterion: 'giam-ngheo',
          value: 14,
          reason: APPRAISAL_REASON,
        },
      ]),
      200,
    );
    expect(appraised).toMatchObject({ selfTotal: 10 + 15 + 18, total: 10 + 15 + 14 + 8 + 14 }); // GRDP 4 of 8 → 10 of 20

    const others = await reply(
      client(sys, kontum).GET('/api/v1/groups/{groupId}/years/{year}/scores/{memberId}', {
        params: { path: { ...at(g), memberId: unitOf('Gia Lai') } },
      }),
    );
    expect([others.status, others.problem?.code]).toEqual([403, 'SCORES_HIDDEN_UNTIL_LOCKED']);
    expect(
      await statusOf(
        client(sys, kontum).GET('/api/v1/groups/{groupId}/years/{year}/scores/{memberId}', {
          params: { path: { ...at(g), memberId: unitOf('Kon Tum') } },
        }),
      ),
    ).toBe(200);
    expect(
      await statusOf(
        client(sys, kontum).GET('/api/v1/groups/{groupId}/years/{year}/ranking', {
          params: { path: at(g) },
        }),
      ),
    ).toBe(403);
    expect(
      await statusOf(
        client(sys, vice).GET('/api/v1/groups/{groupId}/years/{year}/scores/{memberId}', {
          params: { path: { ...at(g), memberId: unitOf('Gia Lai') } },
        }),
      ),
    ).toBe(200);

    const trail = await ok(
      client(sys, kontum).GET('/api/v1/groups/{groupId}/years/{year}/score-changes', {
        params: { path: at(g), query: { memberId: unitOf('Kon Tum') } },
      }),
    );
    const changes: any[] = trail.items;
    expect(
      changes
        .filter((c) => c.criterion === 'giam-ngheo')
        .map((c) => [c.kind, c.oldValue, c.newValue, c.authorRole]),
    ).toEqual([
      ['SELF', null, 18, 'UNIT_OFFICER'],
      ['APPRAISAL', 18, 14, 'CHAIR'],
    ]);
    expect(changes.find((c) => c.kind === 'APPRAISAL').reason).toMatch(/Cục Thống kê/);

    // One page shape: { items, total, limit, offset }, oldest first by default, newest first with sort=-at.
    const total = changes.length;
    expect(trail).toMatchObject({ total, limit: 50, offset: 0 });
    const trailPage = (query: { sort?: Schema<'ScoreChangesSort'>; limit?: number; offset?: number }) =>
      ok(
        client(sys, kontum).GET('/api/v1/groups/{groupId}/years/{year}/score-changes', {
          params: { path: at(g), query: { memberId: unitOf('Kon Tum'), ...query } },
        }),
      );
    const newest = await trailPage({ sort: '-at', limit: 1 });
    expect(newest).toMatchObject({ total, limit: 1, offset: 0 });
    expect(newest.items.map((c) => [c.kind, c.criterion])).toEqual([['APPRAISAL', 'giam-ngheo']]);
    const paged: { id: string }[] = [];
    for (let offset = 0; offset < total; offset += 2)
      paged.push(...(await trailPage({ limit: 2, offset })).items);
    expect(paged.map((c) => c.id)).toEqual(changes.map((c) => c.id));
    const backwards = await trailPage({ sort: '-at' });
    expect(backwards.items.map((c) => c.id)).toEqual(changes.map((c) => c.id).reverse());
    expect(await trailPage({ offset: total })).toMatchObject({ items: [], total });
    // The whole group-year's trail (the chair): every member's changes, counted.
    const whole = await ok(
      client(sys, chair).GET('/api/v1/groups/{groupId}/years/{year}/score-changes', {
        params: { path: at(g), query: { limit: 1 } },
      }),
    );
    expect(whole.total).toBeGreaterThan(total);
    // raw: a sort the contract does not have
    const badSort = await http<Problem>(
      sys,
      'GET',
      `${g}/score-changes?memberId=${unitOf('Kon Tum')}&sort=newest`,
      {
        token: kontum,
      },
    );
    expect([badSort.status, badSort.body.errors]).toEqual([
      400,
      [{ field: 'sort', rule: 'isIn', message: 'phải là một trong các giá trị: at, -at' }],
    ]);
  });

  it('locks: no change after it; others’ scores and the ranking become visible; one flag and one certificate per subgroup', async () => {
    // TN&DHMT 2023 itself: the table published, every score entered, Kon Tum appraised.
    const g = G;
    const put = scoresIn(g);
    await publishScheme(g);
    await enterScores(g);
    await appraise(g);
    expect(
      await statusOf(
        client(sys, vice).POST('/api/v1/groups/{groupId}/years/{year}/scoring/lock', {
          params: { path: at(g) },
        }),
      ),
    ).toBe(403);
    const locked = await ok(
      client(sys, chair).POST('/api/v1/groups/{groupId}/years/{year}/scoring/lock', {
        params: { path: at(g) },
      }),
    );
    expect(locked.locked).toBe(true);
    const afterLock = await reply(put(kontum, 'Kon Tum', [{ criterion: 'grdp', value: 8 }]));
    expect([afterLock.status, afterLock.problem?.code, afterLock.problem?.kind]).toEqual([
      409,
      'SCORING_YEAR_LOCKED',
      'INVALID_STATE',
    ]);
    expect(afterLock.problem?.detail).toBe(errorMessage('SCORING_YEAR_LOCKED', { year: 2023 }));
    expect(await statusOf(put(chair, 'Kon Tum', [{ criterion: 'grdp', value: 8, reason: 'x' }]))).toBe(409);
    const relock = await reply(
      client(sys, chair).POST('/api/v1/groups/{groupId}/years/{year}/scoring/lock', {
        params: { path: at(g) },
      }),
    );
    expect([relock.status, relock.problem?.code]).toEqual([409, 'SCORING_YEAR_LOCKED']);
    // The points table is part of the locked year too.
    const schemeAfterLock = await reply(
      client(sys, chair).PUT('/api/v1/groups/{groupId}/years/{year}/scheme', {
        params: { path: at(g) },
        body: { scheme: SCHEME },
      }),
    );
    expect([schemeAfterLock.status, schemeAfterLock.problem?.code]).toEqual([409, 'SCORING_YEAR_LOCKED']);
    expect(
      await statusOf(
        client(sys, kontum).GET('/api/v1/groups/{groupId}/years/{year}/scores/{memberId}', {
          params: { path: { ...at(g), memberId: unitOf('Gia Lai') } },
        }),
      ),
    ).toBe(200);

    // The trail stays the member's own (and its leaders'), even after the lock.
    await refused(
      client(sys, token('Gia Lai')).GET('/api/v1/groups/{groupId}/years/{year}/score-changes', {
        params: { path: at(g), query: { memberId: unitOf('Kon Tum') } },
      }),
      403,
    );
    const ranking = await ok(
      client(sys, kontum).GET('/api/v1/groups/{groupId}/years/{year}/ranking', {
        params: { path: at(g), query: { breakdown: true } },
      }),
      200,
    );
    const scope = (name: string) => ranking.scopes.find((s) => s.name.includes(name));
    const tn = scope('Tây Nguyên');
    const dh = scope('Duyên hải');
    expect(tn?.rows.map((r) => [r.unitName, r.rank, r.total])).toEqual([
      ['Đắk Lắk', 1, 80],
      ['Gia Lai', 2, 80],
      ['Lâm Đồng', 3, 75],
      ['Kon Tum', 4, 61],
      ['Đắk Nông', 5, 55.5],
    ]);
    expect(tn?.rows[0].aheadOfNextBy).toBe('more criteria at maximum');
    expect(tn?.ties).toEqual([]);
    const dhRows = dh?.rows.map((r) => [r.unitName, r.rank, r.tied]) ?? [];
    // The two tied at 3 come in either order (no rule tells them apart).
    expect([...dhRows.slice(0, 2), ...dhRows.slice(2, 4).sort(), ...dhRows.slice(4)]).toEqual([
      ['Bình Định', 1, false],
      ['Khánh Hòa', 2, false],
      ['Phú Yên', 3, true],
      ['Quảng Nam', 3, true],
      ['Quảng Ngãi', 5, false],
    ]);
    expect(dh?.ties).toEqual([[unit.get('Phú Yên'), unit.get('Quảng Nam')].sort()]);
    // By default without the breakdown (from the stored member results): the same ranks, totals, ties.
    const light = await ok(
      client(sys, kontum).GET('/api/v1/groups/{groupId}/years/{year}/ranking', {
        params: { path: at(g) },
      }),
    );
    const shape = (v: typeof ranking) =>
      v.scopes.map((x) => [x.name, x.ties, x.rows.map((r) => [r.memberId, r.rank, r.total, r.selfTotal])]);
    expect(shape(light)).toEqual(shape(ranking));
    expect(light.scopes[0].rows[0].criteria).toEqual([]);
    const kt = tn?.rows.find((r) => r.unitName === 'Kon Tum');
    expect(kt?.criteria.find((c) => c.criterion === 'giam-ngheo')).toMatchObject({
      self: 18,
      final: 14,
      difference: -4,
    });

    // The whole year, from the stored member results (the central board only).
    const year = await ok(
      client(sys, board).GET('/api/v1/scoring/years/{year}/ranking', { params: { path: { year: 2023 } } }),
    );
    expect(year).toMatchObject({
      year: 2023,
      groupYears: 1,
      members: 10,
      unbrokenTies: 1,
      leadersTruncated: false,
    });
    expect(year.leaders).toEqual([
      { groupId: ranking.groupId, memberIds: [unit.get('Bình Định')], total: 88 },
    ]);
    expect(
      await statusOf(
        client(sys, chair).GET('/api/v1/scoring/years/{year}/ranking', { params: { path: { year: 2023 } } }),
      ),
    ).toBe(403);

    const honours = await ok(
      client(sys, chair).POST('/api/v1/groups/{groupId}/years/{year}/honours/propose', {
        params: { path: at(g) },
      }),
      200,
    );
    const names = (s?: (typeof honours.scopes)[number]) => s?.proposals.map((p) => [p.award, p.unitName]);
    expect(names(honours.scopes.find((s) => s.name.includes('Tây Nguyên')))).toEqual([
      ['GOVERNMENT_FLAG', 'Đắk Lắk'],
      ['PM_CERTIFICATE', 'Gia Lai'],
    ]);
    expect(names(honours.scopes.find((s) => s.name.includes('Duyên hải')))).toEqual([
      ['GOVERNMENT_FLAG', 'Bình Định'],
      ['PM_CERTIFICATE', 'Khánh Hòa'],
    ]);
    expect(honours.scopes.every((s) => s.undecided.length === 0)).toBe(true);
    expect(honours.scopes[0].proposals[0].rationale).toMatch(/^xếp thứ 1 với [\d,]+ điểm/);
    expect(
      await statusOf(
        client(sys, kontum).POST('/api/v1/groups/{groupId}/years/{year}/honours/propose', {
          params: { path: at(g) },
        }),
      ),
    ).toBe(403);

    // The events of this group-year are on the stream, each once.
    await expectEventually(async () => {
      const ours = (
        await streamEnvelopes(testInfra().natsUrl, prefixedStream(sys.prefix, SCORING_STREAM), () => true)
      ).filter((e) => e.data.groupId === ranking.groupId && e.data.year === 2023);
      expect(ours.map((e) => e.subject).sort()).toEqual(
        [
          ScoringEvents.covenantPublished.subject,
          ScoringEvents.groupYearLocked.subject,
          ScoringEvents.honoursProposed.subject,
        ].sort(),
      );
    });
  });

  it('only the central board reopens, with a reason, and it is recorded', async () => {
    const g = own(OWN.reopen);
    const put = scoresIn(g);
    await publishScheme(g);
    await enterScores(g);
    await ok(
      client(sys, chair).POST('/api/v1/groups/{groupId}/years/{year}/scoring/lock', {
        params: { path: at(g) },
      }),
    );
    const byChair = await reply(
      client(sys, chair).POST('/api/v1/groups/{groupId}/years/{year}/scoring/reopen', {
        params: { path: at(g) },
        body: { reason: 'Chấm lại' },
      }),
    );
    expect([byChair.status, byChair.problem?.code]).toEqual([403, 'SCORING_REOPEN_BOARD_ONLY']);
    // raw: a reopen without its reason is what the contract forbids
    expect((await http(sys, 'POST', `${g}/scoring/reopen`, { token: board, body: {} })).status).toBe(400);
    const reopened = await ok(
      client(sys, board).POST('/api/v1/groups/{groupId}/years/{year}/scoring/reopen', {
        params: { path: at(g) },
        body: { reason: 'Hội nghị trù bị thống nhất chấm lại tiêu chí giảm nghèo' },
      }),
    );
    expect(reopened.locked).toBe(false);
    expect(reopened.history.map((h) => h.action)).toEqual(['LOCK', 'REOPEN']);
    expect(
      await statusOf(put(chair, 'Kon Tum', [{ criterion: 'giam-ngheo', value: 15, reason: 'Chấm lại' }])),
    ).toBe(200);
    const reopenOpen = await reply(
      client(sys, board).POST('/api/v1/groups/{groupId}/years/{year}/scoring/reopen', {
        params: { path: at(g) },
        body: { reason: 'Lần nữa' },
      }),
    );
    expect([reopenOpen.status, reopenOpen.problem?.code]).toEqual([409, 'SCORING_YEAR_NOT_LOCKED']);
  });

  it('exports the points table to Excel and imports it back (errors by row and column)', async () => {
    const g = own(OWN.excel);
    await publishScheme(g);
    const res = await fetch(`${sys.baseUrl}${g}/scheme/xlsx`, {
      headers: { authorization: `Bearer ${kontum}` },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('spreadsheetml');
    expect(decodeURIComponent(res.headers.get('content-disposition') ?? '')).toContain('thang-bang-diem-');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await res.arrayBuffer());
    const ws = wb.getWorksheet('Thang bảng điểm') as ExcelJS.Worksheet;
    expect(ws.getRow(1).getCell(1).value).toBe('Mã');
    expect(ws.getRow(3).values).toEqual(
      expect.arrayContaining([
        'grdp',
        'kinh-te',
        'Tiêu chí',
        'Tăng trưởng GRDP (%)',
        20,
        'Theo chỉ tiêu',
        8,
        5,
      ]),
    );

    // raw: the workbook's bytes are the body
    const upload = async (book: ExcelJS.Workbook, tok = chair) =>
      http<any>(sys, 'PUT', `${g}/scheme/xlsx`, {
        token: tok,
        raw: Buffer.from(await book.xlsx.writeBuffer()),
        headers: { 'content-type': XLSX_TYPE },
      });
    ws.getRow(3).getCell(5).value = 'hai mươi';
    const bad = await upload(wb);
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual([
      { field: 'row 3 (Điểm tối đa)', message: '"hai mươi" không phải là số' },
    ]);
    expect((await upload(wb, kontum)).status).toBe(403);
    ws.getRow(3).getCell(5).value = 25;
    const imported = await upload(wb);
    expect(imported.status).toBe(200);
    expect(imported.body).toMatchObject({ version: 2, state: 'DRAFT', maximumTotal: 100 });
    expect(imported.body.tieBreaks).toEqual([
      { kind: 'MORE_AT_MAXIMUM' },
      { kind: 'SECTION', section: 'thi-dua' },
    ]);
    // A draft can be discarded; the published version stays and cannot be.
    expect(
      await ok(
        client(sys, chair).DELETE('/api/v1/groups/{groupId}/years/{year}/scheme', {
          params: { path: at(g) },
        }),
      ),
    ).toEqual({
      discardedVersion: 2,
    });
    const noDraft = await reply(
      client(sys, chair).DELETE('/api/v1/groups/{groupId}/years/{year}/scheme', {
        params: { path: at(g) },
      }),
    );
    expect([noDraft.status, noDraft.problem?.code]).toEqual([404, 'SCHEME_NO_DRAFT']);
    expect(
      await ok(
        client(sys, chair).GET('/api/v1/groups/{groupId}/years/{year}/scheme', {
          params: { path: at(g) },
        }),
      ),
    ).toMatchObject({
      version: 1,
      state: 'PUBLISHED',
    });
    expect((await upload(wb)).body.version).toBe(2);
    // raw: bytes that are no workbook
    const notXlsx = await http<any>(sys, 'PUT', `${g}/scheme/xlsx`, {
      token: chair,
      raw: 'not a workbook',
      headers: { 'content-type': XLSX_TYPE },
    });
    expect(notXlsx.body.code).toBe('SCORING_FILE_NOT_XLSX');
    expect(notXlsx.body.errors).toEqual([{ field: 'file', message: errorMessage('SCORING_FILE_NOT_XLSX') }]);
  });

  it('a self-score sheet sent through intake becomes the member’s self-scores; a scan alone is noted', async () => {
    const g = own(OWN.sheets);
    await publishScheme(g);
    // The group-year's campaign, where sheets are sent (intake's): due in ten days.
    await ok(
      client(sys, board).PUT('/api/v1/groups/{groupId}/years/{year}/campaign', {
        params: { path: { groupId: OWN.sheets, year: OWN_YEAR } },
        body: { title: 'Giao ước thi đua (thử)' },
      }),
    );
    const due = await reply(
      client(sys, board).POST('/api/v1/groups/{groupId}/years/{year}/campaign/milestones', {
        params: { path: { groupId: OWN.sheets, year: OWN_YEAR } },
        body: {
          code: 'self-score-due',
          title: 'Gửi bảng tự chấm điểm',
          dueOn: addDays(todayInVietnam(), 10),
          submissionKinds: ['SELF_SCORE'],
        },
      }),
    );
    expect(due.status).toBe(200);
    const ngai = token('Quảng Ngãi');
    const id = unit.get('Quảng Ngãi') as string;
    const res = await fetch(`${sys.baseUrl}${g}/scores/${id}/sheet`, {
      headers: { authorization: `Bearer ${ngai}` },
    });
    expect(res.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await res.arrayBuffer());
    const ws = wb.worksheets[0];
    const fill: Record<string, number> = { grdp: 7, 'thu-ngan-sach': 16, 'giam-ngheo': 15 };
    for (let r = 2; r <= ws.rowCount; r += 1) {
      const code = String(ws.getRow(r).getCell(1).value);
      if (code in fill) ws.getRow(r).getCell(5).value = fill[code];
    }
    const sheet = Buffer.from(await wb.xlsx.writeBuffer());

    const send = async (tok: string, bytes: Buffer, contentType: string, fileName: string) => {
      const created = await ok(
        client(sys, tok).POST('/api/v1/submissions', {
          body: { groupId: OWN.sheets, year: OWN_YEAR, kind: 'SELF_SCORE' },
        }),
        201,
      );
      const a = await attach(sys, tok, created.id, { bytes, contentType, fileName });
      expect(a.confirm.status).toBe(200);
      const r = await reply(
        client(sys, tok).POST('/api/v1/submissions/{submissionId}/submit', {
          params: {
            path: { submissionId: created.id },
            header: { 'Idempotency-Key': `sheet-${created.id}` },
          },
        }),
      );
      expect(r.status).toBe(201);
    };
    await send(ngai, sheet, XLSX_TYPE, 'Bảng tự chấm điểm.xlsx');
    await send(token('Phú Yên'), pdf(), 'application/pdf', 'Bảng tự chấm điểm (bản ký).pdf');

    await expectEventually(async () => {
      const sheets = await ok(
        client(sys, chair).GET('/api/v1/groups/{groupId}/years/{year}/self-score-sheets', {
          params: { path: at(g) },
        }),
      );
      expect(sheets.items.map((x) => [x.memberId, x.status, x.entries]).sort()).toEqual(
        [
          [id, 'IMPORTED', 3],
          [unit.get('Phú Yên'), 'NO_SHEET', 0],
        ].sort(),
      );
    }, 15_000);
    const scores = await ok(
      client(sys, ngai).GET('/api/v1/groups/{groupId}/years/{year}/scores/{memberId}', {
        params: { path: { ...at(g), memberId: id } },
      }),
    );
    expect(
      Object.fromEntries(
        scores.entries.filter((e) => e.criterion in fill).map((e) => [e.criterion, e.selfValue]),
      ),
    ).toEqual(fill);
  });
  // raw: what the contract forbids (the fuzzer's findings: wrong types, huge numbers, missing fields)
  describe('fuzzer findings: 4xx naming the path, permission before state', () => {
    const fields = (r: { body: any }) => (r.body.errors ?? []).map((e: any) => e.field as string);
    /** The group-year that is only ever sent what is refused. */
    const R = own(OWN.refusals);

    it('wrong shapes inside a scheme PUT are 400s naming the bad field by its path', async () => {
      const crit = {
        type: 'CRITERION',
        code: 'c',
        title: 'C',
        max: 10,
        method: { kind: 'MANUAL' },
        scoredBy: { kind: 'MEMBER' },
        evidenceRequired: false,
      };
      const sec = (children: unknown) => ({
        sections: [{ type: 'SECTION', code: 's', title: 'S', children }],
      });
      const cases: [unknown, string][] = [
        [{ scheme: { sections: 'abc' } }, 'body.scheme.sections'],
        [{ scheme: { sections: 5 } }, 'body.scheme.sections'],
        [{ scheme: { sections: {} } }, 'body.scheme.sections'],
        [{ scheme: { sections: null } }, 'body.scheme.sections'],
        [{ scheme: { sections: [null] } }, 'body.scheme.sections[0]'],
        [{ scheme: { sections: ['abc'] } }, 'body.scheme.sections[0]'],
        [{ scheme: sec(null) }, 'body.scheme.sections[0].children'],
        [{ scheme: sec('abc') }, 'body.scheme.sections[0].children'],
        [{ scheme: sec({}) }, 'body.scheme.sections[0].children'],
        [{ scheme: sec([null]) }, 'body.scheme.sections[0].children[0]'],
        [{ scheme: sec([{ ...crit, method: null }]) }, 'body.scheme.sections[0].children[0].method'],
        [{ scheme: sec([{ ...crit, method: 'abc' }]) }, 'body.scheme.sections[0].children[0].method'],
        [
          { scheme: sec([{ ...crit, method: { kind: null } }]) },
          'body.scheme.sections[0].children[0].method.kind',
        ],
        [
          { scheme: sec([{ ...crit, method: { kind: 'TARGET' } }]) },
          'body.scheme.sections[0].children[0].method.target',
        ],
        [{ scheme: sec([{ ...crit, scoredBy: null }]) }, 'body.scheme.sections[0].children[0].scoredBy'],
        [{ scheme: sec([{ ...crit, max: 'abc' }]) }, 'body.scheme.sections[0].children[0].max'],
        [{ scheme: sec([{ ...crit, max: 1e20 }]) }, 'body.scheme.sections[0].children[0].max'],
        [{ scheme: sec([{ ...crit, title: {} }]) }, 'body.scheme.sections[0].children[0].title'],
        [{ scheme: sec([{ ...crit, code: null }]) }, 'body.scheme.sections[0].children[0].code'],
        [{ scheme: null }, 'scheme'],
        [{ scheme: 'abc' }, 'scheme'],
        [{ scheme: [] }, 'scheme'],
        [{ scheme: SCHEME, tieBreaks: 'abc' }, 'tieBreaks'],
        [{ scheme: SCHEME, tieBreaks: [null] }, 'tieBreaks'],
        [{ scheme: SCHEME, tieBreaks: [[]] }, 'tieBreaks'],
        [{ scheme: SCHEME, tieBreaks: [{}] }, 'tieBreaks[0].kind'],
        [{ scheme: SCHEME, honours: 'abc' }, 'honours'],
        [{ scheme: SCHEME, honours: { scope: 'SUBGROUP', awards: 'x' } }, 'honours.awards'],
        [{ scheme: SCHEME, honours: { scope: 'SUBGROUP', awards: [null] } }, 'honours.awards'],
      ];
      for (const [body, field] of cases) {
        const r = await http<any>(sys, 'PUT', `${R}/scheme`, { token: chair, body });
        expect([JSON.stringify(body).slice(0, 80), r.status, fields(r)[0]]).toEqual([
          JSON.stringify(body).slice(0, 80),
          400,
          field,
        ]);
      }
      // Nothing was stored: the year still has no table, not even a draft its chair would see.
      const after = await http<any>(sys, 'GET', `${R}/scheme`, { token: chair });
      expect([after.status, after.body.code]).toEqual([404, 'SCHEME_NOT_FOUND']);
    });

    it('a huge version is a 400 naming it', async () => {
      for (const v of ['99999999999999999999', '2147483648', '1e400', '-1']) {
        const r = await http<any>(sys, 'GET', `${R}/scheme?version=${v}`, { token: chair });
        expect([v, r.status, fields(r)]).toEqual([v, 400, ['version']]);
      }
    });

    it('a read-only caller trying a scoring write is refused (403), never told the year has no scheme', async () => {
      const path = { groupId: 'cum-tn-dhmt', year: 2024 };
      const write = (tok: string) =>
        client(sys, tok).PUT('/api/v1/groups/{groupId}/years/{year}/scores/{memberId}', {
          params: { path: { ...path, memberId: unitOf('Kon Tum') } },
          body: { entries: [{ criterion: 'grdp', value: 4 }] },
        });
      const state = (tok: string) =>
        client(sys, tok).GET('/api/v1/groups/{groupId}/years/{year}/scoring', { params: { path } });
      for (const who of ['viewer', 'council']) {
        const tok = await login(sys, who);
        const r = await refused(write(tok), 403);
        expect([who, r.code]).toEqual([who, 'SCORE_ENTRY_NOT_ALLOWED']);
        expect(r.detail).not.toMatch(/scheme|locked/i);
        // and the lock state of a year is not theirs to read unless they take part in the group
        expect([who, await statusOf(state(tok))]).toEqual([who, who === 'viewer' ? 403 : 200]);
      }
      // Those who may write are told about the state.
      const own = await refused(write(kontum), 409);
      expect(own.code).toBe('SCHEME_NOT_PUBLISHED');
      expect(own.detail).toBe(errorMessage('SCHEME_NOT_PUBLISHED', { year: 2024 }));
      expect(await statusOf(state(kontum))).toBe(200);
    });

    it('the national ranking refused to a non-board caller says why, with its own rule', async () => {
      const r = await refused(
        client(sys, chair).GET('/api/v1/scoring/years/{year}/ranking', { params: { path: { year: 2023 } } }),
        403,
      );
      expect([r.code, r.kind]).toEqual(['SCORING_NATIONAL_RANKING_BOARD_ONLY', 'FORBIDDEN']);
      expect(r.detail).toBe(errorMessage('SCORING_NATIONAL_RANKING_BOARD_ONLY'));
      // raw: a year beyond the contract's integers
      expect(
        (await http<any>(sys, 'GET', `/api/v1/scoring/years/${'9'.repeat(20)}/ranking`, { token: board }))
          .status,
      ).toBe(400);
    });

    it('proposing honours is the chair’s: the vice is refused before the lock state is looked at', async () => {
      // A published table, not locked.
      const g = own(OWN.honours);
      await publishScheme(g);
      const scoring = await ok(
        client(sys, chair).GET('/api/v1/groups/{groupId}/years/{year}/scoring', { params: { path: at(g) } }),
      );
      expect(scoring.locked).toBe(false);
      const propose = (tok: string) =>
        client(sys, tok).POST('/api/v1/groups/{groupId}/years/{year}/honours/propose', {
          params: { path: at(g) },
        });
      expect((await refused(propose(vice), 403)).code).toBe('SCORING_CHAIR_ONLY');
      expect((await refused(propose(chair), 409)).code).toBe('SCORING_HONOURS_NEED_LOCK'); // not locked: the chair may know
    });

    it('an unknown group asked by 14 requests at once, in scoring, intake and the registry: 404 for every one', async () => {
      const paths = [
        '/api/v1/groups/khong-ton-tai-sc/years/2023/ranking',
        '/api/v1/groups/khong-ton-tai-sc2/years/2023/scheme',
        '/api/v1/groups/khong-ton-tai-sc3/years/2023/scoring',
        `/api/v1/groups/khong-ton-tai-sc4/years/2023/scores/${unit.get('Kon Tum')}`,
        '/api/v1/groups/khong-ton-tai-sc5/years/2023/submissions',
        '/api/v1/groups/khong-ton-tai-sc6/members?year=2023',
      ];
      for (const path of paths) {
        // raw: a table of paths (each read through the client in its own suite)
        const all = await Promise.all(
          Array.from({ length: 14 }, () => http<any>(sys, 'GET', path, { token: board })),
        );
        expect([path, all.map((r) => r.status)]).toEqual([path, Array(14).fill(404)]);
      }
      const writes = await Promise.all(
        Array.from({ length: 14 }, () =>
          http<any>(sys, 'PUT', `/api/v1/groups/khong-ton-tai-sc7/years/2023/scheme`, {
            token: board,
            body: { scheme: SCHEME },
          }),
        ),
      );
      expect(writes.map((r) => r.status)).toEqual(Array(14).fill(404));
    });

    it('a points table with many bad rows: the first 100 problems and a count, cells echoed short', async () => {
      const wb = new ExcelJS.Workbook();
      const ws = wb.addWorksheet('Thang bảng điểm');
      ws.addRow([
        'Mã',
        'Thuộc mục',
        'Loại',
        'Nội dung',
        'Điểm tối đa',
        'Cách chấm',
        'Chỉ tiêu',
        'Điểm sàn',
        'Bước',
        'Thấp hơn là tốt hơn',
        'Mức trần',
        'Người chấm',
        'Cơ quan chấm',
        'Cần minh chứng',
      ]);
      ws.addRow(['s', null, 'Mục', 'S']);
      for (let i = 0; i < 300; i += 1)
        ws.addRow([`c${i}`, 's', 'Tiêu chí', 'C', 'A'.repeat(5000), 'Chấm trực tiếp']);
      const upload = async (book: ExcelJS.Workbook) =>
        http<any>(sys, 'PUT', `${R}/scheme/xlsx`, {
          token: chair,
          raw: Buffer.from(await book.xlsx.writeBuffer()),
          headers: { 'content-type': XLSX_TYPE },
        });
      const r = await upload(wb);
      expect([r.status, r.body.code]).toEqual([400, 'SCHEME_TABLE_INVALID']);
      expect(r.body.errors).toHaveLength(101);
      expect(r.body.errors[100]).toEqual({ field: 'file', message: 'và 200 lỗi khác' });
      expect(Math.max(...r.body.errors.map((e: any) => e.message.length))).toBeLessThan(200);
      // A header cell of 30,000 characters is not repeated whole either.
      ws.getRow(1).getCell(1).value = 'B'.repeat(30_000);
      const header = await upload(wb);
      expect([header.status, header.body.code]).toEqual([400, 'SCHEME_TABLE_COLUMNS']);
      expect(header.body.errors[0].field).toBe('row 1');
      expect(header.body.errors[0].message.length).toBeLessThan(600);
      const stored = await http<any>(sys, 'GET', `${R}/scheme`, { token: chair });
      expect([stored.status, stored.body.code]).toEqual([404, 'SCHEME_NOT_FOUND']);
    });
  });
  it('prints the points table, a self-score sheet, the ranking and the honours as A4 workbooks in Vietnamese words', async () => {
    // A group-year of its own, made here: the chair signs in again to carry it.
    const code = 'cum-thu-ban-in';
    const members = await ok(
      client(sys, board).GET('/api/v1/groups/{groupId}/members', {
        params: { path: { groupId: TN }, query: { year: 2023 } },
      }),
    );
    await cluster(
      code,
      members.items.map((m) => ({
        unitId: m.unit.id,
        subgroup: m.subgroup?.code ?? '',
      })),
    );
    chair = await login(sys, 'binhdinh');
    const g = own(code);
    const title = 'Giao ước thi đua năm 2024 – Cụm thi đua thử in ấn';
    await ok(
      client(sys, board).PUT('/api/v1/groups/{groupId}/years/{year}/campaign', {
        params: { path: { groupId: code, year: OWN_YEAR } },
        body: { title },
      }),
    );
    await publishScheme(g);
    const open = async (path: string, tok: string) => {
      const res = await fetch(`${sys.baseUrl}${g}${path}`, { headers: { authorization: `Bearer ${tok}` } });
      expect([path, res.status, res.headers.get('content-type')]).toEqual([
        path,
        200,
        expect.stringContaining('spreadsheetml'),
      ]);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(await res.arrayBuffer());
      return wb;
    };
    const texts = (ws: ExcelJS.Worksheet) => {
      const out: string[] = [];
      ws.eachRow((row) => row.eachCell((c) => out.push(String(c.value))));
      return out;
    };
    const rowWith = (ws: ExcelJS.Worksheet, col: number, value: unknown) => {
      for (let r = 1; r <= ws.rowCount; r += 1)
        if (ws.getRow(r).getCell(col).value === value) return ws.getRow(r);
      throw new Error(`no row with ${String(value)}`);
    };
    const CODES = [
      'GOVERNMENT_FLAG',
      'PM_CERTIFICATE',
      'more criteria at maximum',
      'higher total',
      'SUBGROUP',
    ];
    const noCodes = (ws: ExcelJS.Worksheet) =>
      expect(texts(ws).filter((t) => CODES.some((c) => t.includes(c)))).toEqual([]);
    const a4 = (ws: ExcelJS.Worksheet, orientation: string) =>
      expect(ws.pageSetup).toMatchObject({ paperSize: 9, orientation, fitToWidth: 1, fitToHeight: 0 });

    // The points table: a page to print first, the table to import after it.
    const scheme = await open('/scheme/xlsx', kontum);
    expect(scheme.worksheets.map((w) => w.name)).toEqual(['Bản in', 'Thang bảng điểm', 'Quy tắc']);
    const page = scheme.worksheets[0];
    expect(page.getCell('A1').value).toBe(`THANG BẢNG ĐIỂM CHẤM ĐIỂM THI ĐUA NĂM ${OWN_YEAR}`);
    expect(rowWith(page, 2, 'Tăng trưởng GRDP (%)').getCell(3).value).toBe(20);
    expect(texts(page)).toContain(
      'Khi bằng tổng điểm, xét lần lượt: (1) có nhiều tiêu chí đạt điểm tối đa hơn; (2) tổng điểm mục “Công tác thi đua, khen thưởng” cao hơn.',
    );
    noCodes(page);
    a4(page, 'portrait');

    // The self-score sheet: its unit, year and campaign; ranges, protection, total, signatures.
    const ngai = unit.get('Quảng Ngãi') as string;
    const sheet = (await open(`/scores/${ngai}/sheet`, token('Quảng Ngãi'))).worksheets[0];
    expect([sheet.getCell('A1').value, sheet.getCell('A2').value]).toEqual([
      `BẢNG TỰ CHẤM ĐIỂM THI ĐUA NĂM ${OWN_YEAR}`,
      title,
    ]);
    expect(texts(sheet)).toEqual(
      expect.arrayContaining([
        'Đơn vị: Quảng Ngãi',
        'NGƯỜI LẬP BIỂU',
        'THỦ TRƯỞNG ĐƠN VỊ',
        'Tổng điểm tự chấm',
      ]),
    );
    const thu = rowWith(sheet, 1, 'thu-ngan-sach');
    expect(thu.getCell(5).dataValidation).toMatchObject({
      type: 'decimal',
      operator: 'between',
      formulae: [0, 20],
    });
    expect(thu.getCell(5).protection?.locked).toBe(false);
    expect(thu.getCell(2).protection?.locked).not.toBe(false);
    expect((sheet as unknown as { sheetProtection?: object }).sheetProtection).toMatchObject({ sheet: true });
    expect(rowWith(sheet, 2, 'Tổng điểm tự chấm').getCell(8).value).toMatchObject({
      formula: expect.stringMatching(/^SUM\(H\d+:H\d+\)$/),
    });
    a4(sheet, 'landscape');

    // Honours are printed from locked scores only.
    await enterScores(g);
    await appraise(g);
    await refused(
      client(sys, chair).GET('/api/v1/groups/{groupId}/years/{year}/honours/xlsx', {
        params: { path: at(g) },
      }),
      409,
    );
    await ok(
      client(sys, chair).POST('/api/v1/groups/{groupId}/years/{year}/scoring/lock', {
        params: { path: at(g) },
      }),
    );

    const ranking = (await open('/ranking/xlsx', kontum)).worksheets[0];
    expect(ranking.getCell('A1').value).toBe(
      `BẢNG TỔNG HỢP KẾT QUẢ CHẤM ĐIỂM, XẾP HẠNG THI ĐUA NĂM ${OWN_YEAR}`,
    );
    const lak = rowWith(ranking, 2, 'Đắk Lắk');
    const values = (lak.values as unknown[]).slice(1);
    // … self-scored, total after appraisal, difference, rank, why it is ahead of the next.
    expect([values[values.length - 4], ...values.slice(-2)]).toEqual([
      80,
      1,
      'Hơn đơn vị xếp sau: có nhiều tiêu chí đạt điểm tối đa hơn',
    ]);
    expect(String(rowWith(ranking, 2, 'Phú Yên').getCell(values.length).value)).toMatch(/^Đồng hạng/);
    noCodes(ranking);
    a4(ranking, 'landscape');

    const honours = (await open('/honours/xlsx', chair)).worksheets[0];
    const proposed = (unitName: string) => rowWith(honours, 3, unitName).getCell(2).value;
    expect([proposed('Đắk Lắk'), proposed('Gia Lai'), proposed('Bình Định'), proposed('Khánh Hòa')]).toEqual([
      'Cờ thi đua của Chính phủ',
      'Bằng khen của Thủ tướng Chính phủ',
      'Cờ thi đua của Chính phủ',
      'Bằng khen của Thủ tướng Chính phủ',
    ]);
    expect(rowWith(honours, 3, 'Đắk Lắk').getCell(5).value).toBe(80);
    noCodes(honours);
    a4(honours, 'portrait');
  });

  // Issue 16, a hole found as a new user would: a criterion without `scoredBy`, or with it written
  // as a string, was stored and published (then 500s, and members self-scoring the chair's criteria).
  // raw: points tables the contract forbids (a criterion without scoredBy, or with a string for it)
  it('a criterion whose scoredBy is missing or written as a string is refused on import, naming the field', async () => {
    const R = own(OWN.refusals);
    const crit = {
      type: 'CRITERION',
      code: 'c',
      title: 'C',
      max: 10,
      method: { kind: 'MANUAL' },
      scoredBy: { kind: 'MEMBER' },
      evidenceRequired: false,
    };
    const { scoredBy: _dropped, ...withoutScorer } = crit;
    const scheme = (c: unknown) => ({
      scheme: {
        sections: [{ type: 'SECTION', code: 's', title: 'S', children: [{ ...crit, code: 'ok' }, c] }],
      },
    });
    const at = 'body.scheme.sections[0].children[1]';
    for (const [c, field] of [
      [withoutScorer, `${at}.scoredBy`],
      [{ ...crit, scoredBy: 'LEADERSHIP' }, `${at}.scoredBy`],
      [{ ...crit, scoredBy: ['LEADERSHIP'] }, `${at}.scoredBy`],
      [{ ...crit, scoredBy: { kind: 'leadership' } }, `${at}.scoredBy.kind`],
      [{ ...crit, scoredBy: { kind: 'OUTSIDE_BODY' } }, `${at}.scoredBy.body`],
    ] as [Record<string, unknown>, string][]) {
      const r = await http<any>(sys, 'PUT', `${R}/scheme`, { token: chair, body: scheme(c) });
      expect([JSON.stringify(c.scoredBy ?? null), r.status, r.body.code]).toEqual([
        JSON.stringify(c.scoredBy ?? null),
        400,
        'SCHEME_INVALID',
      ]);
      expect(r.body.errors.map((e: any) => e.field)).toEqual([field]);
    }
    // Nothing stored: the year still has no points table to publish.
    const after = await http<any>(sys, 'GET', `${R}/scheme`, { token: chair });
    expect([after.status, after.body.code]).toEqual([404, 'SCHEME_NOT_FOUND']);
    const publish = await http<any>(sys, 'POST', `${R}/scheme/publish`, { token: chair });
    expect(publish.status).toBeGreaterThanOrEqual(400);
    expect(publish.status).toBeLessThan(500);
  });
});

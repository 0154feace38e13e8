/**
 * Issue 15: the whole year-end cycle of seed 000 as one test, through HTTP only — TN&DHMT 2023.
 *
 * The two conferences planned and dated → self-scores → appraisal → the lock at the preparatory
 * conference → ranking per subgroup → one flag and one certificate per subgroup → 2024's chair and
 * vice-chair nominated (preparatory) and confirmed (official) → the 2024 covenant drafted,
 * commented, revised, signed by the 10 members and published → the honoured members' achievement
 * reports (intake, deadline 07 days after the official conference) → the proposal dossiers (with
 * the proposal letter and the minutes rendered by documents) submitted and accepted → the decision
 * recorded → the award statistics of the decision's period show 2 Government flags and 2 Prime
 * Minister's certificates for the right provinces, and 2024's leadership is the confirmed one.
 *
 * Dates are the seed's (February 2024). The server clock is today's, so the achievement reports'
 * deadline (official conference + 7 days) has passed when the test runs: the chair opens that
 * milestone to late reports first (ACCEPT_LATE), and the reports are accepted marked late — the
 * deadline itself is checked to be the conference's + 7 days.
 */
import 'reflect-metadata';
import { expectEventually } from '@tdkt/testing';
import { SCHEME, scoreYear } from '../tools/demo/scored-year';
import { client, ok, Schema } from './support/api';
import { downloadBytes, renderDone } from './support/documents';
import { pdfText } from './support/pdf';
import { attach, pdf } from './support/intake';
import { http, login, startTestSystem, TestSystem } from './support/system';

/* eslint-disable @typescript-eslint/no-explicit-any */
jest.setTimeout(300_000);

const GROUP = 'cum-tn-dhmt';
const TAY_NGUYEN = ['Đắk Lắk', 'Gia Lai', 'Đắk Nông', 'Lâm Đồng', 'Kon Tum'];
const DUYEN_HAI = ['Phú Yên', 'Bình Định', 'Khánh Hòa', 'Quảng Nam', 'Quảng Ngãi'];
/** What the seed's scores (tools/demo/scored-year.ts) and the appraisal below make of each subgroup. */
const HONOURED = [
  { name: 'Đắk Lắk', award: 'GOVERNMENT_FLAG', form: 'CO-THI-DUA-CHINH-PHU' },
  { name: 'Gia Lai', award: 'PM_CERTIFICATE', form: 'BK-THU-TUONG' },
  { name: 'Bình Định', award: 'GOVERNMENT_FLAG', form: 'CO-THI-DUA-CHINH-PHU' },
  { name: 'Khánh Hòa', award: 'PM_CERTIFICATE', form: 'BK-THU-TUONG' },
];
const OFFICIAL_AT = '2024-02-28T08:00:00+07:00';
const DECISION = {
  number: '456/QĐ-TTg',
  signedOn: '2024-04-15',
  authority: 'Thủ tướng Chính phủ',
  signerName: 'Trần Lưu Quang',
  signerTitle: 'Phó Thủ tướng',
  title: 'Về việc tặng Cờ thi đua của Chính phủ và Bằng khen của Thủ tướng Chính phủ năm 2023',
};

describe('the year-end cycle of seed 000 (TN&DHMT 2023), through HTTP only', () => {
  let sys: TestSystem;
  let board: string;
  let chair: string; // Bình Định's officer: chair of 2023
  let vice: string; // Lâm Đồng's officer: vice-chair of 2023
  const unit = new Map<string, string>();
  const officer = (name: string) => sys.officerToken(unit.get(name) as string);
  /** Raw calls, for the demo's loader (tools/demo/scored-year.ts), reused as it is. */
  const call = (
    method: string,
    path: string,
    token: string,
    body?: unknown,
    headers?: Record<string, string>,
  ) => http<any>(sys, method, path, { token, body, headers });
  const api = (token: string) => client(sys, token);
  const y2023 = { groupId: GROUP, year: 2023 };
  const y2024 = { groupId: GROUP, year: 2024 };
  const dossiers = new Map<string, string>();

  beforeAll(async () => {
    sys = await startTestSystem({
      with: ['scoring', 'awards', 'documents', 'honours'],
    });
    [board, chair, vice] = await Promise.all([
      login(sys, 'board'),
      login(sys, 'binhdinh'),
      login(sys, 'lamdong'),
    ]);
    // Read raw: the members' answer is becoming one page shape ({ items, … }) in this session (issue 16).
    const members = await call('GET', `/api/v1/groups/${GROUP}/members?year=2023`, board);
    expect(members.status).toBe(200);
    for (const m of members.body.items ?? members.body.members) unit.set(m.unit.name, m.unit.id);
    expect(unit.size).toBe(10);
  }, 120_000);

  afterAll(async () => {
    await sys?.stop();
  }, 60_000);

  it('1. the chair plans and dates both conferences; the relative milestones take their dates', async () => {
    const chairs: Schema<'ConferenceChairDto'>[] = [
      { unitId: 'binh-dinh', role: 'CHAIR' },
      { unitId: 'lam-dong', role: 'VICE_CHAIR' },
    ];
    const plan = (kind: Schema<'ConferenceKind'>, body: Schema<'PlanConferenceDto'>) =>
      ok(
        api(chair).PUT('/api/v1/groups/{groupId}/years/{year}/conferences/{kind}', {
          params: { path: { ...y2023, kind } },
          body,
        }),
      );
    const place = 'Thành phố Quy Nhơn, tỉnh Bình Định';
    await plan('PREPARATORY', {
      startsAt: '2024-02-27T08:00:00+07:00',
      place,
      hostUnitId: 'binh-dinh',
      chairs,
      programme: [
        { order: 1, title: 'Tuyên bố lý do, giới thiệu đại biểu và chủ trì Hội nghị' },
        { order: 2, title: 'Thống nhất chấm điểm thi đua năm 2023; bình xét, suy tôn các tỉnh dẫn đầu' },
        {
          order: 3,
          title: 'Tham gia góp ý dự thảo giao ước thi đua năm 2024',
          presenterUnitId: 'lam-dong',
        },
        { order: 4, title: 'Đề cử đơn vị Cụm trưởng, Cụm phó năm 2024' },
      ],
      invitees: [{ title: 'Lãnh đạo Ban, lãnh đạo Phòng của Ban Thi đua - Khen thưởng Trung ương' }],
    });
    const official = await plan('OFFICIAL', {
      startsAt: OFFICIAL_AT,
      place,
      hostUnitId: 'binh-dinh',
      chairs,
      programme: [
        { order: 1, title: 'Thông báo kết quả đánh giá, chấm điểm, xếp loại thi đua năm 2023' },
        { order: 2, title: 'Giới thiệu Cụm trưởng, Cụm phó năm 2024' },
        { order: 3, title: 'Ký kết giao ước thi đua năm 2024', presenterUnitId: 'lam-dong' },
      ],
      duties: [
        { holder: 'CHAIR', text: 'Hoàn thiện hồ sơ đề nghị Thủ tướng Chính phủ khen thưởng' },
        { holder: 'VICE_CHAIR', text: 'Chủ trì thực hiện nội dung ký kết giao ước thi đua năm 2024' },
        { holder: 'MEMBERS', text: 'Các tỉnh được suy tôn lập báo cáo thành tích', offsetDays: 7 },
      ],
    });
    expect(official).toMatchObject({ date: '2024-02-28' });
    expect(official.duties[2].dueOn).toBe('2024-03-06');
    const campaign = await ok(
      api(chair).GET('/api/v1/groups/{groupId}/years/{year}/campaign', { params: { path: y2023 } }),
    );
    const due = Object.fromEntries(campaign.milestones.map((m) => [m.code, m.dueOn]));
    expect(due).toMatchObject({
      'preparatory-conference': '2024-02-27',
      'official-conference': '2024-02-28',
      'achievement-dossier-due': '2024-03-06',
    });
    // The conference plan (documents) prints the conferences as planned: place, time, programme.
    const planned = await renderDone(sys, chair, {
      type: 'CONFERENCE_PLAN',
      format: 'PDF',
      groupId: GROUP,
      year: 2023,
    });
    const text = pdfText((await downloadBytes(sys, chair, planned.document.id)).bytes).replace(/\s+/g, ' ');
    expect(text).toContain('Thành phố Quy Nhơn, tỉnh Bình Định');
    expect(text).toContain('08 giờ 00');
    expect(text).toContain('bình xét, suy tôn các tỉnh dẫn đầu');
  });

  it('2. self-scores, the appraisal and the lock at the preparatory conference; ranking per subgroup; the honours', async () => {
    await scoreYear(call, { chair, board, officer }, unit);
    // Đắk Lắk and Gia Lai self-scored 88 each: the chair's appraisal settles it (with its reason).
    await ok(
      api(chair).PUT('/api/v1/groups/{groupId}/years/{year}/scores/{memberId}', {
        params: { path: { ...y2023, memberId: unit.get('Gia Lai') as string } },
        body: {
          entries: [
            {
              criterion: 'giam-ngheo',
              value: 25,
              reason: 'Tỷ lệ hộ nghèo giảm theo số liệu của Cục Thống kê thấp hơn số tự báo cáo',
            },
          ],
        },
      }),
    );
    // At the preparatory conference: who came (the minutes list them), then the lock.
    await ok(
      api(vice).PUT('/api/v1/groups/{groupId}/years/{year}/conferences/{kind}/attendance', {
        params: { path: { ...y2023, kind: 'PREPARATORY' } },
        body: {
          attendees: [...unit].map(([name, unitId]) => ({
            unitId,
            present: true,
            representative: name === 'Bình Định' ? 'Phó Chủ tịch UBND tỉnh Bình Định' : null,
          })),
        },
      }),
    );
    const locked = await ok(
      api(chair).POST('/api/v1/groups/{groupId}/years/{year}/scoring/lock', { params: { path: y2023 } }),
    );
    expect(locked.locked).toBe(true);

    const ranking = await ok(
      api(vice).GET('/api/v1/groups/{groupId}/years/{year}/ranking', {
        params: { path: y2023, query: { scope: 'SUBGROUP' } },
      }),
    );
    // The ranking's and honours' rows are open objects in the contract: read as the scoring model has them.
    const scopes = ranking.scopes as unknown as { rows: { unitName: string }[] }[];
    const order = (names: string[]) =>
      scopes.find((x) => x.rows.some((m) => names.includes(m.unitName)))?.rows.map((m) => m.unitName);
    expect(order(TAY_NGUYEN)?.slice(0, 2)).toEqual(['Đắk Lắk', 'Gia Lai']);
    expect(order(DUYEN_HAI)?.slice(0, 2)).toEqual(['Bình Định', 'Khánh Hòa']);

    const honours = await ok(
      api(chair).POST('/api/v1/groups/{groupId}/years/{year}/honours/propose', { params: { path: y2023 } }),
    );
    const proposed = (
      honours.scopes as unknown as { proposals: { unitName: string; award: string }[] }[]
    ).flatMap((x) => x.proposals.map((p) => ({ name: p.unitName, award: p.award })));
    expect(proposed).toEqual(
      expect.arrayContaining(HONOURED.map(({ name, award }) => expect.objectContaining({ name, award }))),
    );
    expect(proposed).toHaveLength(4);
  });

  it('3. the preparatory conference nominates 2024’s chair and vice-chair; the 2024 covenant is drafted and commented', async () => {
    const nominated = await ok(
      api(chair).PUT('/api/v1/groups/{groupId}/years/{year}/nominations', {
        params: { path: y2023 },
        body: {
          chair: {
            unitId: 'kon-tum',
            method: 'ELECTION',
            candidates: [
              { unitId: 'kon-tum', votes: 8 },
              { unitId: 'gia-lai', votes: 2 },
            ],
          },
          viceChair: { unitId: 'gia-lai', method: 'ROTATION' },
        },
      }),
    );
    expect(nominated).toMatchObject({ forYear: 2024, chair: { unit: { name: 'Kon Tum' } } });

    // Seed 000 §IV.2: the vice-chair drafts next year's covenant and sends it to the members for comments.
    const draft = (scheme: unknown) =>
      ok(
        api(vice).PUT('/api/v1/groups/{groupId}/years/{year}/scheme', {
          params: { path: y2024 },
          // The demo's table (tools/demo/scored-year.ts) is a plain object literal.
          body: { scheme: scheme as Schema<'SchemeBodyModel'> },
        }),
      );
    await draft(SCHEME);
    await ok(
      api(officer('Kon Tum')).POST('/api/v1/groups/{groupId}/years/{year}/scheme/comments', {
        params: { path: y2024 },
        body: {
          criterionCode: 'giam-ngheo',
          text: 'Đề nghị nâng điểm tối đa của tiêu chí giảm nghèo lên 35 điểm',
        },
      }),
      201,
    );
    const comments = await ok(
      api(vice).GET('/api/v1/groups/{groupId}/years/{year}/scheme/comments', { params: { path: y2024 } }),
    );
    expect(comments.items).toEqual([
      expect.objectContaining({ criterionCode: 'giam-ngheo', text: expect.stringContaining('35 điểm') }),
    ]);
    // Revised as commented.
    const revised = structuredClone(SCHEME) as any;
    revised.sections[1].children[0].max = 35;
    revised.sections[0].children[0].max = 35;
    await draft(revised);
  });

  it('4. the official conference (all 10 present) confirms 2024’s leadership; the 10 members sign the covenant; it is published', async () => {
    const attended = await ok(
      api(vice).PUT('/api/v1/groups/{groupId}/years/{year}/conferences/{kind}/attendance', {
        params: { path: { ...y2023, kind: 'OFFICIAL' } },
        body: { attendees: [...unit.values()].map((unitId) => ({ unitId, present: true })) },
      }),
    );
    expect(attended.attendance.filter((a) => a.present)).toHaveLength(10);
    const confirmed = await ok(
      api(chair).POST('/api/v1/groups/{groupId}/years/{year}/nominations/confirm', {
        params: { path: y2023 },
      }),
    );
    expect(confirmed).toMatchObject({
      year: 2024,
      chair: { unit: { name: 'Kon Tum' }, chosenBy: 'ELECTION', decidedOn: '2024-02-28' },
      viceChair: { unit: { name: 'Gia Lai' }, chosenBy: 'ROTATION', decidedOn: '2024-02-28' },
    });

    for (const [name, unitId] of unit)
      await ok(
        api(officer(name)).POST('/api/v1/groups/{groupId}/years/{year}/scheme/signatures', {
          params: { path: y2024 },
          body: { unitId },
        }),
      );
    const signatures = await ok(
      api(vice).GET('/api/v1/groups/{groupId}/years/{year}/scheme/signatures', { params: { path: y2024 } }),
    );
    expect(signatures.missing).toEqual([]);
    expect(signatures.signed.map((x) => x.unitName).sort()).toEqual([...unit.keys()].sort());

    // Kon Tum's officer signs in: chair of 2024 from the confirmed leadership, no user administration.
    const newChair = await login(sys, 'kontum');
    await ok(
      api(newChair).POST('/api/v1/groups/{groupId}/years/{year}/scheme/publish', { params: { path: y2024 } }),
    );
    const scheme = await ok(
      api(officer('Phú Yên')).GET('/api/v1/groups/{groupId}/years/{year}/scheme', {
        params: { path: y2024 },
      }),
    );
    expect(scheme.state).toBe('PUBLISHED');
    expect(JSON.stringify(scheme.scheme)).toContain('"max":35');
  });

  it('5. the honoured members send their achievement reports (due 07 days after the official conference)', async () => {
    const campaign = await ok(
      api(chair).GET('/api/v1/groups/{groupId}/years/{year}/campaign', { params: { path: y2023 } }),
    );
    const m = campaign.milestones.find((x) => x.submissionKinds.includes('ACHIEVEMENT_REPORT'));
    if (!m) throw new Error('no milestone closes achievement reports');
    expect(m).toMatchObject({ anchorCode: 'official-conference', offsetDays: 7, dueOn: '2024-03-06' });
    // The test runs after that day (see the header): the chair accepts late reports, marked late.
    await ok(
      api(chair).POST('/api/v1/groups/{groupId}/years/{year}/campaign/milestones', {
        params: { path: y2023 },
        body: {
          code: m.code,
          title: m.title,
          anchorCode: m.anchorCode,
          offsetDays: m.offsetDays,
          latePolicy: 'ACCEPT_LATE',
          submissionKinds: m.submissionKinds,
        },
      }),
    );
    for (const { name } of HONOURED) {
      const token = officer(name);
      const made = await ok(
        api(token).POST('/api/v1/submissions', {
          body: {
            groupId: GROUP,
            year: 2023,
            kind: 'ACHIEVEMENT_REPORT',
            title: `Báo cáo thành tích năm 2023 của tỉnh ${name}`,
          },
        }),
        201,
      );
      const { confirm } = await attach(sys, token, made.id, {
        bytes: pdf(`Báo cáo thành tích ${name}`),
        contentType: 'application/pdf',
        fileName: `Báo cáo thành tích ${name}.pdf`,
      });
      expect(confirm.status).toBeLessThan(300);
      const receipt = await ok(
        api(token).POST('/api/v1/submissions/{submissionId}/submit', {
          params: {
            path: { submissionId: made.id },
            header: { 'Idempotency-Key': `cycle-achievement-${made.id}` },
          },
        }),
        201,
      );
      // A receipt, marked late (see the header).
      expect(receipt).toMatchObject({ number: expect.any(String), late: true });
    }
  });

  it('6. the chair assembles and submits the proposal dossiers; the board accepts them', async () => {
    const [minutes] = await Promise.all(
      (['MINUTES', 'PROPOSAL'] as const).map((type) =>
        renderDone(sys, chair, { type, format: 'PDF', groupId: GROUP, year: 2023 }),
      ),
    );
    // The minutes of the preparatory conference: who came, and 2024's nominees.
    const said = pdfText((await downloadBytes(sys, chair, minutes.document.id)).bytes).replace(/\s+/g, ' ');
    expect(said).toContain('Phó Chủ tịch UBND tỉnh Bình Định');
    expect(said).toContain('Kon Tum');
    for (const { name, award } of HONOURED) {
      const d = await ok(
        api(chair).POST('/api/v1/groups/{groupId}/years/{year}/dossiers', {
          params: { path: y2023 },
          body: { memberUnitId: unit.get(name) as string, award },
        }),
        201,
      );
      dossiers.set(name, d.id);
      const dossier = { params: { path: { dossierId: d.id } } };
      const view = await ok(api(chair).GET('/api/v1/dossiers/{dossierId}', dossier));
      expect([name, view.missing]).toEqual([name, []]);
      const submitted = await ok(api(chair).POST('/api/v1/dossiers/{dossierId}/submit', dossier));
      expect(submitted.state).toBe('SUBMITTED');
      const accepted = await ok(api(board).POST('/api/v1/dossiers/{dossierId}/accept', dossier));
      expect(accepted.state).toBe('ACCEPTED');
    }
  });

  it('7. the decision is recorded; the statistics of its period count it for the right provinces; 2024’s leadership stands', async () => {
    const decision = await ok(
      api(board).POST('/api/v1/decisions', {
        body: {
          ...DECISION,
          awards: HONOURED.map(({ name, form }) => ({
            dossierId: dossiers.get(name),
            award: form,
            recipientUnitId: unit.get(name) as string,
          })),
        },
      }),
      201,
    );
    expect(decision.awards).toHaveLength(4);
    for (const dossierId of dossiers.values()) {
      const d = await ok(api(board).GET('/api/v1/dossiers/{dossierId}', { params: { path: { dossierId } } }));
      expect(d.state).toBe('DECIDED');
    }

    await expectEventually(
      async () => {
        const s = await ok(
          api(board).GET('/api/v1/groups/{groupId}/awards/statistics', {
            params: { path: { groupId: GROUP }, query: { from: '2024-04-01', to: '2024-04-30' } },
          }),
        );
        const table = s.table as unknown as {
          units: string[];
          rows: { code: string; cells: (number | null)[]; total: number }[];
        };
        const row = (code: string) => table.rows.find((r) => r.code === code);
        const cellsOf = (code: string) =>
          Object.fromEntries(table.units.map((u, i) => [u, row(code)?.cells[i] ?? 0]).filter(([, n]) => n));
        expect(row('CO-THI-DUA-CHINH-PHU')?.total).toBe(2);
        expect(row('BK-THU-TUONG')?.total).toBe(2);
        expect(cellsOf('CO-THI-DUA-CHINH-PHU')).toEqual({ 'Đắk Lắk': 1, 'Bình Định': 1 });
        expect(cellsOf('BK-THU-TUONG')).toEqual({ 'Gia Lai': 1, 'Khánh Hòa': 1 });
      },
      30_000,
      200,
    );

    const leadership = await ok(
      api(officer('Quảng Nam')).GET('/api/v1/groups/{groupId}/years/{year}/leadership', {
        params: { path: y2024 },
      }),
    );
    expect(leadership).toMatchObject({
      year: 2024,
      chair: { unit: { name: 'Kon Tum' }, chosenBy: 'ELECTION', decidedOn: '2024-02-28' },
      viceChair: { unit: { name: 'Gia Lai' }, chosenBy: 'ROTATION', decidedOn: '2024-02-28' },
    });
  });
});

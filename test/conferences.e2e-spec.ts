/**
 * Issue 15, registry side, through HTTP: a group-year's preparatory and official conferences
 * (seed 000), the campaign milestones they date (and intake's deadline for achievement reports
 * that follows), and next year's chair and vice-chair nominated at the one and confirmed at the
 * other — with the access rules, bad input answered as problem+json naming the field, nothing
 * half-written, and the new chair holding the chair's rights for next year at its next sign-in.
 */
import 'reflect-metadata';
import { EventEnvelope } from '@tdkt/contracts';
import { prefixed } from '@tdkt/platform';
import { expectEventually, testInfra } from '@tdkt/testing';
import { connect, NatsConnection, Subscription } from 'nats';
import { SCHEME } from '../tools/demo/scored-year';
import { client, ok, reply, Schema } from './support/api';
import { http, login, startTestSystem, TestSystem } from './support/system';

jest.setTimeout(120_000);

const QUY_NHON = 'Thành phố Quy Nhơn, tỉnh Bình Định';

/** Seed 000 §II.2 and §IV: the official conference as the plan describes it. */
const official = (startsAt: string): Schema<'PlanConferenceDto'> => ({
  startsAt,
  endsAt: null,
  place: 'Thành phố Quy Nhơn, tỉnh Bình Định',
  hostUnitId: 'binh-dinh',
  chairs: [
    { unitId: 'binh-dinh', role: 'CHAIR' },
    { unitId: 'lam-dong', role: 'VICE_CHAIR' },
  ],
  programme: [
    { order: 1, title: 'Đón tiếp đại biểu' },
    { order: 2, title: 'Tuyên bố lý do, giới thiệu đại biểu, thông qua chương trình làm việc' },
    {
      order: 3,
      title: 'Báo cáo tình hình thực hiện giao ước thi đua năm 2023 và phương hướng nhiệm vụ năm 2024',
      presenterUnitId: 'binh-dinh',
    },
    { order: 4, title: 'Giới thiệu Cụm trưởng, Cụm phó năm 2024' },
    { order: 5, title: 'Ký kết giao ước thi đua năm 2024', presenterUnitId: 'lam-dong' },
  ],
  invitees: [
    {
      title: 'Thường trực, Ủy viên Hội đồng Thi đua - Khen thưởng Trung ương phụ trách Cụm thi đua',
      role: 'Đại biểu Trung ương',
    },
    { title: 'Đại diện lãnh đạo UBND các tỉnh trong Cụm thi đua', role: 'Đại biểu các tỉnh' },
  ],
  duties: [
    {
      unitId: 'binh-dinh',
      text: 'Hoàn thiện hồ sơ đề nghị Thủ tướng Chính phủ khen thưởng cho các tỉnh được suy tôn, dẫn đầu năm 2023',
    },
    { holder: 'VICE_CHAIR', text: 'Chủ trì thực hiện nội dung ký kết giao ước thi đua năm 2024' },
    {
      holder: 'MEMBERS',
      text: 'Các tỉnh được suy tôn lập báo cáo thành tích gửi về đơn vị Cụm trưởng',
      offsetDays: 7,
    },
  ],
});

type Kind = Schema<'ConferenceKind'>;
type Milestone = Schema<'MilestoneResponse'>;

const milestone = (campaign: { milestones: Milestone[] }, code: string) =>
  campaign.milestones.find((m) => m.code === code);

describe('conferences and next year’s leadership', () => {
  let sys: TestSystem;
  let board: string;
  let chair: string;
  let vice: string;
  let member: string;
  let council: string;
  let viewer: string;
  let outsider: string;
  let nc: NatsConnection;
  let sub: Subscription;
  const events: EventEnvelope<Record<string, unknown>>[] = [];

  // ---------- the routes, typed by the contract ----------
  const path = (year = 2023, groupId = 'cum-tn-dhmt') => ({ groupId, year });
  const plan = (token: string, kind: Kind, body: Schema<'PlanConferenceDto'>, groupId?: string) =>
    reply(
      client(sys, token).PUT('/api/v1/groups/{groupId}/years/{year}/conferences/{kind}', {
        params: { path: { ...path(2023, groupId), kind } },
        body,
      }),
    );
  const conference = (token: string, kind: Kind) =>
    reply(
      client(sys, token).GET('/api/v1/groups/{groupId}/years/{year}/conferences/{kind}', {
        params: { path: { ...path(), kind } },
      }),
    );
  const campaign = (token: string, groupId?: string) =>
    ok(
      client(sys, token).GET('/api/v1/groups/{groupId}/years/{year}/campaign', {
        params: { path: path(2023, groupId) },
      }),
    );
  const achievementDeadline = async () => {
    const s = await ok(
      client(sys, board).GET('/api/v1/groups/{groupId}/years/{year}/submissions', {
        params: { path: path() },
      }),
    );
    return s.deadlines.find((d) => d.kind === 'ACHIEVEMENT_REPORT');
  };
  const nominate = (token: string, body: Schema<'NominationsDto'>, groupId?: string) =>
    reply(
      client(sys, token).PUT('/api/v1/groups/{groupId}/years/{year}/nominations', {
        params: { path: path(2023, groupId) },
        body,
      }),
    );
  const nominations = (token: string) =>
    reply(
      client(sys, token).GET('/api/v1/groups/{groupId}/years/{year}/nominations', {
        params: { path: path() },
      }),
    );
  const confirm = (token: string, groupId?: string) =>
    reply(
      client(sys, token).POST('/api/v1/groups/{groupId}/years/{year}/nominations/confirm', {
        params: { path: path(2023, groupId) },
      }),
    );
  const leadership = (token: string, year: number, groupId?: string) =>
    ok(
      client(sys, token).GET('/api/v1/groups/{groupId}/years/{year}/leadership', {
        params: { path: path(year, groupId) },
      }),
    );
  /** The 2024 covenant's draft (scoring): the body as the demo's table, sent as JSON. */
  const draft2024 = (token: string) =>
    http(sys, 'PUT', '/api/v1/groups/cum-tn-dhmt/years/2024/scheme', { token, body: { scheme: SCHEME } });

  beforeAll(async () => {
    sys = await startTestSystem({ with: ['scoring'] });
    [board, chair, vice, member, council, viewer, outsider] = await Promise.all(
      ['board', 'binhdinh', 'lamdong', 'kontum', 'council', 'viewer', 'thaibinh'].map((u) => login(sys, u)),
    );
    nc = await connect({ servers: testInfra().natsUrl });
    sub = nc.subscribe(prefixed(sys.prefix, 'registry.>'));
    void (async () => {
      for await (const m of sub) {
        try {
          events.push(JSON.parse(new TextDecoder().decode(m.data)));
        } catch {
          /* not an event */
        }
      }
    })();
  });
  afterAll(async () => {
    await nc?.drain();
    await sys?.stop();
  });

  it('the demo registry has seed 000’s two conferences, undated, with their programme, invitees and duties', async () => {
    const list = await ok(
      client(sys, member).GET('/api/v1/groups/{groupId}/years/{year}/conferences', {
        params: { path: path() },
      }),
    );
    expect(list.items.map((c) => [c.kind, c.date, c.place, c.hostUnit?.name])).toEqual([
      ['PREPARATORY', null, 'Thành phố Quy Nhơn, tỉnh Bình Định', 'Bình Định'],
      ['OFFICIAL', null, 'Thành phố Quy Nhơn, tỉnh Bình Định', 'Bình Định'],
    ]);
    const [prep, official] = list.items;
    expect(prep.programme.map((p) => p.title)).toContain('Đề cử đơn vị Cụm trưởng, Cụm phó năm 2024');
    expect(official.programme).toHaveLength(13);
    expect(official.chairs.map((c) => [c.unit.name, c.role])).toEqual([
      ['Bình Định', 'CHAIR'],
      ['Lâm Đồng', 'VICE_CHAIR'],
    ]);
    expect(official.invitees[0]).toMatchObject({ role: 'Đại biểu Trung ương', unit: null });
    // Who does what (§IV): the chair's and the vice-chair's tasks, and every member's with its due date.
    expect(official.duties.filter((d) => d.unit?.name === 'Lâm Đồng').map((d) => d.text)).toContain(
      'Chủ trì thực hiện nội dung ký kết giao ước thi đua năm 2024',
    );
    const members = official.duties.filter((d) => d.holder === 'MEMBERS');
    expect(members.map((d) => [d.dueOn, d.offsetDays])).toEqual([
      ['2024-02-04', null],
      [null, null],
      [null, 7], // 07 days after a conference not dated yet
    ]);
  });

  it('the chair plans the official conference; dating it dates the milestones relative to it and intake’s deadline', async () => {
    const r = await plan(chair, 'OFFICIAL', official('2024-02-27T08:00:00+07:00'));
    expect(r.status).toBe(200);
    const view = r.data as Schema<'ConferenceResponse'>;
    expect(view).toMatchObject({
      kind: 'OFFICIAL',
      year: 2023,
      startsAt: '2024-02-27T01:00:00.000Z',
      date: '2024-02-27',
      lastDay: '2024-02-27',
      place: 'Thành phố Quy Nhơn, tỉnh Bình Định',
      hostUnit: { code: 'binh-dinh', name: 'Bình Định' },
      chairs: [
        { unit: { name: 'Bình Định' }, role: 'CHAIR' },
        { unit: { name: 'Lâm Đồng' }, role: 'VICE_CHAIR' },
      ],
    });
    expect(view.programme.map((p) => p.order)).toEqual([1, 2, 3, 4, 5]);
    expect(view.programme[2].presenterUnit?.name).toBe('Bình Định');
    expect(view.duties.map((d) => d.dueOn)).toEqual([null, null, '2024-03-05']);
    expect(view.duties[1].holder).toBe('VICE_CHAIR');

    const c = await campaign(member);
    expect(milestone(c, 'official-conference')).toMatchObject({
      startsOn: '2024-02-27',
      dueOn: '2024-02-27',
    });
    // The demo's "01 ngày trước Hội nghị tổng kết" and "07 ngày sau" follow it.
    expect(milestone(c, 'preparatory-conference')).toMatchObject({
      anchorCode: 'official-conference',
      dueOn: '2024-02-26',
    });
    expect(milestone(c, 'achievement-dossier-due')).toMatchObject({
      dueOn: '2024-03-05',
      submissionKinds: ['ACHIEVEMENT_REPORT'],
    });
    // A milestone already closes achievement reports: none is added.
    expect(milestone(c, 'achievement-reports')).toBeUndefined();

    await expectEventually(async () =>
      expect(await achievementDeadline()).toMatchObject({
        milestoneCode: 'achievement-dossier-due',
        dueAt: '2024-03-05T16:59:59.999Z',
      }),
    );
    await expectEventually(() =>
      expect(events.find((e) => e.subject === 'registry.conference.planned')?.data).toMatchObject({
        kind: 'OFFICIAL',
        date: '2024-02-27',
      }),
    );
  });

  it('moving the conference moves them, in intake too', async () => {
    const r = await plan(vice, 'OFFICIAL', official('2024-02-28T08:00:00+07:00'));
    expect(r.status).toBe(200);
    expect(r.data?.duties[2].dueOn).toBe('2024-03-06');
    // The same plan again (a re-save): the same answer, nothing rewritten.
    const again = await plan(chair, 'OFFICIAL', official('2024-02-28T08:00:00+07:00'));
    expect(again.data).toEqual(r.data);
    expect(milestone(await campaign(member), 'achievement-dossier-due')).toMatchObject({
      dueOn: '2024-03-06',
    });
    await expectEventually(async () =>
      expect((await achievementDeadline())?.dueAt).toBe('2024-03-06T16:59:59.999Z'),
    );
  });

  it('a campaign without a milestone for achievement reports gets one 7 days after the official conference', async () => {
    await ok(
      client(sys, board).PUT('/api/v1/groups/{groupId}/years/{year}/campaign', {
        params: { path: path(2023, 'cum-dbsh') },
        body: {
          title: 'Công tác thi đua, khen thưởng năm 2023 – Cụm thi đua các tỉnh Đồng bằng Sông Hồng',
          latePolicy: 'REFUSE',
        },
      }),
    );
    // Thái Bình chairs ĐBSH in 2023 (seed 003): a two-day conference.
    const r = await plan(
      outsider,
      'OFFICIAL',
      {
        startsAt: '2024-03-08T07:30:00+07:00',
        endsAt: '2024-03-09T11:30:00+07:00',
        place: 'Khách sạn White Palace, thành phố Thái Bình',
        hostUnitId: 'thai-binh',
      },
      'cum-dbsh',
    );
    expect(r.status).toBe(200);
    expect(r.data).toMatchObject({ date: '2024-03-08', lastDay: '2024-03-09' });
    const c = await campaign(board, 'cum-dbsh');
    expect(milestone(c, 'official-conference')).toMatchObject({
      startsOn: '2024-03-08',
      dueOn: '2024-03-09',
    });
    expect(milestone(c, 'achievement-reports')).toMatchObject({
      anchorCode: 'official-conference',
      offsetDays: 7,
      dueOn: '2024-03-16',
      submissionKinds: ['ACHIEVEMENT_REPORT'],
    });
  });

  it('the preparatory conference is dated on its own (its relative date is dropped) and must come first', async () => {
    const late = await plan(chair, 'PREPARATORY', {
      startsAt: '2024-02-29T08:00:00+07:00',
      place: 'Thành phố Quy Nhơn',
    });
    expect(late.status).toBe(409);
    expect(late.headers.get('content-type')).toContain('application/problem+json');
    expect(late.problem?.code).toBe('CONFERENCE_PREPARATORY_AFTER_OFFICIAL');
    // The demo's plan of it is unchanged (undated, relative to the official one).
    expect((await conference(chair, 'PREPARATORY')).data).toMatchObject({ date: null, place: QUY_NHON });

    const r = await plan(chair, 'PREPARATORY', {
      startsAt: '2024-02-27T08:00:00+07:00',
      place: 'Thành phố Quy Nhơn, tỉnh Bình Định',
      hostUnitId: 'binh-dinh',
      chairs: [
        { unitId: 'binh-dinh', role: 'CHAIR' },
        { unitId: 'lam-dong', role: 'VICE_CHAIR' },
      ],
      programme: [
        { order: 1, title: 'Thống nhất chấm điểm thi đua năm 2023 của các tỉnh trong Cụm thi đua' },
        { order: 2, title: 'Đề cử đơn vị Cụm trưởng, Cụm phó năm 2024' },
      ],
    });
    expect(r.status).toBe(200);
    expect(milestone(await campaign(member), 'preparatory-conference')).toMatchObject({
      anchorCode: null,
      offsetDays: null,
      startsOn: '2024-02-27',
      dueOn: '2024-02-27',
    });
    const list = await ok(
      client(sys, member).GET('/api/v1/groups/{groupId}/years/{year}/conferences', {
        params: { path: path() },
      }),
    );
    expect(list).toMatchObject({ total: 2, offset: 0 });
    expect(list.items.map((x) => x.kind)).toEqual(['PREPARATORY', 'OFFICIAL']);
  });

  it('members and the group’s council member see; only the chair, the vice-chair and the board manage', async () => {
    for (const token of [member, council, board, vice])
      expect((await conference(token, 'OFFICIAL')).status).toBe(200);
    for (const token of [viewer, outsider]) {
      const r = await conference(token, 'OFFICIAL');
      expect([r.status, r.problem?.code]).toEqual([403, 'CONFERENCE_READ_REFUSED']);
      expect((await nominations(token)).status).toBe(403);
    }
    for (const token of [member, council]) {
      const r = await plan(token, 'OFFICIAL', official('2024-03-01T08:00:00+07:00'));
      expect([r.status, r.problem?.code]).toEqual([403, 'CONFERENCE_CHANGE_REFUSED']);
    }
    const att = await ok(
      client(sys, vice).PUT('/api/v1/groups/{groupId}/years/{year}/conferences/{kind}/attendance', {
        params: { path: { ...path(), kind: 'OFFICIAL' } },
        body: {
          attendees: [
            { unitId: 'binh-dinh', present: true, representative: 'Chủ tịch UBND tỉnh' },
            { unitId: 'kon-tum', present: false },
          ],
        },
      }),
    );
    const twice = await reply(
      client(sys, vice).PUT('/api/v1/groups/{groupId}/years/{year}/conferences/{kind}/attendance', {
        params: { path: { ...path(), kind: 'OFFICIAL' } },
        body: {
          attendees: [
            { unitId: 'kon-tum', present: true },
            { unitId: 'kon-tum', present: false },
          ],
        },
      }),
    );
    expect([twice.status, twice.problem?.code, twice.problem?.errors?.[0].field]).toEqual([
      400,
      'CONFERENCE_UNIT_TWICE',
      'attendees[1].unitId',
    ]);
    expect(att.attendance).toEqual([
      {
        unit: expect.objectContaining({ name: 'Bình Định' }),
        present: true,
        representative: 'Chủ tịch UBND tỉnh',
      },
      { unit: expect.objectContaining({ name: 'Kon Tum' }), present: false, representative: null },
    ]);
    // The plan was not touched by the refused writes.
    expect((await conference(member, 'OFFICIAL')).data?.date).toBe('2024-02-28');
  });

  it('bad plans are refused naming the field, and nothing is written', async () => {
    const before = (await conference(chair, 'OFFICIAL')).data;
    const base = official('2024-02-28T08:00:00+07:00');
    const cases: [Schema<'PlanConferenceDto'>, string, string | undefined][] = [
      [
        { ...base, chairs: [{ unitId: 'thai-binh', role: 'CHAIR' }] },
        'chairs[0].unitId',
        'CONFERENCE_UNIT_NOT_MEMBER',
      ],
      [{ ...base, hostUnitId: 'khong-co' }, 'hostUnitId', 'CONFERENCE_UNIT_NOT_FOUND'],
      [
        {
          ...base,
          chairs: [
            { unitId: 'binh-dinh', role: 'CHAIR' },
            { unitId: 'binh-dinh', role: 'VICE_CHAIR' },
          ],
        },
        'chairs[1].unitId',
        'CONFERENCE_UNIT_TWICE',
      ],
      [{ ...base, startsAt: '28/02/2024' }, 'startsAt', undefined],
      [{ ...base, startsAt: '2024-02-30T08:00:00+07:00' }, 'startsAt', 'CONFERENCE_INSTANT_INVALID'],
      [{ ...base, endsAt: '2024-02-27T08:00:00+07:00' }, 'endsAt', 'CONFERENCE_ENDS_BEFORE_START'],
      [
        {
          ...base,
          programme: [
            { order: 1, title: 'A' },
            { order: 1, title: 'B' },
          ],
        },
        'programme[1].order',
        'CONFERENCE_PROGRAMME_ORDER_TAKEN',
      ],
      [
        { ...base, duties: [{ text: 'x', dueOn: '2024-03-01', offsetDays: 3 }] },
        'duties[0].offsetDays',
        'CONFERENCE_DUTY_DUE_TWICE',
      ],
    ];
    for (const [body, field, reason] of cases) {
      const r = await plan(chair, 'OFFICIAL', { ...body, place: 'Nơi khác' });
      expect([r.status, field]).toEqual([400, field]);
      expect(r.headers.get('content-type')).toContain('application/problem+json');
      expect(r.problem?.errors?.map((e) => e.field)).toContain(field);
      if (reason) expect(r.problem?.code).toBe(reason);
    }
    // What the contract forbids, sent raw: an unknown kind.
    const badKind = await http(sys, 'PUT', '/api/v1/groups/cum-tn-dhmt/years/2023/conferences/FINAL', {
      token: chair,
      body: base,
    });
    expect([badKind.status, badKind.body.errors[0].field]).toEqual([400, 'kind']);
    expect((await conference(chair, 'OFFICIAL')).data).toEqual(before);
  });

  it('nominations need the preparatory conference; an undated official conference cannot confirm', async () => {
    const body: Schema<'NominationsDto'> = {
      chair: { unitId: 'nam-dinh', method: 'ROTATION' },
      viceChair: { unitId: 'ha-nam', method: 'ROTATION' },
    };
    const early = await nominate(outsider, body, 'cum-dbsh');
    expect([early.status, early.problem?.code]).toEqual([409, 'NOMINATION_NO_PREPARATORY_CONFERENCE']);
    expect((await plan(outsider, 'PREPARATORY', { startsAt: null }, 'cum-dbsh')).status).toBe(200);
    expect((await nominate(outsider, body, 'cum-dbsh')).status).toBe(200);
    // Its official conference is dated (above): undated again, confirming must wait for a date.
    expect((await plan(outsider, 'OFFICIAL', { startsAt: null }, 'cum-dbsh')).status).toBe(200);
    const undated = await confirm(outsider, 'cum-dbsh');
    expect([undated.status, undated.problem?.code]).toEqual([409, 'NOMINATION_OFFICIAL_UNDATED']);
    expect(await leadership(board, 2024, 'cum-dbsh')).toMatchObject({ chair: null, viceChair: null });
  });

  it('a bad nomination is refused naming the field, and nothing is written', async () => {
    const cases: [Schema<'NominationsDto'>, string, string][] = [
      [
        {
          chair: { unitId: 'thai-binh', method: 'ROTATION' },
          viceChair: { unitId: 'gia-lai', method: 'ROTATION' },
        },
        'chair.unitId',
        'NOMINATION_NOT_MEMBER',
      ],
      [
        {
          chair: {
            unitId: 'kon-tum',
            method: 'ELECTION',
            candidates: [{ unitId: 'kon-tum' }, { unitId: 'thai-binh' }],
          },
          viceChair: { unitId: 'gia-lai', method: 'ROTATION' },
        },
        'chair.candidates[1].unitId',
        'NOMINATION_NOT_MEMBER',
      ],
      [
        {
          chair: { unitId: 'kon-tum', method: 'ELECTION' },
          viceChair: { unitId: 'gia-lai', method: 'ROTATION' },
        },
        'chair.candidates',
        'NOMINATION_CANDIDATES_REQUIRED',
      ],
      [
        {
          chair: { unitId: 'kon-tum', method: 'ROTATION' },
          viceChair: { unitId: 'kon-tum', method: 'ROTATION' },
        },
        'viceChair.unitId',
        'NOMINATION_SAME_UNIT',
      ],
      [
        {
          chair: {
            unitId: 'kon-tum',
            method: 'ELECTION',
            candidates: [
              { unitId: 'kon-tum', votes: 3 },
              { unitId: 'gia-lai', votes: 7 },
            ],
          },
          viceChair: { unitId: 'phu-yen', method: 'ROTATION' },
        },
        'chair.unitId',
        'NOMINATION_NOT_MOST_VOTED',
      ],
      [
        {
          chair: { unitId: 'kon-tum', method: 'ELECTION', candidates: [{ unitId: 'gia-lai', votes: 1 }] },
          viceChair: { unitId: 'phu-yen', method: 'ROTATION' },
        },
        'chair.unitId',
        'NOMINATION_NOT_A_CANDIDATE',
      ],
    ];
    for (const [body, field, reason] of cases) {
      const r = await nominate(chair, body);
      expect([r.status, r.problem?.code]).toEqual([400, reason]);
      expect(r.headers.get('content-type')).toContain('application/problem+json');
      expect(r.problem?.errors?.[0].field).toBe(field);
    }
    const malformed = await http(sys, 'PUT', '/api/v1/groups/cum-tn-dhmt/years/2023/nominations', {
      token: chair,
      body: {
        chair: { unitId: 'kon-tum', method: 'LOTTERY' },
        viceChair: { unitId: 'gia-lai', method: 'ROTATION' },
      },
    });
    expect([malformed.status, malformed.body.errors[0].field]).toEqual([400, 'chair.method']);
    const refused = await nominate(member, {
      chair: { unitId: 'kon-tum', method: 'ROTATION' },
      viceChair: { unitId: 'gia-lai', method: 'ROTATION' },
    });
    expect(refused.status).toBe(403);
    const n = await nominations(member);
    expect(n.status).toBe(200);
    expect(n.data).toEqual({
      groupId: expect.any(String),
      year: 2023,
      forYear: 2024,
      chair: null,
      viceChair: null,
    });
  });

  it('nominated at the preparatory conference, confirmed at the official one: the new chair holds next year’s rights', async () => {
    // Before: Kon Tum's officer cannot draft the 2024 covenant.
    expect((await draft2024(member)).status).toBe(403);

    const body: Schema<'NominationsDto'> = {
      chair: {
        unitId: 'kon-tum',
        method: 'ELECTION',
        candidates: [
          { unitId: 'kon-tum', votes: 7 },
          { unitId: 'gia-lai', votes: 3 },
        ],
      },
      viceChair: { unitId: 'gia-lai', method: 'ROTATION' },
    };
    const put = await nominate(chair, body);
    expect(put.status).toBe(200);
    // Recorded again as it stands (the same nominatedAt: nothing rewritten).
    expect((await nominate(vice, body)).data).toEqual(put.data);
    expect(put.data).toMatchObject({
      year: 2023,
      forYear: 2024,
      chair: {
        role: 'CHAIR',
        unit: { name: 'Kon Tum' },
        method: 'ELECTION',
        candidates: [
          { unit: { name: 'Kon Tum' }, votes: 7 },
          { unit: { name: 'Gia Lai' }, votes: 3 },
        ],
        confirmedOn: null,
      },
      viceChair: { role: 'VICE_CHAIR', unit: { name: 'Gia Lai' }, method: 'ROTATION', candidates: [] },
    });
    // Not yet next year's leadership.
    expect(await leadership(member, 2024)).toMatchObject({ chair: null, viceChair: null });

    const confirmed = await confirm(vice);
    expect(confirmed.status).toBe(200);
    expect(confirmed.data).toMatchObject({
      year: 2024,
      chair: { role: 'CHAIR', unit: { name: 'Kon Tum' }, chosenBy: 'ELECTION', decidedOn: '2024-02-28' },
      viceChair: {
        role: 'VICE_CHAIR',
        unit: { name: 'Gia Lai' },
        chosenBy: 'ROTATION',
        decidedOn: '2024-02-28',
      },
    });
    expect(await leadership(member, 2024)).toEqual(confirmed.data);
    // 2023's stays.
    expect((await leadership(member, 2023)).chair?.unit.name).toBe('Bình Định');
    expect((await nominations(council)).data?.chair?.confirmedOn).toBe('2024-02-28');
    await expectEventually(() =>
      expect(events.find((e) => e.subject === 'registry.leadership.confirmed')?.data).toMatchObject({
        year: 2024,
        decidedOn: '2024-02-28',
      }),
    );

    // Confirmed: no second nomination; confirming again answers the same.
    const again = await nominate(chair, {
      chair: { unitId: 'gia-lai', method: 'ROTATION' },
      viceChair: { unitId: 'kon-tum', method: 'ROTATION' },
    });
    expect([again.status, again.problem?.code]).toEqual([409, 'NOMINATIONS_CONFIRMED']);
    expect((await confirm(board)).data).toEqual(confirmed.data);

    // Kon Tum's officer signs in again: CHAIR of 2024, no user administration.
    const konTum = await login(sys, 'kontum');
    const me = await ok(client(sys, konTum).GET('/api/v1/auth/me'));
    expect(me.roles).toEqual(
      expect.arrayContaining([expect.objectContaining({ role: 'CHAIR', year: 2024 })]),
    );
    expect((await draft2024(konTum)).status).toBe(200);
  });
});

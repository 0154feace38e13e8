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
import { http, login, startTestSystem, TestSystem } from './support/system';

jest.setTimeout(120_000);

const TN = '/api/v1/groups/cum-tn-dhmt/years/2023';
const DBSH = '/api/v1/groups/cum-dbsh/years/2023';

/** Seed 000 §II.2 and §IV: the official conference as the plan describes it. */
const official = (startsAt: string) => ({
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

const milestone = (campaign: { milestones: { code: string }[] }, code: string) =>
  campaign.milestones.find((m) => m.code === code) as Record<string, unknown> | undefined;

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

  it('the chair plans the official conference; dating it dates the milestones relative to it and intake’s deadline', async () => {
    const r = await http(sys, 'PUT', `${TN}/conferences/OFFICIAL`, {
      token: chair,
      body: official('2024-02-27T08:00:00+07:00'),
    });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({
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
    expect(r.body.programme.map((p: { order: number }) => p.order)).toEqual([1, 2, 3, 4, 5]);
    expect(r.body.programme[2].presenterUnit.name).toBe('Bình Định');
    expect(r.body.duties.map((d: { dueOn: string | null }) => d.dueOn)).toEqual([null, null, '2024-03-05']);
    expect(r.body.duties[1].holder).toBe('VICE_CHAIR');

    const c = await http(sys, 'GET', `${TN}/campaign`, { token: member });
    expect(milestone(c.body, 'official-conference')).toMatchObject({
      startsOn: '2024-02-27',
      dueOn: '2024-02-27',
    });
    // The demo's "01 ngày trước Hội nghị tổng kết" and "07 ngày sau" follow it.
    expect(milestone(c.body, 'preparatory-conference')).toMatchObject({
      anchorCode: 'official-conference',
      dueOn: '2024-02-26',
    });
    expect(milestone(c.body, 'achievement-dossier-due')).toMatchObject({
      dueOn: '2024-03-05',
      submissionKinds: ['ACHIEVEMENT_REPORT'],
    });
    // A milestone already closes achievement reports: none is added.
    expect(milestone(c.body, 'achievement-reports')).toBeUndefined();

    await expectEventually(async () => {
      const s = await http(sys, 'GET', `${TN}/submissions`, { token: board });
      expect(s.status).toBe(200);
      expect(s.body.deadlines.find((d: { kind: string }) => d.kind === 'ACHIEVEMENT_REPORT')).toMatchObject({
        milestoneCode: 'achievement-dossier-due',
        dueAt: '2024-03-05T16:59:59.999Z',
      });
    });
    await expectEventually(() =>
      expect(events.find((e) => e.subject === 'registry.conference.planned')?.data).toMatchObject({
        kind: 'OFFICIAL',
        date: '2024-02-27',
      }),
    );
  });

  it('moving the conference moves them, in intake too', async () => {
    const r = await http(sys, 'PUT', `${TN}/conferences/OFFICIAL`, {
      token: vice,
      body: official('2024-02-28T08:00:00+07:00'),
    });
    expect(r.status).toBe(200);
    expect(r.body.duties[2].dueOn).toBe('2024-03-06');
    const c = await http(sys, 'GET', `${TN}/campaign`, { token: member });
    expect(milestone(c.body, 'achievement-dossier-due')).toMatchObject({ dueOn: '2024-03-06' });
    await expectEventually(async () => {
      const s = await http(sys, 'GET', `${TN}/submissions`, { token: board });
      expect(s.body.deadlines.find((d: { kind: string }) => d.kind === 'ACHIEVEMENT_REPORT')?.dueAt).toBe(
        '2024-03-06T16:59:59.999Z',
      );
    });
  });

  it('a campaign without a milestone for achievement reports gets one 7 days after the official conference', async () => {
    const campaign = await http(sys, 'PUT', `${DBSH}/campaign`, {
      token: board,
      body: { title: 'Công tác thi đua, khen thưởng năm 2023 – Cụm thi đua các tỉnh Đồng bằng Sông Hồng' },
    });
    expect(campaign.status).toBe(200);
    const r = await http(sys, 'PUT', `${DBSH}/conferences/OFFICIAL`, {
      token: outsider, // Thái Bình chairs ĐBSH in 2023 (seed 003)
      body: {
        startsAt: '2024-03-08T07:30:00+07:00',
        endsAt: '2024-03-09T11:30:00+07:00',
        place: 'Khách sạn White Palace, thành phố Thái Bình',
        hostUnitId: 'thai-binh',
      },
    });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ date: '2024-03-08', lastDay: '2024-03-09' });
    const c = await http(sys, 'GET', `${DBSH}/campaign`, { token: board });
    expect(milestone(c.body, 'official-conference')).toMatchObject({
      startsOn: '2024-03-08',
      dueOn: '2024-03-09',
    });
    expect(milestone(c.body, 'achievement-reports')).toMatchObject({
      anchorCode: 'official-conference',
      offsetDays: 7,
      dueOn: '2024-03-16',
      submissionKinds: ['ACHIEVEMENT_REPORT'],
    });
  });

  it('the preparatory conference is dated on its own (its relative date is dropped) and must come first', async () => {
    const late = await http(sys, 'PUT', `${TN}/conferences/PREPARATORY`, {
      token: chair,
      body: { startsAt: '2024-02-29T08:00:00+07:00', place: 'Thành phố Quy Nhơn' },
    });
    expect(late.status).toBe(409);
    expect(late.headers.get('content-type')).toContain('application/problem+json');
    expect(late.body.code).toBe('CONFERENCE_PREPARATORY_AFTER_OFFICIAL');
    expect((await http(sys, 'GET', `${TN}/conferences/PREPARATORY`, { token: chair })).status).toBe(404);

    const r = await http(sys, 'PUT', `${TN}/conferences/PREPARATORY`, {
      token: chair,
      body: {
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
      },
    });
    expect(r.status).toBe(200);
    const c = await http(sys, 'GET', `${TN}/campaign`, { token: member });
    expect(milestone(c.body, 'preparatory-conference')).toMatchObject({
      anchorCode: null,
      offsetDays: null,
      startsOn: '2024-02-27',
      dueOn: '2024-02-27',
    });
    const list = await http(sys, 'GET', `${TN}/conferences`, { token: member });
    expect(list.status).toBe(200);
    expect(list.body).toMatchObject({ total: 2, offset: 0 });
    expect(list.body.items.map((x: { kind: string }) => x.kind)).toEqual(['PREPARATORY', 'OFFICIAL']);
  });

  it('members and the group’s council member see; only the chair, the vice-chair and the board manage', async () => {
    for (const token of [member, council, board, vice])
      expect((await http(sys, 'GET', `${TN}/conferences/OFFICIAL`, { token })).status).toBe(200);
    for (const token of [viewer, outsider]) {
      const r = await http(sys, 'GET', `${TN}/conferences/OFFICIAL`, { token });
      expect(r.status).toBe(403);
      expect(r.body.code).toBe('CONFERENCE_READ_REFUSED');
      expect((await http(sys, 'GET', `${TN}/nominations`, { token })).status).toBe(403);
    }
    for (const token of [member, council]) {
      const r = await http(sys, 'PUT', `${TN}/conferences/OFFICIAL`, {
        token,
        body: official('2024-03-01T08:00:00+07:00'),
      });
      expect(r.status).toBe(403);
      expect(r.body.code).toBe('CONFERENCE_CHANGE_REFUSED');
    }
    const att = await http(sys, 'PUT', `${TN}/conferences/OFFICIAL/attendance`, {
      token: vice,
      body: {
        attendees: [
          { unitId: 'binh-dinh', present: true, representative: 'Chủ tịch UBND tỉnh' },
          { unitId: 'kon-tum', present: false },
        ],
      },
    });
    expect(att.status).toBe(200);
    expect(att.body.attendance).toEqual([
      {
        unit: expect.objectContaining({ name: 'Bình Định' }),
        present: true,
        representative: 'Chủ tịch UBND tỉnh',
      },
      { unit: expect.objectContaining({ name: 'Kon Tum' }), present: false, representative: null },
    ]);
    // The plan was not touched by the refused writes.
    const g = await http(sys, 'GET', `${TN}/conferences/OFFICIAL`, { token: member });
    expect(g.body.date).toBe('2024-02-28');
  });

  it('bad plans are refused naming the field, and nothing is written', async () => {
    const before = (await http(sys, 'GET', `${TN}/conferences/OFFICIAL`, { token: chair })).body;
    const cases: [Record<string, unknown>, string, string | undefined][] = [
      [
        { ...official('2024-02-28T08:00:00+07:00'), chairs: [{ unitId: 'thai-binh', role: 'CHAIR' }] },
        'chairs[0].unitId',
        'CONFERENCE_UNIT_NOT_MEMBER',
      ],
      [
        { ...official('2024-02-28T08:00:00+07:00'), hostUnitId: 'khong-co' },
        'hostUnitId',
        'CONFERENCE_UNIT_NOT_FOUND',
      ],
      [{ ...official('2024-02-28T08:00:00+07:00'), startsAt: '28/02/2024' }, 'startsAt', undefined],
      [{ ...official('2024-02-30T08:00:00+07:00') }, 'startsAt', 'CONFERENCE_INSTANT_INVALID'],
      [
        { ...official('2024-02-28T08:00:00+07:00'), endsAt: '2024-02-27T08:00:00+07:00' },
        'endsAt',
        'CONFERENCE_ENDS_BEFORE_START',
      ],
      [
        {
          ...official('2024-02-28T08:00:00+07:00'),
          programme: [
            { order: 1, title: 'A' },
            { order: 1, title: 'B' },
          ],
        },
        'programme[1].order',
        'CONFERENCE_PROGRAMME_ORDER_TAKEN',
      ],
      [
        {
          ...official('2024-02-28T08:00:00+07:00'),
          duties: [{ text: 'x', dueOn: '2024-03-01', offsetDays: 3 }],
        },
        'duties[0].offsetDays',
        'CONFERENCE_DUTY_DUE_TWICE',
      ],
    ];
    for (const [body, field, reason] of cases) {
      const r = await http(sys, 'PUT', `${TN}/conferences/OFFICIAL`, {
        token: chair,
        body: { ...body, place: 'Nơi khác' },
      });
      expect([r.status, field]).toEqual([400, field]);
      expect(r.headers.get('content-type')).toContain('application/problem+json');
      expect(r.body.errors.map((e: { field: string }) => e.field)).toContain(field);
      if (reason) expect(r.body.code).toBe(reason);
    }
    const bad = await http(sys, 'PUT', `${TN}/conferences/FINAL`, {
      token: chair,
      body: official('2024-02-28T08:00:00+07:00'),
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].field).toBe('kind');
    const after = (await http(sys, 'GET', `${TN}/conferences/OFFICIAL`, { token: chair })).body;
    expect(after).toEqual(before);
  });

  it('nominations need the preparatory conference; undated official conference cannot confirm', async () => {
    const nominate = {
      chair: { unitId: 'nam-dinh', method: 'ROTATION' },
      viceChair: { unitId: 'ha-nam', method: 'ROTATION' },
    };
    const early = await http(sys, 'PUT', `${DBSH}/nominations`, { token: outsider, body: nominate });
    expect(early.status).toBe(409);
    expect(early.body.code).toBe('NOMINATION_NO_PREPARATORY_CONFERENCE');
    expect(
      (
        await http(sys, 'PUT', `${DBSH}/conferences/PREPARATORY`, {
          token: outsider,
          body: { startsAt: null },
        })
      ).status,
    ).toBe(200);
    expect((await http(sys, 'PUT', `${DBSH}/nominations`, { token: outsider, body: nominate })).status).toBe(
      200,
    );
    // Its official conference is dated (above): undate it, then confirming must wait for a date.
    expect(
      (await http(sys, 'PUT', `${DBSH}/conferences/OFFICIAL`, { token: outsider, body: { startsAt: null } }))
        .status,
    ).toBe(200);
    const undated = await http(sys, 'POST', `${DBSH}/nominations/confirm`, { token: outsider });
    expect(undated.status).toBe(409);
    expect(undated.body.code).toBe('NOMINATION_OFFICIAL_UNDATED');
    const l = await http(sys, 'GET', '/api/v1/groups/cum-dbsh/years/2024/leadership', { token: board });
    expect(l.body).toMatchObject({ chair: null, viceChair: null });
  });

  it('a bad nomination is refused naming the field, and nothing is written', async () => {
    const cases: [Record<string, unknown>, string, string][] = [
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
      const r = await http(sys, 'PUT', `${TN}/nominations`, { token: chair, body });
      expect([r.status, r.body.code]).toEqual([400, reason]);
      expect(r.headers.get('content-type')).toContain('application/problem+json');
      expect(r.body.errors[0].field).toBe(field);
    }
    const malformed = await http(sys, 'PUT', `${TN}/nominations`, {
      token: chair,
      body: {
        chair: { unitId: 'kon-tum', method: 'LOTTERY' },
        viceChair: { unitId: 'gia-lai', method: 'ROTATION' },
      },
    });
    expect(malformed.status).toBe(400);
    expect(malformed.body.errors[0].field).toBe('chair.method');
    const refused = await http(sys, 'PUT', `${TN}/nominations`, {
      token: member,
      body: {
        chair: { unitId: 'kon-tum', method: 'ROTATION' },
        viceChair: { unitId: 'gia-lai', method: 'ROTATION' },
      },
    });
    expect(refused.status).toBe(403);
    const n = await http(sys, 'GET', `${TN}/nominations`, { token: member });
    expect(n.status).toBe(200);
    expect(n.body).toEqual({
      groupId: expect.any(String),
      year: 2023,
      forYear: 2024,
      chair: null,
      viceChair: null,
    });
  });

  it('nominated at the preparatory conference, confirmed at the official one: the new chair holds next year’s rights', async () => {
    // Before: Kon Tum's officer cannot draft the 2024 covenant.
    expect(
      (
        await http(sys, 'PUT', '/api/v1/groups/cum-tn-dhmt/years/2024/scheme', {
          token: member,
          body: { scheme: SCHEME },
        })
      ).status,
    ).toBe(403);

    const put = await http(sys, 'PUT', `${TN}/nominations`, {
      token: chair,
      body: {
        chair: {
          unitId: 'kon-tum',
          method: 'ELECTION',
          candidates: [
            { unitId: 'kon-tum', votes: 7 },
            { unitId: 'gia-lai', votes: 3 },
          ],
        },
        viceChair: { unitId: 'gia-lai', method: 'ROTATION' },
      },
    });
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({
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
    const before = await http(sys, 'GET', '/api/v1/groups/cum-tn-dhmt/years/2024/leadership', {
      token: member,
    });
    expect(before.body).toMatchObject({ chair: null, viceChair: null });

    const confirm = await http(sys, 'POST', `${TN}/nominations/confirm`, { token: vice });
    expect(confirm.status).toBe(200);
    expect(confirm.body).toMatchObject({
      year: 2024,
      chair: { role: 'CHAIR', unit: { name: 'Kon Tum' }, chosenBy: 'ELECTION', decidedOn: '2024-02-28' },
      viceChair: {
        role: 'VICE_CHAIR',
        unit: { name: 'Gia Lai' },
        chosenBy: 'ROTATION',
        decidedOn: '2024-02-28',
      },
    });
    const leadership = await http(sys, 'GET', '/api/v1/groups/cum-tn-dhmt/years/2024/leadership', {
      token: member,
    });
    expect(leadership.body).toEqual(confirm.body);
    // 2023's stays.
    const y2023 = await http(sys, 'GET', '/api/v1/groups/cum-tn-dhmt/years/2023/leadership', {
      token: member,
    });
    expect(y2023.body.chair.unit.name).toBe('Bình Định');
    expect((await http(sys, 'GET', `${TN}/nominations`, { token: council })).body.chair.confirmedOn).toBe(
      '2024-02-28',
    );
    await expectEventually(() =>
      expect(events.find((e) => e.subject === 'registry.leadership.confirmed')?.data).toMatchObject({
        year: 2024,
        decidedOn: '2024-02-28',
      }),
    );

    // Confirmed: no second nomination; confirming again answers the same.
    const again = await http(sys, 'PUT', `${TN}/nominations`, {
      token: chair,
      body: {
        chair: { unitId: 'gia-lai', method: 'ROTATION' },
        viceChair: { unitId: 'kon-tum', method: 'ROTATION' },
      },
    });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('NOMINATIONS_CONFIRMED');
    expect((await http(sys, 'POST', `${TN}/nominations/confirm`, { token: board })).body).toEqual(
      confirm.body,
    );

    // Kon Tum's officer signs in again: CHAIR of 2024, no user administration.
    const konTum = await login(sys, 'kontum');
    const me = await http(sys, 'GET', '/api/v1/auth/me', { token: konTum });
    expect(me.body.roles).toEqual(
      expect.arrayContaining([expect.objectContaining({ role: 'CHAIR', year: 2024 })]),
    );
    const draft = await http(sys, 'PUT', '/api/v1/groups/cum-tn-dhmt/years/2024/scheme', {
      token: konTum,
      body: { scheme: SCHEME },
    });
    expect(draft.status).toBe(200);
  });
});

/**
 * Next year's covenant through the gateway (issue 15, seed 000 §IV): TN&DHMT's 2023 vice-chair
 * (Lâm Đồng) drafts the 2024 covenant — the points table of 2024 —, members comment on it
 * criterion by criterion, the draft is revised (a new version: comments keep theirs), every member
 * signs at the official conference (one on its behalf, recorded as such), and it is published
 * with the signatures (`scoring.covenant.published`). A missing signature is shown and stops the
 * chair; only the central board publishes without it, with a reason. Outsiders and other units are
 * refused, each a problem+json naming its reason (and the field).
 *
 * Each test has a group-year of its own: TN&DHMT 2024 (the flow), TN&DHMT 2025 (the board), and a
 * cluster made here for 2025 (the refusals).
 */
import 'reflect-metadata';
import { errorMessage, ScoringEvents, SCORING_STREAM } from '@tdkt/contracts';
import { prefixedStream } from '@tdkt/platform';
import { expectEventually, testInfra } from '@tdkt/testing';
import { createHmac, randomUUID } from 'node:crypto';
import { client, ok, reply } from './support/api';
import { streamEnvelopes } from './support/fault';
import { http, login, startTestSystem, TestSystem } from './support/system';

/* eslint-disable @typescript-eslint/no-explicit-any */
const TN = 'cum-tn-dhmt';
const OWN = 'cum-thu-giao-uoc';
/** The group-years, as the client's path parameters. */
const Y2024 = { groupId: TN, year: 2024 };
const Y2025 = { groupId: TN, year: 2025 };
const OWN_2025 = { groupId: OWN, year: 2025 };
type GroupYear = typeof Y2024;
const SCHEME = '/api/v1/groups/{groupId}/years/{year}/scheme';
const COMMENTS = '/api/v1/groups/{groupId}/years/{year}/scheme/comments';
const SIGNATURES = '/api/v1/groups/{groupId}/years/{year}/scheme/signatures';
const PUBLISH = '/api/v1/groups/{groupId}/years/{year}/scheme/publish';
/** The raw path of a group-year (for what the contract forbids). */
const raw = (g: GroupYear) => `/api/v1/groups/${g.groupId}/years/${g.year}`;

const criterion = (code: string, title: string, max: number) => ({
  type: 'CRITERION',
  code,
  title,
  max,
  method: { kind: 'MANUAL' },
  scoredBy: { kind: 'MEMBER' },
  evidenceRequired: false,
});

/** The 2024 draft as the vice-chair sends it for comments. */
const DRAFT = {
  sections: [
    {
      type: 'SECTION',
      code: 'kinh-te',
      title: 'Phát triển kinh tế',
      children: [criterion('thu-ngan-sach', 'Thu ngân sách', 40), criterion('grdp', 'Tăng trưởng GRDP', 20)],
    },
    {
      type: 'SECTION',
      code: 'xa-hoi',
      title: 'Văn hóa – xã hội',
      children: [criterion('giam-ngheo', 'Giảm nghèo', 40)],
    },
  ],
};

/** The draft revised after the comments: giảm nghèo 40 → 30, a new criterion on digital change. */
const REVISED = {
  sections: [
    DRAFT.sections[0],
    {
      ...DRAFT.sections[1],
      children: [
        criterion('giam-ngheo', 'Giảm nghèo', 30),
        criterion('chuyen-doi-so', 'Chuyển đổi số'.normalize('NFD'), 10),
      ],
    },
  ],
};

describe('next year’s covenant: drafted, commented on, revised, signed, published', () => {
  let sys: TestSystem;
  let board: string, chair: string, vice: string, kontum: string, viewer: string, council: string;
  /** TN&DHMT's members (2023–2025), name → unit id. */
  const unit = new Map<string, string>();
  const officer = (name: string) => sys.officerToken(unit.get(name) as string);
  const api = (token: string) => client(sys, token);
  /** A token as the gateway signs them, with the grants given (a leader of a year, a board user with a unit). */
  const tokenWith = (unitId: string | null, roles: object[]) => {
    const enc = (x: unknown) => Buffer.from(JSON.stringify(x)).toString('base64url');
    const now = Math.floor(Date.now() / 1000);
    const body = `${enc({ alg: 'HS256', typ: 'JWT' })}.${enc({
      sub: randomUUID(),
      username: `covenant-${randomUUID().slice(0, 8)}`,
      name: 'Cán bộ thử',
      unitId,
      roles,
      iat: now,
      exp: now + 3600,
      iss: 'tdkt-gateway',
    })}`;
    return `${body}.${createHmac('sha256', sys.jwtSecret).update(body).digest('base64url')}`;
  };
  const must = async (what: string, r: Promise<{ status: number; body: any }>) => {
    const a = await r;
    if (a.status >= 300) throw new Error(`${what}: ${a.status} ${JSON.stringify(a.body)}`);
    return a;
  };
  /** The scheme as sent (its literal's types are wider than the contract's unions). */
  const draft = (g: GroupYear, token: string, scheme: unknown) =>
    reply(api(token).PUT(SCHEME, { params: { path: g }, body: { scheme: scheme as any } }));
  const sign = (g: GroupYear, token: string, unitId: string) =>
    reply(api(token).POST(SIGNATURES, { params: { path: g }, body: { unitId } }));
  const signatures = (g: GroupYear, token: string) =>
    reply(api(token).GET(SIGNATURES, { params: { path: g } }));
  const comment = (
    g: GroupYear,
    token: string,
    body: { criterionCode: string; text: string; unitId?: string | null },
  ) => reply(api(token).POST(COMMENTS, { params: { path: g }, body }));
  const comments = (g: GroupYear, token: string, query: { version?: number; limit?: number } = {}) =>
    reply(api(token).GET(COMMENTS, { params: { path: g, query } }));
  const publish = (g: GroupYear, token: string, body?: { withoutSignatures?: boolean; reason?: string }) =>
    reply(api(token).POST(PUBLISH, { params: { path: g }, body }));
  const covenantEvents = async (groupId: string, year: number) =>
    (
      await streamEnvelopes(testInfra().natsUrl, prefixedStream(sys.prefix, SCORING_STREAM), () => true)
    ).filter(
      (e) =>
        e.subject === ScoringEvents.covenantPublished.subject &&
        e.data.groupId === groupId &&
        e.data.year === year,
    );

  beforeAll(async () => {
    sys = await startTestSystem({ with: ['scoring'] });
    board = await login(sys, 'board');
    chair = await login(sys, 'binhdinh');
    vice = await login(sys, 'lamdong');
    kontum = await login(sys, 'kontum');
    viewer = await login(sys, 'viewer');
    council = await login(sys, 'council');
    const members = await must(
      'members',
      http<any>(sys, 'GET', `/api/v1/groups/${TN}/members?year=2024`, { token: board }),
    );
    for (const m of members.body.items ?? members.body.members) unit.set(m.unit.name, m.unit.id);
    expect(unit.size).toBe(10);
    // A cluster of the same ten provinces in 2025 (until they merge), drafted by the board (the refusals' test).
    await must(
      OWN,
      http(sys, 'POST', '/api/v1/groups', {
        token: board,
        body: {
          code: OWN,
          name: 'Cụm thi đua thử giao ước',
          kind: 'CLUSTER',
          organiserKind: 'CENTRAL_COUNCIL',
        },
      }),
    );
    for (const unitId of unit.values())
      await must(
        unitId,
        http(sys, 'POST', `/api/v1/groups/${OWN}/memberships`, {
          token: board,
          body: { unitId, validFrom: '2025-01-01', validTo: '2025-06-30' },
        }),
      );
  }, 90_000);

  afterAll(async () => {
    await sys?.stop();
  });

  it('the vice-chair drafts, members comment, the draft is revised, every member signs, it is published', async () => {
    // Next year's covenant is drafted by this year's leaders (or next year's, or the board): not a member.
    const notLeader = await draft(Y2024, kontum, DRAFT);
    expect([notLeader.status, notLeader.problem?.code]).toEqual([403, 'SCHEME_LEADERS_ONLY']);
    expect(notLeader.problem?.detail).toBe(
      errorMessage('SCHEME_LEADERS_ONLY', { year: 2024, previous: 2023 }),
    );
    const first = await draft(Y2024, vice, DRAFT);
    expect(first.status).toBe(200);
    expect(first.data).toMatchObject({ year: 2024, version: 1, state: 'DRAFT', maximumTotal: 100 });
    // Sent to the members for comments: they read the draft.
    const read = await ok(api(kontum).GET(SCHEME, { params: { path: Y2024 } }));
    expect([read.state, read.version]).toEqual(['DRAFT', 1]);

    const c1 = await comment(Y2024, kontum, {
      criterionCode: 'giam-ngheo',
      text: 'Đề nghị giảm điểm tối đa tiêu chí giảm nghèo xuống 30 điểm'.normalize('NFD'),
    });
    expect(c1.status).toBe(201);
    expect(c1.data).toMatchObject({
      year: 2024,
      version: 1,
      criterionCode: 'giam-ngheo',
      text: 'Đề nghị giảm điểm tối đa tiêu chí giảm nghèo xuống 30 điểm', // stored NFC
      unitId: unit.get('Kon Tum'),
      unitName: 'Kon Tum',
      authorId: expect.any(String),
      at: expect.any(String),
    });
    const c2 = await comment(Y2024, officer('Gia Lai'), {
      criterionCode: 'xa-hoi',
      text: 'Bổ sung tiêu chí chuyển đổi số',
    });
    expect([c2.status, c2.data?.unitName, c2.data?.version]).toEqual([201, 'Gia Lai', 1]);
    const unknown = await comment(Y2024, kontum, { criterionCode: 'khong-co', text: 'Tiêu chí này?' });
    expect([unknown.status, unknown.problem?.code]).toEqual([400, 'COVENANT_CRITERION_UNKNOWN']);
    // The field as the gateway's validation names it (no `body.` prefix).
    expect(unknown.problem?.errors).toEqual([{ field: 'criterionCode', message: expect.any(String) }]);

    // Revised after the comments: a new version; the comments keep the one they were made on.
    const revised = await draft(Y2024, vice, REVISED);
    expect(revised.data).toMatchObject({ version: 2, state: 'DRAFT', maximumTotal: 100 });
    // v1 is kept with its comments but is no longer the draft: superseded by v2.
    const v1 = await ok(api(kontum).GET(SCHEME, { params: { path: Y2024, query: { version: 1 } } }));
    expect([v1.version, v1.state]).toEqual([1, 'SUPERSEDED']);
    const latest = await ok(api(kontum).GET(SCHEME, { params: { path: Y2024 } }));
    expect([latest.version, latest.state]).toEqual([2, 'DRAFT']);
    const c3 = await comment(Y2024, kontum, { criterionCode: 'chuyen-doi-so', text: 'Nhất trí' });
    expect([c3.status, c3.data?.version]).toEqual([201, 2]);
    const all = await comments(Y2024, council);
    expect(all.status).toBe(200);
    expect(all.data).toMatchObject({ total: 3, limit: 50, offset: 0 });
    expect(all.data?.items.map((c) => [c.version, c.criterionCode, c.unitName])).toEqual([
      [1, 'giam-ngheo', 'Kon Tum'],
      [1, 'xa-hoi', 'Gia Lai'],
      [2, 'chuyen-doi-so', 'Kon Tum'],
    ]);
    const v2 = await comments(Y2024, kontum, { version: 2, limit: 1 });
    expect(v2.data).toMatchObject({ total: 1, limit: 1, offset: 0, items: [{ text: 'Nhất trí' }] });

    // At the official conference: nine members sign through their officers; Đắk Nông not yet.
    for (const [name, unitId] of unit)
      if (name !== 'Đắk Nông')
        await ok(api(officer(name)).POST(SIGNATURES, { params: { path: Y2024 }, body: { unitId } }));
    const nine = await signatures(Y2024, kontum);
    expect(nine.status).toBe(200);
    expect(nine.data).toMatchObject({ year: 2024, version: 2, state: 'DRAFT', publication: null });
    expect(nine.data?.signed).toHaveLength(9);
    expect(nine.data?.signed[0]).toMatchObject({
      onBehalf: false,
      role: 'UNIT_OFFICER',
      by: expect.any(String),
    });
    expect(nine.data?.missing).toEqual([{ unitId: unit.get('Đắk Nông'), unitName: 'Đắk Nông' }]);
    // Signing twice keeps the first signature.
    expect((await sign(Y2024, kontum, unit.get('Kon Tum')!)).data?.signed).toHaveLength(9);

    // The chair cannot publish with a signature missing, not even saying so: only the board can.
    const refused = await publish(Y2024, chair);
    expect([refused.status, refused.problem?.code]).toEqual([409, 'COVENANT_SIGNATURES_MISSING']);
    expect(refused.problem?.detail).toContain('Đắk Nông');
    const without = await publish(Y2024, chair, { withoutSignatures: true, reason: 'Đắk Nông vắng mặt' });
    expect([without.status, without.problem?.code]).toEqual([403, 'COVENANT_UNSIGNED_PUBLISH_BOARD_ONLY']);

    // The vice-chair records Đắk Nông's signature on its behalf.
    const behalf = await sign(Y2024, vice, unit.get('Đắk Nông')!);
    expect(behalf.status).toBe(200);
    expect(behalf.data?.missing).toEqual([]);
    expect(behalf.data?.signed.find((x) => x.unitName === 'Đắk Nông')).toMatchObject({
      onBehalf: true,
      role: 'VICE_CHAIR',
    });

    const published = await publish(Y2024, vice);
    expect(published.status).toBe(200);
    expect(published.data).toMatchObject({ version: 2, state: 'PUBLISHED', publishedAt: expect.any(String) });
    const after = await signatures(Y2024, board);
    expect(after.data).toMatchObject({
      state: 'PUBLISHED',
      missing: [],
      publication: { withoutSignatures: false, reason: null, publishedAt: expect.any(String) },
    });
    expect(after.data?.signed).toHaveLength(10);

    // Published: no more comments nor signatures.
    const late = await comment(Y2024, kontum, { criterionCode: 'grdp', text: 'Muộn' });
    expect([late.status, late.problem?.code]).toEqual([409, 'COVENANT_PUBLISHED']);
    expect((await sign(Y2024, kontum, unit.get('Kon Tum')!)).status).toBe(409);

    // Announced once, with the signatures.
    await expectEventually(async () => {
      const events = await covenantEvents(published.data!.groupId, 2024);
      expect(events).toHaveLength(1);
      expect(events[0].data).toMatchObject({
        version: 2,
        withoutSignatures: false,
        reason: null,
        missing: [],
      });
      const signed = events[0].data.signatures as any[];
      expect(signed).toHaveLength(10);
      expect(signed.filter((x) => x.onBehalf).map((x) => x.unitName)).toEqual(['Đắk Nông']);
    });

    // Once published, the 2024 covenant's revisions are 2024's leaders' and the board's: the 2023
    // vice-chair, who drafted it, no longer puts, discards nor publishes a version of it.
    const lateDraft = await draft(Y2024, vice, REVISED);
    expect([lateDraft.status, lateDraft.problem?.code]).toEqual([403, 'SCHEME_REVISION_LEADERS_ONLY']);
    expect(lateDraft.problem?.detail).toBe(errorMessage('SCHEME_REVISION_LEADERS_ONLY', { year: 2024 }));
    const chair2024 = tokenWith(unit.get('Kon Tum')!, [
      { role: 'UNIT_OFFICER', unitId: unit.get('Kon Tum') },
      { role: 'CHAIR', groupId: published.data!.groupId, year: 2024 },
    ]);
    const v3 = await draft(Y2024, chair2024, REVISED);
    expect([v3.status, v3.data?.version, v3.data?.state]).toEqual([200, 3, 'DRAFT']);
    for (const r of [
      reply(api(vice).DELETE(SCHEME, { params: { path: Y2024 } })),
      publish(Y2024, vice),
      sign(Y2024, vice, unit.get('Đắk Nông')!),
    ])
      expect((await r).status).toBe(403);
    // Nothing changed by the refusals: v3 is still the draft, v2 the published covenant.
    const stillV3 = await ok(api(board).GET(SCHEME, { params: { path: Y2024 } }));
    expect([stillV3.version, stillV3.state]).toEqual([3, 'DRAFT']);
    expect(await ok(api(chair2024).DELETE(SCHEME, { params: { path: Y2024 } }))).toMatchObject({
      discardedVersion: 3,
    });
  });

  it('only the central board publishes with signatures missing, and its reason is recorded', async () => {
    // 2025: nobody leads it yet (2024's leadership is not set), so the board drafts it.
    const notLeader = await draft(Y2025, vice, DRAFT);
    expect([notLeader.status, notLeader.problem?.code]).toEqual([403, 'SCHEME_LEADERS_ONLY']);
    expect((await draft(Y2025, board, DRAFT)).status).toBe(200);
    await ok(
      api(kontum).POST(SIGNATURES, { params: { path: Y2025 }, body: { unitId: unit.get('Kon Tum')! } }),
    );

    const missing = await publish(Y2025, board);
    expect([missing.status, missing.problem?.code]).toEqual([409, 'COVENANT_SIGNATURES_MISSING']);
    const noReason = await publish(Y2025, board, { withoutSignatures: true });
    expect(noReason.status).toBe(400);
    expect(noReason.problem?.errors?.map((e) => e.field)).toEqual(['reason']);
    const reason =
      'Các tỉnh sáp nhập từ 01/7/2025: Ban TĐKT Trung ương công bố để các tỉnh chấm điểm 6 tháng';
    const published = await publish(Y2025, board, { withoutSignatures: true, reason });
    expect([published.status, published.data?.state]).toEqual([200, 'PUBLISHED']);
    const recorded = await ok(api(kontum).GET(SIGNATURES, { params: { path: Y2025 } }));
    expect(recorded.publication).toMatchObject({ withoutSignatures: true, reason });
    expect(recorded.signed.map((x) => x.unitName)).toEqual(['Kon Tum']);
    expect(recorded.missing).toHaveLength(9);
    await expectEventually(async () => {
      const events = await covenantEvents(published.data!.groupId, 2025);
      expect(events).toHaveLength(1);
      expect(events[0].data).toMatchObject({ withoutSignatures: true, reason });
      expect(events[0].data.missing).toHaveLength(9);
    });
  });

  it('refused: an outsider’s signature, a comment for another unit, a viewer; each names its reason', async () => {
    expect((await draft(OWN_2025, board, DRAFT)).status).toBe(200);
    const haNoiUnit = (await http<any>(sys, 'GET', '/api/v1/units?q=ha%20noi', { token: board })).body
      .items[0];
    const haNoi: string = haNoiUnit.id;
    const haNoiName: string = haNoiUnit.name;
    const outsider = sys.officerToken(haNoi);

    // A unit outside the group that year: 400 naming the field, whoever signs for it.
    for (const token of [outsider, board]) {
      const r = await sign(OWN_2025, token, haNoi);
      expect([r.status, r.problem?.code]).toEqual([400, 'COVENANT_SIGNER_NOT_MEMBER']);
      expect(r.problem?.errors).toEqual([{ field: 'unitId', message: expect.any(String) }]);
      // The unit named by its name, not its id.
      expect(r.problem?.detail).toContain(haNoiName);
      expect(r.problem?.detail).not.toContain(haNoi);
    }
    // A member's officer signs for its own unit only; a viewer for none.
    const forAnother = await sign(OWN_2025, kontum, unit.get('Gia Lai')!);
    expect([forAnother.status, forAnother.problem?.code]).toEqual([403, 'COVENANT_SIGNATURE_NOT_ALLOWED']);
    expect((await sign(OWN_2025, viewer, unit.get('Gia Lai')!)).status).toBe(403);
    // Malformed (what the contract forbids): 400 naming the field.
    const bad = await http<any>(sys, 'POST', `${raw(OWN_2025)}/scheme/signatures`, {
      token: kontum,
      body: { unitId: 'x' },
    });
    expect([bad.status, bad.body.errors?.[0]?.field]).toEqual([400, 'unitId']);

    // Comments: in the name of one's own unit only; members only; never a viewer.
    const other = await comment(OWN_2025, kontum, {
      criterionCode: 'grdp',
      text: 'Thay Gia Lai',
      unitId: unit.get('Gia Lai'),
    });
    expect([other.status, other.problem?.code]).toEqual([403, 'COVENANT_COMMENT_OTHER_UNIT']);
    const notMember = await comment(OWN_2025, outsider, { criterionCode: 'grdp', text: 'Góp ý' });
    expect([notMember.status, notMember.problem?.code]).toEqual([403, 'COVENANT_COMMENT_NOT_ALLOWED']);
    const byViewer = await comment(OWN_2025, viewer, { criterionCode: 'grdp', text: 'Góp ý' });
    expect([byViewer.status, byViewer.problem?.code]).toEqual([403, 'COVENANT_COMMENT_NOT_ALLOWED']);
    // A board user whose account has a unit comments in the board's own name: unitId null on
    // purpose, or left out (the board's default is no unit); with its unit's id, for that unit.
    const boardWithUnit = tokenWith(unit.get('Kon Tum')!, [{ role: 'BOARD' }]);
    for (const body of [{ unitId: null }, {}]) {
      const own = await comment(OWN_2025, boardWithUnit, {
        criterionCode: 'grdp',
        text: 'Ý kiến Ban',
        ...body,
      });
      expect([own.status, own.data?.unitId, own.data?.unitName]).toEqual([201, null, null]);
    }
    // A viewer and an outsider do not read them either; the draft is hidden from them.
    for (const token of [viewer, outsider]) {
      const r = await comments(OWN_2025, token);
      expect([r.status, r.problem?.code]).toEqual([403, 'COVENANT_NOT_VISIBLE']);
      expect((await signatures(OWN_2025, token)).status).toBe(403);
      expect((await reply(api(token).GET(SCHEME, { params: { path: OWN_2025 } }))).status).toBe(404);
    }
    // Nothing was written by the refusals.
    const none = await ok(api(board).GET(SIGNATURES, { params: { path: OWN_2025 } }));
    expect([none.signed, none.missing.length]).toEqual([[], 10]);
    // (but the board's own two comments above).
    expect((await ok(api(board).GET(COMMENTS, { params: { path: OWN_2025 } }))).total).toBe(2);
    // No draft at all: 404.
    const noDraft = await comment({ groupId: TN, year: 2030 }, board, { criterionCode: 'grdp', text: 'x' });
    expect([noDraft.status, noDraft.problem?.code]).toEqual([404, 'SCHEME_NOT_FOUND']);
  });
});

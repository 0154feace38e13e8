/**
 * Honours through the gateway (issue 15): TN&DHMT 2023 scored, locked and its honours proposed
 * (scoring), then the proposal dossiers — only for an honour scoring proposed, their parts
 * (proposal letter and minutes rendered by documents, the ranking, the member's achievement
 * report submitted to intake), submit → return with a reason → resubmit → accept, an event per
 * step — and the board's decisions: beyond the accepted dossiers only with an override (recorded),
 * one number per authority, award records in the statistics of the decision's period exactly once
 * (also after the awards consumer is reset and replays every event), a correction superseding the
 * corrected decision and its records. Every refusal is problem+json naming the field, with nothing
 * written. The board-only routes (record a decision, return or accept a dossier) are refused in
 * the gateway's guard (403 ACCESS_HONOURS_BOARD_ONLY) before their body is looked at.
 *
 * Calls go through the typed client (./support/api); `http()` only where the contract forbids
 * what is sent, and for the demo loader (scoreTn2023).
 */
import 'reflect-metadata';
import { HONOURS_STREAM } from '@tdkt/contracts';
import { prefixedStream } from '@tdkt/platform';
import { expectEventually, testInfra } from '@tdkt/testing';
import { connect, NatsConnection } from 'nats';
import { createHmac, randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { DECISIONS_CONSUMER } from '../apps/awards/src/decisions/decisions.repository';
import { client, ok, reply, Schema } from './support/api';
import { renderDone, scoreTn2023, TN, TN_2023 as G } from './support/documents';
import { attach, pdf } from './support/intake';
import { http, login, startTestSystem, TestSystem } from './support/system';

const FORM: Record<string, string> = {
  GOVERNMENT_FLAG: 'CO-THI-DUA-CHINH-PHU',
  PM_CERTIFICATE: 'BK-THU-TUONG',
};
const AUTHORITY = 'Thủ tướng Chính phủ';
/** TN&DHMT 2023, as the client's path parameters. */
const Y2023 = { groupId: TN, year: 2023 };
const DOSSIERS = '/api/v1/groups/{groupId}/years/{year}/dossiers';
const DOSSIER = '/api/v1/dossiers/{dossierId}';
const DECISIONS = '/api/v1/decisions';
type RecordDecision = Schema<'RecordDecisionDto'>;

describe('honours: proposal dossiers to decisions and award records', () => {
  let sys: TestSystem;
  let board: string, chair: string, viewer: string;
  let pg: Client;
  let nc: NatsConnection;
  const unit = new Map<string, string>();
  const officer = (name: string) => sys.officerToken(unit.get(name) as string);
  /** Scoring's proposals: the leader's flag and the next one's certificate per subgroup. */
  let proposals: Schema<'HonourProposalResponse'>[] = [];
  const dossiers = new Map<string, string>();
  const key = (p: { unitName: string; award: string }) => `${p.unitName}|${p.award}`;
  const api = (token: string) => client(sys, token);
  const dossierPath = (dossierId: string) => ({ params: { path: { dossierId } } });
  /** Creates a dossier (any answer). */
  const createDossier = (token: string, body: Schema<'CreateDossierDto'>) =>
    reply(api(token).POST(DOSSIERS, { params: { path: Y2023 }, body }));
  const getDossier = (token: string, dossierId: string) =>
    reply(api(token).GET(DOSSIER, dossierPath(dossierId)));
  const dossierState = async (dossierId: string) =>
    (await ok(api(board).GET(DOSSIER, dossierPath(dossierId)))).state;
  /** Records a decision as the board (any answer), with an Idempotency-Key when given. */
  const decide = (body: RecordDecision, idempotencyKey?: string) =>
    reply(
      api(board).POST(DECISIONS, {
        params: idempotencyKey ? { header: { 'Idempotency-Key': idempotencyKey } } : {},
        body,
      }),
    );
  let first: Schema<'DecisionResponse'>;
  /** A token of a unit's officer who also holds another grant (as the gateway signs them). */
  const leaderToken = (unitId: string, grant: { role: string; groupId: string; year: number }) => {
    const enc = (x: unknown) => Buffer.from(JSON.stringify(x)).toString('base64url');
    const now = Math.floor(Date.now() / 1000);
    const body = `${enc({ alg: 'HS256', typ: 'JWT' })}.${enc({
      sub: randomUUID(),
      username: `leader-${unitId.slice(0, 8)}`,
      name: 'Cán bộ đơn vị',
      unitId,
      roles: [{ role: 'UNIT_OFFICER', unitId }, grant],
      iat: now,
      exp: now + 3600,
      iss: 'tdkt-gateway',
    })}`;
    return `${body}.${createHmac('sha256', sys.jwtSecret).update(body).digest('base64url')}`;
  };

  /** The group's award statistics for a period: total of a form, and its cells by unit name. */
  const statistics = async (from: string, to: string) => {
    const s = await ok(
      api(board).GET('/api/v1/groups/{groupId}/awards/statistics', {
        params: { path: { groupId: TN }, query: { from, to } },
      }),
    );
    const row = (code: string) => s.table.rows.find((r) => r.code === code);
    return {
      total: (code: string): number => row(code)?.total ?? 0,
      cells: (code: string) =>
        Object.fromEntries(
          s.table.units.map((u, i) => [u, row(code)?.cells[i] ?? 0] as const).filter(([, n]) => n),
        ),
    };
  };
  const decisionsTotal = async () => (await ok(api(board).GET(DECISIONS))).total;

  beforeAll(async () => {
    sys = await startTestSystem({ with: ['scoring', 'awards', 'documents', 'honours'] });
    pg = new Client({ connectionString: sys.db.url });
    await pg.connect();
    nc = await connect({ servers: testInfra().natsUrl });
    [board, chair, viewer] = await Promise.all([
      login(sys, 'board'),
      login(sys, 'binhdinh'),
      login(sys, 'viewer'),
    ]);
    const members = await ok(
      api(board).GET('/api/v1/groups/{groupId}/members', {
        params: { path: { groupId: TN }, query: { year: 2023 } },
      }),
    );
    for (const m of members.items) unit.set(m.unit.name, m.unit.id);
    await scoreTn2023(sys, { chair, board, officer }, unit);
    await ok(
      api(chair).POST('/api/v1/groups/{groupId}/years/{year}/scoring/lock', { params: { path: Y2023 } }),
    );
    const honours = await ok(
      api(chair).POST('/api/v1/groups/{groupId}/years/{year}/honours/propose', { params: { path: Y2023 } }),
    );
    proposals = honours.scopes.flatMap((s) => s.proposals);
    // The demo's points table ranks the group as one: the leader's flag, the next one's certificate.
    expect(proposals.map((p) => p.award).sort()).toEqual(['GOVERNMENT_FLAG', 'PM_CERTIFICATE']);
  }, 180_000);

  afterAll(async () => {
    await nc?.close();
    await pg?.end();
    await sys?.stop();
  }, 60_000);

  it('a dossier only for an honour scoring proposed: 422 naming the field, 403 for a member, nothing written', async () => {
    const honoured = new Set(proposals.map((p) => p.memberId));
    const other = [...unit.entries()].find(([, id]) => !honoured.has(id)) as [string, string];
    const never = await createDossier(chair, { memberUnitId: other[1], award: 'GOVERNMENT_FLAG' });
    expect([never.status, never.problem?.code]).toEqual([422, 'DOSSIER_HONOUR_NOT_PROPOSED']);
    expect(never.headers.get('content-type')).toContain('application/problem+json');
    expect(never.problem?.errors).toEqual([expect.objectContaining({ field: 'memberUnitId' })]);
    // The message names the unit and the honour in Vietnamese, not their id and code.
    expect(never.problem?.detail).toContain(other[0]);
    expect(never.problem?.detail).toContain('Cờ thi đua của Chính phủ');
    expect(never.problem?.detail).not.toContain(other[1]);
    expect(never.problem?.detail).not.toContain('GOVERNMENT_FLAG');
    const flag = proposals.find((p) => p.award === 'GOVERNMENT_FLAG')!;
    const wrongAward = await createDossier(chair, { memberUnitId: flag.memberId, award: 'PM_CERTIFICATE' });
    expect([wrongAward.status, wrongAward.problem?.code]).toEqual([422, 'DOSSIER_HONOUR_NOT_PROPOSED']);
    expect(wrongAward.problem?.errors).toEqual([expect.objectContaining({ field: 'award' })]);
    // raw: memberUnitId not a uuid — what the contract forbids
    const badBody = await http<Schema<'ProblemResponse'>>(sys, 'POST', `${G}/dossiers`, {
      token: chair,
      body: { memberUnitId: 'x', award: 'cờ' },
    });
    expect(badBody.status).toBe(400);
    expect(badBody.body.errors?.map((e) => e.field).sort()).toEqual(['award', 'memberUnitId']);
    const member = await createDossier(officer(flag.unitName), {
      memberUnitId: flag.memberId,
      award: flag.award,
    });
    expect([member.status, member.problem?.code]).toEqual([403, 'DOSSIER_MANAGE_REFUSED']);
    const list = await ok(api(chair).GET(DOSSIERS, { params: { path: Y2023 } }));
    expect(list).toEqual({ items: [], total: 0, limit: 50, offset: 0 });
  });

  it('a dossier shows its parts; submitted only when complete; returned with a reason, resubmitted, accepted; an event per step', async () => {
    const p0 = proposals.find((p) => p.award === 'GOVERNMENT_FLAG')!;
    const d = await ok(
      api(chair).POST(DOSSIERS, {
        params: { path: Y2023 },
        body: { memberUnitId: p0.memberId, award: p0.award },
      }),
      201,
    );
    dossiers.set(key(p0), d.id);
    expect(d).toMatchObject({
      memberUnitName: p0.unitName,
      award: 'GOVERNMENT_FLAG',
      awardForm: 'CO-THI-DUA-CHINH-PHU',
      state: 'DRAFT',
      complete: false,
      missing: ['PROPOSAL_LETTER', 'MINUTES', 'ACHIEVEMENT_REPORT'],
    });
    expect(d.parts.find((x) => x.kind === 'RANKING')?.present).toBe(true);
    const again = await createDossier(chair, { memberUnitId: p0.memberId, award: p0.award });
    expect([again.status, again.problem?.code]).toEqual([409, 'DOSSIER_EXISTS']);
    expect(again.problem?.detail).toContain('Cờ thi đua của Chính phủ');

    const submit = (token: string, dossierId: string) =>
      reply(api(token).POST('/api/v1/dossiers/{dossierId}/submit', dossierPath(dossierId)));
    const accept = (token: string, dossierId: string) =>
      reply(api(token).POST('/api/v1/dossiers/{dossierId}/accept', dossierPath(dossierId)));
    const giveBack = (token: string, dossierId: string, reason: string) =>
      reply(
        api(token).POST('/api/v1/dossiers/{dossierId}/return', {
          ...dossierPath(dossierId),
          body: { reason },
        }),
      );
    const early = await submit(chair, d.id);
    expect([early.status, early.problem?.code]).toEqual([409, 'DOSSIER_INCOMPLETE']);
    expect(early.problem?.detail).toContain('Báo cáo thành tích');
    expect(early.problem?.errors?.map((e) => e.field)).toEqual([
      'parts.PROPOSAL_LETTER',
      'parts.MINUTES',
      'parts.ACHIEVEMENT_REPORT',
    ]);
    expect((await ok(api(chair).GET(DOSSIER, dossierPath(d.id)))).state).toBe('DRAFT');

    // The parts: the proposal letter and the minutes rendered, every honoured member's report submitted.
    for (const type of ['MINUTES', 'PROPOSAL'] as const)
      await renderDone(sys, chair, { type, groupId: TN, year: 2023 });
    for (const p of proposals) {
      const token = officer(p.unitName);
      const made = await ok(
        api(token).POST('/api/v1/submissions', {
          body: {
            groupId: TN,
            year: 2023,
            kind: 'ACHIEVEMENT_REPORT',
            title: `Báo cáo thành tích năm 2023 của tỉnh ${p.unitName}`,
          },
        }),
      );
      const { confirm } = await attach(sys, token, made.id, {
        bytes: pdf(`Báo cáo thành tích ${p.unitName}`),
        contentType: 'application/pdf',
        fileName: `Báo cáo thành tích ${p.unitName}.pdf`,
      });
      expect(confirm.status).toBeLessThan(300);
      await ok(
        api(token).POST('/api/v1/submissions/{submissionId}/submit', {
          params: {
            path: { submissionId: made.id },
            header: { 'Idempotency-Key': `honours-report-${made.id}` },
          },
        }),
      );
    }
    const complete = await ok(api(chair).GET(DOSSIER, dossierPath(d.id)));
    expect(complete).toMatchObject({ complete: true, missing: [] });
    const report = complete.parts.find((x) => x.kind === 'ACHIEVEMENT_REPORT');
    expect(report).toMatchObject({
      present: true,
      submissionId: expect.any(String),
      receiptNumber: expect.any(String),
    });
    expect(complete.parts.find((x) => x.kind === 'MINUTES')?.documentId).toEqual(expect.any(String));

    // Who sees it: its own member, not another member.
    const others = proposals.find((p) => p.memberId !== p0.memberId)!;
    expect((await getDossier(officer(p0.unitName), d.id)).status).toBe(200);
    // Its officer who also leads another group-year (next year's chair, after the confirmation)
    // reads its own dossier as a member: its own submissions, not the campaign's list.
    const nextChair = leaderToken(p0.memberId, { role: 'CHAIR', groupId: d.groupId, year: 2024 });
    const asNextChair = await getDossier(nextChair, d.id);
    expect(asNextChair.status).toBe(200);
    expect(asNextChair.data?.parts.find((x) => x.kind === 'ACHIEVEMENT_REPORT')).toMatchObject({
      present: true,
      submissionId: report?.submissionId,
    });
    const foreign = await getDossier(officer(others.unitName), d.id);
    expect([foreign.status, foreign.problem?.code]).toEqual([403, 'DOSSIER_READ_REFUSED']);

    expect((await submit(officer(p0.unitName), d.id)).status).toBe(403);
    const submitted = await ok(api(chair).POST('/api/v1/dossiers/{dossierId}/submit', dossierPath(d.id)));
    expect(submitted.state).toBe('SUBMITTED');
    // Returning and accepting are the board's: the guard refuses the chair before the body is read.
    const byChair = await giveBack(chair, d.id, 'Thiếu chữ ký');
    expect([byChair.status, byChair.problem?.code]).toEqual([403, 'ACCESS_HONOURS_BOARD_ONLY']);
    const acceptedByChair = await accept(chair, d.id);
    expect([acceptedByChair.status, acceptedByChair.problem?.code]).toEqual([
      403,
      'ACCESS_HONOURS_BOARD_ONLY',
    ]);
    expect(await dossierState(d.id)).toBe('SUBMITTED');
    const noReason = await giveBack(board, d.id, '  ');
    expect(noReason.status).toBe(400);
    expect(noReason.problem?.errors?.map((e) => e.field)).toContain('reason');
    const reason = 'Báo cáo thành tích chưa có xác nhận của Ủy ban nhân dân tỉnh';
    const returned = await ok(
      api(board).POST('/api/v1/dossiers/{dossierId}/return', { ...dossierPath(d.id), body: { reason } }),
    );
    expect(returned).toMatchObject({ state: 'RETURNED', returnReason: reason });
    const acceptReturned = await accept(board, d.id);
    expect([acceptReturned.status, acceptReturned.problem?.code]).toEqual([409, 'DOSSIER_STATE']);
    expect(acceptReturned.problem?.detail).toBe('Hồ sơ đang ở trạng thái bị trả lại: không thể tiếp nhận');
    await ok(api(chair).POST('/api/v1/dossiers/{dossierId}/submit', dossierPath(d.id)));
    const accepted = await ok(api(board).POST('/api/v1/dossiers/{dossierId}/accept', dossierPath(d.id)));
    expect(accepted.state).toBe('ACCEPTED');
    expect(accepted.history.map((h) => [h.action, h.state])).toEqual([
      ['CREATE', 'DRAFT'],
      ['SUBMIT', 'SUBMITTED'],
      ['RETURN', 'RETURNED'],
      ['SUBMIT', 'SUBMITTED'],
      ['ACCEPT', 'ACCEPTED'],
    ]);
    expect(accepted.history[2].reason).toBe(reason);

    for (const p of proposals.filter((x) => x !== p0)) {
      const x = await ok(
        api(chair).POST(DOSSIERS, {
          params: { path: Y2023 },
          body: { memberUnitId: p.memberId, award: p.award },
        }),
        201,
      );
      dossiers.set(key(p), x.id);
      await ok(api(chair).POST('/api/v1/dossiers/{dossierId}/submit', dossierPath(x.id)));
      await ok(api(board).POST('/api/v1/dossiers/{dossierId}/accept', dossierPath(x.id)));
    }
    const all = await ok(api(chair).GET(DOSSIERS, { params: { path: Y2023, query: { state: 'ACCEPTED' } } }));
    expect(all.total).toBe(proposals.length);
    const own = await ok(api(officer(p0.unitName)).GET(DOSSIERS, { params: { path: Y2023 } }));
    expect(own.items.map((x) => x.id)).toEqual([d.id]);

    // One event per step, through the outbox to JetStream (for notifications and documents).
    const jsm = await nc.jetstreamManager();
    const stream = prefixedStream(sys.prefix, HONOURS_STREAM);
    await expectEventually(async () => {
      const info = await jsm.streams.info(stream, { subjects_filter: '>' });
      expect(info.state.subjects).toEqual({
        [`${sys.prefix}.honours.dossier.submitted`]: proposals.length + 1,
        [`${sys.prefix}.honours.dossier.returned`]: 1,
        [`${sys.prefix}.honours.dossier.accepted`]: proposals.length,
      });
    });
  }, 120_000);

  it('a decision beyond the accepted dossiers needs the board’s override (recorded); one number per authority; its awards counted in its period', async () => {
    const honoured = new Set(proposals.map((p) => p.memberId));
    const extra = [...unit.entries()].find(([, id]) => !honoured.has(id)) as [string, string];
    const lines: RecordDecision['awards'] = proposals.map((p, i) => ({
      // Two lines name their dossier, two are matched to the accepted dossier of their unit and form.
      ...(i % 2 === 0 ? { dossierId: dossiers.get(key(p)) } : {}),
      award: FORM[p.award],
      recipientUnitId: p.memberId,
    }));
    const body: RecordDecision = {
      number: '245/QĐ-TTg',
      signedOn: '2024-04-15',
      authority: AUTHORITY,
      signerName: 'Trần Lưu Quang',
      signerTitle: 'Phó Thủ tướng',
      title: 'Về việc tặng Cờ thi đua của Chính phủ và Bằng khen của Thủ tướng Chính phủ',
      awards: [...lines, { award: 'BK-THU-TUONG', recipientUnitId: extra[1] }],
    };
    const byChair = await reply(api(chair).POST(DECISIONS, { body }));
    expect([byChair.status, byChair.problem?.code]).toEqual([403, 'ACCESS_HONOURS_BOARD_ONLY']);
    // The guard refuses a viewer before the body is validated: 403, not 400 listing the fields.
    // raw: an empty body — what the contract forbids
    const byViewer = await http<Schema<'ProblemResponse'>>(sys, 'POST', '/api/v1/decisions', {
      token: viewer,
      body: {},
      headers: { 'idempotency-key': 'viewer-decision-1' },
    });
    expect([byViewer.status, byViewer.body.code]).toEqual([403, 'ACCESS_HONOURS_BOARD_ONLY']);
    expect(byViewer.body.errors ?? []).toEqual([]);
    const beyond = await decide(body);
    expect([beyond.status, beyond.problem?.code]).toEqual([422, 'DECISION_BEYOND_PROPOSED']);
    expect(beyond.problem?.errors).toEqual([expect.objectContaining({ field: 'override' })]);
    const unknownForm = await decide({ ...body, awards: [{ ...lines[0], award: 'KHONG-CO' }] });
    expect([unknownForm.status, unknownForm.problem?.code]).toEqual([400, 'DECISION_AWARD_UNKNOWN']);
    expect(unknownForm.problem?.errors).toEqual([expect.objectContaining({ field: 'awards[0].award' })]);
    const otherUnit = await decide({
      ...body,
      awards: [{ ...lines[0], dossierId: dossiers.get(key(proposals[1])) }],
    });
    expect(otherUnit.status).toBe(422);
    expect(otherUnit.problem?.errors).toEqual([expect.objectContaining({ field: 'awards[0].dossierId' })]);
    // Nothing written by any refusal.
    expect(await decisionsTotal()).toBe(0);
    for (const id of dossiers.values()) expect(await dossierState(id)).toBe('ACCEPTED');

    const override = { reason: 'Thủ tướng Chính phủ quyết định khen thêm theo đề nghị của Bộ Nội vụ' };
    const made = await decide({ ...body, override });
    expect(made.status).toBe(201);
    first = made.data!;
    expect(first).toMatchObject({
      number: '245/QĐ-TTg',
      signedOn: '2024-04-15',
      status: 'IN_FORCE',
      corrects: null,
      override: { reason: override.reason, lines: 1 },
    });
    expect(first.awards.map((a) => [a.dossierId !== null, a.beyondProposed])).toEqual([
      ...proposals.map(() => [true, false]),
      [false, true],
    ]);
    expect(first.awards[proposals.length]).toMatchObject({
      recipientKind: 'COLLECTIVE',
      recipientUnitName: extra[0],
    });
    for (const p of proposals) {
      const d = await ok(api(board).GET(DOSSIER, dossierPath(dossiers.get(key(p)) as string)));
      expect([d.state, d.decisionId]).toEqual(['DECIDED', first.id]);
    }

    const sameNumber = await decide({
      ...body,
      number: '245/qđ-ttg ',
      authority: ' thủ tướng  Chính phủ',
      override,
    });
    expect([sameNumber.status, sameNumber.problem?.code]).toEqual([409, 'DECISION_NUMBER_TAKEN']);
    expect(sameNumber.problem?.errors).toEqual([expect.objectContaining({ field: 'number' })]);
    expect(await decisionsTotal()).toBe(1);

    const flags = Object.fromEntries(
      proposals.filter((p) => p.award === 'GOVERNMENT_FLAG').map((p) => [p.unitName, 1]),
    );
    await expectEventually(
      async () => {
        const april = await statistics('2024-04-01', '2024-04-30');
        expect(april.total('CO-THI-DUA-CHINH-PHU')).toBe(1);
        expect(april.total('BK-THU-TUONG')).toBe(2);
        expect(april.cells('CO-THI-DUA-CHINH-PHU')).toEqual(flags);
      },
      30_000,
      200,
    );
    // Part of a month (read from the records themselves), and the months before: the same once.
    const days = await statistics('2024-04-10', '2024-04-20');
    expect([days.total('CO-THI-DUA-CHINH-PHU'), days.total('BK-THU-TUONG')]).toEqual([1, 2]);
    const march = await statistics('2024-03-01', '2024-03-31');
    expect(march.total('BK-THU-TUONG')).toBe(0);
  }, 90_000);

  it('exactly once: the awards consumer reset (every decision event replayed, processed ids gone) and restarted adds nothing', async () => {
    await sys.stopAwards();
    const jsm = await nc.jetstreamManager();
    await jsm.consumers.delete(prefixedStream(sys.prefix, HONOURS_STREAM), DECISIONS_CONSUMER);
    await pg.query(`DELETE FROM awards.processed_events WHERE consumer = $1`, [DECISIONS_CONSUMER]);
    await sys.startAwards();
    await expectEventually(
      async () => {
        const r = await pg.query(
          `SELECT count(*)::int AS n FROM awards.processed_events WHERE consumer = $1`,
          [DECISIONS_CONSUMER],
        );
        expect(r.rows[0].n).toBe(1);
      },
      30_000,
      100,
    );
    const april = await statistics('2024-04-01', '2024-04-30');
    expect([april.total('CO-THI-DUA-CHINH-PHU'), april.total('BK-THU-TUONG')]).toEqual([1, 2]);
    const days = await statistics('2024-04-10', '2024-04-20');
    expect([days.total('CO-THI-DUA-CHINH-PHU'), days.total('BK-THU-TUONG')]).toEqual([1, 2]);
  }, 90_000);

  it('a decision is corrected only by a new one naming it: the corrected one is superseded with its award records', async () => {
    const correction: RecordDecision = {
      number: '312/QĐ-TTg',
      signedOn: '2024-05-10',
      authority: AUTHORITY,
      signerName: 'Trần Lưu Quang',
      signerTitle: 'Phó Thủ tướng',
      title: 'Đính chính Quyết định số 245/QĐ-TTg',
      corrects: first.id,
      awards: proposals.map((p) => ({
        dossierId: dossiers.get(key(p)),
        award: FORM[p.award],
        recipientUnitId: p.memberId,
      })),
    };
    const unknown = await decide({ ...correction, corrects: crypto.randomUUID() });
    expect([unknown.status, unknown.problem?.code]).toEqual([422, 'DECISION_CORRECTED_NOT_FOUND']);
    expect(unknown.problem?.errors).toEqual([expect.objectContaining({ field: 'corrects' })]);
    // A retry with the same Idempotency-Key answers the first answer, and records nothing more.
    const retryKey = `honours-correction-${first.id}`;
    const made = await decide(correction, retryKey);
    expect(made.status).toBe(201);
    const retried = await decide(correction, retryKey);
    expect([retried.status, retried.data?.id]).toEqual([201, made.data?.id]);
    expect(made.data).toMatchObject({ status: 'IN_FORCE', corrects: first.id, override: null });
    const madeId = made.data!.id;
    const old = await ok(
      api(board).GET('/api/v1/decisions/{decisionId}', { params: { path: { decisionId: first.id } } }),
    );
    expect(old).toMatchObject({ status: 'SUPERSEDED', correctedBy: madeId });
    for (const id of dossiers.values())
      expect((await ok(api(board).GET(DOSSIER, dossierPath(id)))).decisionId).toBe(madeId);
    const twice = await decide({ ...correction, number: '313/QĐ-TTg' });
    expect([twice.status, twice.problem?.code]).toEqual([409, 'DECISION_ALREADY_CORRECTED']);
    expect(twice.problem?.errors).toEqual([expect.objectContaining({ field: 'corrects' })]);
    expect(await decisionsTotal()).toBe(2);

    await expectEventually(
      async () => {
        const april = await statistics('2024-04-01', '2024-04-30');
        expect([april.total('CO-THI-DUA-CHINH-PHU'), april.total('BK-THU-TUONG')]).toEqual([0, 0]);
        const may = await statistics('2024-05-01', '2024-05-31');
        expect([may.total('CO-THI-DUA-CHINH-PHU'), may.total('BK-THU-TUONG')]).toEqual([1, 1]);
      },
      30_000,
      200,
    );
    const year = await statistics('2024-01-01', '2024-12-31');
    expect([year.total('CO-THI-DUA-CHINH-PHU'), year.total('BK-THU-TUONG')]).toEqual([1, 1]);
    // A unit officer lists the decisions granting its unit.
    const mine = await ok(api(officer(proposals[0].unitName)).GET(DECISIONS));
    expect(mine.total).toBe(2);
  }, 90_000);
  it('at once: two decisions with one number, two corrections of one decision — one recorded, the other refused', async () => {
    const honoured = new Set(proposals.map((p) => p.memberId));
    const extra = [...unit.entries()].filter(([, id]) => !honoured.has(id))[1][1];
    const june: RecordDecision = {
      number: '401/QĐ-TTg',
      signedOn: '2024-06-03',
      authority: AUTHORITY,
      signerName: 'Trần Lưu Quang',
      awards: [{ award: 'BK-THU-TUONG', recipientUnitId: extra }],
      override: { reason: 'Khen thưởng đột xuất' },
    };
    const both = await Promise.all([0, 1].map(() => decide(june)));
    expect(both.map((r) => r.status).sort()).toEqual([201, 409]);
    expect(both.find((r) => r.status === 409)!.problem?.code).toBe('DECISION_NUMBER_TAKEN');
    const made = both.find((r) => r.status === 201)!.data!;
    const corrections = await Promise.all(
      ['402/QĐ-TTg', '403/QĐ-TTg'].map((number) =>
        decide({
          ...june,
          number,
          signedOn: '2024-06-20',
          corrects: made.id,
        }),
      ),
    );
    expect(corrections.map((r) => r.status).sort()).toEqual([201, 409]);
    expect(corrections.find((r) => r.status === 409)!.problem?.code).toBe('DECISION_ALREADY_CORRECTED');
    expect(await decisionsTotal()).toBe(4);
    await expectEventually(
      async () => {
        const early = await statistics('2024-06-01', '2024-06-10');
        const late = await statistics('2024-06-11', '2024-06-30');
        expect([early.total('BK-THU-TUONG'), late.total('BK-THU-TUONG')]).toEqual([0, 1]);
      },
      30_000,
      200,
    );
  }, 60_000);

  it('a correction naming the same awards (same number, another authority) keeps each award counted once; a colliding decision is noted, not lost silently', async () => {
    const honoured = new Set(proposals.map((p) => p.memberId));
    const extra = [...unit.entries()].filter(([, id]) => !honoured.has(id))[2][1];
    const august: RecordDecision = {
      number: '501/QĐ-TTg',
      signedOn: '2024-08-05',
      authority: AUTHORITY,
      signerName: 'Trần Lưu Quang',
      awards: [{ award: 'BK-THU-TUONG', recipientUnitId: extra }],
      override: { reason: 'Khen thưởng đột xuất' },
    };
    const made = await ok(api(board).POST(DECISIONS, { body: august }));
    // The correction's records have the corrected one's natural key (number, form, recipient, unit):
    // the corrected records go first, then the correction's are inserted — not dropped.
    const fix = await ok(
      api(board).POST(DECISIONS, {
        body: {
          ...august,
          authority: 'Văn phòng Chính phủ',
          signedOn: '2024-08-20',
          corrects: made.id,
        },
      }),
    );
    const counts = async () =>
      Promise.all(
        [
          ['2024-08-01', '2024-08-31'],
          ['2024-08-01', '2024-08-10'],
          ['2024-08-11', '2024-08-31'],
        ].map(async ([from, to]) => (await statistics(from, to)).total('BK-THU-TUONG')),
      );
    const decided = async (id: string) =>
      (
        await pg.query(
          `SELECT records, collisions, collided_lines, superseded_by FROM awards.honours_decisions WHERE decision_id = $1`,
          [id],
        )
      ).rows[0];
    await expectEventually(
      async () => {
        expect(await decided(fix.id)).toMatchObject({ records: 1, collisions: 0 });
        expect(await counts()).toEqual([1, 0, 1]);
      },
      30_000,
      200,
    );
    expect((await decided(made.id)).superseded_by).toBe(fix.id);
    // Another authority's decision of the same number for the same award and unit: not counted
    // twice, and its line noted as a collision.
    const other = await ok(
      api(board).POST(DECISIONS, { body: { ...august, authority: 'Bộ Nội vụ', signedOn: '2024-08-25' } }),
    );
    await expectEventually(
      async () =>
        expect(await decided(other.id)).toMatchObject({
          records: 0,
          collisions: 1,
          collided_lines: [1],
        }),
      30_000,
      200,
    );
    expect(await counts()).toEqual([1, 0, 1]);
  }, 60_000);
});

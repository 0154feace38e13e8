/**
 * Honours through the gateway (issue 15): TN&DHMT 2023 scored, locked and its honours proposed
 * (scoring), then the proposal dossiers — only for an honour scoring proposed, their parts
 * (proposal letter and minutes rendered by documents, the ranking, the member's achievement
 * report submitted to intake), submit → return with a reason → resubmit → accept, an event per
 * step — and the board's decisions: beyond the accepted dossiers only with an override (recorded),
 * one number per authority, award records in the statistics of the decision's period exactly once
 * (also after the awards consumer is reset and replays every event), a correction superseding the
 * corrected decision and its records. Every refusal is problem+json naming the field, with nothing
 * written.
 */
import 'reflect-metadata';
import { HONOURS_STREAM } from '@tdkt/contracts';
import { prefixedStream } from '@tdkt/platform';
import { expectEventually, testInfra } from '@tdkt/testing';
import { connect, NatsConnection } from 'nats';
import { createHmac, randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { DECISIONS_CONSUMER } from '../apps/awards/src/decisions/decisions.repository';
import { must, renderDone, scoreTn2023, TN, TN_2023 as G } from './support/documents';
import { attach, pdf } from './support/intake';
import { http, login, startTestSystem, TestSystem } from './support/system';

/* eslint-disable @typescript-eslint/no-explicit-any */
const FORM: Record<string, string> = {
  GOVERNMENT_FLAG: 'CO-THI-DUA-CHINH-PHU',
  PM_CERTIFICATE: 'BK-THU-TUONG',
};
const AUTHORITY = 'Thủ tướng Chính phủ';

describe('honours: proposal dossiers to decisions and award records', () => {
  let sys: TestSystem;
  let board: string, chair: string;
  let pg: Client;
  let nc: NatsConnection;
  const unit = new Map<string, string>();
  const officer = (name: string) => sys.officerToken(unit.get(name) as string);
  /** Scoring's proposals: the leader's flag and the next one's certificate per subgroup. */
  let proposals: { award: string; memberId: string; unitName: string }[] = [];
  const dossiers = new Map<string, string>();
  const key = (p: { unitName: string; award: string }) => `${p.unitName}|${p.award}`;
  const call = (
    method: string,
    path: string,
    token: string,
    body?: unknown,
    headers?: Record<string, string>,
  ) => http<any>(sys, method, path, { token, body, headers });
  let first: any;
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
    const s = await must(
      'statistics',
      call('GET', `/api/v1/groups/${TN}/awards/statistics?from=${from}&to=${to}`, board),
    );
    const row = (code: string) => s.body.table.rows.find((r: any) => r.code === code);
    return {
      total: (code: string): number => row(code)?.total ?? 0,
      cells: (code: string) =>
        Object.fromEntries(
          s.body.table.units
            .map((u: string, i: number) => [u, row(code)?.cells[i] ?? 0])
            .filter(([, n]: [string, number]) => n),
        ),
    };
  };
  const decisionsTotal = async () =>
    (await must('decisions', call('GET', '/api/v1/decisions', board))).body.total;

  beforeAll(async () => {
    sys = await startTestSystem({ with: ['scoring', 'awards', 'documents', 'honours'] });
    pg = new Client({ connectionString: sys.db.url });
    await pg.connect();
    nc = await connect({ servers: testInfra().natsUrl });
    [board, chair] = await Promise.all([login(sys, 'board'), login(sys, 'binhdinh')]);
    const members = await must('members', call('GET', `/api/v1/groups/${TN}/members?year=2023`, board));
    for (const m of members.body.items) unit.set(m.unit.name, m.unit.id);
    await scoreTn2023(sys, { chair, board, officer }, unit);
    await must('lock', call('POST', `${G}/scoring/lock`, chair));
    const honours = await must('honours', call('POST', `${G}/honours/propose`, chair));
    proposals = honours.body.scopes.flatMap((s: any) => s.proposals);
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
    const never = await call('POST', `${G}/dossiers`, chair, {
      memberUnitId: other[1],
      award: 'GOVERNMENT_FLAG',
    });
    expect([never.status, never.body.code]).toEqual([422, 'DOSSIER_HONOUR_NOT_PROPOSED']);
    expect(never.headers.get('content-type')).toContain('application/problem+json');
    expect(never.body.errors).toEqual([expect.objectContaining({ field: 'memberUnitId' })]);
    // The message names the unit and the honour in Vietnamese, not their id and code.
    expect(never.body.detail).toContain(other[0]);
    expect(never.body.detail).toContain('Cờ thi đua của Chính phủ');
    expect(never.body.detail).not.toContain(other[1]);
    expect(never.body.detail).not.toContain('GOVERNMENT_FLAG');
    const flag = proposals.find((p) => p.award === 'GOVERNMENT_FLAG')!;
    const wrongAward = await call('POST', `${G}/dossiers`, chair, {
      memberUnitId: flag.memberId,
      award: 'PM_CERTIFICATE',
    });
    expect([wrongAward.status, wrongAward.body.code]).toEqual([422, 'DOSSIER_HONOUR_NOT_PROPOSED']);
    expect(wrongAward.body.errors).toEqual([expect.objectContaining({ field: 'award' })]);
    const badBody = await call('POST', `${G}/dossiers`, chair, { memberUnitId: 'x', award: 'cờ' });
    expect(badBody.status).toBe(400);
    expect(badBody.body.errors.map((e: any) => e.field).sort()).toEqual(['award', 'memberUnitId']);
    const member = await call('POST', `${G}/dossiers`, officer(flag.unitName), {
      memberUnitId: flag.memberId,
      award: flag.award,
    });
    expect([member.status, member.body.code]).toEqual([403, 'DOSSIER_MANAGE_REFUSED']);
    const list = await must('list', call('GET', `${G}/dossiers`, chair));
    expect(list.body).toEqual({ items: [], total: 0, limit: 50, offset: 0 });
  });

  it('a dossier shows its parts; submitted only when complete; returned with a reason, resubmitted, accepted; an event per step', async () => {
    const p0 = proposals.find((p) => p.award === 'GOVERNMENT_FLAG')!;
    const created = await call('POST', `${G}/dossiers`, chair, {
      memberUnitId: p0.memberId,
      award: p0.award,
    });
    expect(created.status).toBe(201);
    const d = created.body;
    dossiers.set(key(p0), d.id);
    expect(d).toMatchObject({
      memberUnitName: p0.unitName,
      award: 'GOVERNMENT_FLAG',
      awardForm: 'CO-THI-DUA-CHINH-PHU',
      state: 'DRAFT',
      complete: false,
      missing: ['PROPOSAL_LETTER', 'MINUTES', 'ACHIEVEMENT_REPORT'],
    });
    expect(d.parts.find((x: any) => x.kind === 'RANKING').present).toBe(true);
    const again = await call('POST', `${G}/dossiers`, chair, { memberUnitId: p0.memberId, award: p0.award });
    expect([again.status, again.body.code]).toEqual([409, 'DOSSIER_EXISTS']);
    expect(again.body.detail).toContain('Cờ thi đua của Chính phủ');

    const early = await call('POST', `/api/v1/dossiers/${d.id}/submit`, chair);
    expect([early.status, early.body.code]).toEqual([409, 'DOSSIER_INCOMPLETE']);
    expect(early.body.detail).toContain('Báo cáo thành tích');
    expect(early.body.errors.map((e: any) => e.field)).toEqual([
      'parts.PROPOSAL_LETTER',
      'parts.MINUTES',
      'parts.ACHIEVEMENT_REPORT',
    ]);
    expect((await must('get', call('GET', `/api/v1/dossiers/${d.id}`, chair))).body.state).toBe('DRAFT');

    // The parts: the proposal letter and the minutes rendered, every honoured member's report submitted.
    for (const type of ['MINUTES', 'PROPOSAL'] as const)
      await renderDone(sys, chair, { type, groupId: TN, year: 2023 });
    for (const p of proposals) {
      const token = officer(p.unitName);
      const made = await must(
        'submission',
        call('POST', '/api/v1/submissions', token, {
          groupId: TN,
          year: 2023,
          kind: 'ACHIEVEMENT_REPORT',
          title: `Báo cáo thành tích năm 2023 của tỉnh ${p.unitName}`,
        }),
      );
      const { confirm } = await attach(sys, token, made.body.id, {
        bytes: pdf(`Báo cáo thành tích ${p.unitName}`),
        contentType: 'application/pdf',
        fileName: `Báo cáo thành tích ${p.unitName}.pdf`,
      });
      expect(confirm.status).toBeLessThan(300);
      await must(
        'submit report',
        call('POST', `/api/v1/submissions/${made.body.id}/submit`, token, undefined, {
          'idempotency-key': `honours-report-${made.body.id}`,
        }),
      );
    }
    const complete = (await must('get', call('GET', `/api/v1/dossiers/${d.id}`, chair))).body;
    expect(complete).toMatchObject({ complete: true, missing: [] });
    const report = complete.parts.find((x: any) => x.kind === 'ACHIEVEMENT_REPORT');
    expect(report).toMatchObject({
      present: true,
      submissionId: expect.any(String),
      receiptNumber: expect.any(String),
    });
    expect(complete.parts.find((x: any) => x.kind === 'MINUTES').documentId).toEqual(expect.any(String));

    // Who sees it: its own member, not another member.
    const others = proposals.find((p) => p.memberId !== p0.memberId)!;
    expect((await call('GET', `/api/v1/dossiers/${d.id}`, officer(p0.unitName))).status).toBe(200);
    // Its officer who also leads another group-year (next year's chair, after the confirmation)
    // reads its own dossier as a member: its own submissions, not the campaign's list.
    const nextChair = leaderToken(p0.memberId, { role: 'CHAIR', groupId: d.groupId, year: 2024 });
    const asNextChair = await call('GET', `/api/v1/dossiers/${d.id}`, nextChair);
    expect(asNextChair.status).toBe(200);
    expect(asNextChair.body.parts.find((x: any) => x.kind === 'ACHIEVEMENT_REPORT')).toMatchObject({
      present: true,
      submissionId: report.submissionId,
    });
    const foreign = await call('GET', `/api/v1/dossiers/${d.id}`, officer(others.unitName));
    expect([foreign.status, foreign.body.code]).toEqual([403, 'DOSSIER_READ_REFUSED']);

    expect((await call('POST', `/api/v1/dossiers/${d.id}/submit`, officer(p0.unitName))).status).toBe(403);
    const submitted = await must('submit', call('POST', `/api/v1/dossiers/${d.id}/submit`, chair));
    expect(submitted.body.state).toBe('SUBMITTED');
    const byChair = await call('POST', `/api/v1/dossiers/${d.id}/return`, chair, { reason: 'Thiếu chữ ký' });
    expect([byChair.status, byChair.body.code]).toEqual([403, 'DOSSIER_REVIEW_REFUSED']);
    const noReason = await call('POST', `/api/v1/dossiers/${d.id}/return`, board, { reason: '  ' });
    expect(noReason.status).toBe(400);
    expect(noReason.body.errors.map((e: any) => e.field)).toContain('reason');
    const reason = 'Báo cáo thành tích chưa có xác nhận của Ủy ban nhân dân tỉnh';
    const returned = await must('return', call('POST', `/api/v1/dossiers/${d.id}/return`, board, { reason }));
    expect(returned.body).toMatchObject({ state: 'RETURNED', returnReason: reason });
    const acceptReturned = await call('POST', `/api/v1/dossiers/${d.id}/accept`, board);
    expect([acceptReturned.status, acceptReturned.body.code]).toEqual([409, 'DOSSIER_STATE']);
    expect(acceptReturned.body.detail).toBe('Hồ sơ đang ở trạng thái bị trả lại: không thể tiếp nhận');
    await must('resubmit', call('POST', `/api/v1/dossiers/${d.id}/submit`, chair));
    const accepted = await must('accept', call('POST', `/api/v1/dossiers/${d.id}/accept`, board));
    expect(accepted.body.state).toBe('ACCEPTED');
    expect(accepted.body.history.map((h: any) => [h.action, h.state])).toEqual([
      ['CREATE', 'DRAFT'],
      ['SUBMIT', 'SUBMITTED'],
      ['RETURN', 'RETURNED'],
      ['SUBMIT', 'SUBMITTED'],
      ['ACCEPT', 'ACCEPTED'],
    ]);
    expect(accepted.body.history[2].reason).toBe(reason);

    for (const p of proposals.filter((x) => x !== p0)) {
      const x = await must(
        'dossier',
        call('POST', `${G}/dossiers`, chair, { memberUnitId: p.memberId, award: p.award }),
      );
      dossiers.set(key(p), x.body.id);
      await must('submit', call('POST', `/api/v1/dossiers/${x.body.id}/submit`, chair));
      await must('accept', call('POST', `/api/v1/dossiers/${x.body.id}/accept`, board));
    }
    const all = await must('list', call('GET', `${G}/dossiers?state=ACCEPTED`, chair));
    expect(all.body.total).toBe(proposals.length);
    const own = await must('own', call('GET', `${G}/dossiers`, officer(p0.unitName)));
    expect(own.body.items.map((x: any) => x.id)).toEqual([d.id]);

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
    const lines = proposals.map((p, i) => ({
      // Two lines name their dossier, two are matched to the accepted dossier of their unit and form.
      ...(i % 2 === 0 ? { dossierId: dossiers.get(key(p)) } : {}),
      award: FORM[p.award],
      recipientUnitId: p.memberId,
    }));
    const body = {
      number: '245/QĐ-TTg',
      signedOn: '2024-04-15',
      authority: AUTHORITY,
      signerName: 'Trần Lưu Quang',
      signerTitle: 'Phó Thủ tướng',
      title: 'Về việc tặng Cờ thi đua của Chính phủ và Bằng khen của Thủ tướng Chính phủ',
      awards: [...lines, { award: 'BK-THU-TUONG', recipientUnitId: extra[1] }],
    };
    expect((await call('POST', '/api/v1/decisions', chair, body)).status).toBe(403);
    const beyond = await call('POST', '/api/v1/decisions', board, body);
    expect([beyond.status, beyond.body.code]).toEqual([422, 'DECISION_BEYOND_PROPOSED']);
    expect(beyond.body.errors).toEqual([expect.objectContaining({ field: 'override' })]);
    const unknownForm = await call('POST', '/api/v1/decisions', board, {
      ...body,
      awards: [{ ...lines[0], award: 'KHONG-CO' }],
    });
    expect([unknownForm.status, unknownForm.body.code]).toEqual([400, 'DECISION_AWARD_UNKNOWN']);
    expect(unknownForm.body.errors).toEqual([expect.objectContaining({ field: 'awards[0].award' })]);
    const otherUnit = await call('POST', '/api/v1/decisions', board, {
      ...body,
      awards: [{ ...lines[0], dossierId: dossiers.get(key(proposals[1])) }],
    });
    expect(otherUnit.status).toBe(422);
    expect(otherUnit.body.errors).toEqual([expect.objectContaining({ field: 'awards[0].dossierId' })]);
    // Nothing written by any refusal.
    expect(await decisionsTotal()).toBe(0);
    for (const id of dossiers.values())
      expect((await must('get', call('GET', `/api/v1/dossiers/${id}`, board))).body.state).toBe('ACCEPTED');

    const override = { reason: 'Thủ tướng Chính phủ quyết định khen thêm theo đề nghị của Bộ Nội vụ' };
    const made = await call('POST', '/api/v1/decisions', board, { ...body, override });
    expect(made.status).toBe(201);
    first = made.body;
    expect(first).toMatchObject({
      number: '245/QĐ-TTg',
      signedOn: '2024-04-15',
      status: 'IN_FORCE',
      corrects: null,
      override: { reason: override.reason, lines: 1 },
    });
    expect(first.awards.map((a: any) => [a.dossierId !== null, a.beyondProposed])).toEqual([
      ...proposals.map(() => [true, false]),
      [false, true],
    ]);
    expect(first.awards[proposals.length]).toMatchObject({
      recipientKind: 'COLLECTIVE',
      recipientUnitName: extra[0],
    });
    for (const p of proposals) {
      const d = (await must('get', call('GET', `/api/v1/dossiers/${dossiers.get(key(p))}`, board))).body;
      expect([d.state, d.decisionId]).toEqual(['DECIDED', first.id]);
    }

    const sameNumber = await call('POST', '/api/v1/decisions', board, {
      ...body,
      number: '245/qđ-ttg ',
      authority: ' thủ tướng  Chính phủ',
      override,
    });
    expect([sameNumber.status, sameNumber.body.code]).toEqual([409, 'DECISION_NUMBER_TAKEN']);
    expect(sameNumber.body.errors).toEqual([expect.objectContaining({ field: 'number' })]);
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
    const correction = {
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
    const unknown = await call('POST', '/api/v1/decisions', board, {
      ...correction,
      corrects: crypto.randomUUID(),
    });
    expect([unknown.status, unknown.body.code]).toEqual([422, 'DECISION_CORRECTED_NOT_FOUND']);
    expect(unknown.body.errors).toEqual([expect.objectContaining({ field: 'corrects' })]);
    // A retry with the same Idempotency-Key answers the first answer, and records nothing more.
    const retryKey = { 'idempotency-key': `honours-correction-${first.id}` };
    const made = await call('POST', '/api/v1/decisions', board, correction, retryKey);
    expect(made.status).toBe(201);
    const retried = await call('POST', '/api/v1/decisions', board, correction, retryKey);
    expect([retried.status, retried.body.id]).toEqual([201, made.body.id]);
    expect(made.body).toMatchObject({ status: 'IN_FORCE', corrects: first.id, override: null });
    const old = await must('old', call('GET', `/api/v1/decisions/${first.id}`, board));
    expect(old.body).toMatchObject({ status: 'SUPERSEDED', correctedBy: made.body.id });
    for (const id of dossiers.values())
      expect((await must('get', call('GET', `/api/v1/dossiers/${id}`, board))).body.decisionId).toBe(
        made.body.id,
      );
    const twice = await call('POST', '/api/v1/decisions', board, { ...correction, number: '313/QĐ-TTg' });
    expect([twice.status, twice.body.code]).toEqual([409, 'DECISION_ALREADY_CORRECTED']);
    expect(twice.body.errors).toEqual([expect.objectContaining({ field: 'corrects' })]);
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
    const mine = await must('mine', call('GET', '/api/v1/decisions', officer(proposals[0].unitName)));
    expect(mine.body.total).toBe(2);
  }, 90_000);
  it('at once: two decisions with one number, two corrections of one decision — one recorded, the other refused', async () => {
    const honoured = new Set(proposals.map((p) => p.memberId));
    const extra = [...unit.entries()].filter(([, id]) => !honoured.has(id))[1][1];
    const june = {
      number: '401/QĐ-TTg',
      signedOn: '2024-06-03',
      authority: AUTHORITY,
      signerName: 'Trần Lưu Quang',
      awards: [{ award: 'BK-THU-TUONG', recipientUnitId: extra }],
      override: { reason: 'Khen thưởng đột xuất' },
    };
    const both = await Promise.all([0, 1].map(() => call('POST', '/api/v1/decisions', board, june)));
    expect(both.map((r) => r.status).sort()).toEqual([201, 409]);
    expect(both.find((r) => r.status === 409)!.body.code).toBe('DECISION_NUMBER_TAKEN');
    const made = both.find((r) => r.status === 201)!.body;
    const corrections = await Promise.all(
      ['402/QĐ-TTg', '403/QĐ-TTg'].map((number) =>
        call('POST', '/api/v1/decisions', board, {
          ...june,
          number,
          signedOn: '2024-06-20',
          corrects: made.id,
        }),
      ),
    );
    expect(corrections.map((r) => r.status).sort()).toEqual([201, 409]);
    expect(corrections.find((r) => r.status === 409)!.body.code).toBe('DECISION_ALREADY_CORRECTED');
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
    const august = {
      number: '501/QĐ-TTg',
      signedOn: '2024-08-05',
      authority: AUTHORITY,
      signerName: 'Trần Lưu Quang',
      awards: [{ award: 'BK-THU-TUONG', recipientUnitId: extra }],
      override: { reason: 'Khen thưởng đột xuất' },
    };
    const made = await must('august', call('POST', '/api/v1/decisions', board, august));
    // The correction's records have the corrected one's natural key (number, form, recipient, unit):
    // the corrected records go first, then the correction's are inserted — not dropped.
    const fix = await must(
      'correction',
      call('POST', '/api/v1/decisions', board, {
        ...august,
        authority: 'Văn phòng Chính phủ',
        signedOn: '2024-08-20',
        corrects: made.body.id,
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
        expect(await decided(fix.body.id)).toMatchObject({ records: 1, collisions: 0 });
        expect(await counts()).toEqual([1, 0, 1]);
      },
      30_000,
      200,
    );
    expect((await decided(made.body.id)).superseded_by).toBe(fix.body.id);
    // Another authority's decision of the same number for the same award and unit: not counted
    // twice, and its line noted as a collision.
    const other = await must(
      'other authority',
      call('POST', '/api/v1/decisions', board, { ...august, authority: 'Bộ Nội vụ', signedOn: '2024-08-25' }),
    );
    await expectEventually(
      async () =>
        expect(await decided(other.body.id)).toMatchObject({
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

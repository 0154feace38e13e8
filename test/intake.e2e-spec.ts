/**
 * Intake through the gateway, against real Postgres, NATS JetStream and an S3 server: drafts,
 * presigned uploads with intake's own checks, submit with receipts and idempotency keys,
 * return/resubmit/accept with every version kept, downloads, the chair's list, events exactly once,
 * and bad input answered with problem+json and nothing half-written.
 */
import { IntakeEvents, SubmissionKind } from '@tdkt/contracts';
import { addDays, todayInVietnam } from '@tdkt/domain';
import { expectEventually, testInfra } from '@tdkt/testing';
import { Client as Minio } from 'minio';
import { DataSource } from 'typeorm';
import { JOB_RUNNER, JobRunner } from '@tdkt/platform';
import { FilesService } from '../apps/intake/src/files/files.service';
import {
  attach,
  CHAIR_UNIT,
  docx,
  EventProbe,
  followFile,
  GROUP,
  pdf,
  pdfOfSize,
  putToStorage,
  objectKeyOf,
  setUpCampaign,
  sha256,
  Ticket,
  VICE_UNIT,
  YEAR,
} from './support/intake';
import { http, login, startTestSystem, TestSystem } from './support/system';
import { client, type Problem, type Schema, failure, ok, refused, reply, statusOf } from './support/api';

const PDF = 'application/pdf';
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
/**
 * The campaigns of the tests that count or change a whole campaign, each its own year of the block
 * (made in the test): the shared one (YEAR) is only ever added to, per submission.
 */
const DEADLINE_YEAR = 2028;
const LIST_YEAR = 2029;
const MINE_YEAR = 2030;
const METRICS_YEAR = 2032;

/* eslint-disable @typescript-eslint/no-explicit-any */
describe('intake through the gateway', () => {
  let sys: TestSystem;
  let board: string, member: string, chair: string, outsider: string, council: string;
  let probe: EventProbe;
  let db: DataSource;

  const create = (token: string, kind: SubmissionKind, extra: Partial<Schema<'CreateSubmissionDto'>> = {}) =>
    client(sys, token).POST('/api/v1/submissions', { body: { groupId: GROUP, year: YEAR, kind, ...extra } });
  /** A submission of `kind` with one confirmed PDF, submitted (201); answers its id and receipt. */
  const submitted = async (token: string, kind: SubmissionKind, year: number) => {
    const made = await ok(create(token, kind, { year }), 201);
    await attach(sys, token, made.id, { bytes: pdf(), contentType: PDF, fileName: `${kind}.pdf` });
    const receipt = await ok(submit(token, made.id, `key-${kind}-${year}-${made.id}`), 201);
    return { id: made.id, receipt };
  };
  const accept = (token: string, submissionId: string) =>
    client(sys, token).POST('/api/v1/submissions/{submissionId}/accept', {
      params: { path: { submissionId } },
    });
  const get = (token: string, submissionId: string) =>
    client(sys, token).GET('/api/v1/submissions/{submissionId}', { params: { path: { submissionId } } });
  const submit = (token: string, submissionId: string, key: string) =>
    client(sys, token).POST('/api/v1/submissions/{submissionId}/submit', {
      params: { path: { submissionId }, header: { 'Idempotency-Key': key } },
    });
  const count = async (sql: string, params: unknown[] = []) => Number((await db.query(sql, params))[0].n);

  beforeAll(async () => {
    sys = await startTestSystem();
    db = new DataSource({ type: 'postgres', url: sys.db.url });
    await db.initialize();
    board = await login(sys, 'board');
    await setUpCampaign(sys, board);
    // Logins after the leadership change: chair/vice grants come from the leadership of the year.
    member = await login(sys, 'stc-hatinh');
    chair = await login(sys, 'sct-hatinh');
    outsider = await login(sys, 'kontum');
    council = await login(sys, 'council');
    probe = await new EventProbe().start(sys, testInfra().natsUrl);
  }, 60_000);

  afterAll(async () => {
    await probe?.stop();
    await db?.destroy();
    await sys?.stop();
  });

  it('draft → upload → confirm → submit (receipt) → return → resubmit → accept, every version kept', async () => {
    const created = await ok(
      create(member, SubmissionKind.ANNUAL_REPORT, {
        title: 'Báo cáo tổng kết năm 2027'.normalize('NFD'),
      }),
      201,
    );
    expect(created).toMatchObject({
      state: 'DRAFT',
      currentVersion: 1,
      kind: 'ANNUAL_REPORT',
      year: YEAR,
    });
    expect(created.title).toBe('Báo cáo tổng kết năm 2027'.normalize('NFC'));
    const id = created.id;

    const report = pdf();
    const a = await attach(sys, member, id, {
      bytes: report,
      contentType: PDF,
      fileName: 'Báo cáo tổng kết.pdf',
    });
    expect(a.ticket.upload.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+/);
    expect(new URL(a.ticket.upload.url).pathname).toMatch(
      new RegExp(`/submissions/${id}/${a.ticket.file.id}$`),
    );
    expect(a.ticket.upload.headers).toEqual({ 'content-type': PDF, 'content-length': String(report.length) });
    expect(a.confirm.status).toBe(200);
    expect(a.confirm.data).toMatchObject({ state: 'CONFIRMED', size: report.length, sha256: sha256(report) });
    expect(await stored(sys, a.ticket)).toBe(true);

    // The chair does not see a draft.
    const hidden = await refused(get(chair, id), 403);
    expect(hidden).toMatchObject({ code: 'SUBMISSION_DRAFT_HIDDEN', kind: 'FORBIDDEN' });

    const r1 = await ok(submit(member, id, 'key-first-submit-001'), 201);
    expect(r1.number).toMatch(/^2027-\d{6,}$/);
    expect(r1).toMatchObject({
      version: 1,
      late: false,
      unitId: created.unitId,
      kind: 'ANNUAL_REPORT',
    });
    expect(r1.files).toEqual([
      {
        fileId: a.ticket.file.id,
        name: 'Báo cáo tổng kết.pdf',
        contentType: PDF,
        size: report.length,
        sha256: sha256(report),
      },
    ]);
    expect(r1.issuedAtVietnam).toMatch(/^\d\d:\d\d:\d\d ngày \d\d\/\d\d\/\d{4} \(giờ Việt Nam\)$/);

    // Same key: the same receipt, nothing new. Another key: the submission is not open any more.
    const again = await ok(submit(member, id, 'key-first-submit-001'));
    expect(again).toEqual(r1);
    const another = await refused(submit(member, id, 'key-another-0002'), 409);
    expect(another).toMatchObject({ code: 'SUBMISSION_NOT_OPEN', kind: 'INVALID_STATE' });
    expect(another.detail).toContain('SUBMITTED');
    expect(await count('SELECT count(*) n FROM intake.receipts WHERE submission_id = $1', [id])).toBe(1);

    // Chair sees it now; returns it with a reason.
    expect((await ok(get(chair, id))).versions).toHaveLength(1);
    // raw: a return without its reason is what the contract forbids
    expect(
      (await http(sys, 'POST', `/api/v1/submissions/${id}/return`, { token: chair, body: {} })).status,
    ).toBe(400);
    const ret = await ok(
      client(sys, chair).POST('/api/v1/submissions/{submissionId}/return', {
        params: { path: { submissionId: id } },
        body: { reason: 'Thiếu minh chứng tiêu chí 2.3' },
      }),
      200,
    );
    expect(ret.state).toBe('RETURNED');
    expect(ret.versions.map((v: any) => v.number)).toEqual([1]); // the chair does not see the new draft
    const mine = await ok(get(member, id));
    expect(mine.currentVersion).toBe(2);
    expect(mine.versions.map((v: any) => [v.number, v.state])).toEqual([
      [2, 'DRAFT'],
      [1, 'RETURNED'],
    ]);
    expect(mine.versions[1].returnedReason).toBe('Thiếu minh chứng tiêu chí 2.3');
    expect(mine.versions[0].files.map((f: any) => f.id)).toEqual([a.ticket.file.id]);

    // Revision: one more file, submitted again with a new key.
    const b = await attach(sys, member, id, { bytes: docx(), contentType: DOCX, fileName: 'Phụ lục.docx' });
    expect(b.confirm.status).toBe(200);
    const r2 = await ok(submit(member, id, 'key-second-submit-01'), 201);
    expect(r2.version).toBe(2);
    expect(r2.number).not.toBe(r1.number);
    expect(r2.files).toHaveLength(2);

    const acc = await ok(
      client(sys, chair).POST('/api/v1/submissions/{submissionId}/accept', {
        params: { path: { submissionId: id } },
      }),
      200,
    );
    expect(acc.state).toBe('ACCEPTED');
    const final = await ok(get(member, id));
    expect(final.versions.map((v: any) => [v.number, v.state, v.files.length])).toEqual([
      [2, 'ACCEPTED', 2],
      [1, 'RETURNED', 1],
    ]);
    const receipts = await ok(
      client(sys, member).GET('/api/v1/submissions/{submissionId}/receipts', {
        params: { path: { submissionId: id } },
      }),
    );
    expect(receipts.items.map((r) => r.number)).toEqual([r2.number, r1.number]);

    // Each event exactly once, with what scoring and notifications need.
    await expectEventually(() => {
      expect(probe.of(IntakeEvents.submissionSubmitted.subject, id)).toHaveLength(2);
      expect(probe.of(IntakeEvents.submissionReturned.subject, id)).toHaveLength(1);
      expect(probe.of(IntakeEvents.submissionAccepted.subject, id)).toHaveLength(1);
    });
    const sub1 = probe
      .of(IntakeEvents.submissionSubmitted.subject, id)
      .find((e) => e.data.version === 1) as any;
    expect(sub1.data).toMatchObject({
      receiptNumber: r1.number,
      unitId: created.unitId,
      groupId: created.groupId,
      year: YEAR,
      kind: 'ANNUAL_REPORT',
      late: false,
      files: [
        expect.objectContaining({
          sha256: sha256(report),
          objectKey: `submissions/${id}/${a.ticket.file.id}`,
        }),
      ],
    });
    expect(probe.of(IntakeEvents.submissionReturned.subject, id)[0].data.reason).toBe(
      'Thiếu minh chứng tiêu chí 2.3',
    );
  });

  it('downloads: short-lived link with the Vietnamese name, for the unit, the chair (submitted only) and the board', async () => {
    const id = (await ok(create(member, SubmissionKind.EVIDENCE, { title: 'Ảnh hội nghị' }))).id;
    const bytes = pdf('tải về');
    const a = await attach(sys, member, id, {
      bytes,
      contentType: PDF,
      fileName: 'Biên bản hội nghị Đắk Lắk.pdf',
    });
    const link = await ok(
      client(sys, member).GET('/api/v1/submissions/{submissionId}/files/{fileId}/download', {
        params: { path: { submissionId: id, fileId: a.ticket.file.id } },
      }),
      200,
    );
    const file = await fetch(link.url);
    expect(Buffer.from(await file.arrayBuffer())).toEqual(bytes);
    expect(decodeURIComponent(file.headers.get('content-disposition') ?? '')).toContain(
      "filename*=UTF-8''Biên bản hội nghị Đắk Lắk.pdf",
    );
    expect(
      await statusOf(
        client(sys, chair).GET('/api/v1/submissions/{submissionId}/files/{fileId}/download', {
          params: { path: { submissionId: id, fileId: a.ticket.file.id } },
        }),
      ),
    ).toBe(403); // still a draft
    expect(await statusOf(submit(member, id, 'key-evidence-00001'))).toBe(201);
    expect(
      await statusOf(
        client(sys, chair).GET('/api/v1/submissions/{submissionId}/files/{fileId}/download', {
          params: { path: { submissionId: id, fileId: a.ticket.file.id } },
        }),
      ),
    ).toBe(200);
    expect(
      await statusOf(
        client(sys, board).GET('/api/v1/submissions/{submissionId}/files/{fileId}/download', {
          params: { path: { submissionId: id, fileId: a.ticket.file.id } },
        }),
      ),
    ).toBe(200);
    expect(
      await statusOf(
        client(sys, outsider).GET('/api/v1/submissions/{submissionId}/files/{fileId}/download', {
          params: { path: { submissionId: id, fileId: a.ticket.file.id } },
        }),
      ),
    ).toBe(403);
    expect(
      await statusOf(
        client(sys, council).GET('/api/v1/submissions/{submissionId}/files/{fileId}/download', {
          params: { path: { submissionId: id, fileId: a.ticket.file.id } },
        }),
      ),
    ).toBe(403);
  });

  describe('bad input: problem+json naming the field, nothing half-written', () => {
    let id: string;
    beforeAll(async () => {
      id = (await ok(create(member, SubmissionKind.SELF_SCORE))).id;
    });
    const files = () => count('SELECT count(*) n FROM intake.files WHERE submission_id = $1', [id]);
    const ticket = (body: Schema<'RequestUploadDto'>, on: string = id) =>
      client(sys, member).POST('/api/v1/submissions/{submissionId}/files', {
        params: { path: { submissionId: on } },
        body,
      });

    it('oversize and wrong type are refused before any upload', async () => {
      const before = await files();
      const big = await failure(
        ticket({
          fileName: 'a.pdf',
          contentType: PDF,
          size: 60 * 1024 * 1024,
          sha256: sha256(pdf()),
        }),
        400,
      );
      expect(big.headers.get('content-type')).toContain('application/problem+json');
      expect(big.problem).toMatchObject({ code: 'FILE_TOO_LARGE', kind: 'VALIDATION_FAILED' });
      expect(big.problem.errors?.[0].field).toBe('size');
      const video = await refused(
        ticket({
          fileName: 'clip.mp4',
          contentType: 'video/mp4',
          size: 1000,
          sha256: sha256(pdf()),
        }),
        400,
      );
      expect(video.code).toBe('FILE_TYPE_REFUSED');
      expect(video.errors?.[0]).toMatchObject({ field: 'contentType' });
      expect(video.errors?.[0].message).toMatch(/SELF_SCORE không nhận tệp kiểu video\/mp4/);
      const badSha = await reply(ticket({ fileName: 'a.pdf', contentType: PDF, size: 10, sha256: 'abc' }));
      expect(badSha.problem?.errors?.[0].field).toBe('sha256');
      expect(await files()).toBe(before);
    });

    it('checksum mismatch and a renamed executable are rejected, removed, and announced', async () => {
      // A draft of its own: the rejections announced for it are these two only.
      const draft = (await ok(create(member, SubmissionKind.EVIDENCE, { title: 'Tệp bị từ chối' }))).id;
      const real = pdf();
      const wrong = await attach(sys, member, draft, {
        bytes: real,
        contentType: PDF,
        fileName: 'a.pdf',
        declaredSha: sha256(Buffer.from('something else')),
      });
      expect(wrong.confirm.status).toBe(422);
      expect(wrong.confirm.problem).toMatchObject({ code: 'FILE_CHECKSUM_MISMATCH', kind: 'UNPROCESSABLE' });
      expect(wrong.confirm.problem?.detail).toContain(sha256(real));
      const exe = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(500, 0x90)]);
      const renamed = await attach(sys, member, draft, {
        bytes: exe,
        contentType: PDF,
        fileName: 'baocao.pdf',
      });
      expect(renamed.confirm.status).toBe(422);
      expect(renamed.confirm.problem?.code).toBe('FILE_TYPE_MISMATCH');
      expect(renamed.confirm.problem?.detail).toMatch(/không phải là tài liệu PDF/);
      // Confirming a rejected file again: rejected, with the reason.
      const again = await refused(
        client(sys, member).POST('/api/v1/submissions/{submissionId}/files/{fileId}/confirm', {
          params: { path: { submissionId: draft, fileId: wrong.ticket.file.id } },
        }),
        422,
      );
      expect(again.code).toBe('FILE_REJECTED');
      const view = await ok(get(member, draft));
      expect(view.versions[0].files).toEqual([]); // neither counts
      for (const t of [wrong.ticket, renamed.ticket]) {
        // The bytes are gone from storage.
        expect(await stored(sys, t)).toBe(false);
      }
      await expectEventually(() =>
        expect(
          probe
            .of(IntakeEvents.fileRejected.subject, draft)
            .map((e) => [e.data.fileId, e.data.code])
            .sort(),
        ).toEqual(
          [
            [wrong.ticket.file.id, 'FILE_CHECKSUM_MISMATCH'],
            [renamed.ticket.file.id, 'FILE_TYPE_MISMATCH'],
          ].sort(),
        ),
      );
    });

    it('a file never uploaded, an expired upload, a late upload', async () => {
      const draft = (await ok(create(member, SubmissionKind.EVIDENCE, { title: 'Tải lên muộn' }))).id;
      const bytes = pdf();
      const t = await ok(
        ticket(
          {
            fileName: 'x.pdf',
            contentType: PDF,
            size: bytes.length,
            sha256: sha256(bytes),
          },
          draft,
        ),
      );
      const confirm = () =>
        client(sys, member).POST('/api/v1/submissions/{submissionId}/files/{fileId}/confirm', {
          params: { path: { submissionId: draft, fileId: t.file.id } },
        });
      const early = await refused(confirm(), 409);
      // not uploaded yet, window open
      expect(early.code).toBe('FILE_NOT_UPLOADED');
      // Time passes (the window is closed by moving its end into the past).
      await db.query(
        `UPDATE intake.files SET upload_expires_at = now() - interval '1 minute' WHERE id = $1`,
        [t.file.id],
      );
      const gone = await refused(confirm(), 410);
      expect(gone).toMatchObject({ code: 'FILE_UPLOAD_EXPIRED', kind: 'GONE' });
      expect(await statusOf(confirm())).toBe(410);
      // Uploaded in time but confirmed late is fine; uploaded after the window is not (s3rver does not enforce the policy's expiry: we do).
      const t2 = await ok(
        ticket(
          {
            fileName: 'y.pdf',
            contentType: PDF,
            size: bytes.length,
            sha256: sha256(bytes),
          },
          draft,
        ),
      );
      await db.query(
        `UPDATE intake.files SET upload_expires_at = now() - interval '1 minute' WHERE id = $1`,
        [t2.file.id],
      );
      expect(await putToStorage(t2, bytes, PDF)).toBe(200);
      const late = await refused(
        client(sys, member).POST('/api/v1/submissions/{submissionId}/files/{fileId}/confirm', {
          params: { path: { submissionId: draft, fileId: t2.file.id } },
        }),
        422,
      );
      expect(late.code).toBe('FILE_UPLOADED_LATE');
    });

    it('a submit without an Idempotency-Key, without confirmed files, or of someone else’s submission', async () => {
      // raw: the contract requires the Idempotency-Key this leaves out
      const noKey = await http<Problem>(sys, 'POST', `/api/v1/submissions/${id}/submit`, { token: member });
      expect(noKey.status).toBe(400);
      expect(noKey.body.errors).toEqual([expect.objectContaining({ field: 'Idempotency-Key' })]);
      const empty = await refused(submit(member, id, 'key-empty-submission'), 409);
      expect(empty).toMatchObject({ code: 'SUBMISSION_NO_FILES', kind: 'INVALID_STATE' });
      expect(await count('SELECT count(*) n FROM intake.receipts WHERE submission_id = $1', [id])).toBe(0);
      expect((await ok(get(member, id))).state).toBe('DRAFT');

      expect(await statusOf(get(outsider, id))).toBe(403);
      const foreign = await refused(submit(outsider, id, 'key-outsider-submit'), 403);
      expect(foreign.code).toBe('SUBMISSION_PREPARE_REFUSED');
      expect(
        await statusOf(ticket({ fileName: 'a.pdf', contentType: PDF, size: 10, sha256: sha256(pdf()) })),
      ).toBe(201);
      await refused(
        create(member, SubmissionKind.EVIDENCE, {
          unitId: (
            await ok(client(sys, member).GET('/api/v1/units/{id}', { params: { path: { id: CHAIR_UNIT } } }))
          ).id,
        }),
        403,
      );
      const notMember = await refused(create(outsider, SubmissionKind.ANNUAL_REPORT), 400);
      expect(notMember.code).toBe('SUBMISSION_UNIT_NOT_MEMBER');
      expect(notMember.errors?.[0].field).toBe('unitId');
      const missing = await refused(
        client(sys, member).GET('/api/v1/submissions/{submissionId}', {
          params: { path: { submissionId: `${'0'.repeat(8)}-0000-4000-8000-${'0'.repeat(12)}` } },
        }),
        404,
      );
      expect(missing.code).toBe('SUBMISSION_NOT_FOUND');
      expect(
        await statusOf(
          client(sys, member).GET('/api/v1/submissions/{submissionId}', {
            params: { path: { submissionId: 'not-a-uuid' } },
          }),
        ),
      ).toBe(400);
    });

    it('a duplicate draft, an invalid transition, a closed campaign, a late one', async () => {
      const dup = await refused(create(member, SubmissionKind.SELF_SCORE), 409);
      expect(dup.code).toBe('SUBMISSION_ALREADY_EXISTS');
      expect(dup.detail).toContain(id);
      const accept = await refused(
        client(sys, chair).POST('/api/v1/submissions/{submissionId}/accept', {
          params: { path: { submissionId: id } },
        }),
        409,
      );
      expect(accept).toMatchObject({ code: 'SUBMISSION_NOT_ACCEPTABLE', kind: 'INVALID_STATE' });
      expect(accept.detail).toContain('DRAFT');

      const closed = await refused(create(member, SubmissionKind.SIX_MONTH_REPORT), 409);
      expect(closed.code).toBe('SUBMISSION_CAMPAIGN_CLOSED');
      expect(closed.detail).toMatch(/SIX_MONTH_REPORT: hạn h1-report-due/);

      const late = await ok(create(member, SubmissionKind.ACHIEVEMENT_REPORT), 201);
      await attach(sys, member, late.id, { bytes: pdf(), contentType: PDF, fileName: 'thanh-tich.pdf' });
      const r = await ok(submit(member, late.id, 'key-late-achievement'), 201);
      expect(r.late).toBe(true);
    });

    it('a deadline moved into the past closes the campaign for drafts already made (the server clock decides)', async () => {
      // A campaign of its own: moving its deadline closes nothing another test uses.
      await setUpCampaign(sys, board, { year: DEADLINE_YEAR });
      const draft = await ok(create(member, SubmissionKind.SELF_SCORE, { year: DEADLINE_YEAR }), 201);
      // (intake now holds the campaign, with its open deadline)
      const own = draft.id;
      await attach(sys, member, own, { bytes: pdf(), contentType: PDF, fileName: 'tu-cham.pdf' });
      const yesterday = addDays(todayInVietnam(), -1);
      const moved = await reply(
        client(sys, board).POST('/api/v1/groups/{groupId}/years/{year}/campaign/milestones', {
          params: { path: { groupId: GROUP, year: DEADLINE_YEAR } },
          body: {
            code: 'self-score-due',
            title: 'Tự chấm điểm',
            dueOn: yesterday,
            submissionKinds: [SubmissionKind.SELF_SCORE],
          },
        }),
      );
      expect(moved.status).toBe(200);
      // The registry's event drops intake's cached campaign: intake sees the new deadline (the end
      // of yesterday in Vietnam, UTC+7)…
      await expectEventually(async () => {
        const list = await ok(
          client(sys, board).GET('/api/v1/groups/{groupId}/years/{year}/submissions', {
            params: { path: { groupId: GROUP, year: DEADLINE_YEAR } },
          }),
        );
        const due = list.deadlines.find((d) => d.kind === 'SELF_SCORE')?.dueAt;
        expect(due).toBe(`${yesterday}T16:59:59.999Z`);
      });
      // …and refuses the submit by its own clock.
      const r = await refused(submit(member, own, 'key-after-deadline-1'), 409);
      expect(r.code).toBe('SUBMISSION_CAMPAIGN_CLOSED');
      expect(r.detail).toMatch(/SELF_SCORE: hạn self-score-due/);
      expect(await count('SELECT count(*) n FROM intake.receipts WHERE submission_id = $1', [own])).toBe(0);
    });

    it('malformed and huge bodies', async () => {
      // raw: malformed JSON and an oversized body
      const bad = await http<any>(sys, 'POST', '/api/v1/submissions', { token: member, raw: '{"groupId": ' });
      expect(bad.status).toBe(400);
      const huge = await http<any>(sys, 'POST', '/api/v1/submissions', {
        token: member,
        raw: JSON.stringify({ groupId: GROUP, year: YEAR, kind: 'EVIDENCE', title: 'x'.repeat(2_000_000) }),
      });
      expect(huge.status).toBe(413);
      const unknownKind = await reply(create(member, 'VIDEO' as SubmissionKind));
      expect(unknownKind.problem?.errors?.[0].field).toBe('kind');
    });
  });

  it("the chair's list: who has not submitted, who is late, counts per state", async () => {
    // A campaign of its own, whose self-scores were due yesterday; the chair signs in again for it.
    await setUpCampaign(sys, board, { year: LIST_YEAR, selfScoreDueInDays: -1 });
    const chairOfYear = await login(sys, 'sct-hatinh');
    // The member unit: an annual report accepted, evidence submitted, an achievement report sent late.
    const annualReport = await submitted(member, SubmissionKind.ANNUAL_REPORT, LIST_YEAR);
    expect(await statusOf(accept(chairOfYear, annualReport.id))).toBe(200);
    await submitted(member, SubmissionKind.EVIDENCE, LIST_YEAR);
    expect((await submitted(member, SubmissionKind.ACHIEVEMENT_REPORT, LIST_YEAR)).receipt.late).toBe(true);

    const r = await ok(
      client(sys, chairOfYear).GET('/api/v1/groups/{groupId}/years/{year}/submissions', {
        params: { path: { groupId: GROUP, year: LIST_YEAR } },
      }),
      200,
    );
    expect(r.items).toHaveLength(5);
    expect(r.deadlines.map((d) => d.kind).sort()).toEqual(
      ['ACHIEVEMENT_REPORT', 'ANNUAL_REPORT', 'EVIDENCE', 'SELF_SCORE', 'SIX_MONTH_REPORT'].sort(),
    );
    const me = r.items.find((m) => m.unitName.startsWith('Sở Tài chính'));
    expect(me?.submissions.map((s) => [s.kind, s.state]).sort()).toEqual(
      [
        ['ACHIEVEMENT_REPORT', 'SUBMITTED'],
        ['ANNUAL_REPORT', 'ACCEPTED'],
        ['EVIDENCE', 'SUBMITTED'],
      ].sort(),
    );
    expect(me?.notSubmitted.sort()).toEqual(['SELF_SCORE', 'SIX_MONTH_REPORT']);
    expect(me?.overdue.sort()).toEqual(['SELF_SCORE', 'SIX_MONTH_REPORT']); // both deadlines have passed
    expect(me?.late).toBe(true);
    const other = r.items.find((m) => m.unitName.startsWith('Sở Xây dựng'));
    expect(other?.submissions).toEqual([]);
    expect(other?.notSubmitted).toHaveLength(5);
    expect(r.counts).toMatchObject({
      members: 5,
      submitted: 2,
      accepted: 1,
      returned: 0,
      late: 1,
      notSubmitted: 4 * 5 + 2,
    });
    const annual = await ok(
      client(sys, board).GET('/api/v1/groups/{groupId}/years/{year}/submissions', {
        params: { path: { groupId: GROUP, year: LIST_YEAR }, query: { kind: 'ANNUAL_REPORT' } },
      }),
    );
    expect(annual.counts).toMatchObject({ accepted: 1, notSubmitted: 4 });
    const forbidden = await refused(
      client(sys, member).GET('/api/v1/groups/{groupId}/years/{year}/submissions', {
        params: { path: { groupId: GROUP, year: LIST_YEAR } },
      }),
      403,
    );
    expect(forbidden.code).toBe('CAMPAIGN_SUBMISSIONS_REFUSED');
    expect(
      await statusOf(
        client(sys, council).GET('/api/v1/groups/{groupId}/years/{year}/submissions', {
          params: { path: { groupId: GROUP, year: LIST_YEAR } },
        }),
      ),
    ).toBe(403);
    expect(
      await statusOf(
        client(sys, board).GET('/api/v1/groups/{groupId}/years/{year}/submissions', {
          params: { path: { groupId: GROUP, year: 2031 } },
        }),
      ),
    ).toBe(404);
  });

  it('my submissions: a unit officer lists their own unit only', async () => {
    // A campaign of its own: the member unit's four submissions (one accepted), and one of another unit.
    await setUpCampaign(sys, board, { year: MINE_YEAR });
    const chairOfYear = await login(sys, 'sct-hatinh');
    const annualReport = await submitted(member, SubmissionKind.ANNUAL_REPORT, MINE_YEAR);
    expect(await statusOf(accept(chairOfYear, annualReport.id))).toBe(200);
    await submitted(member, SubmissionKind.EVIDENCE, MINE_YEAR);
    for (const kind of [SubmissionKind.EVIDENCE, SubmissionKind.SELF_SCORE])
      expect(await statusOf(create(member, kind, { year: MINE_YEAR }))).toBe(201); // drafts count too
    const vice = (
      await ok(client(sys, board).GET('/api/v1/units/{id}', { params: { path: { id: VICE_UNIT } } }))
    ).id;
    await submitted(sys.officerToken(vice), SubmissionKind.EVIDENCE, MINE_YEAR);

    const mine = await ok(
      client(sys, member).GET('/api/v1/submissions', { params: { query: { year: MINE_YEAR } } }),
      200,
    );
    expect(mine.total).toBe(4);
    expect(mine.items.map((s: any) => s.kind).sort()).toEqual(
      ['ANNUAL_REPORT', 'EVIDENCE', 'EVIDENCE', 'SELF_SCORE'].sort(),
    );
    const unitIds = new Set(mine.items.map((s: any) => s.unitId));
    expect(unitIds).toEqual(new Set([annualReport.receipt.unitId]));
    const theirs = await refused(
      client(sys, outsider).GET('/api/v1/submissions', {
        params: { query: { unitId: annualReport.receipt.unitId } },
      }),
      403,
    );
    expect(theirs.code).toBe('SUBMISSION_LIST_REFUSED');
    const all = await ok(
      client(sys, board).GET('/api/v1/submissions', {
        params: { query: { groupId: GROUP, year: MINE_YEAR, state: 'ACCEPTED' } },
      }),
    );
    expect(all.total).toBe(1);
    expect(all.items.map((s: any) => s.id)).toEqual([annualReport.id]);
  });

  it('submits arriving together are written together (group commit), each answered as if alone', async () => {
    // Three evidence submissions with a confirmed file each.
    const ids: string[] = [];
    for (const title of ['Ảnh 1', 'Ảnh 2', 'Ảnh 3']) {
      const id = (await ok(create(member, SubmissionKind.EVIDENCE, { title }))).id;
      await attach(sys, member, id, { bytes: pdf(title), contentType: PDF, fileName: `${title}.pdf` });
      ids.push(id);
    }
    // At once: each submission with its own key, the first one also retried with the same key and
    // raced by another key, and one submission the caller may not submit.
    const answers = await Promise.all([
      reply(submit(member, ids[0], 'key-batch-first-01')),
      reply(submit(member, ids[1], 'key-batch-second-1')),
      reply(submit(member, ids[2], 'key-batch-third-01')),
      reply(submit(member, ids[0], 'key-batch-first-01')),
      reply(submit(member, ids[0], 'key-batch-rival-01')),
      reply(submit(outsider, ids[1], 'key-batch-outsider')),
    ]);
    const [firstKey, b, c, firstKeyAgain, rival, foreign] = answers;
    // The first submission is raced by two keys: whichever arrives first wins (HTTP connections give
    // no order), the other is refused; the retry of the first key answers as that key did.
    const a = firstKey.status === 201 ? firstKey : rival;
    const loser = a === firstKey ? rival : firstKey;
    for (const r of [a, b, c]) expect(r.status).toBe(201);
    expect(loser.status).toBe(409);
    if (a === firstKey) expect(firstKeyAgain.data).toEqual(firstKey.data);
    else expect(firstKeyAgain.status).toBe(409);
    expect(foreign.status).toBe(403);
    expect(new Set([a, b, c].map((r) => r.data?.number)).size).toBe(3);
    expect([a, b, c].map((r) => r.data?.submissionId)).toEqual(ids);
    const stored: { submission_id: string; number: string }[] = await db.query(
      'SELECT submission_id, number FROM intake.receipts WHERE submission_id = ANY($1::uuid[])',
      [ids],
    );
    expect(stored).toHaveLength(3);
    for (const r of [a, b, c])
      expect(stored).toContainEqual({ submission_id: r.data?.submissionId, number: r.data?.number });
    // The receipt lists the files as submitted (taken from the event in the batch statement).
    const [receipt] = await db.query('SELECT files FROM intake.receipts WHERE submission_id = $1', [ids[1]]);
    expect(receipt.files).toEqual(b.data?.files);
    expect(b.data?.files[0]).not.toHaveProperty('objectKey');
    await expectEventually(() => {
      for (const r of [a, b, c])
        expect(probe.of(IntakeEvents.submissionSubmitted.subject, r.data?.submissionId ?? '')).toHaveLength(
          1,
        );
    }, 10_000);
  });

  it('permission before state: a caller without the right learns nothing about the campaign or a draft file', async () => {
    const viewer = await login(sys, 'viewer');
    const unitId = (
      await ok(client(sys, board).GET('/api/v1/units/{id}', { params: { path: { id: VICE_UNIT } } }))
    ).id;
    // No campaign in 2031: the viewer is refused; the board is told there is none.
    const draft = { groupId: GROUP, year: 2031, kind: SubmissionKind.ANNUAL_REPORT, unitId };
    expect(await statusOf(client(sys, viewer).POST('/api/v1/submissions', { body: draft }))).toBe(403);
    expect(await statusOf(client(sys, board).POST('/api/v1/submissions', { body: draft }))).toBe(404);
    expect(
      await statusOf(
        client(sys, viewer).GET('/api/v1/groups/{groupId}/years/{year}/submissions', {
          params: { path: { groupId: GROUP, year: 2031 } },
        }),
      ),
    ).toBe(403);
    expect(
      await statusOf(
        client(sys, board).GET('/api/v1/groups/{groupId}/years/{year}/submissions', {
          params: { path: { groupId: GROUP, year: 2031 } },
        }),
      ),
    ).toBe(404);
    const unknown = await Promise.all(
      Array.from({ length: 14 }, () =>
        reply(
          client(sys, board).GET('/api/v1/groups/{groupId}/years/{year}/submissions', {
            params: { path: { groupId: 'khong-ton-tai-in', year: YEAR } },
          }),
        ),
      ),
    );
    expect(unknown.map((r) => r.status)).toEqual(Array(14).fill(404));

    // A returned submission's new draft: the chair may not see its files, not even that one is not uploaded.
    const officer = sys.officerToken(unitId);
    const id = (await ok(create(officer, SubmissionKind.EVIDENCE))).id;
    await attach(sys, officer, id, { bytes: pdf(), contentType: PDF, fileName: 'Báo cáo.pdf' });
    expect(await statusOf(submit(officer, id, 'key-vice-unit-0001'))).toBe(201);
    const ret = await reply(
      client(sys, chair).POST('/api/v1/submissions/{submissionId}/return', {
        params: { path: { submissionId: id } },
        body: { reason: 'Bổ sung phụ lục' },
      }),
    );
    expect(ret.status).toBe(200);
    const ticket = await ok(
      client(sys, officer).POST('/api/v1/submissions/{submissionId}/files', {
        params: { path: { submissionId: id } },
        body: { fileName: 'Phụ lục.pdf', contentType: PDF, size: 10, sha256: 'a'.repeat(64) },
      }),
      201,
    );
    const toChair = await refused(
      client(sys, chair).GET('/api/v1/submissions/{submissionId}/files/{fileId}/download', {
        params: { path: { submissionId: id, fileId: ticket.file.id } },
      }),
      403,
    );
    expect(toChair.code).toBe('FILE_DRAFT_ONLY');
    // …nor through the file itself.
    expect(
      (
        await reply(
          client(sys, chair).GET('/api/v1/submissions/{submissionId}/files/{fileId}', {
            params: { path: { submissionId: id, fileId: ticket.file.id } },
          }),
        )
      ).problem?.code,
    ).toBe('FILE_DRAFT_ONLY');
    expect(
      (
        await ok(
          client(sys, officer).GET('/api/v1/submissions/{submissionId}/files/{fileId}', {
            params: { path: { submissionId: id, fileId: ticket.file.id } },
          }),
        )
      ).state,
    ).toBe('PENDING');
    const toUnit = await refused(
      client(sys, officer).GET('/api/v1/submissions/{submissionId}/files/{fileId}/download', {
        params: { path: { submissionId: id, fileId: ticket.file.id } },
      }),
      409,
    );
    // the unit is told why
    expect(toUnit.code).toBe('FILE_NOT_CONFIRMED');
  });

  it('intake reports readiness of its database, NATS and storage, and counts receipts and file checks', async () => {
    const url = (await (sys.intake as NonNullable<TestSystem['intake']>).getUrl()).replace(
      '[::1]',
      '127.0.0.1',
    );
    const ready = await (await fetch(`${url}/health/ready`)).json();
    expect(ready).toMatchObject({ status: 'ok', checks: { database: 'up', nats: 'up', storage: 'up' } });
    const series = [
      'intake_receipts_issued_total{kind="ANNUAL_REPORT",late="false"}',
      'intake_receipts_issued_total{kind="ACHIEVEMENT_REPORT",late="true"}',
      'intake_files_checked_total{outcome="confirmed"}',
      'intake_files_checked_total{outcome="rejected"}',
    ];
    /** The series' values now (a series not counted yet is 0). */
    const read = async (): Promise<number[]> => {
      const text = await (await fetch(`${url}/metrics`)).text();
      return series.map((name) => {
        const line = text.split('\n').find((l) => l.startsWith(`${name} `));
        return line ? Number(line.slice(name.length + 1)) : 0;
      });
    };
    const before = await read();
    // In a campaign of its own: a receipt on time, one late, two files confirmed, one rejected.
    await setUpCampaign(sys, board, { year: METRICS_YEAR });
    await submitted(member, SubmissionKind.ANNUAL_REPORT, METRICS_YEAR);
    expect((await submitted(member, SubmissionKind.ACHIEVEMENT_REPORT, METRICS_YEAR)).receipt.late).toBe(
      true,
    );
    const draft = (await ok(create(member, SubmissionKind.EVIDENCE, { year: METRICS_YEAR }))).id;
    const wrong = await attach(sys, member, draft, {
      bytes: pdf(),
      contentType: PDF,
      fileName: 'sai.pdf',
      declaredSha: sha256(Buffer.from('một tệp khác')),
    });
    expect(wrong.confirm.status).toBe(422);
    const after = await read();
    expect(after.map((v, i) => v - before[i])).toEqual([1, 1, 2, 1]);
  });

  describe('a large file is checked by a job (CONFIRM_INLINE_MAX_BYTES is 1 KiB here)', () => {
    const SIZE = 4096;
    let id: string;
    const confirmOf = (fileId: string) =>
      reply(
        client(sys, member).POST('/api/v1/submissions/{submissionId}/files/{fileId}/confirm', {
          params: { path: { submissionId: id, fileId } },
        }),
      );
    const fileRow = async (fileId: string) =>
      (await db.query('SELECT * FROM intake.files WHERE id = $1', [fileId]))[0];
    const jobDone = (f: any) => f.state !== 'VERIFYING' && f.job?.state === 'DONE';

    beforeAll(async () => {
      await sys.stopIntake();
      await sys.startIntake({ CONFIRM_INLINE_MAX_BYTES: '1024' });
      id = (await ok(create(member, SubmissionKind.EVIDENCE, { title: 'Phim tư liệu' }))).id;
    }, 60_000);
    // Intake as the other tests have it, whichever of them runs next.
    afterAll(async () => {
      await sys.stopIntake();
      await sys.startIntake();
    }, 60_000);

    it('confirm answers 202 with the job and the file as Location; the job hashes it and confirms it', async () => {
      const bytes = pdfOfSize(SIZE);
      const a = await attach(sys, member, id, { bytes, contentType: PDF, fileName: 'Phim tư liệu.pdf' });
      expect(a.confirm.status).toBe(202);
      const location = `/api/v1/submissions/${id}/files/${a.ticket.file.id}`;
      expect(a.confirm.headers.get('location')).toBe(location);
      expect(a.confirm.data).toMatchObject({ kind: 'file-confirm', error: null });
      expect(['QUEUED', 'RUNNING', 'DONE']).toContain(a.confirm.data?.state);

      const f = await followFile<any>(sys, member, location, jobDone);
      expect(f).toMatchObject({ state: 'CONFIRMED', size: SIZE, sha256: sha256(bytes), rejectedCode: null });
      expect(f.job).toMatchObject({
        id: a.confirm.data?.id,
        state: 'DONE',
        progress: { done: SIZE, total: SIZE }, // bytes hashed of the size
        result: { fileId: a.ticket.file.id, state: 'CONFIRMED', rejectedCode: null },
        attempts: 1,
      });
      // Confirming again answers the file as it is; a small file is still confirmed in the request.
      const again = await confirmOf(a.ticket.file.id);
      expect(again.status).toBe(200);
      expect(again.data).toMatchObject({ state: 'CONFIRMED', job: { id: f.job.id, state: 'DONE' } });
      const small = await attach(sys, member, id, { bytes: pdf(), contentType: PDF, fileName: 'Nhỏ.pdf' });
      expect(small.confirm.status).toBe(200);
      expect(small.confirm.data).toMatchObject({ state: 'CONFIRMED', job: null });

      // While a file is being checked the submission is not submitted (made so here: the job is fast).
      await db.query(`UPDATE intake.files SET state = 'VERIFYING' WHERE id = $1`, [a.ticket.file.id]);
      const early = await refused(submit(member, id, 'key-while-verifying'), 409);
      expect(early).toMatchObject({ code: 'SUBMISSION_FILES_VERIFYING', kind: 'INVALID_STATE' });
      expect(early.detail).toContain('Phim tư liệu.pdf');
      await db.query(`UPDATE intake.files SET state = 'CONFIRMED' WHERE id = $1`, [a.ticket.file.id]);
      const r = await ok(submit(member, id, 'key-after-verifying'), 201);
      expect(r.files.map((x: any) => x.fileId).sort()).toEqual(
        [a.ticket.file.id, small.ticket.file.id].sort(),
      );
    });

    it('a wrong checksum found by the job: REJECTED with the reason, removed, announced once', async () => {
      const draft = (await ok(create(member, SubmissionKind.EVIDENCE, { title: 'Sai tổng kiểm' }))).id;
      const bytes = pdfOfSize(SIZE);
      const a = await attach(sys, member, draft, {
        bytes,
        contentType: PDF,
        fileName: 'Sai.pdf',
        declaredSha: sha256(Buffer.from('một tệp khác')),
      });
      expect(a.confirm.status).toBe(202);
      const f = await followFile<any>(sys, member, a.confirm.headers.get('location') as string, jobDone);
      expect(f).toMatchObject({ state: 'REJECTED', rejectedCode: 'FILE_CHECKSUM_MISMATCH' });
      expect(f.rejectedReason).toContain(sha256(bytes));
      expect(f.job.result).toMatchObject({ state: 'REJECTED', rejectedCode: 'FILE_CHECKSUM_MISMATCH' });
      expect(await stored(sys, a.ticket)).toBe(false);
      expect((await ok(get(member, draft))).versions[0].files).toEqual([]);
      const again = await refused(
        client(sys, member).POST('/api/v1/submissions/{submissionId}/files/{fileId}/confirm', {
          params: { path: { submissionId: draft, fileId: a.ticket.file.id } },
        }),
        422,
      );
      expect(again.code).toBe('FILE_REJECTED');

      // The same job delivered again (as after a lost acknowledgement): nothing changes.
      const before = await fileRow(a.ticket.file.id);
      const files = (sys.intake as NonNullable<TestSystem['intake']>).get(FilesService);
      const redelivered = await files.checkInJob(
        { submissionId: draft, fileId: a.ticket.file.id },
        { id: f.job.id, attempt: 2, progress: async () => undefined },
      );
      expect(redelivered).toEqual(f.job.result);
      expect(await fileRow(a.ticket.file.id)).toEqual(before);
      await new Promise((ok) => setTimeout(ok, 500));
      await expectEventually(() =>
        expect(
          probe.of(IntakeEvents.fileRejected.subject, draft).map((e) => [e.data.fileId, e.data.code]),
        ).toEqual([[a.ticket.file.id, 'FILE_CHECKSUM_MISMATCH']]),
      );
    });

    it('redelivery: a job for a decided file changes nothing; one whose instance died before deciding decides once', async () => {
      const submissionId = (await ok(create(member, SubmissionKind.EVIDENCE, { title: 'Lại' }))).id;
      const a = await attach(sys, member, submissionId, {
        bytes: pdfOfSize(SIZE),
        contentType: PDF,
        fileName: 'Lại.pdf',
      });
      expect(a.confirm.status).toBe(202);
      const location = a.confirm.headers.get('location') as string;
      const f = await followFile<any>(sys, member, location, jobDone);
      expect(f.state).toBe('CONFIRMED');
      const before = await fileRow(a.ticket.file.id);
      const app = sys.intake as NonNullable<TestSystem['intake']>;
      const jobs = app.get<JobRunner>(JOB_RUNNER);

      // Another job for the file, through the work queue: DONE with the same outcome, nothing written.
      const dup = await db.transaction((m) =>
        jobs.enqueue(m, 'file-confirm', { submissionId, fileId: a.ticket.file.id }),
      );
      await expectEventually(async () => expect((await jobs.get(dup.id))?.state).toBe('DONE'), 10_000);
      expect((await jobs.get(dup.id))?.result).toEqual(f.job.result);
      expect(await fileRow(a.ticket.file.id)).toEqual(before);

      // As an instance that died mid-check leaves it: VERIFYING under its job. The redelivered job
      // checks it again and decides it once; delivered once more, it does nothing.
      await db.query(`UPDATE intake.files SET state = 'VERIFYING', confirmed_at = NULL WHERE id = $1`, [
        a.ticket.file.id,
      ]);
      const seen: [number, number][] = [];
      const files = app.get(FilesService);
      const ctx = {
        id: f.job.id,
        attempt: 2,
        progress: async (done: number, total?: number | null) => void seen.push([done, total as number]),
      };
      const input = { submissionId, fileId: a.ticket.file.id };
      const asked = Date.now();
      expect(await files.checkInJob(input, ctx)).toMatchObject({ state: 'CONFIRMED' });
      expect(seen).toEqual([
        [0, SIZE],
        [SIZE, SIZE],
      ]);
      const decided = await fileRow(a.ticket.file.id);
      expect(decided.state).toBe('CONFIRMED');
      // Confirmed now, by this check (the row's confirmed_at was cleared above).
      expect(decided.confirmed_at).toBeInstanceOf(Date);
      expect(decided.confirmed_at.getTime()).toBeGreaterThanOrEqual(asked);
      expect(decided.confirmed_at.getTime()).toBeLessThanOrEqual(Date.now());
      seen.length = 0;
      expect(await files.checkInJob(input, ctx)).toMatchObject({ state: 'CONFIRMED' });
      expect(seen).toEqual([]); // not read again
      expect(await fileRow(a.ticket.file.id)).toEqual(decided);
    });
  });

  it('a stopped intake is a 503 at once; it comes back', async () => {
    await sys.stopIntake();
    const t0 = Date.now();
    await refused(client(sys, member).GET('/api/v1/submissions', { params: { query: { year: YEAR } } }), 503);
    expect(Date.now() - t0).toBeLessThan(2000);
    await sys.startIntake();
    expect(
      await statusOf(client(sys, member).GET('/api/v1/submissions', { params: { query: { year: YEAR } } })),
    ).toBe(200);
  });
});

/** Whether the object of an upload ticket is still in storage (asked with the storage's own keys). */
async function stored(sys: TestSystem, t: Ticket): Promise<boolean> {
  const s3 = testInfra().s3 as NonNullable<ReturnType<typeof testInfra>['s3']>;
  const u = new URL(s3.endpoint);
  const m = new Minio({
    endPoint: u.hostname,
    port: Number(u.port),
    useSSL: u.protocol === 'https:',
    accessKey: s3.accessKey,
    secretKey: s3.secretKey,
    region: 'us-east-1',
    pathStyle: true,
  });
  return m.statObject(sys.intakeEnv.S3_BUCKET, objectKeyOf(t)).then(
    () => true,
    () => false,
  );
}

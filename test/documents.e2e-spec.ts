/**
 * Documents through the gateway: every document type rendered from the demo registry (TN&DHMT
 * 2023, seed 000) with scores and a lock entered as the scoring suite does, in real
 * Chromium, stored in real S3; a repeat served from storage; new data → a new version; minutes
 * before the lock → 409; a `<script>` in a unit's name printed as text; storage down → FAILED,
 * retryable; Chromium killed or hung mid-job → the job still completes; a job that died between
 * storing and recording is finished from storage; the public receipt check.
 */
import 'reflect-metadata';
import { DocumentType, SubmissionKind } from '@tdkt/contracts';
import { ObjectStorage, SERVICE_STORAGE } from '@tdkt/platform';
import { expectEventually } from '@tdkt/testing';
import { createHash } from 'node:crypto';
import { createServer, Server, Socket } from 'node:net';
import { Client } from 'pg';
import { ChromiumPool } from '../apps/documents/src/chromium/chromium-pool';
import { bootstrapDocuments } from '../apps/documents/src/bootstrap';
import { pdfText, readPdf } from './support/pdf';
import { attach, GROUP, pdf, setUpCampaign, YEAR } from './support/intake';
import { downloadBytes, renderDone, scoreTn2023, TN } from './support/documents';
import { http, login, startTestSystem, TestSystem } from './support/system';
import { client, ok, refused, reply, success, type Schema, type Problem } from './support/api';

/* eslint-disable @typescript-eslint/no-explicit-any */
describe('documents through the gateway', () => {
  let sys: TestSystem;
  let board: string, chair: string, kontum: string;
  const unit = new Map<string, string>();
  const token = (name: string) => sys.officerToken(unit.get(name) as string);
  const render = (tok: string, body: Schema<'RenderDocumentDto'>) =>
    client(sys, tok).POST('/api/v1/documents', { body });
  /** Follows a job until it is DONE or FAILED (bounded). */
  const settled = async (tok: string, jobId: string, bound = 60_000) => {
    let job: Schema<'RenderJobResponse'> | undefined;
    await expectEventually(
      async () => {
        job = await ok(
          client(sys, tok).GET('/api/v1/documents/jobs/{jobId}', { params: { path: { jobId } } }),
        );
        expect(['DONE', 'FAILED']).toContain(job.state);
      },
      bound,
      200,
    );
    if (!job) throw new Error(`job ${jobId} never settled`);
    return job;
  };
  const rendered = (tok: string, body: Schema<'RenderDocumentDto'>) => renderDone(sys, tok, body);
  const bytesOf = (tok: string, documentId: string) => downloadBytes(sys, tok, documentId);

  beforeAll(async () => {
    sys = await startTestSystem({ with: ['scoring', 'awards', 'documents'] });
    board = await login(sys, 'board');
    chair = await login(sys, 'binhdinh');
    kontum = await login(sys, 'kontum');
    const members = await ok(
      client(sys, board).GET('/api/v1/groups/{groupId}/members', {
        params: { path: { groupId: TN }, query: { year: 2023 } },
      }),
    );
    for (const m of members.items) unit.set(m.unit.name, m.unit.id);
    // The seed's group-year: a published points table and everyone's scores (not locked yet).
    await scoreTn2023(sys, { chair, board, officer: token }, unit);
  }, 120_000);

  afterAll(async () => {
    await sys?.stop();
  }, 60_000);

  it('a plan is rendered in Chromium and stored; the same data again is served from storage', async () => {
    const first = await rendered(chair, { type: DocumentType.CONFERENCE_PLAN, groupId: TN, year: 2023 });
    expect(first.status).toBe(201);
    expect(first.document).toMatchObject({
      type: 'CONFERENCE_PLAN',
      format: 'PDF',
      version: 1,
      immutable: false,
    });
    const { bytes, view } = await bytesOf(chair, first.document.id);
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    expect(view.sha256).toBe(first.document.sha256);
    const renders = sys.documents!.get(ChromiumPool).stats.renders;
    const again = await success(
      render(chair, { type: DocumentType.CONFERENCE_PLAN, groupId: TN, year: 2023 }),
      200,
    );
    expect(again.data.state).toBe('DONE');
    expect(again.data.result?.fromStorage).toBe(true);
    expect(again.data.document?.sha256).toBe(first.document.sha256);
    expect(again.headers.get('location')).toBe(`/api/v1/documents/jobs/${again.data.id}`);
    expect(sys.documents!.get(ChromiumPool).stats.renders).toBe(renders);
  }, 60_000);

  it('unknown type, a missing subject field and an unknown group are 4xx naming the field', async () => {
    // raw: KHONG_CO is no type the contract allows
    const badType = await http<Problem>(sys, 'POST', '/api/v1/documents', {
      token: chair,
      body: { type: 'KHONG_CO', groupId: TN, year: 2023 },
    });
    expect(badType.status).toBe(400);
    expect(badType.body.errors?.map((e) => e.field)).toContain('type');
    const noYear = await reply(render(chair, { type: DocumentType.CONFERENCE_PLAN, groupId: TN }));
    expect([noYear.status, noYear.problem?.code]).toEqual([400, 'DOCUMENT_SUBJECT_MISSING']);
    expect(noYear.problem?.errors).toEqual([expect.objectContaining({ field: 'year' })]);
    const noGroup = await reply(
      render(chair, {
        type: DocumentType.RESULTS_TABLE,
        groupId: 'khong-co-cum',
        year: 2023,
      }),
    );
    expect([noGroup.status, noGroup.problem?.code]).toEqual([404, 'DOCUMENT_SUBJECT_UNKNOWN']);
    expect(noGroup.problem?.errors).toEqual([expect.objectContaining({ field: 'groupId' })]);
    const receiptNoVersion = await reply(
      render(chair, {
        type: DocumentType.RECEIPT,
        submissionId: crypto.randomUUID(),
      }),
    );
    expect(receiptNoVersion.problem?.errors).toEqual([expect.objectContaining({ field: 'version' })]);
    const tooLong = await refused(
      render(chair, {
        type: DocumentType.CONFERENCE_PLAN,
        groupId: TN,
        year: 2023,
        wait: 60,
      }),
      400,
    );
    expect(tooLong.errors?.map((e) => e.field)).toContain('wait');
    // Someone outside the group: refused before anything is gathered.
    const outsider = await login(sys, 'tayninh');
    const outsiders = await reply(
      render(outsider, { type: DocumentType.RESULTS_TABLE, groupId: TN, year: 2023 }),
    );
    expect([outsiders.status, outsiders.problem?.code]).toEqual([403, 'DOCUMENT_GROUP_REFUSED']);
  }, 60_000);

  it('minutes and the proposal before the lock: 409 with the reason', async () => {
    for (const type of [DocumentType.MINUTES, DocumentType.PROPOSAL]) {
      const r = await reply(render(chair, { type, groupId: TN, year: 2023 }));
      expect([r.status, r.problem?.code, r.problem?.kind]).toEqual([
        409,
        'DOCUMENT_RESULTS_NOT_LOCKED',
        'INVALID_STATE',
      ]);
      expect(r.problem?.detail).toContain('chưa được khóa');
    }
  }, 60_000);

  it('the results table: new data renders a new version, the earlier one stays readable', async () => {
    const body = { type: DocumentType.RESULTS_TABLE, groupId: TN, year: 2023 };
    const v1 = await rendered(chair, body);
    expect(v1.document.version).toBe(1);
    const text1 = pdfText((await bytesOf(chair, v1.document.id)).bytes);
    for (const name of unit.keys()) expect(text1).toContain(name);
    // The chair appraises Kon Tum's giảm nghèo 24 → 20: the data changed.
    await ok(
      client(sys, chair).PUT('/api/v1/groups/{groupId}/years/{year}/scores/{memberId}', {
        params: { path: { groupId: TN, year: 2023, memberId: unit.get('Kon Tum') ?? '' } },
        body: { entries: [{ criterion: 'giam-ngheo', value: 20, reason: 'Số liệu Cục Thống kê' }] },
      }),
    );
    const v2 = await rendered(chair, body);
    expect(v2.status).toBe(201);
    expect(v2.document.version).toBe(2);
    expect(v2.document.dataSha256).not.toBe(v1.document.dataSha256);
    const versions = await ok(
      client(sys, kontum).GET('/api/v1/documents/versions', {
        params: { query: { type: 'RESULTS_TABLE', groupId: TN, year: 2023 } },
      }),
    );
    expect(versions.items.map((v) => v.version)).toEqual([2, 1]);
    expect(versions).toMatchObject({ total: 2, limit: 50, offset: 0, type: 'RESULTS_TABLE' });
    const old = await bytesOf(kontum, v1.document.id);
    expect(old.view.sha256).toBe(v1.document.sha256);
  }, 120_000);

  it('the group report with its awards appendix, and an invitation, render from the data', async () => {
    const report = await rendered(chair, { type: DocumentType.GROUP_REPORT, groupId: TN, year: 2023 });
    const info = readPdf((await bytesOf(chair, report.document.id)).bytes);
    expect(info.pages.length).toBeGreaterThan(1);
    // The appendix is landscape.
    expect(info.pages.some((p) => p.width > p.height)).toBe(true);
    const invitation = await rendered(chair, {
      type: DocumentType.INVITATION,
      groupId: TN,
      year: 2023,
      conference: 'OFFICIAL',
      unitId: unit.get('Kon Tum'),
    });
    const text = pdfText((await bytesOf(chair, invitation.document.id)).bytes);
    expect(text).toContain('Kon Tum');
    const word = await rendered(chair, {
      type: DocumentType.INVITATION,
      groupId: TN,
      year: 2023,
      conference: 'OFFICIAL',
      unitId: unit.get('Kon Tum'),
      format: 'DOCX',
    });
    const docx = (await bytesOf(chair, word.document.id)).bytes;
    expect(docx.subarray(0, 2).toString()).toBe('PK');
    const notMember = await reply(
      render(chair, {
        type: DocumentType.INVITATION,
        groupId: TN,
        year: 2023,
        conference: 'OFFICIAL',
        unitId: 'tay-ninh',
      }),
    );
    expect([notMember.status, notMember.problem?.errors?.[0]?.field]).toEqual([400, 'unitId']);
  }, 120_000);

  it('after the lock: minutes and the proposal render as immutable versions', async () => {
    await ok(
      client(sys, chair).POST('/api/v1/groups/{groupId}/years/{year}/scoring/lock', {
        params: { path: { groupId: TN, year: 2023 } },
      }),
    );
    for (const type of [DocumentType.MINUTES, DocumentType.PROPOSAL]) {
      const r = await rendered(chair, { type, groupId: TN, year: 2023 });
      expect(r.document).toMatchObject({ type, immutable: true, version: 1 });
      const text = pdfText((await bytesOf(chair, r.document.id)).bytes);
      expect(text).toContain('Bình Định');
    }
  }, 120_000);

  it('a receipt prints its verification code; anyone can check it and learns only what it covers', async () => {
    await setUpCampaign(sys, board);
    const member = await login(sys, 'stc-hatinh');
    const made = await ok(
      client(sys, member).POST('/api/v1/submissions', {
        body: { groupId: GROUP, year: YEAR, kind: SubmissionKind.ANNUAL_REPORT },
      }),
    );
    await attach(sys, member, made.id, {
      bytes: pdf(),
      contentType: 'application/pdf',
      fileName: 'Báo cáo năm.pdf',
    });
    await ok(
      client(sys, member).POST('/api/v1/submissions/{submissionId}/submit', {
        params: { path: { submissionId: made.id }, header: { 'Idempotency-Key': `key-doc-${made.id}` } },
      }),
    );
    const r = await rendered(member, { type: DocumentType.RECEIPT, submissionId: made.id, version: 1 });
    const text = pdfText((await bytesOf(member, r.document.id)).bytes);
    const pg = new Client({ connectionString: sys.db.url });
    await pg.connect();
    const {
      rows: [{ code }],
    } = await pg
      .query<{ code: string }>(
        'SELECT verification_code AS code FROM intake.receipts WHERE submission_id = $1 AND version = 1',
        [made.id],
      )
      .finally(() => pg.end());
    expect(text.replace(/\s+/g, '')).toContain(code);
    const check = await ok(
      client(sys).GET('/api/v1/receipts/verify/{code}', { params: { path: { code } } }),
      200,
    );
    expect(check).toMatchObject({ valid: true, version: 1, kind: 'ANNUAL_REPORT' });
    expect(check.files).toEqual([expect.objectContaining({ name: 'Báo cáo năm.pdf' })]);
    expect(Object.keys(check).sort()).toEqual(
      [
        'campaign',
        'files',
        'issuedAt',
        'issuedAtVietnam',
        'kind',
        'receiptNumber',
        'unitName',
        'valid',
        'version',
      ].sort(),
    );
    expect(Object.keys(check.files[0]).sort()).toEqual(['name', 'sha256', 'size']);
    const unknown = await reply(
      client(sys).GET('/api/v1/receipts/verify/{code}', { params: { path: { code: '0'.repeat(32) } } }),
    );
    expect([unknown.status, unknown.problem?.code]).toEqual([404, 'RECEIPT_NOT_FOUND']);
    await refused(
      client(sys).GET('/api/v1/receipts/verify/{code}', { params: { path: { code: 'abc' } } }),
      400,
    );
    // Another unit's officer may not have it rendered.
    await refused(
      render(kontum, {
        type: DocumentType.RECEIPT,
        submissionId: made.id,
        version: 1,
      }),
      403,
    );
  }, 120_000);

  it('a unit named with <script> prints as text', async () => {
    const code = 'cum-thu-script';
    const name = '<script>alert(1)</script> Đắk Lắk & "Gia Lai"';
    const u = await ok(
      client(sys, board).POST('/api/v1/units', { body: { code: 'don-vi-script', name, kind: 'PROVINCE' } }),
    );
    await ok(
      client(sys, board).POST('/api/v1/groups', {
        body: {
          code,
          name: 'Cụm thi đua thử <b>in đậm</b>',
          kind: 'CLUSTER',
          organiserKind: 'CENTRAL_COUNCIL',
        },
      }),
    );
    await ok(
      client(sys, board).POST('/api/v1/groups/{groupId}/memberships', {
        params: { path: { groupId: code } },
        body: { unitId: u.id, validFrom: '2023-01-01', validTo: '2023-12-31' },
      }),
    );
    const r = await rendered(board, {
      type: DocumentType.INVITATION,
      groupId: code,
      year: 2023,
      conference: 'OFFICIAL',
      unitId: u.id,
    });
    const text = pdfText((await bytesOf(board, r.document.id)).bytes).replace(/\s+/g, ' ');
    expect(text).toContain('<script>alert(1)</script>');
    expect(text.toLowerCase()).toContain('<b>in đậm</b>');
  }, 120_000);

  it('an attempt that died after storing the file and before recording it: recorded from storage, not rendered again', async () => {
    const body: Schema<'RenderDocumentDto'> = {
      type: DocumentType.INVITATION,
      groupId: TN,
      year: 2023,
      conference: 'PREPARATORY',
      unitId: unit.get('Phú Yên'),
    };
    const first = await rendered(chair, body);
    // The row goes (as if its transaction never committed); the object stays in storage.
    const pg = new Client({ connectionString: sys.db.url });
    await pg.connect();
    await pg
      .query('DELETE FROM documents.documents WHERE id = $1', [first.document.id])
      .finally(() => pg.end());
    const renders = sys.documents!.get(ChromiumPool).stats.renders;
    const again = await rendered(chair, body);
    // A job ran (the row was gone) but found the file: no render, answered as from storage.
    expect(again.status).toBe(200);
    expect(again.job.result?.fromStorage).toBe(true);
    expect(again.document.sha256).toBe(first.document.sha256);
    expect(sys.documents!.get(ChromiumPool).stats.renders).toBe(renders);
  }, 120_000);

  it('a recorded document whose file is gone from storage is printed again under the same version', async () => {
    const body: Schema<'RenderDocumentDto'> = {
      type: DocumentType.INVITATION,
      groupId: TN,
      year: 2023,
      conference: 'PREPARATORY',
      unitId: unit.get('Khánh Hòa'),
    };
    const first = await rendered(chair, body);
    // The bucket lost the file (emptied, or restored from an older backup); the row stayed.
    const pg = new Client({ connectionString: sys.db.url });
    await pg.connect();
    const [{ object_key }] = (
      await pg
        .query('SELECT object_key FROM documents.documents WHERE id = $1', [first.document.id])
        .finally(() => pg.end())
    ).rows;
    await sys.documents!.get<ObjectStorage>(SERVICE_STORAGE).remove(object_key);
    const renders = sys.documents!.get(ChromiumPool).stats.renders;
    const again = await rendered(chair, body);
    expect(again.job.result?.fromStorage).toBe(false);
    expect(sys.documents!.get(ChromiumPool).stats.renders).toBe(renders + 1);
    expect(again.document).toMatchObject({ id: first.document.id, version: first.document.version });
    // The file is there again, and its recorded checksum is the file's.
    const { bytes, view } = await bytesOf(chair, again.document.id);
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(view.sha256);
  }, 120_000);

  it('storage down: the job FAILS with the reason and is retryable; asking again renders it', async () => {
    const proxy = await tcpProxy(new URL(sys.intakeEnv.S3_ENDPOINT));
    await sys.documents!.close();
    sys.documents = await bootstrapDocuments({
      ...sys.intakeEnv,
      S3_ENDPOINT: proxy.url,
      RPC_TIMEOUT_MS: '5000',
    });
    try {
      proxy.down();
      const body: Schema<'RenderDocumentDto'> = {
        type: DocumentType.INVITATION,
        groupId: TN,
        year: 2023,
        conference: 'PREPARATORY',
        unitId: unit.get('Gia Lai'),
      };
      const r = await ok(render(chair, body), 202);
      const failed = await settled(chair, r.id);
      expect(failed.state).toBe('FAILED');
      expect(failed.error?.reason).toBe('DOCUMENT_STORAGE_UNAVAILABLE');
      expect(failed.retryable).toBe(true);
      expect(failed.document).toBeNull();
      proxy.up();
      const again = await rendered(chair, body);
      expect(again.document.version).toBe(1);
    } finally {
      await sys.documents!.close();
      await proxy.close();
      sys.documents = await bootstrapDocuments({ ...sys.intakeEnv });
    }
  }, 120_000);

  it('Chromium killed mid-job: the browser is replaced and the job still completes', async () => {
    const pool = sys.documents!.get(ChromiumPool) as any;
    const original = pool.renderOn.bind(pool);
    let killed = 0;
    pool.renderOn = async (gen: { pid: number }, req: unknown) => {
      if (!killed++) process.kill(gen.pid, 'SIGKILL');
      return original(gen, req);
    };
    const launches = pool.stats.launches;
    const r = await rendered(chair, {
      type: DocumentType.INVITATION,
      groupId: TN,
      year: 2023,
      conference: 'PREPARATORY',
      unitId: unit.get('Lâm Đồng'),
    });
    expect(r.document.version).toBe(1);
    expect(killed).toBeGreaterThanOrEqual(2);
    expect(pool.stats.launches).toBeGreaterThan(launches);
    expect(pool.stats.retriedRenders).toBeGreaterThanOrEqual(1);
  }, 120_000);

  it('a hung Chromium (SIGSTOP): the step times out, the browser is killed and replaced, the job completes', async () => {
    await sys.documents!.close();
    sys.documents = await bootstrapDocuments({ ...sys.intakeEnv, RENDER_STEP_TIMEOUT_MS: '5000' });
    try {
      const pool = sys.documents.get(ChromiumPool) as any;
      const original = pool.renderOn.bind(pool);
      let stopped = 0;
      pool.renderOn = async (gen: { pid: number }, req: unknown) => {
        if (!stopped++) process.kill(gen.pid, 'SIGSTOP');
        return original(gen, req);
      };
      const r = await rendered(chair, {
        type: DocumentType.INVITATION,
        groupId: TN,
        year: 2023,
        conference: 'PREPARATORY',
        unitId: unit.get('Quảng Nam'),
      });
      expect(r.document.version).toBe(1);
      expect(pool.stats.replaced).toBeGreaterThanOrEqual(1);
      expect(pool.stats.retriedRenders).toBeGreaterThanOrEqual(1);
    } finally {
      await sys.documents!.close();
      sys.documents = await bootstrapDocuments({ ...sys.intakeEnv });
    }
  }, 120_000);
});

/** A TCP proxy to the storage server that the test can take down (connections cut) and bring back. */
async function tcpProxy(
  target: URL,
): Promise<{ url: string; down(): void; up(): void; close(): Promise<void> }> {
  let open = true;
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    if (!open) {
      client.destroy();
      return;
    }
    const upstream = new Socket();
    upstream.connect(Number(target.port), target.hostname);
    sockets.add(client).add(upstream);
    client.pipe(upstream).pipe(client);
    const end = () => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on('error', end).on('close', end);
    upstream.on('error', end).on('close', end);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  return {
    url: `http://127.0.0.1:${port}`,
    down() {
      open = false;
      for (const s of sockets) s.destroy();
    },
    up() {
      open = true;
    },
    close: () =>
      new Promise<void>((r) => {
        for (const s of sockets) s.destroy();
        server.close(() => r());
      }),
  };
}

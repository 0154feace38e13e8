/**
 * What the documents suites share: a points table and scores for TN&DHMT 2023 (the demo registry's
 * group-year, Bình Định chairing), entered through the gateway as the scoring suite does, and
 * helpers to render a document and fetch its bytes.
 */
import { expectEventually } from '@tdkt/testing';
import { must, scoreYear } from '../../tools/demo/scored-year';
import { http, TestSystem } from './system';

/* eslint-disable @typescript-eslint/no-explicit-any */
export { ATGT, BAN, must, SCHEME, SCORES, TN_2023 } from '../../tools/demo/scored-year';
export const TN = 'cum-tn-dhmt';

/** SCHEME published by the chair and SCORES entered (members their own, the board the outside bodies'). */
export function scoreTn2023(
  sys: TestSystem,
  tokens: { chair: string; board: string; officer: (unitName: string) => string },
  unit: Map<string, string>,
): Promise<void> {
  return scoreYear((method, path, token, body) => http(sys, method, path, { token, body }), tokens, unit);
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

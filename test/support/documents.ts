/**
 * What the documents suites share: a points table and scores for TN&DHMT 2023 (the demo registry's
 * group-year, Bình Định chairing), entered through the gateway as the scoring suite does, and
 * helpers to render a document and fetch its bytes.
 */
import { expectEventually } from '@tdkt/testing';
import { scoreYear } from '../../tools/demo/scored-year';
import { http, TestSystem } from './system';
import { client, ok, type Schema, success } from './api';

export { ATGT, BAN, must, SCHEME, SCORES, TN_2023 } from '../../tools/demo/scored-year';
export const TN = 'cum-tn-dhmt';

/** SCHEME published by the chair and SCORES entered (members their own, the board the outside bodies'). */
export function scoreTn2023(
  sys: TestSystem,
  tokens: { chair: string; board: string; officer: (unitName: string) => string },
  unit: Map<string, string>,
): Promise<void> {
  // raw: the demo loader (tools/demo) calls the gateway by method and path
  return scoreYear((method, path, token, body) => http(sys, method, path, { token, body }), tokens, unit);
}

/** Renders (waiting up to 10 s, then following the job) and answers the finished job. */
export async function renderDone(sys: TestSystem, token: string, body: Schema<'RenderDocumentDto'>) {
  const r = await success(client(sys, token).POST('/api/v1/documents', { body: { wait: 10, ...body } }));
  let job = r.data;
  if (job.state !== 'DONE')
    await expectEventually(
      async () => {
        job = await ok(
          client(sys, token).GET('/api/v1/documents/jobs/{jobId}', {
            params: { path: { jobId: r.data.id } },
          }),
        );
        expect(['DONE', 'FAILED']).toContain(job.state);
      },
      60_000,
      200,
    );
  const { document } = job;
  if (job.state !== 'DONE' || !document) throw new Error(`render failed: ${JSON.stringify(job.error)}`);
  return { status: r.status, job, document };
}

/** The stored file's bytes through its presigned download link. */
export async function downloadBytes(sys: TestSystem, token: string, documentId: string) {
  const view = await ok(
    client(sys, token).GET('/api/v1/documents/{documentId}/download', { params: { path: { documentId } } }),
  );
  const res = await fetch(view.url);
  if (res.status !== 200) throw new Error(`download: ${res.status}`);
  return { bytes: Buffer.from(await res.arrayBuffer()), view };
}

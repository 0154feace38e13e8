/** Helpers for intake tests: campaigns relative to today, uploads through presigned forms, event probes. */
import { EventDef, EventEnvelope, IntakeEvents, LatePolicy, SubmissionKind } from '@tdkt/contracts';
import { addDays, todayInVietnam } from '@tdkt/domain';
import { processOnce, startConsumer, RunningConsumer } from '@tdkt/platform';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { connect, NatsConnection } from 'nats';
import pino from 'pino';
import { DataSource } from 'typeorm';
import { http, TestSystem } from './system';
import { client, type Reply, reply, success } from './api';

export const GROUP = 'khoi-kinh-te-ha-tinh';
export const YEAR = 2027;
export const MEMBER_UNIT = 'so-tai-chinh-ha-tinh';
export const CHAIR_UNIT = 'so-cong-thuong-ha-tinh';
export const VICE_UNIT = 'so-xay-dung-ha-tinh';

export const sha256 = (b: Buffer | Uint8Array) => createHash('sha256').update(b).digest('hex');

export function pdf(text: string = randomUUID()): Buffer {
  return Buffer.from(`%PDF-1.7\n% Báo cáo ${text}\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n`, 'utf8');
}

/** A PDF of exactly `size` bytes (random content after the header: each one hashes differently). */
export function pdfOfSize(size: number): Buffer {
  const head = pdf();
  return Buffer.concat([head, randomBytes(Math.max(0, size - head.length))]).subarray(0, size);
}

export function docx(): Buffer {
  // A ZIP local header naming a WordprocessingML part: enough for the first-bytes check.
  return Buffer.concat([
    Buffer.from([0x50, 0x4b, 0x03, 0x04]),
    Buffer.from(`....word/document.xml ${randomUUID()}`),
  ]);
}

/**
 * The test campaign of the block in YEAR (or `year`: a test's own campaign), with deadlines around
 * today (in Vietnam): annual reports, evidence and self-scores due in 30 days (self-scores in
 * `selfScoreDueInDays` when given), six-month reports due yesterday (refused), achievement reports
 * due yesterday (accepted late). The block's chair and vice-chair that year are CHAIR_UNIT and
 * VICE_UNIT: sign in again after it for the grants of a new year.
 */
export async function setUpCampaign(
  sys: TestSystem,
  board: string,
  opts: { year?: number; selfScoreDueInDays?: number } = {},
): Promise<void> {
  const today = todayInVietnam();
  const year = opts.year ?? YEAR;
  const must = (r: Reply<unknown, unknown>, what: string) => {
    if (r.status >= 300) throw new Error(`${what}: ${r.status} ${JSON.stringify(r.problem)}`);
  };
  must(
    await reply(
      client(sys, board).PUT('/api/v1/groups/{groupId}/years/{year}/campaign', {
        params: { path: { groupId: GROUP, year } },
        body: { title: `Khối kinh tế ${year} (thử nghiệm)`, latePolicy: LatePolicy.REFUSE },
      }),
    ),
    'campaign',
  );
  const milestones = [
    {
      code: 'annual-report-due',
      title: 'Báo cáo năm',
      dueOn: addDays(today, 30),
      submissionKinds: [SubmissionKind.ANNUAL_REPORT, SubmissionKind.EVIDENCE],
    },
    {
      code: 'self-score-due',
      title: 'Tự chấm điểm',
      dueOn: addDays(today, opts.selfScoreDueInDays ?? 30),
      submissionKinds: [SubmissionKind.SELF_SCORE],
    },
    {
      code: 'h1-report-due',
      title: 'Báo cáo 6 tháng',
      dueOn: addDays(today, -1),
      submissionKinds: [SubmissionKind.SIX_MONTH_REPORT],
    },
    {
      code: 'achievement-dossier-due',
      title: 'Báo cáo thành tích',
      dueOn: addDays(today, -1),
      latePolicy: LatePolicy.ACCEPT_LATE,
      submissionKinds: [SubmissionKind.ACHIEVEMENT_REPORT],
    },
  ];
  for (const m of milestones)
    must(
      await reply(
        client(sys, board).POST('/api/v1/groups/{groupId}/years/{year}/campaign/milestones', {
          params: { path: { groupId: GROUP, year } },
          body: m,
        }),
      ),
      m.code,
    );
  must(
    await reply(
      client(sys, board).PUT('/api/v1/groups/{groupId}/years/{year}/leadership', {
        params: { path: { groupId: GROUP, year } },
        body: {
          chair: { unitId: CHAIR_UNIT, chosenBy: 'ROTATION' },
          viceChair: { unitId: VICE_UNIT, chosenBy: 'ROTATION' },
        },
      }),
    ),
    'leadership',
  );
}

export interface Ticket {
  file: { id: string; state: string };
  upload: { method: 'PUT'; url: string; headers: Record<string, string> };
}

/** The object key a ticket uploads to (path-style URL: /bucket/key). */
export const objectKeyOf = (t: Ticket): string =>
  new URL(t.upload.url).pathname.split('/').slice(2).map(decodeURIComponent).join('/');

/**
 * What a browser does with an upload ticket: PUT the bytes straight to storage with the signed
 * headers. `contentType` differing from the declared one is sent as given (the server or our own
 * checks must catch it).
 */
export async function putToStorage(
  ticket: { upload: Ticket['upload'] | null },
  bytes: Buffer,
  contentType: string,
): Promise<number> {
  const { upload } = ticket;
  if (!upload) throw new Error('the ticket has no upload link');
  const r = await fetch(upload.url, {
    method: upload.method,
    body: new Uint8Array(bytes),
    headers: { ...upload.headers, 'content-type': contentType },
  });
  await r.arrayBuffer();
  return r.status;
}

export interface Upload {
  bytes: Buffer;
  contentType: string;
  fileName: string;
  declaredSha?: string;
  declaredSize?: number;
}

/** Request an upload and send the bytes to storage (not confirmed yet); answers the ticket. */
export async function upload(
  sys: TestSystem,
  token: string,
  submissionId: string,
  o: Upload,
): Promise<Ticket> {
  const t = await success(
    client(sys, token).POST('/api/v1/submissions/{submissionId}/files', {
      params: { path: { submissionId } },
      body: {
        fileName: o.fileName,
        contentType: o.contentType,
        size: o.declaredSize ?? o.bytes.length,
        sha256: o.declaredSha ?? sha256(o.bytes),
      },
    }),
  );
  if (t.status !== 201) throw new Error(`upload ticket: ${t.status} ${JSON.stringify(t.data)}`);
  const stored = await putToStorage(t.data, o.bytes, o.contentType);
  if (stored >= 300) throw new Error(`storage POST answered ${stored}`);
  return t.data;
}

/** Request an upload, send the bytes, confirm; answers the confirm response. */
export async function attach(sys: TestSystem, token: string, submissionId: string, o: Upload) {
  const ticket = await upload(sys, token, submissionId, o);
  const c = await reply(
    client(sys, token).POST('/api/v1/submissions/{submissionId}/files/{fileId}/confirm', {
      params: { path: { submissionId, fileId: ticket.file.id } },
    }),
  );
  return { ticket, confirm: c };
}

/** GETs a file (e.g. a 202's Location) until `done` says so; answers its last view. */
export async function followFile<T extends { state: string }>(
  sys: TestSystem,
  token: string,
  location: string,
  done: (f: T) => boolean = (f) => f.state !== 'VERIFYING',
  timeoutMs = 20_000,
): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const r = await http<T>(sys, 'GET', location, { token }); // raw: follows the Location the gateway gave
    if (r.status !== 200) throw new Error(`GET ${location}: ${r.status} ${JSON.stringify(r.body)}`);
    if (done(r.body)) return r.body;
    if (Date.now() > until) throw new Error(`${location} still ${JSON.stringify(r.body)}`);
    await new Promise((ok) => setTimeout(ok, 50));
  }
}

/** Applies every intake event once through `processOnce`, recording how often each id took effect. */
export class EventProbe {
  readonly seen: EventEnvelope<Record<string, unknown>>[] = [];
  private consumers: RunningConsumer[] = [];
  private ds?: DataSource;
  private nc?: NatsConnection;

  async start(sys: TestSystem, natsUrl: string): Promise<this> {
    this.ds = new DataSource({ type: 'postgres', url: sys.db.url });
    await this.ds.initialize();
    this.nc = await connect({ servers: natsUrl });
    for (const e of Object.values(IntakeEvents) as unknown as EventDef<Record<string, unknown>>[]) {
      const durable = `probe-${e.subject.replace(/\./g, '-')}`;
      this.consumers.push(
        await startConsumer({
          nc: this.nc,
          prefix: sys.prefix,
          event: e,
          durable,
          logger: pino({ level: 'silent' }),
          handler: async (ev) => {
            await processOnce(this.ds as DataSource, 'intake', durable, ev.id, async () => {
              this.seen.push(ev);
            });
          },
        }),
      );
    }
    return this;
  }

  of(subject: string, submissionId?: string) {
    return this.seen.filter(
      (e) => e.subject === subject && (!submissionId || e.data.submissionId === submissionId),
    );
  }

  async stop(): Promise<void> {
    for (const c of this.consumers) await c.stop();
    await this.nc?.drain();
    await this.ds?.destroy();
  }
}

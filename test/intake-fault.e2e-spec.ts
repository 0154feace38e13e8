/**
 * kill -9 of an intake instance in the middle of a burst of submits: two instances share the
 * work (queue group), one is a separate process killed with SIGKILL and restarted. Clients retry
 * failed answers with the same Idempotency-Key. Afterwards every receipt answered is stored with
 * the same number, every stored receipt was answered, and each has exactly one event.
 * (The full-size run is `npm run bench:intake`, phase C.)
 *
 * And kill -9 of the instance hashing a large file (the `file-confirm` job): the job is
 * redelivered to the restarted instance, which checks the file again and decides it once.
 */
import { IntakeEvents, SubmissionKind } from '@tdkt/contracts';
import { confirmedDrafts, expectEventually, freePort, testInfra, waitFor } from '@tdkt/testing';
import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import {
  EventProbe,
  followFile,
  GROUP,
  pdfOfSize,
  setUpCampaign,
  sha256,
  upload,
  YEAR,
} from './support/intake';
import { login, startTestSystem, TestSystem } from './support/system';
import { client, ok } from './support/api';

const ROOT = join(__dirname, '..');
const SUBMITS = 1200;
const PARALLEL = 24;
const KILL_AFTER = 400;

/** Receipts an intake process has issued (its own /metrics). */
async function receiptsIssuedBy(port: number): Promise<number> {
  const text = await fetch(`http://127.0.0.1:${port}/metrics`)
    .then((r) => r.text())
    .catch(() => '');
  let n = 0;
  for (const m of text.matchAll(/^intake_receipts_issued_total\{[^}]*\} (\d+)/gm)) n += Number(m[1]);
  return n;
}

async function startIntakeProcess(env: Record<string, string>): Promise<ChildProcess & { port: number }> {
  const port = await freePort();
  const child = spawn(process.execPath, ['-r', '@swc-node/register', join(ROOT, 'apps/intake/src/main.ts')], {
    cwd: ROOT,
    env: { ...process.env, ...env, HTTP_PORT: String(port), HTTP_HOST: '127.0.0.1', LOG_LEVEL: 'error' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  await waitFor(
    'intake process ready',
    async () => {
      if (child.exitCode !== null) throw new Error(`intake exited with ${child.exitCode}`);
      return (await fetch(`http://127.0.0.1:${port}/health/ready`).catch(() => undefined))?.ok === true;
    },
    60_000,
  );
  return Object.assign(child, { port });
}

describe('intake: kill -9 of an instance mid-burst', () => {
  let sys: TestSystem;
  let db: DataSource;
  let probe: EventProbe;
  const children: ChildProcess[] = [];
  /** Stops the intake processes this suite started that still run (SIGTERM), each waited for. */
  const stopChildren = async (): Promise<void> => {
    for (const c of children)
      if (c.exitCode === null && c.signalCode === null) {
        const exited = new Promise((done) => c.once('exit', done));
        c.kill('SIGTERM');
        await exited;
      }
  };

  beforeAll(async () => {
    sys = await startTestSystem();
    db = new DataSource({ type: 'postgres', url: sys.db.url });
    await db.initialize();
    await setUpCampaign(sys, await login(sys, 'board'));
    probe = await new EventProbe().start(sys, testInfra().natsUrl);
  }, 120_000);

  afterAll(async () => {
    for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
    await probe?.stop();
    await db?.destroy();
    await sys?.stop();
  });

  it('every receipt answered is stored once with one event; nothing stored that was not answered', async () => {
    const token = await login(sys, 'stc-hatinh');
    // Drafts with a confirmed file (as if uploaded earlier), made directly in intake's tables.
    const [campaignId, groupId, year, unitId] = await campaignOf(sys, token);
    const drafts = (
      await confirmedDrafts((text, params) => db.query(text, params), {
        campaignId,
        groupId,
        year,
        unitId,
        kind: SubmissionKind.EVIDENCE,
        n: SUBMITS,
        objectKey: 'fault/evidence.pdf',
      })
    ).map((id) => ({ id }));
    expect(drafts).toHaveLength(SUBMITS);

    const victim = await startIntakeProcess(sys.intakeEnv);
    children.push(victim);
    // The kill must hit an instance that is taking its share: wait until it has issued receipts.
    let victimServing = false;
    const watch = setInterval(() => {
      void receiptsIssuedBy(victim.port).then((n) => (victimServing ||= n > 0));
    }, 25);
    const answered = new Map<string, string>();
    const submitOnce = async (id: string): Promise<boolean> => {
      // raw fetch: the instance may be killed mid-request (a network error is an answer here)
      const r = await fetch(`${sys.baseUrl}/api/v1/submissions/${id}/submit`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'idempotency-key': `fault-${id}` },
      }).catch(() => undefined);
      if (r?.status !== 201) {
        await r?.arrayBuffer();
        return false;
      }
      const body = (await r.json()) as { number: string; submissionId: string };
      expect(body.submissionId).toBe(id);
      const before = answered.get(id);
      if (before) expect(body.number).toBe(before); // the same key never gets two receipts
      answered.set(id, body.number);
      return true;
    };

    let done = 0;
    let killed = false;
    let restarted: Promise<ChildProcess> | undefined;
    const failed: string[] = [];
    let next = 0;
    await Promise.all(
      Array.from({ length: PARALLEL }, async () => {
        while (next < drafts.length) {
          const id = drafts[next++].id;
          if (!(await submitOnce(id))) failed.push(id);
          done += 1;
          if (!killed && done >= KILL_AFTER && victimServing) {
            killed = true;
            clearInterval(watch);
            victim.kill('SIGKILL');
            restarted = new Promise((r) => setTimeout(r, 500)).then(() => startIntakeProcess(sys.intakeEnv));
          }
        }
      }),
    );
    clearInterval(watch);
    expect(killed).toBe(true);
    children.push(await (restarted as Promise<ChildProcess>)); // the killed instance is back
    expect(failed.length).toBeGreaterThan(0); // requests in flight at the killed instance were lost

    // The client retries what failed, with the same key.
    let pending = failed;
    for (let round = 0; round < 10 && pending.length; round += 1) {
      const still: string[] = [];
      for (const id of pending) if (!(await submitOnce(id))) still.push(id);
      pending = still;
      if (pending.length) await new Promise((r) => setTimeout(r, 500));
    }
    expect(pending).toEqual([]);
    expect(answered.size).toBe(SUBMITS);

    const stored: { submission_id: string; number: string }[] = await db.query(
      `SELECT submission_id, number FROM intake.receipts WHERE submission_id = ANY($1::uuid[])`,
      [drafts.map((d) => d.id)],
    );
    expect(stored).toHaveLength(SUBMITS);
    for (const r of stored) expect(answered.get(r.submission_id)).toBe(r.number);
    const ours = new Set(drafts.map((d) => d.id));
    await expectEventually(() => {
      const numbers = probe
        .of(IntakeEvents.submissionSubmitted.subject)
        .filter((e) => ours.has(e.data.submissionId as string))
        .map((e) => e.data.receiptNumber as string);
      expect(numbers).toHaveLength(SUBMITS);
      expect(new Set(numbers)).toEqual(new Set(stored.map((r) => r.number)));
    }, 30_000);
  }, 180_000);

  it('kill -9 of the instance hashing a large file: the job is redelivered, the file decided once', async () => {
    const token = await login(sys, 'stc-hatinh');
    // From here one child is the only instance: the one that takes the job is the one killed.
    await sys.stopIntake();
    await stopChildren();
    try {
      const env = { ...sys.intakeEnv, CONFIRM_INLINE_MAX_BYTES: '1024' };
      const victim = await startIntakeProcess(env);
      children.push(victim);
      const created = await ok(
        client(sys, token).POST('/api/v1/submissions', {
          body: { groupId: GROUP, year: YEAR, kind: SubmissionKind.EVIDENCE, title: 'Phim hội nghị' },
        }),
        201,
      );
      const SIZE = 48 * 1024 * 1024; // long enough to hash that the kill lands mid-way
      const bytes = pdfOfSize(SIZE);
      const t = await upload(sys, token, created.id, {
        bytes,
        contentType: 'application/pdf',
        fileName: 'Phim hội nghị.pdf',
      });
      const location = `/api/v1/submissions/${created.id}/files/${t.file.id}`;
      const c = await ok(
        client(sys, token).POST('/api/v1/submissions/{submissionId}/files/{fileId}/confirm', {
          params: { path: { submissionId: created.id, fileId: t.file.id } },
        }),
        202,
      );

      // The job records "0 of SIZE bytes" as it starts reading the object back: kill it then.
      type FileWithJob = {
        state: string;
        job: { id: string; state: string; progress: { total: number | null } };
      };
      const hashing = (f: FileWithJob) => f.job?.state === 'RUNNING' && f.job.progress.total === SIZE;
      await followFile<FileWithJob>(sys, token, location, hashing, 30_000);
      victim.kill('SIGKILL');
      const [atKill] = await db.query('SELECT state FROM intake.files WHERE id = $1', [t.file.id]);
      expect(atKill.state).toBe('VERIFYING'); // killed mid-check: nothing decided

      children.push(await startIntakeProcess(env));
      // Redelivered once the dead instance's lease runs out (the runner's ack wait, 30 s).
      const f = await followFile<FileWithJob & { sha256: string }>(
        sys,
        token,
        location,
        (x) => x.state !== 'VERIFYING' && x.job?.state === 'DONE',
        90_000,
      );
      expect(f).toMatchObject({ state: 'CONFIRMED', sha256: sha256(bytes) });
      expect(f.job).toMatchObject({
        id: c.id,
        state: 'DONE',
        attempts: 2,
        progress: { done: SIZE, total: SIZE },
        result: { fileId: t.file.id, state: 'CONFIRMED' },
      });
    } finally {
      // Intake as the other test starts from: the in-process instance alone.
      await stopChildren();
      await sys.startIntake();
    }
  }, 180_000);
});

/** The campaign id, group id, year and the member's unit id, via the API. */
async function campaignOf(sys: TestSystem, token: string): Promise<[string, string, number, string]> {
  const get = async <T>(path: string): Promise<T> =>
    (await (
      await fetch(`${sys.baseUrl}${path}`, { headers: { authorization: `Bearer ${token}` } })
    ).json()) as T;
  const me = await get<{ unitId: string }>('/api/v1/auth/me');
  const c = await get<{ id: string; groupId: string }>(`/api/v1/groups/${GROUP}/years/${YEAR}/campaign`);
  return [c.id, c.groupId, YEAR, me.unitId];
}

/**
 * kill -9 of a notifications instance in the middle of a fan-out: every recipient still gets
 * exactly one e-mail.
 *
 * A receipt goes to the unit's officers (41 of them here). Instance A runs as a child process from
 * source, sending 5 at a time; its test hook (SENDER_TEST_HOLD_AFTER_BATCHES) stops it right after
 * it has CLAIMED a further batch (rows SENDING under its lease, committed) and before it sends any
 * of them, and it prints a line; the test then kills it with SIGKILL. Instance B (in-process) sends
 * the rest at once and, once A's lease has run out, the batch A held. Counted at the SMTP server:
 * one message per recipient, no Message-ID twice.
 *
 * Why the kill point is chosen rather than random: a kill between the SMTP server's 250 and the
 * commit of SENT would send that one message again after the lease (same Message-ID), which no
 * SMTP client can rule out; apps/notifications/README.md explains the window. This test pins the
 * guarantees that do hold: no claimed row is lost or sent twice, no sent row is sent again.
 */
import { SubmissionKind } from '@tdkt/contracts';
import { expectEventually, freePort, SmtpTestServer } from '@tdkt/testing';
import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { MEMBER_UNIT, setUpCampaign } from './support/intake';
import { addOfficers, address, pending, submitOne } from './support/notifications';
import { login, startTestSystem, TestSystem } from './support/system';

const ROOT = join(__dirname, '..');
const FAN_OUT = 40;
const LEASE_SECONDS = 3;

describe('notifications: kill -9 in the middle of a fan-out', () => {
  let sys: TestSystem;
  let smtp: SmtpTestServer;
  let db: DataSource;
  let child: ChildProcess | undefined;

  beforeAll(async () => {
    smtp = await SmtpTestServer.start();
    sys = await startTestSystem({
      with: ['notifications'],
      notificationsEnv: {
        SMTP_HOST: smtp.host,
        SMTP_PORT: String(smtp.port),
        SMTP_RATE_PER_SECOND: '500',
        SENDER_POLL_MS: '100',
        SENDER_BACKOFF_MS: '100',
        SENDER_BACKOFF_MAX_MS: '500',
        SENDER_LEASE_SECONDS: String(LEASE_SECONDS),
      },
    });
    db = new DataSource({ type: 'postgres', url: sys.db.url });
    await db.initialize();
    const board = await login(sys, 'board');
    await setUpCampaign(sys, board);
    await addOfficers(db, MEMBER_UNIT, 'fan', FAN_OUT);
    // The campaign's own notices (chair, vice) are sent by the in-process instance first, so that
    // instance A's batches are the receipt's fan-out; then only A runs.
    await expectEventually(async () => {
      const [r] = await db.query(`SELECT count(*)::int AS n FROM notifications.deliveries`);
      expect(r.n).toBeGreaterThan(0);
      expect(await pending(db)).toBe(0);
    }, 30_000);
    await sys.stopNotifications();
  }, 120_000);

  afterAll(async () => {
    if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await db?.destroy();
    await sys?.stop();
    await smtp?.close();
  });

  it('every recipient gets exactly one e-mail', async () => {
    smtp.clear();
    // Signed in before instance A boots (its start from source takes the CPU for a while).
    const member = await login(sys, 'stc-hatinh');
    // Instance A: a real process, killed for real.
    const port = await freePort();
    child = spawn(
      process.execPath,
      ['-r', '@swc-node/register', join(ROOT, 'apps/notifications/src/main.ts')],
      {
        cwd: ROOT,
        env: {
          ...process.env,
          ...sys.notificationsEnv,
          HTTP_PORT: String(port),
          HTTP_HOST: '127.0.0.1',
          SENDER_BATCH: '5',
          SENDER_TEST_HOLD_AFTER_BATCHES: '3',
        },
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    let out = '';
    const holding = new Promise<void>((resolve, reject) => {
      child!.stdout!.on('data', (b: Buffer) => {
        out += b.toString();
        if (out.includes('notifications-sender: holding')) resolve();
      });
      child!.once('exit', (code, signal) =>
        reject(new Error(`instance A exited (${code ?? signal}) before holding`)),
      );
    });
    const { receipt } = await submitOne(sys, member, SubmissionKind.EVIDENCE);
    const recipients = [
      address('stc-hatinh'),
      ...Array.from({ length: FAN_OUT }, (_, i) => address(`fan-${i + 1}`)),
    ];
    await holding;

    // The moment of the kill: some sent, some claimed by A (SENDING), the rest PENDING.
    const states: { state: string; n: number }[] = await db.query(
      `SELECT state, count(*)::int AS n FROM notifications.deliveries
        WHERE source_key IN (SELECT source_key FROM notifications.inbox_items WHERE title LIKE $1)
        GROUP BY state ORDER BY state`,
      [`%${receipt.number}%`],
    );
    const at = Object.fromEntries(states.map((s) => [s.state, s.n]));
    expect(at.SENT).toBe(15);
    expect(at.SENDING).toBe(5);
    expect(at.PENDING).toBe(recipients.length - 20);
    expect(smtp.count).toBe(15);
    const killed = new Promise((r) => child!.once('exit', r));
    child.kill('SIGKILL');
    await killed;

    // Instance B takes over: the pending ones now, A's claimed batch once its lease ends.
    await sys.startNotifications();
    await smtp.waitFor(
      () => recipients.every((a) => smtp.countFor(a) >= 1),
      30_000,
      'a receipt at every recipient',
    );
    await expectEventually(async () => expect(await pending(db)).toBe(0), 20_000);
    for (const a of recipients) expect([a, smtp.countFor(a)]).toEqual([a, 1]);
    expect(smtp.count).toBe(recipients.length);
    expect(smtp.duplicates()).toEqual([]);
    // A's batch was taken again after its lease (a second attempt), and sent once.
    const [{ n }] = await db.query(
      `SELECT count(*)::int AS n FROM notifications.deliveries
        WHERE attempts = 2 AND state = 'SENT' AND subject LIKE $1`,
      [`%${receipt.number}%`],
    );
    expect(n).toBe(5);
  }, 120_000);
});

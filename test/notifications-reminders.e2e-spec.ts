/**
 * Deadline reminders across a test-controlled clock: two notifications instances share the
 * schedule in Postgres and read business time from notifications.test_clock
 * (NOTIFICATIONS_CLOCK=database); the test moves that clock and waits for what reaches a real
 * SMTP server. Each case makes its own campaign (a year of the Hà Tĩnh economic block, whose
 * members Sở Tài chính and Sở Công Thương have officers with e-mail addresses).
 */
import { INestApplication } from '@nestjs/common';
import { SubmissionKind } from '@tdkt/contracts';
import { expectEventually, SmtpTestServer } from '@tdkt/testing';
import { DataSource } from 'typeorm';
import { bootstrapNotifications } from '../apps/notifications/src/bootstrap';
import { attach, GROUP, pdf } from './support/intake';
import { login, startTestSystem, TestSystem } from './support/system';
import { client, ok, refused, reply } from './support/api';

const STC = 'stc-hatinh@demo.tdkt.local'; // Sở Tài chính (a member)
const SCT = 'sct-hatinh@demo.tdkt.local'; // Sở Công Thương (a member)

interface Row {
  offset_code: string;
  deadline_on: string;
  state: string;
  reason: string | null;
  units: number | null;
  send_at: Date;
}

describe('deadline reminders (notifications)', () => {
  let sys: TestSystem;
  let smtp: SmtpTestServer;
  let db: DataSource;
  let board: string;
  const instances: INestApplication[] = [];

  const setClock = (iso: string) =>
    db.query(
      `INSERT INTO notifications.test_clock (id, now) VALUES (true, $1)
       ON CONFLICT (id) DO UPDATE SET now = EXCLUDED.now`,
      [iso],
    );
  const startInstances = async (n = 2) => {
    for (let i = 0; i < n; i++)
      instances.push(await bootstrapNotifications({ ...sys.notificationsEnv, HTTP_PORT: '0' }));
  };
  const stopInstances = async () => {
    for (const app of instances.splice(0)) await app.close();
  };
  const rows = (year: number, code: string): Promise<Row[]> =>
    db.query(
      `SELECT offset_code, to_char(deadline_on, 'YYYY-MM-DD') AS deadline_on, state, reason, units, send_at
         FROM notifications.reminders WHERE year = $1 AND milestone_code = $2 ORDER BY deadline_on, send_at`,
      [year, code],
    );
  const state = async (year: number, code: string) =>
    (await rows(year, code)).map(
      (r) => `${r.deadline_on} ${r.offset_code} ${r.state}${r.reason ? ` ${r.reason}` : ''}`,
    );
  /** Reminder e-mails about one milestone title, to one address. */
  const mails = (to: string, title: string) =>
    smtp.messages.filter((m) => m.envelopeTo.includes(to) && m.subject.startsWith(`Nhắc hạn nộp: ${title}`));

  const milestone = async (year: number, code: string, title: string, dueOn: string | null) => {
    const c = await reply(
      client(sys, board).PUT('/api/v1/groups/{groupId}/years/{year}/campaign', {
        params: { path: { groupId: GROUP, year } },
        body: { title: `Khối kinh tế ${year} (nhắc hạn)` },
      }),
    );
    expect(c.status).toBeLessThan(300);
    const m = await reply(
      client(sys, board).POST('/api/v1/groups/{groupId}/years/{year}/campaign/milestones', {
        params: { path: { groupId: GROUP, year } },
        body: { code, title, dueOn, submissionKinds: [SubmissionKind.ANNUAL_REPORT] },
      }),
    );
    if (m.status >= 300) throw new Error(`milestone: ${m.status} ${JSON.stringify(m.problem)}`);
  };

  const submitAnnualReport = async (token: string, year: number) => {
    const made = await ok(
      client(sys, token).POST('/api/v1/submissions', {
        body: { groupId: GROUP, year, kind: SubmissionKind.ANNUAL_REPORT },
      }),
      201,
    );
    await attach(sys, token, made.id, {
      bytes: pdf(),
      contentType: 'application/pdf',
      fileName: 'bao-cao.pdf',
    });
    const r = await reply(
      client(sys, token).POST('/api/v1/submissions/{submissionId}/submit', {
        params: {
          path: { submissionId: made.id },
          header: { 'Idempotency-Key': `reminders-${year}-${made.id}` },
        },
      }),
    );
    expect(r.status).toBe(201);
  };

  beforeAll(async () => {
    smtp = await SmtpTestServer.start();
    sys = await startTestSystem({
      notificationsEnv: {
        SMTP_HOST: smtp.host,
        SMTP_PORT: String(smtp.port),
        SMTP_RATE_PER_SECOND: '200',
        SENDER_POLL_MS: '100',
        SENDER_BACKOFF_MS: '100',
        NOTIFICATIONS_CLOCK: 'database',
        REMINDERS_ENABLED: 'true',
        REMINDERS_POLL_MS: '100',
        REMINDERS_LEASE_SECONDS: '30',
      },
    });
    db = new DataSource({ type: 'postgres', url: sys.db.url });
    await db.initialize();
    board = await login(sys, 'board');
    // The clock before any instance starts: far from every demo deadline.
    await startInstances(1);
    await setClock('2031-01-01T00:00:00Z');
    await startInstances(1);
  }, 90_000);

  afterAll(async () => {
    await stopInstances();
    await db?.destroy();
    await sys?.stop();
    await smtp?.close();
  });

  it('7 days, 2 days and 08:00 on the last day, each once across two instances; a unit that submitted is skipped', async () => {
    const year = 2031;
    const title = 'Nộp báo cáo năm 2031';
    await milestone(year, 'annual-report-due', title, '2031-03-20');
    await expectEventually(async () =>
      expect(await state(year, 'annual-report-due')).toEqual([
        '2031-03-20 D-7 PENDING',
        '2031-03-20 D-2 PENDING',
        '2031-03-20 D-0 PENDING',
      ]),
    );
    // 08:00 in Vietnam is 01:00 UTC: 13/03, 18/03 and 20/03.
    expect((await rows(year, 'annual-report-due')).map((r) => r.send_at.toISOString())).toEqual([
      '2031-03-13T01:00:00.000Z',
      '2031-03-18T01:00:00.000Z',
      '2031-03-20T01:00:00.000Z',
    ]);

    await setClock('2031-03-13T01:00:00Z');
    await smtp.waitFor(
      () => mails(STC, title).length === 1 && mails(SCT, title).length === 1,
      30_000,
      'the D-7 reminders',
    );
    expect(mails(SCT, title)[0].subject).toContain('còn 7 ngày (hạn 20/03/2031)');
    expect(mails(SCT, title)[0].text).toContain('Báo cáo tổng kết năm');

    // Sở Tài chính submits in the meantime: it is not reminded again.
    await submitAnnualReport(await login(sys, 'stc-hatinh'), year);

    await setClock('2031-03-18T01:00:00Z');
    await smtp.waitFor(() => mails(SCT, title).length === 2, 30_000, 'the D-2 reminder');
    expect(mails(SCT, title)[1].subject).toContain('còn 2 ngày');
    await expectEventually(async () =>
      expect((await rows(year, 'annual-report-due')).find((r) => r.offset_code === 'D-2')).toMatchObject({
        state: 'SENT',
        units: 4, // five members, one submitted
      }),
    );

    await setClock('2031-03-20T01:00:00Z');
    await smtp.waitFor(() => mails(SCT, title).length === 3, 30_000, 'the last-day reminder');
    expect(mails(SCT, title)[2].subject).toContain('hôm nay (20/03/2031) là ngày cuối cùng');
    await expectEventually(async () =>
      expect(await state(year, 'annual-report-due')).toEqual([
        '2031-03-20 D-7 SENT',
        '2031-03-20 D-2 SENT',
        '2031-03-20 D-0 SENT',
      ]),
    );
    // Exactly once each, though two instances ran the schedule: one D-7 for Sở Tài chính only.
    expect(mails(STC, title)).toHaveLength(1);
    expect(mails(SCT, title).map((m) => m.subject)).toEqual([
      ...new Set(mails(SCT, title).map((m) => m.subject)),
    ]);
    const deliveries = await db.query(
      `SELECT source_key, count(*)::int AS n FROM notifications.deliveries
        WHERE source_key LIKE 'reminder:%' AND address = $1 GROUP BY source_key HAVING count(*) > 1`,
      [SCT],
    );
    expect(deliveries).toEqual([]);
  }, 120_000);

  it('missed while down: sent on return before the deadline (only the latest), skipped and recorded after it', async () => {
    const year = 2032;
    const title = 'Nộp báo cáo năm 2032';
    await setClock('2032-01-01T00:00:00Z');
    await milestone(year, 'annual-report-due', title, '2032-03-20');
    await expectEventually(async () => expect(await rows(year, 'annual-report-due')).toHaveLength(3));

    await stopInstances();
    // Down through the 7-day and 2-day reminders; back on 19/03 at 10:00 in Vietnam.
    await setClock('2032-03-19T03:00:00Z');
    await startInstances(2);
    await smtp.waitFor(
      () => mails(SCT, title).length === 1 && mails(STC, title).length === 1,
      30_000,
      'the late reminder',
    );
    expect(mails(SCT, title)[0].subject).toContain('còn 1 ngày');
    await expectEventually(async () =>
      expect(await state(year, 'annual-report-due')).toEqual([
        '2032-03-20 D-7 SKIPPED SUPERSEDED',
        '2032-03-20 D-2 SENT',
        '2032-03-20 D-0 PENDING',
      ]),
    );

    await stopInstances();
    // Down through the last day: back after the deadline closed (21/03 08:00 in Vietnam).
    await setClock('2032-03-21T01:00:00Z');
    await startInstances(2);
    await expectEventually(
      async () =>
        expect(await state(year, 'annual-report-due')).toEqual([
          '2032-03-20 D-7 SKIPPED SUPERSEDED',
          '2032-03-20 D-2 SENT',
          '2032-03-20 D-0 SKIPPED DEADLINE_PASSED',
        ]),
      30_000,
    );
    expect(mails(SCT, title)).toHaveLength(1);
    // What an operator sees: outcomes counted, the backlog read from the shared schedule.
    const url = (await instances[0].getUrl()).replace('[::1]', '127.0.0.1');
    const metrics = await (await fetch(`${url}/metrics`)).text();
    expect(metrics).toMatch(/notifications_reminders_total\{outcome="superseded"\} [1-9]/);
    expect(metrics).toMatch(/notifications_reminders_total\{outcome="deadline_passed"\} [1-9]/);
    expect(metrics).toMatch(/notifications_reminders_pending\{due="overdue"\} 0/);
    expect(metrics).toMatch(/notifications_reminders_oldest_overdue_seconds 0/);
  }, 120_000);

  it('a moved milestone reschedules (old reminders cancelled, new ones sent with the new date); a removed deadline cancels', async () => {
    const year = 2033;
    const title = 'Nộp báo cáo năm 2033';
    await setClock('2033-01-01T00:00:00Z');
    await milestone(year, 'annual-report-due', title, '2033-03-20');
    await expectEventually(async () => expect(await rows(year, 'annual-report-due')).toHaveLength(3));

    await milestone(year, 'annual-report-due', title, '2033-04-10');
    await expectEventually(async () =>
      expect(await state(year, 'annual-report-due')).toEqual([
        '2033-03-20 D-7 CANCELLED MILESTONE_MOVED',
        '2033-03-20 D-2 CANCELLED MILESTONE_MOVED',
        '2033-03-20 D-0 CANCELLED MILESTONE_MOVED',
        '2033-04-10 D-7 PENDING',
        '2033-04-10 D-2 PENDING',
        '2033-04-10 D-0 PENDING',
      ]),
    );
    await setClock('2033-04-03T01:00:00Z');
    await smtp.waitFor(() => mails(SCT, title).length === 1, 30_000, 'the rescheduled D-7 reminder');
    expect(mails(SCT, title)[0].subject).toContain('hạn 10/04/2033');

    // The deadline removed: what was still pending is cancelled.
    await milestone(year, 'annual-report-due', title, null);
    await expectEventually(async () =>
      expect((await state(year, 'annual-report-due')).slice(3)).toEqual([
        '2033-04-10 D-7 SENT',
        '2033-04-10 D-2 CANCELLED MILESTONE_DELETED',
        '2033-04-10 D-0 CANCELLED MILESTONE_DELETED',
      ]),
    );
    expect(mails(SCT, title)).toHaveLength(1);
    expect(smtp.messages.some((m) => m.subject.includes('20/03/2033'))).toBe(false);
  }, 120_000);
  it('a deadline set 3 days ahead: one reminder at once ("còn 3 ngày"), then the ones still ahead', async () => {
    const year = 2035;
    const title = 'Nộp báo cáo năm 2035';
    await setClock('2035-03-17T05:00:00Z'); // 12:00 on 17/03 in Vietnam
    await milestone(year, 'annual-report-due', title, '2035-03-20');
    await smtp.waitFor(() => mails(SCT, title).length === 1, 30_000, 'the catch-up reminder');
    expect(mails(SCT, title)[0].subject).toContain('còn 3 ngày (hạn 20/03/2035)');
    await expectEventually(async () =>
      expect(await state(year, 'annual-report-due')).toEqual([
        '2035-03-20 D-7 SENT',
        '2035-03-20 D-2 PENDING',
        '2035-03-20 D-0 PENDING',
      ]),
    );
  }, 120_000);

  it('an instance that died mid fan-out: its lease runs out, another carries on, nobody gets it twice', async () => {
    const year = 2036;
    const title = 'Nộp báo cáo năm 2036';
    await setClock('2036-01-01T00:00:00Z');
    await milestone(year, 'annual-report-due', title, '2036-03-20');
    await expectEventually(async () => expect(await rows(year, 'annual-report-due')).toHaveLength(3));
    await stopInstances();
    // What a dead instance leaves: the D-7 reminder claimed under a lease (2 s left), and Sở Tài
    // chính's officer already notified (inbox item and e-mail delivery written and sent).
    const [r] = await db
      .query(
        `UPDATE notifications.reminders SET claimed_by = 'dead-instance', lease_until = now() + interval '2 seconds',
              attempts = 1
        WHERE year = $1 AND milestone_code = 'annual-report-due' AND offset_code = 'D-7'
        RETURNING milestone_id, to_char(deadline_on, 'YYYY-MM-DD') AS deadline_on`,
        [year],
      )
      .then(([rs]: [{ milestone_id: string; deadline_on: string }[]]) => rs);
    const key = `reminder:${r.milestone_id}:${r.deadline_on}:D-7`;
    const [stc] = await db.query(`SELECT id FROM registry.users WHERE username = 'stc-hatinh'`);
    await db.query(
      `INSERT INTO notifications.deliveries (source_key, user_id, channel, kind, address, subject, text, html, state, sent_at)
       VALUES ($1, $2, 'EMAIL', 'DEADLINE_REMINDER', $3, 'sent before the crash', '', '', 'SENT', now())`,
      [key, stc.id, STC],
    );
    await db.query(
      `INSERT INTO notifications.inbox_items (user_id, source_key, kind, title, body, occurred_at)
       VALUES ($1, $2, 'DEADLINE_REMINDER', 'sent before the crash', '', now())`,
      [stc.id, key],
    );
    await setClock('2036-03-13T01:00:00Z');
    await startInstances(2);
    await smtp.waitFor(
      () => mails(SCT, title).length === 1,
      30_000,
      'the reminder, finished by a live instance',
    );
    await expectEventually(async () =>
      expect((await rows(year, 'annual-report-due')).find((x) => x.offset_code === 'D-7')).toMatchObject({
        state: 'SENT',
        units: 5,
      }),
    );
    // Sở Tài chính's officer had it from the dead instance: not a second time.
    expect(mails(STC, title)).toHaveLength(0);
    const counts = await db.query(
      `SELECT count(*)::int AS n FROM notifications.deliveries WHERE source_key = $1 AND user_id = $2`,
      [key, stc.id],
    );
    expect(counts[0].n).toBe(1);
  }, 120_000);

  it('the daily digest: one e-mail per subscriber at 17:00 in Vietnam, per group-year they lead (the board: all)', async () => {
    const year = 2034;
    await milestone(year, 'annual-report-due', 'Nộp báo cáo năm 2034', '2034-03-20');
    const lead = await reply(
      client(sys, board).PUT('/api/v1/groups/{groupId}/years/{year}/leadership', {
        params: { path: { groupId: GROUP, year } },
        body: {
          chair: { unitId: 'so-cong-thuong-ha-tinh', chosenBy: 'ROTATION' },
          viceChair: { unitId: 'so-xay-dung-ha-tinh', chosenBy: 'ROTATION' },
        },
      }),
    );
    expect(lead.status).toBeLessThan(300);
    const chair = await login(sys, 'sct-hatinh');
    for (const token of [board, chair]) {
      const r = await reply(
        client(sys, token).PUT('/api/v1/me/notification-preferences', { body: { dailyDigest: true } }),
      );
      expect(r.status).toBe(200);
    }
    // A unit officer that leads no group may not choose it.
    const officer = await login(sys, 'kontum');
    await refused(
      client(sys, officer).PUT('/api/v1/me/notification-preferences', { body: { dailyDigest: true } }),
      403,
    );
    const member = await login(sys, 'stc-hatinh');

    // Sở Tài chính submits now (real time); the digest covers the 24 hours up to 17:00 in Vietnam.
    const before = new Date();
    await submitAnnualReport(member, year);
    await expectEventually(async () =>
      expect(
        (
          await db.query(`SELECT count(*)::int AS n FROM notifications.digest_submissions WHERE year = $1`, [
            year,
          ])
        )[0].n,
      ).toBe(1),
    );
    const day = new Date(before.getTime() + 7 * 3600_000).toISOString().slice(0, 10); // today in Vietnam
    const next =
      new Date(`${day}T10:00:00Z`) > before
        ? day
        : new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    await setClock(`${next}T10:00:00Z`); // 17:00 in Vietnam, after the submission
    const subject = `Tổng hợp nộp hồ sơ ${next.slice(8, 10)}/${next.slice(5, 7)}/${next.slice(0, 4)}`;
    const digests = (to: string) =>
      smtp.messages.filter((m) => m.envelopeTo.includes(to) && m.subject === subject);
    await smtp.waitFor(
      () => digests('board@demo.tdkt.local').length === 1 && digests(SCT).length === 1,
      30_000,
      'the digests',
    );
    const line = `(${year}): 1 đơn vị đã nộp hôm nay; còn 4 đơn vị chưa nộp`;
    expect(digests(SCT)[0].text).toContain(line);
    expect(digests('board@demo.tdkt.local')[0].text).toContain(line);
    // The chair's digest names only the group-years it leads.
    expect(digests(SCT)[0].text).not.toContain('(2031)');
    expect(digests(STC)).toHaveLength(0);
    await expectEventually(async () =>
      expect(
        await db.query(`SELECT state, users FROM notifications.digest_runs WHERE date = $1`, [next]),
      ).toEqual([{ state: 'DONE', users: 2 }]),
    );
  }, 120_000);
});

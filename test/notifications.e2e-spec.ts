/**
 * Notifications through the gateway, against a real SMTP server (libs/testing SmtpTestServer),
 * Postgres and NATS: a receipt reaches every officer of the unit once by e-mail and once in the
 * inbox; a return carries its reason; an e-mail switched off leaves only the inbox item; nobody
 * reads another's inbox; the live stream (SSE) gets a new item; an SMTP outage delays the mails
 * without duplicates; a permanent failure is listed for the board and retried.
 */
import { INTAKE_STREAM, IntakeEvents, NoticeKind, SubmissionKind } from '@tdkt/contracts';
import { prefixedStream } from '@tdkt/platform';
import { expectEventually, SmtpTestServer, testInfra } from '@tdkt/testing';
import { connect } from 'nats';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { MEMBER_UNIT, setUpCampaign, YEAR } from './support/intake';
import { addOfficers, address, deliveriesOf, pending, submitOne } from './support/notifications';
import { http, login, startTestSystem, TestSystem } from './support/system';
import { client, ok, type Problem, refused, reply, type Schema, statusOf } from './support/api';

/* eslint-disable @typescript-eslint/no-explicit-any */
describe('notifications: e-mail and inbox', () => {
  let sys: TestSystem;
  let smtp: SmtpTestServer;
  let db: DataSource;
  let board: string, member: string, chair: string;
  let second: string;

  const inbox = (token: string, query: { limit?: number; before?: string } = {}) =>
    client(sys, token).GET('/api/v1/me/inbox', { params: { query } });
  const itemsAbout = async (token: string, submissionId: string, kind: NoticeKind) =>
    (await ok(inbox(token, { limit: 100 }))).items.filter(
      (i) => i.kind === kind && (i.link ?? '').includes(submissionId),
    );

  beforeAll(async () => {
    smtp = await SmtpTestServer.start();
    sys = await startTestSystem({
      with: ['notifications'],
      notificationsEnv: {
        SMTP_HOST: smtp.host,
        SMTP_PORT: String(smtp.port),
        SMTP_RATE_PER_SECOND: '200',
        SENDER_POLL_MS: '100',
        SENDER_BACKOFF_MS: '100',
        SENDER_BACKOFF_MAX_MS: '500',
        SENDER_MAX_ATTEMPTS: '100',
      },
    });
    db = new DataSource({ type: 'postgres', url: sys.db.url });
    await db.initialize();
    board = await login(sys, 'board');
    await setUpCampaign(sys, board);
    member = await login(sys, 'stc-hatinh');
    chair = await login(sys, 'sct-hatinh');
    [second] = await addOfficers(db, MEMBER_UNIT, 'stc2', 1);
  }, 90_000);

  afterAll(async () => {
    await db?.destroy();
    await sys?.stop();
    await smtp?.close();
  });

  it('a receipt: every officer of the unit gets exactly one e-mail and one inbox item; nobody else', async () => {
    const { id, receipt } = await submitOne(sys, member, SubmissionKind.ANNUAL_REPORT);
    const mails = await smtp.waitFor(
      (ms) =>
        [address('stc-hatinh'), address(second)].every((a) =>
          ms.some((m) => m.envelopeTo.includes(a) && m.subject.includes(receipt.number)),
        ),
      20_000,
      'the receipt to both officers',
    );
    const mine = mails.find(
      (m) => m.envelopeTo.includes(address('stc-hatinh')) && m.subject.includes(receipt.number),
    )!;
    expect(mine.subject).toContain('Biên nhận hồ sơ');
    expect(mine.text).toContain('Báo cáo tổng kết năm');
    expect(mine.text).toContain(`https://tdkt.test/submissions/${id}/receipts`);
    expect(mine.html).toContain('<a href="https://tdkt.test/submissions/');
    expect(mine.text).toMatch(/\d{2}:\d{2} ngày \d{2}\/\d{2}\/\d{4}/);
    // The printed receipt's public check (intake's verification code).
    expect(mine.text).toMatch(/https:\/\/tdkt\.test\/api\/v1\/receipts\/verify\/[0-9a-f]{32}/);
    // Exactly one each: the rows are unique per (cause, user, channel), and all were written at once.
    const rows = await deliveriesOf(db, id, NoticeKind.SUBMISSION_RECEIPTED);
    expect(rows.map((r) => r.address)).toEqual([address(second), address('stc-hatinh')].sort());
    await expectEventually(async () => {
      expect((await deliveriesOf(db, id, NoticeKind.SUBMISSION_RECEIPTED)).map((r) => r.state)).toEqual([
        'SENT',
        'SENT',
      ]);
    });
    const forReceipt = smtp.messages.filter((m) => m.subject.includes(receipt.number));
    expect(forReceipt).toHaveLength(2);
    expect(await itemsAbout(member, id, NoticeKind.SUBMISSION_RECEIPTED)).toHaveLength(1);
    // The chair of the block is not an officer of this unit: nothing in its inbox about it.
    expect(await itemsAbout(chair, id, NoticeKind.SUBMISSION_RECEIPTED)).toHaveLength(0);
    const page = await ok(inbox(member));
    expect(page.unreadCount).toBeGreaterThanOrEqual(1);
  }, 60_000);

  it('the chair and vice-chair of that year get what concerns the group (resolved at send time)', async () => {
    // setUpCampaign made CHAIR_UNIT and VICE_UNIT the block's leaders for YEAR.
    await expectEventually(async () => {
      const items = (await ok(inbox(chair, { limit: 100 }))).items;
      const led = items.find(
        (i) => i.kind === NoticeKind.LEADERSHIP_CHANGED && i.title.includes(String(YEAR)),
      );
      expect(led?.body).toContain('Sở Công Thương');
    }, 20_000);
    await smtp.waitForMail(
      (m) => m.envelopeTo.includes(address('sct-hatinh')) && m.subject.startsWith('Cụm trưởng, Cụm phó'),
      20_000,
    );
    // A member unit's officer is not a leader: nothing of the kind.
    const memberItems = (await ok(inbox(member, { limit: 100 }))).items;
    expect(memberItems.filter((i) => i.kind === NoticeKind.LEADERSHIP_CHANGED)).toEqual([]);
  }, 60_000);

  it('a return: the reason reaches the unit by e-mail and in the inbox', async () => {
    const { id } = await submitOne(sys, member, SubmissionKind.EVIDENCE);
    const reason = 'Thiếu minh chứng tiêu chí 2.3 <đính kèm> & chữ ký';
    const ret = await reply(
      client(sys, chair).POST('/api/v1/submissions/{submissionId}/return', {
        params: { path: { submissionId: id } },
        body: { reason },
      }),
    );
    expect(ret.status).toBe(200);
    const mail = await smtp.waitForMail(
      (m) =>
        m.envelopeTo.includes(address('stc-hatinh')) && m.subject.includes('trả lại') && m.text.includes(id),
      20_000,
    );
    expect(mail.text).toContain(`Lý do: ${reason}`);
    // HTML escaped: the reason's markup is text.
    expect(mail.html).toContain('&lt;đính kèm&gt; &amp; chữ ký');
    await expectEventually(async () => {
      const [item] = await itemsAbout(member, id, NoticeKind.SUBMISSION_RETURNED);
      expect(item?.body).toContain(reason);
    });
  }, 60_000);

  it('e-mail switched off for a kind: only the inbox item', async () => {
    const put = await ok(
      client(sys, member).PUT('/api/v1/me/notification-preferences', {
        body: { kinds: [{ kind: NoticeKind.SUBMISSION_ACCEPTED, email: false }] },
      }),
      200,
    );
    expect(put.kinds.find((k) => k.kind === NoticeKind.SUBMISSION_ACCEPTED)?.email).toBe(false);
    expect(await ok(client(sys, member).GET('/api/v1/me/notification-preferences'))).toEqual(put);
    // Bad input: a 400 naming the field, nothing changed.
    // raw: NOPE is no kind the contract allows
    const bad = await http<Problem>(sys, 'PUT', '/api/v1/me/notification-preferences', {
      token: member,
      body: { kinds: [{ kind: 'NOPE', email: true }] },
    });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('kinds[0].kind');
    // A kind listed twice (found by the fuzzer: was a 500): the last choice stands.
    const twice = await ok(
      client(sys, member).PUT('/api/v1/me/notification-preferences', {
        body: {
          kinds: [
            { kind: NoticeKind.SUBMISSION_RETURNED, email: false },
            { kind: NoticeKind.SUBMISSION_RETURNED, email: true },
          ],
        },
      }),
      200,
    );
    expect(twice.kinds.find((k) => k.kind === NoticeKind.SUBMISSION_RETURNED)?.email).toBe(true);
    const { id } = await submitOne(sys, member, SubmissionKind.EVIDENCE);
    expect(
      await statusOf(
        client(sys, chair).POST('/api/v1/submissions/{submissionId}/accept', {
          params: { path: { submissionId: id } },
        }),
      ),
    ).toBe(200);
    // The other officer's e-mail arrives: the notice (both users' rows, one transaction) is written.
    await smtp.waitForMail(
      (m) => m.envelopeTo.includes(address(second)) && m.subject.includes('chấp nhận') && m.text.includes(id),
      20_000,
    );
    const rows = await deliveriesOf(db, id, NoticeKind.SUBMISSION_ACCEPTED);
    expect(rows.map((r) => r.address)).toEqual([address(second)]);
    expect(
      smtp.messages.filter(
        (m) => m.envelopeTo.includes(address('stc-hatinh')) && m.subject.includes('chấp nhận'),
      ),
    ).toHaveLength(0);
    expect(await itemsAbout(member, id, NoticeKind.SUBMISSION_ACCEPTED)).toHaveLength(1);
    // A digest is for chairs and the board: a unit officer (who leads no group) is refused.
    const digest = await refused(
      client(sys, await login(sys, 'kontum')).PUT('/api/v1/me/notification-preferences', {
        body: { dailyDigest: true },
      }),
      403,
    );
    expect(digest.code).toBe('DIGEST_REFUSED');
    const chairDigest = await ok(
      client(sys, chair).PUT('/api/v1/me/notification-preferences', { body: { dailyDigest: true } }),
      200,
    );
    expect(chairDigest.dailyDigest).toBe(true);
  }, 60_000);

  it('an event delivered twice (JetStream redelivery) notifies once', async () => {
    const [unit] = await db.query(`SELECT id FROM registry.units WHERE code = $1`, [MEMBER_UNIT]);
    const [campaign] = await db.query(`SELECT id, group_id FROM registry.campaigns WHERE year = $1 LIMIT 1`, [
      YEAR,
    ]);
    const envelope = {
      id: randomUUID(),
      subject: IntakeEvents.submissionReturned.subject,
      occurredAt: new Date().toISOString(),
      data: {
        submissionId: randomUUID(),
        version: 1,
        campaignId: campaign.id,
        groupId: campaign.group_id,
        year: YEAR,
        unitId: unit.id,
        kind: SubmissionKind.EVIDENCE,
        reason: 'Lý do gửi hai lần',
        returnedBy: randomUUID(),
        returnedAt: new Date().toISOString(),
      },
    };
    const nc = await connect({ servers: testInfra().natsUrl });
    try {
      const js = nc.jetstream();
      const body = new TextEncoder().encode(JSON.stringify(envelope));
      // Two stored messages with the same event (distinct message ids): a redelivery as the consumer sees it.
      let last = 0;
      for (const msgID of ['first', 'second'])
        last = (
          await js.publish(`${sys.prefix}.${IntakeEvents.submissionReturned.subject}`, body, {
            msgID: `${envelope.id}-${msgID}`,
          })
        ).seq;
      // Both handled (acknowledged) by notifications' consumer before anything is counted.
      const jsm = await nc.jetstreamManager();
      await expectEventually(async () => {
        const info = await jsm.consumers.info(
          prefixedStream(sys.prefix, INTAKE_STREAM),
          'notifications-returned',
        );
        expect(info.ack_floor.stream_seq).toBeGreaterThanOrEqual(last);
      }, 20_000);
    } finally {
      await nc.close();
    }
    const mine = (m: { text: string }) => m.text.includes(envelope.data.submissionId);
    await smtp.waitFor((ms) => ms.filter(mine).length >= 2, 20_000, 'the return to both officers');
    await expectEventually(async () => {
      const [r] = await db.query(
        `SELECT count(*)::int AS n FROM notifications.processed_events WHERE event_id = $1`,
        [envelope.id],
      );
      expect(r.n).toBe(1);
      expect(await pending(db)).toBe(0);
    }, 20_000);
    expect(
      smtp.messages
        .filter(mine)
        .map((m) => m.envelopeTo[0])
        .sort(),
    ).toEqual([address(second), address('stc-hatinh')].sort());
    expect(await itemsAbout(member, envelope.data.submissionId, NoticeKind.SUBMISSION_RETURNED)).toHaveLength(
      1,
    );
  }, 60_000);

  it('one user never reads or marks another user’s inbox', async () => {
    const { id } = await submitOne(sys, member, SubmissionKind.EVIDENCE);
    let item: Schema<'InboxItemResponse'> | undefined;
    await expectEventually(async () => {
      [item] = await itemsAbout(member, id, NoticeKind.SUBMISSION_RECEIPTED);
      expect(item).toBeDefined();
    }, 20_000);
    const theirs = (await ok(inbox(chair, { limit: 100 }))).items.map((i) => i.id);
    expect(theirs).not.toContain(item!.id);
    const steal = await refused(
      client(sys, chair).POST('/api/v1/me/inbox/{id}/read', { params: { path: { id: item!.id } } }),
      404,
    );
    expect(steal.code).toBe('INBOX_ITEM_NOT_FOUND');
    expect((await itemsAbout(member, id, NoticeKind.SUBMISSION_RECEIPTED))[0].readAt).toBeNull();
    // read-all marks only the caller's own.
    expect(await statusOf(client(sys, chair).POST('/api/v1/me/inbox/read-all'))).toBe(200);
    expect((await itemsAbout(member, id, NoticeKind.SUBMISSION_RECEIPTED))[0].readAt).toBeNull();
    // The owner marks it read; the unread count follows.
    const unreadBefore = (await ok(client(sys, member).GET('/api/v1/me/inbox/unread-count'))).unreadCount;
    const read = await ok(
      client(sys, member).POST('/api/v1/me/inbox/{id}/read', { params: { path: { id: item!.id } } }),
      200,
    );
    expect(read.readAt).not.toBeNull();
    expect((await ok(client(sys, member).GET('/api/v1/me/inbox/unread-count'))).unreadCount).toBe(
      unreadBefore - 1,
    );
    // Pages: keyset, newest first, no overlaps.
    const p1 = await ok(inbox(member, { limit: 2 }));
    expect(p1.items).toHaveLength(2);
    const p2 = await ok(inbox(member, { limit: 2, before: p1.nextCursor ?? undefined }));
    expect(p2.items.map((i) => i.id)).not.toContain(p1.items[0].id);
    expect(p2.items.map((i) => i.id)).not.toContain(p1.items[1].id);
    expect(await statusOf(inbox(member, { before: 'nonsense' }))).toBe(400);
  }, 60_000);

  it('the live stream (server-sent events) receives a new item', async () => {
    const ctl = new AbortController();
    const res = await fetch(`${sys.baseUrl}/api/v1/me/inbox/stream`, {
      headers: { authorization: `Bearer ${member}` },
      signal: ctl.signal,
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    let buffer = '';
    const events: { event: string; data: any }[] = [];
    const next = async (match: (e: { event: string; data: any }) => boolean, timeoutMs = 20_000) => {
      const until = Date.now() + timeoutMs;
      for (;;) {
        const found = events.find(match);
        if (found) return found;
        if (Date.now() > until) throw new Error(`no matching event; got ${JSON.stringify(events)}`);
        const { value, done } = await reader.read();
        if (done) throw new Error('stream ended');
        buffer += decoder.decode(value, { stream: true });
        let cut: number;
        while ((cut = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, cut);
          buffer = buffer.slice(cut + 2);
          const event = /^event: (.*)$/m.exec(block)?.[1];
          const data = /^data: (.*)$/m.exec(block)?.[1];
          if (event && data) events.push({ event, data: JSON.parse(data) });
        }
      }
    };
    try {
      const ready = await next((e) => e.event === 'ready');
      expect(typeof ready.data.unreadCount).toBe('number');
      const { id } = await submitOne(sys, member, SubmissionKind.EVIDENCE);
      const item = await next((e) => e.event === 'item' && (e.data.link ?? '').includes(id));
      expect(item.data.kind).toBe(NoticeKind.SUBMISSION_RECEIPTED);
      expect(item.data.readAt).toBeNull();
    } finally {
      ctl.abort();
    }
    // Without a token: 401, no stream.
    expect(await statusOf(client(sys).GET('/api/v1/me/inbox/stream'))).toBe(401);
  }, 60_000);

  it('SMTP down for a while: the mails arrive after it returns, none twice', async () => {
    await expectEventually(async () => expect(await pending(db)).toBe(0), 20_000);
    await smtp.stop();
    const { id, receipt } = await submitOne(sys, member, SubmissionKind.EVIDENCE);
    // Attempts fail while it is down (connection refused: transient, retried with backoff).
    await expectEventually(async () => {
      const rows = await deliveriesOf(db, id, NoticeKind.SUBMISSION_RECEIPTED);
      expect(rows).toHaveLength(2);
      for (const r of rows) {
        expect(r.attempts).toBeGreaterThanOrEqual(2);
        expect(r.state).not.toBe('SENT');
        expect(r.state).not.toBe('FAILED');
      }
    }, 20_000);
    await smtp.restart();
    await smtp.waitFor(
      (ms) =>
        [address('stc-hatinh'), address(second)].every((a) =>
          ms.some((m) => m.envelopeTo.includes(a) && m.subject.includes(receipt.number)),
        ),
      20_000,
      'the delayed receipts',
    );
    await expectEventually(async () => {
      expect((await deliveriesOf(db, id, NoticeKind.SUBMISSION_RECEIPTED)).map((r) => r.state)).toEqual([
        'SENT',
        'SENT',
      ]);
    });
    expect(smtp.messages.filter((m) => m.subject.includes(receipt.number))).toHaveLength(2);
    expect(smtp.duplicates()).toEqual([]);
  }, 60_000);

  it('a permanent failure is recorded with its reason; the board lists and retries it', async () => {
    // Earlier tests' mails all out first: the one-time 550 below must meet this test's mail.
    await expectEventually(async () => expect(await pending(db)).toBe(0), 20_000);
    smtp.reject({ match: address(second), code: 550, message: 'Mailbox unavailable', times: 1 });
    const { id, receipt } = await submitOne(sys, member, SubmissionKind.EVIDENCE);
    let failedId = '';
    await expectEventually(async () => {
      const rows = await deliveriesOf(db, id, NoticeKind.SUBMISSION_RECEIPTED);
      const f = rows.find((r) => r.address === address(second));
      expect(f?.state).toBe('FAILED');
      failedId = f!.id;
    }, 20_000);
    const list = await ok(client(sys, board).GET('/api/v1/notifications/failed'), 200);
    const entry = list.items.find((d) => d.id === failedId);
    expect(entry?.to).toBe(address(second));
    expect(entry?.lastError).toMatch(/550/);
    expect(await statusOf(client(sys, member).GET('/api/v1/notifications/failed'))).toBe(403);
    expect(
      await statusOf(
        client(sys, member).POST('/api/v1/notifications/deliveries/{id}/retry', {
          params: { path: { id: failedId } },
        }),
      ),
    ).toBe(403);
    const retry = await ok(
      client(sys, board).POST('/api/v1/notifications/deliveries/{id}/retry', {
        params: { path: { id: failedId } },
      }),
      200,
    );
    expect(['PENDING', 'SENDING', 'SENT']).toContain(retry.state);
    await smtp.waitForMail(
      (m) => m.envelopeTo.includes(address(second)) && m.subject.includes(receipt.number),
      20_000,
    );
    await expectEventually(async () => {
      const rows = await deliveriesOf(db, id, NoticeKind.SUBMISSION_RECEIPTED);
      expect(rows.find((r) => r.address === address(second))?.state).toBe('SENT');
    });
    // Retrying a sent one: refused, named.
    const again = await refused(
      client(sys, board).POST('/api/v1/notifications/deliveries/{id}/retry', {
        params: { path: { id: failedId } },
      }),
      409,
    );
    expect(again.code).toBe('DELIVERY_NOT_FAILED');
    expect(smtp.duplicates()).toEqual([]);
    // What an operator watches: sent, failed, retried, queue depth, oldest pending age.
    const url = (await sys.notifications!.getUrl()).replace('[::1]', '127.0.0.1');
    const metrics = await (await fetch(`${url}/metrics`)).text();
    expect(metrics).toMatch(/notifications_emails_sent_total\{kind="SUBMISSION_RECEIPTED"\} [1-9]/);
    expect(metrics).toMatch(
      /notifications_emails_failed_total\{kind="SUBMISSION_RECEIPTED",reason="permanent"\} 1/,
    );
    expect(metrics).toMatch(/notifications_emails_retried_total\{kind="SUBMISSION_RECEIPTED"\} [1-9]/);
    expect(metrics).toMatch(/notifications_queue_depth \d+/);
    expect(metrics).toMatch(/notifications_oldest_pending_age_seconds [\d.]+/);
  }, 60_000);
});

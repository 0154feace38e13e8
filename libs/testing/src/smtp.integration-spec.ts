import nodemailer, { type Transporter } from 'nodemailer';
import { SmtpTestServer } from './smtp';

/** The test SMTP server against a real nodemailer client: what notifications tests rely on. */
describe('SmtpTestServer', () => {
  let smtp: SmtpTestServer;

  beforeEach(async () => {
    smtp = await SmtpTestServer.start();
  });
  afterEach(async () => {
    await smtp.close();
  });

  function transport(extra: Record<string, unknown> = {}): Transporter {
    return nodemailer.createTransport({
      host: smtp.host,
      port: smtp.port,
      secure: false,
      ignoreTLS: true,
      ...extra,
    });
  }

  it('keeps envelope, headers, Vietnamese subject, text and HTML of what it receives', async () => {
    const t = transport();
    const info = await t.sendMail({
      from: 'Ban TĐKT <thongbao@tdkt.test>',
      to: 'Cán bộ <Officer@Unit.test>',
      subject: 'Đã nhận báo cáo năm 2026 của Sở Nội vụ',
      text: 'Số biên nhận 0001',
      html: '<p>Số biên nhận <b>0001</b></p>',
      headers: { 'X-Notification-Key': 'receipt:1:officer' },
    });
    t.close();
    const m = await smtp.waitForMail((x) => x.to.includes('officer@unit.test'));
    expect(m.envelopeFrom).toBe('thongbao@tdkt.test');
    expect(m.envelopeTo).toEqual(['officer@unit.test']);
    expect(m.from).toBe('thongbao@tdkt.test');
    expect(m.subject).toBe('Đã nhận báo cáo năm 2026 của Sở Nội vụ');
    expect(m.text.trim()).toBe('Số biên nhận 0001');
    expect(m.html).toContain('<b>0001</b>');
    expect(m.messageId).toBe(info.messageId);
    expect(m.headers['x-notification-key']).toBe('receipt:1:officer');
    expect(smtp.countFor('OFFICER@unit.test')).toBe(1);
    expect(smtp.duplicates()).toEqual([]);
  });

  it('waitFor resolves on the message that satisfies it and times out naming what it saw', async () => {
    const waiting = smtp.waitFor((ms) => ms.length >= 3, 10_000);
    const t = transport({ pool: true, maxConnections: 2 });
    await Promise.all(
      [1, 2, 3].map((i) => t.sendMail({ from: 'a@x.test', to: `u${i}@x.test`, subject: `m${i}`, text: 'x' })),
    );
    t.close();
    expect((await waiting).map((m) => m.subject).sort()).toEqual(['m1', 'm2', 'm3']);
    await expect(smtp.waitFor((ms) => ms.length >= 4, 200, 'a fourth message')).rejects.toThrow(
      /a fourth message not received within 200 ms \(3 accepted/,
    );
  });

  it('answers 4xx (transient) and 5xx (permanent) per address, then accepts when told', async () => {
    smtp.reject({ match: 'busy@x.test', code: 451, times: 2 });
    smtp.reject({ match: /@gone\.test$/, code: 550, message: 'No such user' });
    const t = transport();
    const send = (to: string): Promise<unknown> =>
      t.sendMail({ from: 'a@x.test', to, subject: to, text: 'x' });

    await expect(send('busy@x.test')).rejects.toMatchObject({ responseCode: 451 });
    await expect(send('busy@x.test')).rejects.toMatchObject({ responseCode: 451 });
    await send('busy@x.test');
    await expect(send('nobody@gone.test')).rejects.toMatchObject({
      responseCode: 550,
      response: expect.stringContaining('No such user'),
    });
    smtp.clearRules();
    await send('nobody@gone.test');
    t.close();
    expect(smtp.rejected).toBe(3);
    expect(smtp.countFor('busy@x.test')).toBe(1);
    expect(smtp.countFor('nobody@gone.test')).toBe(1);
  });

  it('a partial rejection delivers to the other recipients of the same message', async () => {
    smtp.reject({ match: 'bad@x.test', code: 550 });
    const t = transport();
    const info = await t.sendMail({
      from: 'a@x.test',
      to: ['good@x.test', 'bad@x.test'],
      subject: 's',
      text: 'x',
    });
    t.close();
    expect(info.accepted).toEqual(['good@x.test']);
    expect(info.rejected).toEqual(['bad@x.test']);
    expect(smtp.countFor('good@x.test')).toBe(1);
    expect(smtp.countFor('bad@x.test')).toBe(0);
  });

  it('stop() refuses connections (an outage) and restart() serves again on the same port', async () => {
    const port = smtp.port;
    const t = transport({ pool: true, maxConnections: 1 });
    await t.sendMail({ from: 'a@x.test', to: 'u@x.test', subject: 'before', text: 'x' });
    await smtp.stop();
    expect(smtp.running).toBe(false);
    await expect(
      t.sendMail({ from: 'a@x.test', to: 'u@x.test', subject: 'during', text: 'x' }),
    ).rejects.toMatchObject({ code: expect.stringMatching(/ECONNREFUSED|ECONNECTION|ESOCKET/) });
    await smtp.restart();
    expect(smtp.port).toBe(port);
    await t.sendMail({ from: 'a@x.test', to: 'u@x.test', subject: 'after', text: 'x' });
    t.close();
    expect(smtp.messages.map((m) => m.subject)).toEqual(['before', 'after']);
    expect(smtp.countFor('u@x.test')).toBe(2);
  });

  it('counts a message delivered twice to the same recipient as a duplicate', async () => {
    smtp.keyBy('X-Notification-Key');
    const t = transport();
    for (const i of [1, 2]) {
      await t.sendMail({
        from: 'a@x.test',
        to: 'chair@x.test',
        subject: `copy ${i}`,
        text: 'x',
        headers: { 'X-Notification-Key': 'reminder:m1:7d:unit1' },
      });
    }
    await t.sendMail({
      from: 'a@x.test',
      to: 'chair@x.test',
      subject: 'other',
      text: 'x',
      headers: { 'X-Notification-Key': 'reminder:m1:2d:unit1' },
    });
    t.close();
    expect(smtp.duplicates()).toEqual([{ recipient: 'chair@x.test', key: 'reminder:m1:7d:unit1', count: 2 }]);
    expect(smtp.countFor('chair@x.test')).toBe(3);
  });

  it('headers-only mode (for sinks of many messages) still counts per recipient and reads headers', async () => {
    const sink = await SmtpTestServer.start({ parse: 'headers', maxMessages: 2 });
    try {
      const t = nodemailer.createTransport({ host: sink.host, port: sink.port, ignoreTLS: true, pool: true });
      await Promise.all(
        [1, 2, 3].map((i) =>
          t.sendMail({
            from: 'a@x.test',
            to: 'u@x.test',
            subject: `s${i}`,
            text: 'body',
            headers: { 'X-K': `k${i}` },
          }),
        ),
      );
      t.close();
      expect(sink.count).toBe(3);
      expect(sink.messages).toHaveLength(2);
      expect(sink.countFor('u@x.test')).toBe(3);
      expect(sink.messages[0].headers['x-k']).toMatch(/^k\d$/);
      expect(sink.messages[0].text).toBe('');
    } finally {
      await sink.close();
    }
  });
});

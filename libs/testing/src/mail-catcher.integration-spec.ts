import nodemailer from 'nodemailer';
import { startMailCatcher } from './mail-catcher';

/** The local mail catcher of `npm start`: SMTP in, a loopback page out, content escaped. */
describe('mail catcher', () => {
  it('lists messages newest first and shows text and HTML escaped (HTML in a sandboxed frame)', async () => {
    const c = await startMailCatcher();
    try {
      const t = nodemailer.createTransport({ host: c.smtpHost, port: c.smtpPort, ignoreTLS: true });
      await t.sendMail({ from: 'a@x.test', to: 'one@x.test', subject: 'Thư thứ nhất', text: 'một' });
      await t.sendMail({
        from: 'a@x.test',
        to: 'two@x.test',
        subject: 'Nhắc hạn <script>alert(1)</script>',
        text: 'hai <b>không đậm</b>',
        html: '<p onclick="x()">hai</p><script>alert(2)</script>',
      });
      t.close();
      await c.smtp.waitForCount(2);

      const list = await fetch(`${c.uiUrl}/`);
      expect(list.headers.get('content-security-policy')).toContain("default-src 'none'");
      const page = await list.text();
      expect(page.indexOf('Nhắc hạn')).toBeLessThan(page.indexOf('Thư thứ nhất'));
      expect(page).toContain('Nhắc hạn &lt;script&gt;alert(1)&lt;/script&gt;');
      expect(page).not.toContain('<script>');

      const second = c.smtp.messages.find((m) => m.envelopeTo[0] === 'two@x.test');
      const view = await (await fetch(`${c.uiUrl}/messages/${second?.seq}`)).text();
      expect(view).toContain('hai &lt;b&gt;không đậm&lt;/b&gt;');
      expect(view).toContain('<iframe sandbox=""');
      expect(view).toContain('srcdoc="&lt;p onclick=&quot;x()&quot;&gt;hai&lt;/p&gt;&lt;script&gt;');
      expect(view).not.toContain('<script>');

      const json = (await (await fetch(`${c.uiUrl}/api/messages`)).json()) as { to: string[] }[];
      expect(json.map((m) => m.to[0])).toEqual(['two@x.test', 'one@x.test']);
      expect((await fetch(`${c.uiUrl}/messages/999`)).status).toBe(404);
    } finally {
      await c.stop();
    }
  });
});

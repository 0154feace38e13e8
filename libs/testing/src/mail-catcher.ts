import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tcpReachable } from './net';
import { type ReceivedMail, SmtpTestServer } from './smtp';

export interface MailCatcherHandle {
  /** Where services send mail (SMTP_HOST / SMTP_PORT). */
  smtpHost: string;
  smtpPort: number;
  /** The web page listing what was caught; undefined when mail goes to a given server (env). */
  uiUrl?: string;
  /** 'env' (SMTP_HOST given and reachable) or 'catcher' (started here). */
  source: 'env' | 'catcher';
  /** The catcher's SMTP server (tests may read messages from it directly). */
  smtp?: SmtpTestServer;
  stop(): Promise<void>;
}

/**
 * Mail for `npm start`: SMTP_HOST (and SMTP_PORT, default 25) when given and reachable; else a
 * local mail catcher — SmtpTestServer on loopback (MAIL_CATCHER_SMTP_PORT, default any free port)
 * keeping the last 2,000 messages, and a small web page on loopback (MAIL_CATCHER_HTTP_PORT,
 * default any free port) listing them newest first; a message's text and HTML are shown escaped,
 * the HTML inside a sandboxed frame that runs no script and loads nothing.
 */
export async function ensureMailCatcher(
  log: (m: string) => void = () => undefined,
): Promise<MailCatcherHandle> {
  const host = process.env.SMTP_HOST;
  if (host) {
    const port = Number(process.env.SMTP_PORT ?? 25);
    if (await tcpReachable(host, port)) {
      return { smtpHost: host, smtpPort: port, source: 'env', stop: async () => undefined };
    }
    log(`SMTP_HOST is set but ${host}:${port} is not reachable; starting the local mail catcher instead`);
  }
  const catcher = await startMailCatcher({
    smtpPort: optionalPort(process.env.MAIL_CATCHER_SMTP_PORT),
    httpPort: optionalPort(process.env.MAIL_CATCHER_HTTP_PORT),
  });
  return { ...catcher, source: 'catcher' };
}

function optionalPort(v: string | undefined): number | undefined {
  return v ? Number(v) : undefined;
}

export async function startMailCatcher(
  o: { smtpPort?: number; httpPort?: number; maxMessages?: number } = {},
): Promise<Omit<MailCatcherHandle, 'source'> & { uiUrl: string; smtp: SmtpTestServer }> {
  const smtp = await SmtpTestServer.start({ port: o.smtpPort, maxMessages: o.maxMessages ?? 2000 });
  const http = createServer((req, res) => {
    try {
      route(smtp, req, res);
    } catch (e) {
      send(res, 500, 'text/plain; charset=utf-8', e instanceof Error ? e.message : String(e));
    }
  });
  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(o.httpPort ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = http.address() as AddressInfo;
  return {
    smtpHost: smtp.host,
    smtpPort: smtp.port,
    uiUrl: `http://127.0.0.1:${port}`,
    smtp,
    stop: async () => {
      await closeHttp(http);
      await smtp.close();
    },
  };
}

function closeHttp(http: Server): Promise<void> {
  return new Promise((resolve) => {
    http.close(() => resolve());
    http.closeAllConnections();
  });
}

/** Escapes text for HTML content and double-quoted attributes. */
export function escapeHtml(s: string): string {
  return s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string,
  );
}

const PAGE_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-src 'self'; base-uri 'none'; form-action 'none'";

function send(res: ServerResponse, status: number, type: string, body: string): void {
  res.writeHead(status, {
    'content-type': type,
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    'content-security-policy': PAGE_CSP,
    'referrer-policy': 'no-referrer',
  });
  res.end(body);
}

const timeVn = (d: Date): string =>
  d.toLocaleString('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh', hour12: false }) + ' (giờ Việt Nam)';

function route(smtp: SmtpTestServer, req: IncomingMessage, res: ServerResponse): void {
  const url = new URL(req.url ?? '/', 'http://localhost');
  if (req.method !== 'GET') return send(res, 405, 'text/plain; charset=utf-8', 'GET only');
  if (url.pathname === '/api/messages') {
    const list = [...smtp.messages].reverse().map((m) => ({
      seq: m.seq,
      receivedAt: m.receivedAt.toISOString(),
      from: m.from,
      to: m.envelopeTo,
      subject: m.subject,
      messageId: m.messageId,
    }));
    return send(res, 200, 'application/json; charset=utf-8', JSON.stringify(list));
  }
  const one = /^\/messages\/(\d+)$/.exec(url.pathname);
  if (one) {
    const m = smtp.messages.find((x) => x.seq === Number(one[1]));
    if (!m)
      return send(res, 404, 'text/html; charset=utf-8', layout('Không tìm thấy', '<p>Không có thư này.</p>'));
    return send(res, 200, 'text/html; charset=utf-8', layout(m.subject || '(không tiêu đề)', messageView(m)));
  }
  if (url.pathname === '/') {
    return send(res, 200, 'text/html; charset=utf-8', layout('Hộp thư cục bộ', listView(smtp)));
  }
  return send(res, 404, 'text/plain; charset=utf-8', 'not found');
}

function layout(title: string, body: string): string {
  return `<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<style>body{font:14px/1.4 system-ui,sans-serif;margin:1.5em;max-width:70em}table{border-collapse:collapse;width:100%}
td,th{border-bottom:1px solid #ddd;padding:.3em .5em;text-align:left;vertical-align:top}pre{white-space:pre-wrap;background:#f6f6f6;padding:1em}
iframe{width:100%;height:30em;border:1px solid #ccc}dt{font-weight:bold}</style></head>
<body><p><a href="/">← Hộp thư cục bộ (mail catcher)</a></p><h1>${escapeHtml(title)}</h1>${body}</body></html>`;
}

function listView(smtp: SmtpTestServer): string {
  const rows = [...smtp.messages]
    .reverse()
    .map(
      (m) =>
        `<tr><td>${escapeHtml(timeVn(m.receivedAt))}</td><td>${escapeHtml(m.envelopeTo.join(', '))}</td>` +
        `<td><a href="/messages/${m.seq}">${escapeHtml(m.subject || '(không tiêu đề)')}</a></td></tr>`,
    )
    .join('');
  return (
    `<p>${smtp.count} thư đã nhận (giữ ${smtp.messages.length} thư gần nhất), SMTP ${escapeHtml(smtp.host)}:${smtp.port}. ` +
    `Tải lại trang để xem thư mới. JSON: <a href="/api/messages">/api/messages</a></p>` +
    (rows
      ? `<table><thead><tr><th>Thời gian</th><th>Người nhận</th><th>Tiêu đề</th></tr></thead><tbody>${rows}</tbody></table>`
      : '<p>Chưa có thư nào.</p>')
  );
}

function messageView(m: ReceivedMail): string {
  const meta = [
    ['Từ', m.from || m.envelopeFrom],
    ['Đến', m.envelopeTo.join(', ')],
    ['Thời gian', timeVn(m.receivedAt)],
    ['Message-ID', m.messageId],
    ...m.attachments.map((a) => ['Tệp đính kèm', `${a.filename} (${a.contentType}, ${a.size} byte)`]),
  ]
    .map(([k, v]) => `<dt>${escapeHtml(k)}</dt><dd>${escapeHtml(v)}</dd>`)
    .join('');
  // The HTML part runs in a frame with an empty sandbox (no script, no forms, no same origin) and
  // inherits this page's CSP (no network): safe to show whatever a template produced.
  const html = m.html
    ? `<h2>HTML</h2><iframe sandbox="" referrerpolicy="no-referrer" srcdoc="${escapeHtml(m.html)}"></iframe>`
    : '';
  return `<dl>${meta}</dl><h2>Văn bản</h2><pre>${escapeHtml(m.text)}</pre>${html}`;
}

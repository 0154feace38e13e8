import type { Socket } from 'node:net';
import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from 'smtp-server';
import { simpleParser, type AddressObject } from 'mailparser';
import { freePort } from './net';

/** One message as the server accepted it (envelope and, when parsed, its content). */
export interface ReceivedMail {
  /** 1, 2, 3... in the order the server accepted them (across restarts). */
  seq: number;
  receivedAt: Date;
  /** MAIL FROM and the accepted RCPT TO addresses (lower case): what was really delivered. */
  envelopeFrom: string;
  envelopeTo: string[];
  /** Header From / To (addresses only, lower case). */
  from: string;
  to: string[];
  subject: string;
  text: string;
  html: string;
  messageId: string;
  /** Every header, lower-case names; repeated headers keep the first value. */
  headers: Record<string, string>;
  /** Attachment file names and sizes (content is not kept). */
  attachments: Array<{ filename: string; contentType: string; size: number }>;
  size: number;
}

/** An answer the server gives instead of accepting a recipient. */
export interface SmtpRule {
  /** The recipient address (case-insensitive) or a pattern over it. */
  match: string | RegExp;
  /** 4xx = transient (the sender retries), 5xx = permanent. */
  code: number;
  message?: string;
  /** Answer this way so many times, then accept; unlimited when absent. */
  times?: number;
}

export interface SmtpTestServerOptions {
  /** Default: a free port on 127.0.0.1. */
  port?: number;
  host?: string;
  /**
   * 'full' (default): parsed with mailparser (subject, text, html, attachments).
   * 'headers': only the header block is read (subject as sent, no bodies): for sinks that take
   * tens of thousands of messages (benchmarks), where parsing every body would be the bottleneck.
   */
  parse?: 'full' | 'headers';
  /** Keep at most this many messages in memory (oldest dropped; counts are kept). */
  maxMessages?: number;
}

interface Waiter {
  check: () => boolean;
  resolve: () => void;
}

/**
 * A real SMTP server for tests and the local mail catcher (npm `smtp-server`, no TLS, any AUTH
 * accepted). Keeps what it receives, answers chosen recipients with 4xx/5xx, counts deliveries per
 * recipient (duplicates show as counts above one), and can be stopped and restarted on the same
 * port to simulate an outage. `waitFor` is event-driven: it resolves on the message that satisfies
 * it, never by polling on a timer.
 */
export class SmtpTestServer {
  readonly host: string;
  private portNumber = 0;
  private server?: SMTPServer;
  private readonly sockets = new Set<Socket>();
  private readonly received: ReceivedMail[] = [];
  private readonly perRecipient = new Map<string, number>();
  private readonly perKey = new Map<string, number>();
  private readonly waiters = new Set<Waiter>();
  private readonly listeners = new Set<(m: ReceivedMail) => void>();
  private rules: SmtpRule[] = [];
  private seq = 0;
  private total = 0;
  private rejectedCount = 0;

  private constructor(private readonly options: SmtpTestServerOptions) {
    this.host = options.host ?? '127.0.0.1';
  }

  static async start(options: SmtpTestServerOptions = {}): Promise<SmtpTestServer> {
    const s = new SmtpTestServer(options);
    s.portNumber = options.port ?? (await freePort());
    await s.listen();
    return s;
  }

  get port(): number {
    return this.portNumber;
  }

  get running(): boolean {
    return this.server !== undefined;
  }

  /** Messages kept, oldest first. */
  get messages(): readonly ReceivedMail[] {
    return this.received;
  }

  /** Messages accepted since start (or the last clear), including any dropped by maxMessages. */
  get count(): number {
    return this.total;
  }

  /** Recipients answered with a rule's code. */
  get rejected(): number {
    return this.rejectedCount;
  }

  /** How many messages were delivered to this address (envelope RCPT TO). */
  countFor(address: string): number {
    return this.perRecipient.get(address.toLowerCase()) ?? 0;
  }

  /** Deliveries per recipient address (lower case). */
  counts(): ReadonlyMap<string, number> {
    return this.perRecipient;
  }

  /**
   * (recipient, key) pairs delivered more than once, where the key is the Message-ID by default or
   * a header named here (e.g. a source-key header the sender sets).
   */
  duplicates(): Array<{ recipient: string; key: string; count: number }> {
    const out: Array<{ recipient: string; key: string; count: number }> = [];
    for (const [k, count] of this.perKey) {
      if (count > 1) {
        const [recipient, key] = k.split('\n');
        out.push({ recipient, key, count });
      }
    }
    return out;
  }

  /** The header whose value, with the recipient, identifies one logical message (for duplicates). */
  private dedupeHeader = 'message-id';
  keyBy(header: string): this {
    this.dedupeHeader = header.toLowerCase();
    return this;
  }

  /** Answer matching recipients with `code` (4xx transient, 5xx permanent) until cleared. */
  reject(rule: SmtpRule): this {
    this.rules.push({ ...rule });
    return this;
  }

  clearRules(): this {
    this.rules = [];
    return this;
  }

  /** Forget every message and count (rules stay). */
  clear(): void {
    this.received.length = 0;
    this.perRecipient.clear();
    this.perKey.clear();
    this.total = 0;
    this.rejectedCount = 0;
  }

  /** Called on every accepted message (the mail catcher's live list uses it). */
  onMessage(listener: (m: ReceivedMail) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Resolves with the kept messages once `predicate` holds over them (checked now and on every
   * accepted message); rejects after `timeoutMs` saying what it saw.
   */
  waitFor(
    predicate: (messages: readonly ReceivedMail[], server: SmtpTestServer) => boolean,
    timeoutMs = 10_000,
    what = 'the expected messages',
  ): Promise<readonly ReceivedMail[]> {
    if (predicate(this.received, this)) return Promise.resolve(this.received);
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        check: () => predicate(this.received, this),
        resolve: () => {
          clearTimeout(timer);
          this.waiters.delete(waiter);
          resolve(this.received);
        },
      };
      const timer = setTimeout(() => {
        this.waiters.delete(waiter);
        reject(
          new Error(
            `SMTP ${this.host}:${this.port}: ${what} not received within ${timeoutMs} ms ` +
              `(${this.total} accepted, ${this.rejectedCount} rejected; last: ${this.received
                .slice(-3)
                .map((m) => `${m.envelopeTo.join(',')} "${m.subject}"`)
                .join('; ')})`,
          ),
        );
      }, timeoutMs);
      this.waiters.add(waiter);
    });
  }

  /** The first kept message (or the next one to arrive) that matches. */
  async waitForMail(
    match: (m: ReceivedMail) => boolean,
    timeoutMs = 10_000,
    what = 'a matching message',
  ): Promise<ReceivedMail> {
    const all = await this.waitFor((ms) => ms.some(match), timeoutMs, what);
    return all.find(match) as ReceivedMail;
  }

  /** Waits until `n` messages in all have been accepted. */
  waitForCount(n: number, timeoutMs = 10_000): Promise<readonly ReceivedMail[]> {
    return this.waitFor(() => this.total >= n, timeoutMs, `${n} messages`);
  }

  /** Stops listening and cuts every open connection at once (an outage, not a graceful close). */
  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    const closed = new Promise<void>((resolve) => server.server.close(() => resolve()));
    for (const s of this.sockets) s.destroy();
    this.sockets.clear();
    await closed;
  }

  /** Listens again on the same port (after stop()). */
  async restart(): Promise<void> {
    await this.stop();
    await this.listen();
  }

  /** Stops for good and fails any pending waitFor. */
  async close(): Promise<void> {
    await this.stop();
    this.waiters.clear();
  }

  private async listen(): Promise<void> {
    const server = new SMTPServer({
      secure: false,
      disabledCommands: ['STARTTLS'],
      authOptional: true,
      logger: false,
      banner: 'tdkt test SMTP',
      size: 50 * 1024 * 1024,
      onAuth: (_auth, _session, cb) => cb(null, { user: 'test' }),
      onRcptTo: (address, _session, cb) => {
        const rule = this.ruleFor(address.address);
        if (!rule) return cb();
        this.rejectedCount++;
        const err = new Error(rule.message ?? (rule.code >= 500 ? 'Mailbox unavailable' : 'Try again later'));
        (err as Error & { responseCode: number }).responseCode = rule.code;
        return cb(err);
      },
      onData: (stream, session, cb) => {
        this.receive(stream, session).then(
          () => cb(),
          (e: unknown) => cb(e instanceof Error ? e : new Error(String(e))),
        );
      },
    });
    server.on('error', () => undefined);
    server.server.on('connection', (socket: Socket) => {
      this.sockets.add(socket);
      socket.once('close', () => this.sockets.delete(socket));
    });
    await new Promise<void>((resolve, reject) => {
      const onError = (e: Error): void => reject(e);
      server.server.once('error', onError);
      server.listen(this.portNumber, this.host, () => {
        server.server.off('error', onError);
        resolve();
      });
    });
    this.server = server;
  }

  private ruleFor(address: string): SmtpRule | undefined {
    const a = address.toLowerCase();
    const rule = this.rules.find((r) =>
      typeof r.match === 'string' ? r.match.toLowerCase() === a : r.match.test(address),
    );
    if (!rule) return undefined;
    if (rule.times !== undefined) {
      if (rule.times <= 0) return undefined;
      rule.times--;
    }
    return rule;
  }

  private async receive(stream: SMTPServerDataStream, session: SMTPServerSession): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of stream) chunks.push(c as Buffer);
    const raw = Buffer.concat(chunks);
    const envelopeFrom = session.envelope.mailFrom ? session.envelope.mailFrom.address.toLowerCase() : '';
    const envelopeTo = session.envelope.rcptTo.map((r) => r.address.toLowerCase());
    const mail = this.options.parse === 'headers' ? headersOnly(raw) : await parseFull(raw);
    const m: ReceivedMail = {
      seq: ++this.seq,
      receivedAt: new Date(),
      envelopeFrom,
      envelopeTo,
      size: raw.length,
      ...mail,
    };
    this.total++;
    const key = m.headers[this.dedupeHeader] ?? m.messageId;
    for (const r of envelopeTo) {
      this.perRecipient.set(r, (this.perRecipient.get(r) ?? 0) + 1);
      const k = `${r}\n${key}`;
      this.perKey.set(k, (this.perKey.get(k) ?? 0) + 1);
    }
    this.received.push(m);
    const max = this.options.maxMessages;
    if (max && this.received.length > max) this.received.splice(0, this.received.length - max);
    for (const l of this.listeners) l(m);
    for (const w of [...this.waiters]) if (w.check()) w.resolve();
  }
}

type Content = Omit<ReceivedMail, 'seq' | 'receivedAt' | 'envelopeFrom' | 'envelopeTo' | 'size'>;

function addresses(a: AddressObject | AddressObject[] | undefined): string[] {
  if (!a) return [];
  return (Array.isArray(a) ? a : [a]).flatMap((o) =>
    o.value.map((v) => (v.address ?? '').toLowerCase()).filter((x) => x !== ''),
  );
}

async function parseFull(raw: Buffer): Promise<Content> {
  const p = await simpleParser(raw, { skipImageLinks: true });
  const headers: Record<string, string> = {};
  for (const line of p.headerLines) {
    const name = line.key.toLowerCase();
    if (!(name in headers)) headers[name] = line.line.slice(line.line.indexOf(':') + 1).trim();
  }
  return {
    from: addresses(p.from)[0] ?? '',
    to: addresses(p.to),
    subject: p.subject ?? '',
    text: p.text ?? '',
    html: typeof p.html === 'string' ? p.html : '',
    messageId: p.messageId ?? '',
    headers,
    attachments: p.attachments.map((a) => ({
      filename: a.filename ?? '',
      contentType: a.contentType,
      size: a.size,
    })),
  };
}

function headersOnly(raw: Buffer): Content {
  const end = raw.indexOf('\r\n\r\n');
  const block = raw.subarray(0, end < 0 ? raw.length : end).toString('utf8');
  const headers: Record<string, string> = {};
  for (const line of block.replace(/\r\n[ \t]+/g, ' ').split('\r\n')) {
    const i = line.indexOf(':');
    if (i <= 0) continue;
    const name = line.slice(0, i).toLowerCase();
    if (!(name in headers)) headers[name] = line.slice(i + 1).trim();
  }
  const addr = (v: string | undefined): string[] =>
    (v ?? '').match(/[^\s<>,"]+@[^\s<>,"]+/g)?.map((x) => x.toLowerCase()) ?? [];
  return {
    from: addr(headers.from)[0] ?? '',
    to: addr(headers.to),
    subject: headers.subject ?? '',
    text: '',
    html: '',
    messageId: headers['message-id'] ?? '',
    headers,
    attachments: [],
  };
}

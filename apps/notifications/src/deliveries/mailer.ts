import { createTransport, Transporter } from 'nodemailer';
import type { NotificationsConfig } from '../config';

/** What an SMTP attempt came to. */
export type SendOutcome = { ok: true } | { ok: false; permanent: boolean; reason: string };

interface SmtpError {
  code?: string;
  responseCode?: number;
  response?: string;
  message?: string;
}

/**
 * Classifies a nodemailer error: a 5xx reply or a refused address is permanent (recorded, never
 * retried by itself); a 4xx reply, a refused/dropped connection, a timeout or an authentication
 * problem (our configuration, not the recipient) is transient (retried with backoff).
 */
export function classify(e: unknown): { permanent: boolean; reason: string } {
  const err = (e ?? {}) as SmtpError;
  const reason = String(err.response ?? err.message ?? e).slice(0, 500);
  if (typeof err.responseCode === 'number' && err.responseCode >= 500 && err.code !== 'EAUTH')
    return { permanent: true, reason };
  if (typeof err.responseCode === 'number' && err.responseCode >= 400) return { permanent: false, reason };
  if (err.code === 'EENVELOPE') return { permanent: true, reason };
  return { permanent: false, reason };
}

/** The SMTP side: one pooled, rate-limited nodemailer transport per instance. */
export class Mailer {
  private readonly transport: Transporter;
  private readonly domain: string;

  constructor(private readonly config: NotificationsConfig) {
    this.transport = createTransport({
      pool: true,
      host: config.SMTP_HOST,
      port: config.SMTP_PORT,
      secure: config.SMTP_SECURE === 'true',
      ...(config.SMTP_USER ? { auth: { user: config.SMTP_USER, pass: config.SMTP_PASS ?? '' } } : {}),
      maxConnections: config.SMTP_POOL_SIZE,
      maxMessages: 1000,
      // A message the pool could not start on a dropped connection goes back to our queue (with
      // our backoff and lease), not into the pool's own retries.
      maxRequeues: 0,
      rateDelta: 1000,
      rateLimit: config.SMTP_RATE_PER_SECOND,
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      // Well under the lease: a send never outlives its claim.
      socketTimeout: Math.min(30_000, (config.SENDER_LEASE_SECONDS * 1000) / 3),
    });
    this.domain = /@([^>\s]+)>?\s*$/.exec(config.SMTP_FROM)?.[1] ?? 'tdkt.local';
  }

  /** The Message-ID of a delivery: the same for every attempt, so a resend is recognisable. */
  messageId(deliveryId: string): string {
    return `<${deliveryId}@${this.domain}>`;
  }

  async send(m: {
    id: string;
    to: string;
    subject: string;
    text: string;
    html: string;
  }): Promise<SendOutcome> {
    try {
      await this.transport.sendMail({
        from: this.config.SMTP_FROM,
        to: m.to,
        subject: m.subject,
        text: m.text,
        html: m.html,
        messageId: this.messageId(m.id),
        headers: { 'X-TDKT-Delivery': m.id },
      });
      return { ok: true };
    } catch (e) {
      return { ok: false, ...classify(e) };
    }
  }

  close(): void {
    this.transport.close();
  }
}

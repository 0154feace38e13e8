import { createInbox, headers, Msg, NatsConnection } from 'nats';

interface PendingAck {
  resolve(ack: { seq: number; duplicate: boolean }): void;
  reject(e: Error): void;
  expires: number;
}

/**
 * Publishes to JetStream and awaits the stream's acknowledgement, with the message id header for
 * de-duplication. Acks arrive on one inbox subscription and one timer expires them (the client's
 * `js.publish` arms a timer and builds an error with a stack trace per message, even on success).
 */
export class JetStreamPublisher {
  private readonly inbox = createInbox();
  private readonly pending = new Map<string, PendingAck>();
  private seq = 0;
  private readonly sweeper: NodeJS.Timeout;
  private readonly decoder = new TextDecoder();

  constructor(
    private readonly nc: NatsConnection,
    private readonly timeoutMs = 5000,
  ) {
    nc.subscribe(`${this.inbox}.*`, { callback: (_err, msg) => this.onAck(msg) });
    this.sweeper = setInterval(() => this.expire(), 100);
    this.sweeper.unref();
    void nc.closed().then(() => clearInterval(this.sweeper));
  }

  publish(subject: string, data: Uint8Array, msgId: string): Promise<{ seq: number; duplicate: boolean }> {
    const token = (this.seq++).toString(36);
    const h = headers();
    h.set('Nats-Msg-Id', msgId);
    return new Promise((resolve, reject) => {
      this.pending.set(token, { resolve, reject, expires: Date.now() + this.timeoutMs });
      try {
        this.nc.publish(subject, data, { reply: `${this.inbox}.${token}`, headers: h });
      } catch (e) {
        this.pending.delete(token);
        reject(e as Error);
      }
    });
  }

  private onAck(msg: Msg): void {
    const token = msg.subject.slice(this.inbox.length + 1);
    const p = this.pending.get(token);
    if (!p) return;
    this.pending.delete(token);
    if (msg.headers?.code === 503) {
      p.reject(new Error('no stream listens on this subject (503)'));
      return;
    }
    try {
      const ack = JSON.parse(this.decoder.decode(msg.data)) as {
        seq?: number;
        duplicate?: boolean;
        error?: { code: number; description: string };
      };
      if (ack.error) p.reject(new Error(`JetStream refused the message: ${ack.error.description}`));
      else p.resolve({ seq: ack.seq ?? 0, duplicate: ack.duplicate === true });
    } catch (e) {
      p.reject(e as Error);
    }
  }

  private expire(): void {
    const now = Date.now();
    for (const [token, p] of this.pending) {
      if (p.expires > now) continue;
      this.pending.delete(token);
      p.reject(new Error(`no JetStream acknowledgement within ${this.timeoutMs} ms`));
    }
  }
}

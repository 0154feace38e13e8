import { createInbox, Msg, MsgHdrs, NatsConnection } from 'nats';

/** The reply did not come within the timeout. */
export class ReplyTimeout extends Error {}

/**
 * The connection to NATS is known to be down (disconnected, reconnecting or closed): the request
 * was not sent, or its answer can no longer arrive. Callers answer "unavailable" at once instead of
 * waiting for the timeout.
 */
export class ConnectionDown extends Error {
  constructor() {
    super('NATS connection is down');
  }
}

interface Waiting {
  resolve(msg: Msg): void;
  reject(e: Error): void;
  expires: number;
}

/**
 * Request/reply on one inbox subscription: a publish carries `<inbox>.<token>` as its reply
 * subject, the reply is matched back by token, and one timer expires what waits too long.
 * (nats.js `request()` arms a timer and a race per call and builds an error with a stack trace
 * even on success: ~5 % of the gateway's CPU.) Used by RpcClient and JetStreamPublisher.
 */
export class ReplyInbox {
  private readonly inbox = createInbox();
  private readonly waiting = new Map<string, Waiting>();
  private seq = 0;
  private readonly sweeper: NodeJS.Timeout;
  /** False from a `disconnect` status until the matching `reconnect`. */
  private up = true;

  constructor(
    private readonly nc: NatsConnection,
    sweepEveryMs = 25,
  ) {
    nc.subscribe(`${this.inbox}.*`, { callback: (_err, msg) => this.onReply(msg) });
    this.sweeper = setInterval(() => this.expire(), sweepEveryMs);
    this.sweeper.unref();
    void nc.closed().then(() => {
      clearInterval(this.sweeper);
      this.goDown();
    });
    void this.watch();
  }

  /** Whether requests can be sent now (the client is connected to a server). */
  get connected(): boolean {
    return this.up && !this.nc.isClosed();
  }

  private async watch(): Promise<void> {
    for await (const s of this.nc.status()) {
      if (s.type === 'disconnect' || s.type === 'reconnecting') this.goDown();
      else if (s.type === 'reconnect') this.up = true;
    }
  }

  /** Marks the connection down and fails what waits: its answer cannot come on this connection. */
  private goDown(): void {
    this.up = false;
    for (const [token, w] of this.waiting) {
      this.waiting.delete(token);
      w.reject(new ConnectionDown());
    }
  }

  /** Publishes and waits for the reply; rejects with ReplyTimeout, or with the publish error. */
  send(subject: string, data: Uint8Array, headers: MsgHdrs | undefined, timeoutMs: number): Promise<Msg> {
    if (!this.connected) return Promise.reject(new ConnectionDown());
    const token = (this.seq++).toString(36);
    return new Promise<Msg>((resolve, reject) => {
      this.waiting.set(token, { resolve, reject, expires: Date.now() + timeoutMs });
      try {
        this.nc.publish(subject, data, { reply: `${this.inbox}.${token}`, headers });
      } catch (e) {
        this.waiting.delete(token);
        reject(e as Error);
      }
    });
  }

  private onReply(msg: Msg): void {
    const token = msg.subject.slice(this.inbox.length + 1);
    const w = this.waiting.get(token);
    if (!w) return; // answered after its timeout
    this.waiting.delete(token);
    w.resolve(msg);
  }

  private expire(): void {
    const now = Date.now();
    for (const [token, w] of this.waiting) {
      if (w.expires > now) continue;
      this.waiting.delete(token);
      w.reject(new ReplyTimeout());
    }
  }
}

/** A reply the NATS server made because nobody listens on the subject (503 status, no payload). */
export function isNoResponders(msg: Msg): boolean {
  return msg.headers?.code === 503 && msg.data.length === 0;
}

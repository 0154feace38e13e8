import { headers, NatsConnection } from 'nats';
import { isNoResponders, ReplyInbox, ReplyTimeout } from '../nats/reply-inbox';

/**
 * Publishes to JetStream and awaits the stream's acknowledgement, with the message id header for
 * de-duplication, through a ReplyInbox (the client's `js.publish` arms a timer and builds an error
 * with a stack trace per message, even on success).
 */
export class JetStreamPublisher {
  private readonly inbox: ReplyInbox;
  private readonly decoder = new TextDecoder();

  constructor(
    nc: NatsConnection,
    private readonly timeoutMs = 5000,
  ) {
    this.inbox = new ReplyInbox(nc, 100);
  }

  async publish(
    subject: string,
    data: Uint8Array,
    msgId: string,
  ): Promise<{ seq: number; duplicate: boolean }> {
    const h = headers();
    h.set('Nats-Msg-Id', msgId);
    const msg = await this.inbox.send(subject, data, h, this.timeoutMs).catch((e: unknown) => {
      throw e instanceof ReplyTimeout
        ? new Error(`no JetStream acknowledgement within ${this.timeoutMs} ms`)
        : e;
    });
    if (isNoResponders(msg)) throw new Error('no stream listens on this subject (503)');
    const ack = JSON.parse(this.decoder.decode(msg.data)) as {
      seq?: number;
      duplicate?: boolean;
      error?: { code: number; description: string };
    };
    if (ack.error) throw new Error(`JetStream refused the message: ${ack.error.description}`);
    return { seq: ack.seq ?? 0, duplicate: ack.duplicate === true };
  }
}

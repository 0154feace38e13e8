import { InboxEventView, inboxLiveSubject } from '@tdkt/contracts';
import { NATS_CONNECTION, prefixed } from '@tdkt/platform';
import { NatsConnection, Subscription } from 'nats';
import type { Provider } from '@nestjs/common';

/**
 * Live inbox events for the gateway's server-sent events: one core-NATS subscription per open
 * stream, on the user's own subject (`<prefix>.notifications.inbox.live.<userId>`), published by
 * notifications after each commit. The subject is chosen from the verified token, never the request.
 */
export class InboxStreams {
  private readonly decoder = new TextDecoder();

  constructor(
    private readonly nc: NatsConnection,
    private readonly prefix: string,
  ) {}

  /** Subscribes (registered at the server when this resolves); call the answer to unsubscribe. */
  async open(userId: string, onEvent: (e: InboxEventView) => void): Promise<() => void> {
    const sub: Subscription = this.nc.subscribe(prefixed(this.prefix, inboxLiveSubject(userId)), {
      callback: (err, msg) => {
        if (err) return;
        try {
          onEvent(JSON.parse(this.decoder.decode(msg.data)) as InboxEventView);
        } catch {
          /* not ours */
        }
      },
    });
    await this.nc.flush();
    return () => sub.unsubscribe();
  }
}

/** The gateway module's provider (one line there). */
export const inboxStreamsProvider = (prefix: string): Provider => ({
  provide: InboxStreams,
  inject: [NATS_CONNECTION],
  useFactory: (nc: NatsConnection) => new InboxStreams(nc, prefix),
});

import { Inject, Injectable } from '@nestjs/common';
import { InboxEventView, inboxLiveSubject } from '@tdkt/contracts';
import { InjectConfig, NATS_CONNECTION, prefixed } from '@tdkt/platform';
import { NatsConnection } from 'nats';
import { NotificationsConfig } from '../config';

/**
 * Publishes inbox changes on core NATS after they are committed, one subject per user (the
 * gateway's server-sent events subscribe to it). Fire and forget: a front-end that was not
 * listening reloads the list.
 */
@Injectable()
export class InboxLive {
  private readonly encoder = new TextEncoder();

  constructor(
    @Inject(NATS_CONNECTION) private readonly nc: NatsConnection,
    @InjectConfig() private readonly config: NotificationsConfig,
  ) {}

  publish(userId: string, event: InboxEventView): void {
    try {
      this.nc.publish(
        prefixed(this.config.NATS_PREFIX, inboxLiveSubject(userId)),
        this.encoder.encode(JSON.stringify(event)),
      );
    } catch {
      /* the connection is closing: nobody is listening through it either */
    }
  }
}

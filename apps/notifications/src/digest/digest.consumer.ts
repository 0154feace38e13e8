import { Inject, Injectable } from '@nestjs/common';
import { IntakeEvents, IntakeStream } from '@tdkt/contracts';
import {
  ensureStream,
  InjectConfig,
  InjectLogger,
  jetStreamManager,
  NATS_CONNECTION,
  RunningConsumer,
  Startable,
  startConsumer,
} from '@tdkt/platform';
import { NatsConnection } from 'nats';
import type { Logger } from 'pino';
import { NotificationsConfig } from '../config';
import { DigestService } from './digest.service';

/**
 * `intake.submission.submitted` (every kind) → recorded for the daily digest. Durable
 * `notifications-digest-submitted`; batched (a deadline peak is thousands of submissions), each
 * event recorded once by its id.
 */
@Injectable()
export class DigestConsumer implements Startable {
  private consumer?: RunningConsumer;

  constructor(
    private readonly digest: DigestService,
    @Inject(NATS_CONNECTION) private readonly nc: NatsConnection,
    @InjectConfig() private readonly config: NotificationsConfig,
    @InjectLogger() private readonly logger: Logger,
  ) {}

  async start(): Promise<void> {
    await ensureStream(await jetStreamManager(this.nc), this.config.NATS_PREFIX, IntakeStream);
    this.consumer = await startConsumer({
      nc: this.nc,
      prefix: this.config.NATS_PREFIX,
      event: IntakeEvents.submissionSubmitted,
      durable: 'notifications-digest-submitted',
      logger: this.logger,
      maxDeliver: 20,
      handler: (e) => this.digest.record([e]),
      batchHandler: async (events) => {
        await this.digest.record(events);
        return events.map(() => undefined);
      },
    });
  }

  async stop(): Promise<void> {
    await this.consumer?.stop();
  }
}

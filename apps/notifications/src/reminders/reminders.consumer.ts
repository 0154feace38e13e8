import { Inject, Injectable } from '@nestjs/common';
import { RegistryEvents, RegistryStream } from '@tdkt/contracts';
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
import { RemindersService } from './reminders.service';

/**
 * `registry.campaign.changed` (a campaign or one of its milestones created, moved or deleted) →
 * the campaign's reminders rescheduled. Durable `notifications-reminders-campaign`, shared by the
 * instances; rescheduling reads the campaign as it is now, so a redelivered or stale event is
 * harmless.
 */
@Injectable()
export class RemindersConsumer implements Startable {
  private consumer?: RunningConsumer;

  constructor(
    private readonly reminders: RemindersService,
    @Inject(NATS_CONNECTION) private readonly nc: NatsConnection,
    @InjectConfig() private readonly config: NotificationsConfig,
    @InjectLogger() private readonly logger: Logger,
  ) {}

  async start(): Promise<void> {
    await ensureStream(await jetStreamManager(this.nc), this.config.NATS_PREFIX, RegistryStream);
    this.consumer = await startConsumer({
      nc: this.nc,
      prefix: this.config.NATS_PREFIX,
      event: RegistryEvents.campaignChanged,
      durable: 'notifications-reminders-campaign',
      logger: this.logger,
      maxDeliver: 20,
      handler: (e) => this.reminders.reschedule(e.data.groupId, e.data.year, e.data.campaignId),
    });
  }

  async stop(): Promise<void> {
    await this.consumer?.stop();
  }
}

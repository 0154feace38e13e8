import { Inject, Injectable } from '@nestjs/common';
import { HonoursEvents, HonoursStream } from '@tdkt/contracts';
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
import { AwardsConfig } from '../config';
import { DECISIONS_CONSUMER } from './decisions.repository';
import { DecisionsService } from './decisions.service';

/**
 * The consumer of the honours service's `honours.decision.recorded` (durable, explicit ack,
 * redelivery): transport only, each event goes to the decisions service.
 */
@Injectable()
export class DecisionsConsumer implements Startable {
  private consumer?: RunningConsumer;

  constructor(
    private readonly decisions: DecisionsService,
    @Inject(NATS_CONNECTION) private readonly nc: NatsConnection,
    @InjectConfig() private readonly config: AwardsConfig,
    @InjectLogger() private readonly logger: Logger,
  ) {}

  async start(): Promise<void> {
    const { nc, logger } = this;
    const prefix = this.config.NATS_PREFIX;
    // Honours owns the stream; ensuring it here lets awards start first (same definition).
    await ensureStream(await jetStreamManager(nc), prefix, HonoursStream);
    this.consumer = await startConsumer({
      nc,
      prefix,
      event: HonoursEvents.decisionRecorded,
      durable: DECISIONS_CONSUMER,
      logger,
      handler: (e) => this.decisions.receive(e, logger),
    });
  }

  async stop(): Promise<void> {
    await this.consumer?.stop();
  }
}

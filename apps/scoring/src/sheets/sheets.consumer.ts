import { Inject, Injectable } from '@nestjs/common';
import { IntakeEvents, IntakeStream, SubmissionKind } from '@tdkt/contracts';
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
import { ScoringConfig } from '../config';
import { SHEETS_CONSUMER } from './sheets.repository';
import { SheetsService } from './sheets.service';

/**
 * The consumer of intake's `intake.submission.submitted.SELF_SCORE` (the subject carries the kind:
 * scoring is sent self-score submissions only): transport only, each event or batch of events goes
 * to the sheets service.
 */
@Injectable()
export class SheetsConsumer implements Startable {
  private consumer?: RunningConsumer;

  constructor(
    private readonly sheets: SheetsService,
    @Inject(NATS_CONNECTION) private readonly nc: NatsConnection,
    @InjectConfig() private readonly config: ScoringConfig,
    @InjectLogger() private readonly logger: Logger,
  ) {}

  async start(): Promise<void> {
    const { nc, logger } = this;
    const prefix = this.config.NATS_PREFIX;
    // Intake owns the stream; ensuring it here lets scoring start first (same definition).
    await ensureStream(await jetStreamManager(nc), prefix, IntakeStream);
    this.consumer = await startConsumer({
      nc,
      prefix,
      event: IntakeEvents.submissionSubmitted,
      only: SubmissionKind.SELF_SCORE,
      durable: SHEETS_CONSUMER,
      logger,
      handler: (e) => this.sheets.receive(e, logger),
      batchHandler: (events) => this.sheets.receiveMany(events, logger),
    });
  }

  async stop(): Promise<void> {
    await this.consumer?.stop();
  }
}

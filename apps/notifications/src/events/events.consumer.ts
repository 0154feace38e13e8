import { Inject, Injectable } from '@nestjs/common';
import {
  EventDef,
  EventEnvelope,
  IntakeEvents,
  IntakeStream,
  RegistryEvents,
  RegistryStream,
  ScoringEvents,
  ScoringStream,
  StreamDef,
} from '@tdkt/contracts';
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
import { EventsService } from './events.service';

/**
 * The durable JetStream consumers of the events notifications turns into messages (transport
 * only; EventsService decides). One durable per event: `notifications-<event>`, shared by every
 * instance (each event is handled by one of them; redelivered if that one dies).
 */
@Injectable()
export class EventsConsumer implements Startable {
  private consumers: RunningConsumer[] = [];

  constructor(
    private readonly events: EventsService,
    @Inject(NATS_CONNECTION) private readonly nc: NatsConnection,
    @InjectConfig() private readonly config: NotificationsConfig,
    @InjectLogger() private readonly logger: Logger,
  ) {}

  async start(): Promise<void> {
    const s = this.events;
    const jsm = await jetStreamManager(this.nc);
    // The publishers own the streams; ensuring them here lets notifications start first.
    for (const stream of [IntakeStream, ScoringStream, RegistryStream] as StreamDef[])
      await ensureStream(jsm, this.config.NATS_PREFIX, stream);
    await this.consume('submitted', IntakeEvents.submissionSubmitted, (c, e) => s.submitted(c, e));
    await this.consume('returned', IntakeEvents.submissionReturned, (c, e) => s.returned(c, e));
    await this.consume('accepted', IntakeEvents.submissionAccepted, (c, e) => s.accepted(c, e));
    await this.consume('file-rejected', IntakeEvents.fileRejected, (c, e) => s.fileRejected(c, e));
    await this.consume('locked', ScoringEvents.groupYearLocked, (c, e) => s.locked(c, e));
    await this.consume('reopened', ScoringEvents.groupYearReopened, (c, e) => s.reopened(c, e));
    await this.consume('honours', ScoringEvents.honoursProposed, (c, e) => s.honours(c, e));
    await this.consume('leadership', RegistryEvents.leadershipChanged, (c, e) => s.leadership(c, e));
    await this.consume('campaign', RegistryEvents.campaignChanged, (c, e) => s.campaign(c, e));
  }

  private async consume<P>(
    name: string,
    event: EventDef<P>,
    handle: (consumer: string, e: EventEnvelope<P>) => Promise<void>,
  ): Promise<void> {
    const durable = `notifications-${name}`;
    this.consumers.push(
      await startConsumer({
        nc: this.nc,
        prefix: this.config.NATS_PREFIX,
        event,
        durable,
        logger: this.logger,
        // A registry or database outage of up to ~40 minutes delays notices rather than
        // dead-lettering them (3 s, 6 s, … between tries).
        maxDeliver: 40,
        backoffMs: 3000,
        handler: (e) => handle(durable, e),
      }),
    );
  }

  async stop(): Promise<void> {
    for (const c of this.consumers.splice(0)) await c.stop().catch(() => undefined);
  }
}

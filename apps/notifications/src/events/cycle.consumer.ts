import { Inject, Injectable } from '@nestjs/common';
import {
  EventDef,
  EventEnvelope,
  HonoursEvents,
  HonoursStream,
  NoticeKind,
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
import { CycleService } from './cycle.service';

/**
 * The durable consumers of closing the year's events (issue 15): conferences and next year's
 * leadership (registry), next year's covenant (scoring), dossiers and decisions (honours). One
 * durable per event, `notifications-<name>`, shared by every instance, as in EventsConsumer.
 */
@Injectable()
export class CycleConsumer implements Startable {
  private consumers: RunningConsumer[] = [];

  constructor(
    private readonly cycle: CycleService,
    @Inject(NATS_CONNECTION) private readonly nc: NatsConnection,
    @InjectConfig() private readonly config: NotificationsConfig,
    @InjectLogger() private readonly logger: Logger,
  ) {}

  async start(): Promise<void> {
    const s = this.cycle;
    const jsm = await jetStreamManager(this.nc);
    // The publishers own the streams; ensuring them here lets notifications start first.
    for (const stream of [RegistryStream, ScoringStream, HonoursStream] as StreamDef[])
      await ensureStream(jsm, this.config.NATS_PREFIX, stream);
    await this.consume('conference', RegistryEvents.conferencePlanned, (c, e) => s.conference(c, e));
    await this.consume('leadership-confirmed', RegistryEvents.leadershipConfirmed, (c, e) =>
      s.leadershipConfirmed(c, e),
    );
    await this.consume('covenant', ScoringEvents.covenantPublished, (c, e) => s.covenantPublished(c, e));
    await this.consume('dossier-submitted', HonoursEvents.dossierSubmitted, (c, e) =>
      s.dossier(c, NoticeKind.DOSSIER_SUBMITTED, e),
    );
    await this.consume('dossier-returned', HonoursEvents.dossierReturned, (c, e) =>
      s.dossier(c, NoticeKind.DOSSIER_RETURNED, e),
    );
    await this.consume('dossier-accepted', HonoursEvents.dossierAccepted, (c, e) =>
      s.dossier(c, NoticeKind.DOSSIER_ACCEPTED, e),
    );
    await this.consume('decision', HonoursEvents.decisionRecorded, (c, e) => s.decision(c, e));
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
        // As EventsConsumer: an outage of up to ~40 minutes delays notices rather than losing them.
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

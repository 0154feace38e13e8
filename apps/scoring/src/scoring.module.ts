import { DynamicModule, Module, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ScoringStream } from '@tdkt/contracts';
import {
  connectNats,
  HealthChecks,
  migrateOnBoot,
  NATS_CONNECTION,
  ObjectStorage,
  OpsModule,
  OutboxRelay,
  RpcClient,
  startEvents,
} from '@tdkt/platform';
import { NatsConnection } from 'nats';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import { ScoringConfig } from './config';
import { scoringDataSourceOptions } from './database/data-source';
import { SCHEMA } from './database/entities';
import { GroupDirectory } from './registry/group-directory';
import { ResultsService } from './results/results.service';
import { GROUPS, SchemesService } from './schemes/schemes.service';
import { ScoresService } from './scores/scores.service';
import { ScoringHandler } from './scoring.handler';
import { SCORING_STORAGE, SelfScoreSheetsService } from './sheets/self-score-sheets.service';

/** Boot order: migrate → stream → outbox relay → registry events → self-score sheets from intake. */
class ScoringLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  private relay?: OutboxRelay;

  constructor(
    private readonly ds: DataSource,
    private readonly nc: NatsConnection,
    private readonly config: ScoringConfig,
    private readonly logger: Logger,
    private readonly health: HealthChecks,
    private readonly groups: GroupDirectory,
    private readonly sheets: SelfScoreSheetsService,
    private readonly storage: ObjectStorage,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await migrateOnBoot(this.ds, SCHEMA, this.config, this.logger);
    this.relay = await startEvents({
      ds: this.ds,
      nc: this.nc,
      schema: SCHEMA,
      stream: ScoringStream,
      config: this.config,
      logger: this.logger,
      health: this.health,
    });
    this.groups.start();
    await this.sheets.start(this.nc, this.config.NATS_PREFIX, this.logger);
    this.health.register('storage', () => this.storage.ping());
  }

  async onApplicationShutdown(): Promise<void> {
    await this.sheets.stop();
    this.groups.stop();
    await this.relay?.stop();
    await this.nc.drain().catch(() => undefined);
  }
}

@Module({})
export class ScoringModule {
  static forRoot(config: ScoringConfig, logger: Logger): DynamicModule {
    return {
      module: ScoringModule,
      imports: [
        OpsModule,
        TypeOrmModule.forRoot(scoringDataSourceOptions(config.DATABASE_URL, config.DB_POOL_SIZE)),
      ],
      controllers: [ScoringHandler],
      providers: [
        {
          provide: NATS_CONNECTION,
          useFactory: () => connectNats({ url: config.NATS_URL, name: 'scoring' }),
        },
        {
          provide: GROUPS,
          inject: [NATS_CONNECTION],
          useFactory: (nc: NatsConnection) =>
            new GroupDirectory(
              new RpcClient(nc, { prefix: config.NATS_PREFIX, timeoutMs: config.RPC_TIMEOUT_MS }),
              nc,
              config.NATS_PREFIX,
              logger,
            ),
        },
        { provide: SCORING_STORAGE, useFactory: () => new ObjectStorage(config) },
        SchemesService,
        ScoresService,
        ResultsService,
        SelfScoreSheetsService,
        {
          provide: ScoringLifecycle,
          inject: [
            DataSource,
            NATS_CONNECTION,
            HealthChecks,
            GROUPS,
            SelfScoreSheetsService,
            SCORING_STORAGE,
          ],
          useFactory: (
            ds: DataSource,
            nc: NatsConnection,
            h: HealthChecks,
            g: GroupDirectory,
            s: SelfScoreSheetsService,
            o: ObjectStorage,
          ) => new ScoringLifecycle(ds, nc, config, logger, h, g, s, o),
        },
      ],
      exports: [NATS_CONNECTION],
    };
  }
}

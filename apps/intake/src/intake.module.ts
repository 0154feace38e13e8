import { DynamicModule, Module, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { IntakeStream } from '@tdkt/contracts';
import {
  connectNats,
  HealthChecks,
  migrateOnBoot,
  NATS_CONNECTION,
  ObjectStorage,
  OpsModule,
  OutboxRelay,
  startEvents,
  RpcClient,
} from '@tdkt/platform';
import { NatsConnection } from 'nats';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import { CampaignDirectory } from './campaigns/campaign-directory';
import { IntakeConfig } from './config';
import { intakeDataSourceOptions } from './database/data-source';
import { SCHEMA } from './database/entities';
import { FILE_SETTINGS, fileSettings, FilesService, INTAKE_LOGGER, STORAGE } from './files/files.service';
import { SubmissionsHandler } from './submissions/submissions.handler';
import { SubmissionsRepository } from './submissions/submissions.repository';
import { CAMPAIGNS, SubmissionsService } from './submissions/submissions.service';

const CONFIG = Symbol('CONFIG');

/** Boot order: migrate → bucket → stream → outbox relay → registry event subscription. */
class IntakeLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  private relay?: OutboxRelay;

  constructor(
    private readonly ds: DataSource,
    private readonly nc: NatsConnection,
    private readonly config: IntakeConfig,
    private readonly logger: Logger,
    private readonly health: HealthChecks,
    private readonly storage: ObjectStorage,
    private readonly campaigns: CampaignDirectory,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await migrateOnBoot(this.ds, SCHEMA, this.config, this.logger);
    await this.storage.ensureBucket(this.config.S3_REGION);
    this.relay = await startEvents({
      ds: this.ds,
      nc: this.nc,
      schema: SCHEMA,
      stream: IntakeStream,
      config: this.config,
      logger: this.logger,
      health: this.health,
    });
    this.campaigns.start();
    this.health.register('storage', () => this.storage.ping());
  }

  async onApplicationShutdown(): Promise<void> {
    this.campaigns.stop();
    await this.relay?.stop();
    await this.nc.drain().catch(() => undefined);
  }
}

@Module({})
export class IntakeModule {
  static forRoot(config: IntakeConfig, logger: Logger): DynamicModule {
    const files = fileSettings(config);
    return {
      module: IntakeModule,
      imports: [
        OpsModule,
        TypeOrmModule.forRoot(intakeDataSourceOptions(config.DATABASE_URL, config.DB_POOL_SIZE)),
      ],
      controllers: [SubmissionsHandler],
      providers: [
        { provide: CONFIG, useValue: config },
        { provide: INTAKE_LOGGER, useValue: logger },
        { provide: FILE_SETTINGS, useValue: files },
        { provide: STORAGE, useFactory: () => new ObjectStorage(config) },
        {
          provide: NATS_CONNECTION,
          useFactory: () => connectNats({ url: config.NATS_URL, name: 'intake' }),
        },
        {
          provide: CAMPAIGNS,
          inject: [NATS_CONNECTION],
          useFactory: (nc: NatsConnection) =>
            new CampaignDirectory(
              new RpcClient(nc, { prefix: config.NATS_PREFIX, timeoutMs: config.RPC_TIMEOUT_MS }),
              nc,
              config.NATS_PREFIX,
              config.CAMPAIGN_CACHE_SECONDS * 1000,
              logger,
            ),
        },
        SubmissionsRepository,
        SubmissionsService,
        FilesService,
        {
          provide: IntakeLifecycle,
          inject: [DataSource, NATS_CONNECTION, CONFIG, INTAKE_LOGGER, HealthChecks, STORAGE, CAMPAIGNS],
          useFactory: (
            ds: DataSource,
            nc: NatsConnection,
            c: IntakeConfig,
            l: Logger,
            h: HealthChecks,
            s: ObjectStorage,
            d: CampaignDirectory,
          ) => new IntakeLifecycle(ds, nc, c, l, h, s, d),
        },
      ],
      exports: [NATS_CONNECTION],
    };
  }
}

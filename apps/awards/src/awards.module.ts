import { DynamicModule, Module, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import {
  connectNats,
  HealthChecks,
  migrateOnBoot,
  NATS_CONNECTION,
  natsReadiness,
  ObjectStorage,
  OpsModule,
  RpcClient,
  StorageServiceConfig,
} from '@tdkt/platform';
import { NatsConnection } from 'nats';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import { AggregatesService, REGISTRY } from './aggregates/aggregates.service';
import { AwardsHandler } from './awards.handler';
import { AWARDS_STORAGE, RecordsService } from './records/records.service';
import { AwardsConfig } from './config';
import { awardsDataSourceOptions } from './database/data-source';
import { SCHEMA } from './database/entities';

/** Boot: migrate; readiness reports the database and NATS. (No events yet: nothing publishes.) */
class AwardsLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(
    private readonly ds: DataSource,
    private readonly nc: NatsConnection,
    private readonly config: AwardsConfig,
    private readonly logger: Logger,
    private readonly health: HealthChecks,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await migrateOnBoot(this.ds, SCHEMA, this.config, this.logger);
    this.health.register('database', () => this.ds.query('SELECT 1'));
    this.health.register('nats', natsReadiness(this.nc));
  }

  async onApplicationShutdown(): Promise<void> {
    await this.nc.drain().catch(() => undefined);
  }
}

@Module({})
export class AwardsModule {
  static forRoot(config: AwardsConfig, logger: Logger): DynamicModule {
    return {
      module: AwardsModule,
      imports: [
        OpsModule,
        TypeOrmModule.forRoot(awardsDataSourceOptions(config.DATABASE_URL, config.DB_POOL_SIZE)),
      ],
      controllers: [AwardsHandler],
      providers: [
        { provide: NATS_CONNECTION, useFactory: () => connectNats({ url: config.NATS_URL, name: 'awards' }) },
        {
          provide: REGISTRY,
          inject: [NATS_CONNECTION],
          useFactory: (nc: NatsConnection) =>
            new RpcClient(nc, { prefix: config.NATS_PREFIX, timeoutMs: config.RPC_TIMEOUT_MS }),
        },
        {
          provide: AWARDS_STORAGE,
          useFactory: async () => {
            if (!config.S3_ENDPOINT || !config.S3_BUCKET) return null;
            const storage = new ObjectStorage(config as unknown as StorageServiceConfig);
            await storage.ensureBucket(config.S3_REGION);
            return storage;
          },
        },
        AggregatesService,
        RecordsService,
        {
          provide: AwardsLifecycle,
          inject: [DataSource, NATS_CONNECTION, HealthChecks],
          useFactory: (ds: DataSource, nc: NatsConnection, h: HealthChecks) =>
            new AwardsLifecycle(ds, nc, config, logger, h),
        },
      ],
      exports: [NATS_CONNECTION],
    };
  }
}

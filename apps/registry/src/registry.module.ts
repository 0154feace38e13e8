import { DynamicModule, Module, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { REGISTRY_CACHE_INVALIDATE, RegistryStream } from '@tdkt/contracts';
import {
  CACHE_INVALIDATION,
  CacheInvalidation,
  connectNats,
  HealthChecks,
  migrateOnBoot,
  NATS_CONNECTION,
  OpsModule,
  OutboxRelay,
  startEvents,
  ReadCache,
} from '@tdkt/platform';
import { NatsConnection } from 'nats';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import { AuthHandler, AuthService } from './auth/auth.service';
import { CampaignsHandler, CampaignsService } from './campaigns/campaigns.service';
import { RegistryConfig } from './config';
import { registryDataSourceOptions } from './database/data-source';
import { SCHEMA } from './database/entities';
import { GroupsHandler } from './groups/groups.handler';
import { GroupsRepository } from './groups/groups.repository';
import { GroupsService } from './groups/groups.service';
import { LeadershipHandler, LeadershipService } from './leadership/leadership.service';
import { MembershipsHandler } from './memberships/memberships.handler';
import { MembershipsRepository } from './memberships/memberships.repository';
import { MembershipsService } from './memberships/memberships.service';
import { DemoSeeder } from './seed/seeder';
import { UnitsHandler } from './units/units.handler';
import { UnitsRepository } from './units/units.repository';
import { UnitsService } from './units/units.service';

export const LOGGER = Symbol('LOGGER');
export const CONFIG = Symbol('CONFIG');

/** Boot order: migrate → (seed) → stream → outbox relay; readiness reports the database and NATS. */
class RegistryLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  private relay?: OutboxRelay;

  constructor(
    private readonly ds: DataSource,
    private readonly nc: NatsConnection,
    private readonly config: RegistryConfig,
    private readonly logger: Logger,
    private readonly health: HealthChecks,
    private readonly seeder: DemoSeeder,
    private readonly invalidation: CacheInvalidation,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await migrateOnBoot(this.ds, SCHEMA, this.config, this.logger);
    if (this.config.REGISTRY_SEED_DEMO === 'true') {
      const seeded = await this.seeder.run(this.config.DEMO_PASSWORD as string);
      this.logger.info(seeded, 'demo registry loaded');
    }
    this.invalidation.start();
    this.invalidation.invalidate();
    this.relay = await startEvents({
      ds: this.ds,
      nc: this.nc,
      schema: SCHEMA,
      stream: RegistryStream,
      config: this.config,
      logger: this.logger,
      health: this.health,
    });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.relay?.stop();
    this.invalidation.stop();
    await this.nc.drain().catch(() => undefined);
  }
}

@Module({})
export class RegistryModule {
  static forRoot(config: RegistryConfig, logger: Logger): DynamicModule {
    return {
      module: RegistryModule,
      imports: [
        OpsModule,
        TypeOrmModule.forRoot(registryDataSourceOptions(config.DATABASE_URL, config.DB_POOL_SIZE)),
      ],
      controllers: [
        UnitsHandler,
        GroupsHandler,
        MembershipsHandler,
        LeadershipHandler,
        CampaignsHandler,
        AuthHandler,
      ],
      providers: [
        { provide: CONFIG, useValue: config },
        { provide: LOGGER, useValue: logger },
        {
          provide: NATS_CONNECTION,
          useFactory: () => connectNats({ url: config.NATS_URL, name: 'registry' }),
        },
        {
          provide: CACHE_INVALIDATION,
          inject: [NATS_CONNECTION],
          useFactory: (nc: NatsConnection) =>
            new CacheInvalidation(nc, config.NATS_PREFIX, REGISTRY_CACHE_INVALIDATE, new ReadCache(), logger),
        },
        UnitsRepository,
        UnitsService,
        GroupsRepository,
        GroupsService,
        MembershipsRepository,
        MembershipsService,
        LeadershipService,
        CampaignsService,
        AuthService,
        DemoSeeder,
        {
          provide: RegistryLifecycle,
          inject: [DataSource, NATS_CONNECTION, CONFIG, LOGGER, HealthChecks, DemoSeeder, CACHE_INVALIDATION],
          useFactory: (
            ds: DataSource,
            nc: NatsConnection,
            c: RegistryConfig,
            l: Logger,
            h: HealthChecks,
            s: DemoSeeder,
            i: CacheInvalidation,
          ) => new RegistryLifecycle(ds, nc, c, l, h, s, i),
        },
      ],
      exports: [NATS_CONNECTION],
    };
  }
}

import { REGISTRY_CACHE_INVALIDATE, RegistryRpc, RegistryStream } from '@tdkt/contracts';
import {
  CACHE_INVALIDATION,
  CacheInvalidation,
  NATS_CONNECTION,
  ReadCache,
  SERVICE_REPLY_CACHE,
  ServiceDefinition,
  Startable,
} from '@tdkt/platform';
import { NatsConnection } from 'nats';
import { AuthHandler } from './auth/auth.handler';
import { AuthRepository } from './auth/auth.repository';
import { AuthService } from './auth/auth.service';
import { CampaignsHandler } from './campaigns/campaigns.handler';
import { CampaignsRepository } from './campaigns/campaigns.repository';
import { CampaignsService } from './campaigns/campaigns.service';
import { ConferencesHandler } from './conferences/conferences.handler';
import { ConferencesRepository } from './conferences/conferences.repository';
import { ConferencesService } from './conferences/conferences.service';
import { RegistryConfig } from './config';
import { registryDataSourceOptions } from './database/data-source';
import { SCHEMA } from './database/entities';
import { GroupsHandler } from './groups/groups.handler';
import { GroupsRepository } from './groups/groups.repository';
import { GroupsService } from './groups/groups.service';
import { LeadershipHandler } from './leadership/leadership.handler';
import { LeadershipRepository } from './leadership/leadership.repository';
import { LeadershipService } from './leadership/leadership.service';
import { MembershipsHandler } from './memberships/memberships.handler';
import { MembershipsRepository } from './memberships/memberships.repository';
import { MembershipsService } from './memberships/memberships.service';
import { NominationsHandler } from './nominations/nominations.handler';
import { NominationsRepository } from './nominations/nominations.repository';
import { NominationsService } from './nominations/nominations.service';
import { SeedRepository } from './seed/seed.repository';
import { DemoSeeder } from './seed/seed.service';
import { UnitsHandler } from './units/units.handler';
import { UnitsRepository } from './units/units.repository';
import { UnitsService } from './units/units.service';
import { UsersHandler } from './users/users.handler';
import { UsersRepository } from './users/users.repository';
import { UsersService } from './users/users.service';

const SEED = Symbol('SEED');
const INVALIDATION = Symbol('INVALIDATION');

/**
 * The registry, as the service kit builds it: answers `registry.*`, reads from a reply cache that
 * every committed write invalidates on every instance, publishes `RegistryStream`, and loads the
 * demo registry when asked (REGISTRY_SEED_DEMO=true).
 */
export const REGISTRY_SERVICE: ServiceDefinition<RegistryConfig> = {
  name: 'registry',
  schema: SCHEMA,
  config: RegistryConfig,
  dataSource: (c) => registryDataSourceOptions(c.DATABASE_URL, c.DB_POOL_SIZE),
  handlers: [
    UnitsHandler,
    GroupsHandler,
    MembershipsHandler,
    LeadershipHandler,
    CampaignsHandler,
    ConferencesHandler,
    NominationsHandler,
    AuthHandler,
    UsersHandler,
  ],
  publishes: RegistryStream,
  cacheable: Object.values(RegistryRpc).filter((d) => d.cacheable),
  startables: [SEED, INVALIDATION],
  providers: (config, logger) => [
    {
      provide: CACHE_INVALIDATION,
      inject: [NATS_CONNECTION, SERVICE_REPLY_CACHE],
      useFactory: (nc: NatsConnection, cache: ReadCache) =>
        new CacheInvalidation(nc, config.NATS_PREFIX, REGISTRY_CACHE_INVALIDATE, cache, logger),
    },
    UnitsRepository,
    UnitsService,
    GroupsRepository,
    GroupsService,
    MembershipsRepository,
    MembershipsService,
    LeadershipRepository,
    LeadershipService,
    CampaignsRepository,
    CampaignsService,
    ConferencesRepository,
    ConferencesService,
    NominationsRepository,
    NominationsService,
    AuthRepository,
    AuthService,
    UsersRepository,
    UsersService,
    SeedRepository,
    DemoSeeder,
    {
      provide: SEED,
      inject: [DemoSeeder],
      useFactory: (seeder: DemoSeeder): Startable => ({
        start: async () => {
          if (config.REGISTRY_SEED_DEMO !== 'true') return;
          logger.info(await seeder.run(config.DEMO_PASSWORD as string), 'demo registry loaded');
        },
        stop: () => undefined,
      }),
    },
    {
      provide: INVALIDATION,
      inject: [CACHE_INVALIDATION],
      useFactory: (invalidation: CacheInvalidation): Startable => ({
        start: () => {
          invalidation.start();
          invalidation.invalidate();
        },
        stop: () => invalidation.stop(),
      }),
    },
  ],
};

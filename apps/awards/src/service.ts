import { NATS_CONNECTION, REGISTRY_CLIENT, RegistryClient, ServiceDefinition } from '@tdkt/platform';
import { NatsConnection } from 'nats';
import { AggregatesHandler } from './aggregates/aggregates.handler';
import { AggregatesRepository } from './aggregates/aggregates.repository';
import { AggregatesService } from './aggregates/aggregates.service';
import { CatalogueHandler } from './catalogue/catalogue.handler';
import { CatalogueService } from './catalogue/catalogue.service';
import { AwardsConfig } from './config';
import { DecisionsConsumer } from './decisions/decisions.consumer';
import { DecisionsRepository } from './decisions/decisions.repository';
import { DecisionsService } from './decisions/decisions.service';
import { awardsDataSourceOptions } from './database/data-source';
import { SCHEMA } from './database/entities';
import { RecordImporter } from './records/record-import';
import { RecordsHandler } from './records/records.handler';
import { RecordsRepository } from './records/records.repository';
import { RecordsService } from './records/records.service';
import { StatisticsService } from './records/statistics.service';
import { RegistryLookups } from './registry/registry-lookups';
import { UploadsHandler } from './uploads/uploads.handler';
import { UploadsJobs } from './uploads/uploads.jobs';
import { UploadsRepository } from './uploads/uploads.repository';
import { UploadsService } from './uploads/uploads.service';

/**
 * Awards, as the service kit builds it: answers `awards.*` (queue group `awards`, one handler per
 * feature), publishes no events, object storage optional (large record files go through it), a
 * LookupCache of registry answers kept fresh from registry events, and jobs (`records-import`: an
 * uploaded file's import).
 */
export const AWARDS_SERVICE: ServiceDefinition<AwardsConfig> = {
  name: 'awards',
  schema: SCHEMA,
  config: AwardsConfig,
  dataSource: (c) => awardsDataSourceOptions(c.DATABASE_URL, c.DB_POOL_SIZE),
  handlers: [CatalogueHandler, AggregatesHandler, RecordsHandler, UploadsHandler],
  storage: 'optional',
  jobs: true,
  startables: [RegistryLookups],
  // The honours service's decisions become award records (decisions/).
  consumers: [DecisionsConsumer],
  providers: (config, logger) => [
    {
      provide: RegistryLookups,
      inject: [REGISTRY_CLIENT, NATS_CONNECTION],
      useFactory: (registry: RegistryClient, nc: NatsConnection) =>
        new RegistryLookups(registry, nc, config.NATS_PREFIX, logger),
    },
    CatalogueService,
    AggregatesRepository,
    AggregatesService,
    RecordsRepository,
    RecordImporter,
    RecordsService,
    StatisticsService,
    UploadsRepository,
    UploadsService,
    UploadsJobs,
    DecisionsRepository,
    DecisionsService,
    DecisionsConsumer,
  ],
};

import { SERVICE_RPC, SERVICE_STORAGE, ServiceDefinition } from '@tdkt/platform';
import { AggregatesService, REGISTRY } from './aggregates/aggregates.service';
import { AwardsHandler } from './awards.handler';
import { AwardsConfig } from './config';
import { awardsDataSourceOptions } from './database/data-source';
import { SCHEMA } from './database/entities';
import { AWARDS_STORAGE, RecordsService } from './records/records.service';

/**
 * Awards, as the service kit builds it: answers `awards.*` (queue group `awards`), publishes
 * nothing yet, object storage optional (large record files go through it).
 */
export const AWARDS_SERVICE: ServiceDefinition<AwardsConfig> = {
  name: 'awards',
  schema: SCHEMA,
  config: AwardsConfig,
  dataSource: (c) => awardsDataSourceOptions(c.DATABASE_URL, c.DB_POOL_SIZE),
  handlers: [AwardsHandler],
  storage: 'optional',
  providers: () => [
    { provide: REGISTRY, useExisting: SERVICE_RPC },
    { provide: AWARDS_STORAGE, useExisting: SERVICE_STORAGE },
    AggregatesService,
    RecordsService,
  ],
};

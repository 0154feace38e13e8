import { IntakeStream } from '@tdkt/contracts';
import { NATS_CONNECTION, REGISTRY_CLIENT, RegistryClient, ServiceDefinition } from '@tdkt/platform';
import { NatsConnection } from 'nats';
import { CAMPAIGNS, CampaignDirectory } from './campaigns/campaign-directory';
import { CampaignsHandler } from './campaigns/campaigns.handler';
import { CampaignsRepository } from './campaigns/campaigns.repository';
import { CampaignsService } from './campaigns/campaigns.service';
import { IntakeConfig } from './config';
import { intakeDataSourceOptions } from './database/data-source';
import { SCHEMA } from './database/entities';
import { FilesHandler } from './files/files.handler';
import { FilesJobs } from './files/files.jobs';
import { FilesRepository } from './files/files.repository';
import { FILE_SETTINGS, fileSettings, FilesService } from './files/files.service';
import { ReceiptsHandler } from './receipts/receipts.handler';
import { ReceiptsRepository } from './receipts/receipts.repository';
import { ReceiptsService } from './receipts/receipts.service';
import { SubmissionsHandler } from './submissions/submissions.handler';
import { SubmissionsRepository } from './submissions/submissions.repository';
import { SubmissionsService } from './submissions/submissions.service';

/**
 * Intake, as the service kit builds it: answers `intake.*` (queue group `intake`, so N instances
 * share the deadline peak), publishes `IntakeStream`, evidence in object storage, a directory of
 * campaigns kept fresh from registry events, and jobs (`file-confirm`: a large file's check).
 */
export const INTAKE_SERVICE: ServiceDefinition<IntakeConfig> = {
  name: 'intake',
  schema: SCHEMA,
  config: IntakeConfig,
  dataSource: (c) => intakeDataSourceOptions(c.DATABASE_URL, c.DB_POOL_SIZE),
  handlers: [SubmissionsHandler, FilesHandler, ReceiptsHandler, CampaignsHandler],
  publishes: IntakeStream,
  storage: 'required',
  jobs: true,
  startables: [CAMPAIGNS],
  providers: (config, logger) => [
    { provide: FILE_SETTINGS, useValue: fileSettings(config) },
    {
      provide: CAMPAIGNS,
      inject: [REGISTRY_CLIENT, NATS_CONNECTION],
      useFactory: (registry: RegistryClient, nc: NatsConnection) =>
        new CampaignDirectory(registry, nc, config.NATS_PREFIX, config.CAMPAIGN_CACHE_SECONDS * 1000, logger),
    },
    SubmissionsRepository,
    SubmissionsService,
    FilesRepository,
    FilesService,
    FilesJobs,
    ReceiptsRepository,
    ReceiptsService,
    CampaignsRepository,
    CampaignsService,
  ],
};

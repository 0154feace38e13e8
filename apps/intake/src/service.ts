import { IntakeStream } from '@tdkt/contracts';
import {
  NATS_CONNECTION,
  RpcClient,
  SERVICE_LOGGER,
  SERVICE_RPC,
  SERVICE_STORAGE,
  ServiceDefinition,
} from '@tdkt/platform';
import { NatsConnection } from 'nats';
import { CampaignDirectory } from './campaigns/campaign-directory';
import { IntakeConfig } from './config';
import { intakeDataSourceOptions } from './database/data-source';
import { SCHEMA } from './database/entities';
import { FILE_SETTINGS, fileSettings, FilesService, INTAKE_LOGGER, STORAGE } from './files/files.service';
import { SubmissionsHandler } from './submissions/submissions.handler';
import { SubmissionsRepository } from './submissions/submissions.repository';
import { CAMPAIGNS, SubmissionsService } from './submissions/submissions.service';

/**
 * Intake, as the service kit builds it: answers `intake.*` (queue group `intake`, so N instances
 * share the deadline peak), publishes `IntakeStream`, evidence in object storage, and a directory
 * of campaigns kept fresh from registry events.
 */
export const INTAKE_SERVICE: ServiceDefinition<IntakeConfig> = {
  name: 'intake',
  schema: SCHEMA,
  config: IntakeConfig,
  dataSource: (c) => intakeDataSourceOptions(c.DATABASE_URL, c.DB_POOL_SIZE),
  handlers: [SubmissionsHandler],
  publishes: IntakeStream,
  storage: 'required',
  startables: [CAMPAIGNS],
  providers: (config, logger) => [
    { provide: INTAKE_LOGGER, useExisting: SERVICE_LOGGER },
    { provide: FILE_SETTINGS, useValue: fileSettings(config) },
    { provide: STORAGE, useExisting: SERVICE_STORAGE },
    {
      provide: CAMPAIGNS,
      inject: [SERVICE_RPC, NATS_CONNECTION],
      useFactory: (rpc: RpcClient, nc: NatsConnection) =>
        new CampaignDirectory(rpc, nc, config.NATS_PREFIX, config.CAMPAIGN_CACHE_SECONDS * 1000, logger),
    },
    SubmissionsRepository,
    SubmissionsService,
    FilesService,
  ],
};

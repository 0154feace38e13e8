import { INTAKE_RECEIPTS_CLIENT, intakeReceiptsClient } from './data/clients';
import {
  JobRunner,
  NATS_CONNECTION,
  RpcClient,
  SERVICE_LOGGER,
  SERVICE_RPC,
  ServiceDefinition,
} from '@tdkt/platform';
import { NatsConnection } from 'nats';
import { DataSource } from 'typeorm';
import type { Logger } from 'pino';
import { ChromiumPool } from './chromium/chromium-pool';
import { chromiumPath } from './chromium/chromium-path';
import { ChromiumStartable } from './chromium/chromium.startable';
import { DocumentsConfig } from './config';
import { AWARDS_CLIENT, awardsClient, SCORING_CLIENT, scoringClient } from './data/clients';
import { DataGatherer } from './data/gather';
import { documentsDataSourceOptions } from './database/data-source';
import { SCHEMA } from './database/entities';
import { DocumentsHandler } from './documents/documents.handler';
import { DocumentsJobs, ExtraRenderWorkers } from './documents/documents.jobs';
import { DocumentsRepository } from './documents/documents.repository';
import { DocumentsService } from './documents/documents.service';
import { Renderer } from './render/renderer';

/**
 * Documents, as the service kit builds it: answers `documents.*` (queue group `documents`),
 * object storage required (every rendered file is kept with its SHA-256), jobs (`render`, from the
 * `DOCUMENTS_JOBS` work queue), a warm Chromium pool started before the job worker and stopped
 * after it, and typed clients of registry, scoring, awards and intake (documents reads nothing
 * but their answers).
 */
export const DOCUMENTS_SERVICE: ServiceDefinition<DocumentsConfig> = {
  name: 'documents',
  schema: SCHEMA,
  config: DocumentsConfig,
  dataSource: (c) => documentsDataSourceOptions(c.DATABASE_URL, c.DB_POOL_SIZE),
  handlers: [DocumentsHandler],
  storage: 'required',
  jobs: true,
  // The pool first (a warm browser before any job), then the extra render workers.
  startables: [ChromiumStartable, ExtraRenderWorkers],
  providers: (config) => [
    {
      provide: ChromiumPool,
      inject: [SERVICE_LOGGER],
      useFactory: (logger: Logger) =>
        new ChromiumPool({
          executablePath: chromiumPath(config.CHROMIUM_PATH),
          maxPages: config.RENDER_CONCURRENCY,
          restartAfter: config.CHROMIUM_RESTART_AFTER,
          maxRssMb: config.CHROMIUM_MAX_RSS_MB,
          stepTimeoutMs: config.RENDER_STEP_TIMEOUT_MS,
          maxStepTimeoutMs: config.RENDER_STEP_TIMEOUT_MAX_MS,
          retries: 2,
          isolation: config.CHROMIUM_ISOLATION,
          logger,
        }),
    },
    {
      provide: ChromiumStartable,
      inject: [ChromiumPool],
      useFactory: (p: ChromiumPool) => new ChromiumStartable(p),
    },
    { provide: SCORING_CLIENT, inject: [SERVICE_RPC], useFactory: (rpc: RpcClient) => scoringClient(rpc) },
    { provide: AWARDS_CLIENT, inject: [SERVICE_RPC], useFactory: (rpc: RpcClient) => awardsClient(rpc) },
    {
      provide: INTAKE_RECEIPTS_CLIENT,
      inject: [SERVICE_RPC],
      useFactory: (rpc: RpcClient) => intakeReceiptsClient(rpc),
    },
    Renderer,
    DataGatherer,
    DocumentsRepository,
    DocumentsService,
    DocumentsJobs,
    {
      provide: ExtraRenderWorkers,
      inject: [DataSource, NATS_CONNECTION, SERVICE_LOGGER, DocumentsService],
      useFactory: (ds: DataSource, nc: NatsConnection, logger: Logger, documents: DocumentsService) =>
        new ExtraRenderWorkers(
          config.RENDER_JOBS_AT_ONCE - 1,
          () =>
            new JobRunner({
              ds,
              nc,
              schema: SCHEMA,
              prefix: config.NATS_PREFIX,
              service: 'documents',
              logger,
            }),
          documents,
        ),
    },
  ],
};

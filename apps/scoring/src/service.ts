import { ScoringStream } from '@tdkt/contracts';
import { NATS_CONNECTION, REGISTRY_CLIENT, RegistryClient, ServiceDefinition } from '@tdkt/platform';
import { NatsConnection } from 'nats';
import { ScoringConfig } from './config';
import { scoringDataSourceOptions } from './database/data-source';
import { SCHEMA } from './database/entities';
import { CovenantHandler } from './covenant/covenant.handler';
import { CovenantRepository } from './covenant/covenant.repository';
import { CovenantService } from './covenant/covenant.service';
import { ExportsHandler } from './exports/exports.handler';
import { ExportsService } from './exports/exports.service';
import { GroupYearsRepository } from './group-years/group-years.repository';
import { GroupYearsService } from './group-years/group-years.service';
import { GroupDirectory } from './registry/group-directory';
import { ResultsHandler } from './results/results.handler';
import { ResultsRepository } from './results/results.repository';
import { ResultsService } from './results/results.service';
import { SchemesHandler } from './schemes/schemes.handler';
import { SchemesRepository } from './schemes/schemes.repository';
import { SchemesService } from './schemes/schemes.service';
import { ScoresHandler } from './scores/scores.handler';
import { ScoresRepository } from './scores/scores.repository';
import { ScoresService } from './scores/scores.service';
import { SheetsConsumer } from './sheets/sheets.consumer';
import { SheetsHandler } from './sheets/sheets.handler';
import { SheetsRepository } from './sheets/sheets.repository';
import { SheetsService } from './sheets/sheets.service';

/**
 * Scoring, as the service kit builds it: answers `scoring.*` (one handler per feature), publishes
 * `ScoringStream`, keeps a directory of group-years fresh from registry events, and consumes
 * intake's self-score sheets.
 */
export const SCORING_SERVICE: ServiceDefinition<ScoringConfig> = {
  name: 'scoring',
  schema: SCHEMA,
  config: ScoringConfig,
  dataSource: (c) => scoringDataSourceOptions(c.DATABASE_URL, c.DB_POOL_SIZE),
  handlers: [SchemesHandler, CovenantHandler, ScoresHandler, ResultsHandler, SheetsHandler, ExportsHandler],
  publishes: ScoringStream,
  storage: 'required',
  startables: [GroupDirectory],
  consumers: [SheetsConsumer],
  providers: (config, logger) => [
    {
      provide: GroupDirectory,
      inject: [REGISTRY_CLIENT, NATS_CONNECTION],
      useFactory: (registry: RegistryClient, nc: NatsConnection) =>
        new GroupDirectory(registry, nc, config.NATS_PREFIX, logger),
    },
    GroupYearsRepository,
    GroupYearsService,
    SchemesRepository,
    SchemesService,
    CovenantRepository,
    CovenantService,
    ScoresRepository,
    ScoresService,
    ResultsRepository,
    ResultsService,
    SheetsRepository,
    SheetsService,
    SheetsConsumer,
    ExportsService,
  ],
};

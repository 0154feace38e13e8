import { ScoringStream } from '@tdkt/contracts';
import {
  NATS_CONNECTION,
  SERVICE_RPC,
  SERVICE_STORAGE,
  ServiceDefinition,
  Startable,
  RpcClient,
} from '@tdkt/platform';
import { NatsConnection } from 'nats';
import { ScoringConfig } from './config';
import { scoringDataSourceOptions } from './database/data-source';
import { SCHEMA } from './database/entities';
import { GroupDirectory } from './registry/group-directory';
import { ResultsService } from './results/results.service';
import { GROUPS, SchemesService } from './schemes/schemes.service';
import { ScoresService } from './scores/scores.service';
import { ScoringHandler } from './scoring.handler';
import { SCORING_STORAGE, SelfScoreSheetsService } from './sheets/self-score-sheets.service';

/** The consumer of intake's submissions that notes self-score sheets. */
const SHEETS_CONSUMER = Symbol('SHEETS_CONSUMER');

/**
 * Scoring, as the service kit builds it: answers `scoring.*`, publishes `ScoringStream`, keeps a
 * directory of group-years fresh from registry events, and consumes intake's self-score sheets.
 */
export const SCORING_SERVICE: ServiceDefinition<ScoringConfig> = {
  name: 'scoring',
  schema: SCHEMA,
  config: ScoringConfig,
  dataSource: (c) => scoringDataSourceOptions(c.DATABASE_URL, c.DB_POOL_SIZE),
  handlers: [ScoringHandler],
  publishes: ScoringStream,
  storage: 'required',
  startables: [GROUPS],
  consumers: [SHEETS_CONSUMER],
  providers: (config, logger) => [
    { provide: SCORING_STORAGE, useExisting: SERVICE_STORAGE },
    {
      provide: GROUPS,
      inject: [SERVICE_RPC, NATS_CONNECTION],
      useFactory: (rpc: RpcClient, nc: NatsConnection) =>
        new GroupDirectory(rpc, nc, config.NATS_PREFIX, logger),
    },
    SchemesService,
    ScoresService,
    ResultsService,
    SelfScoreSheetsService,
    {
      provide: SHEETS_CONSUMER,
      inject: [SelfScoreSheetsService, NATS_CONNECTION],
      useFactory: (sheets: SelfScoreSheetsService, nc: NatsConnection): Startable => ({
        start: () => sheets.start(nc, config.NATS_PREFIX, logger),
        stop: () => sheets.stop(),
      }),
    },
  ],
};

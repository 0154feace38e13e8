import { HonoursStream } from '@tdkt/contracts';
import { ServiceDefinition } from '@tdkt/platform';
import { HonoursConfig } from './config';
import { honoursDataSourceOptions } from './database/data-source';
import { SCHEMA } from './database/entities';
import { DecisionsHandler } from './decisions/decisions.handler';
import { DecisionsRepository } from './decisions/decisions.repository';
import { DecisionsService } from './decisions/decisions.service';
import { DossiersHandler } from './dossiers/dossiers.handler';
import { DossiersRepository } from './dossiers/dossiers.repository';
import { DossiersService } from './dossiers/dossiers.service';
import { DossierParts } from './dossiers/parts';

/**
 * Honours, as the service kit builds it: answers `honours.*` (queue group `honours`): proposal
 * dossiers (asking scoring, documents and intake for their parts) and the board's decisions;
 * publishes `honours.*` events to HONOURS_EVENTS through its outbox (awards makes the award
 * records of a decision from them). No object storage, no consumers.
 */
export const HONOURS_SERVICE: ServiceDefinition<HonoursConfig> = {
  name: 'honours',
  schema: SCHEMA,
  config: HonoursConfig,
  dataSource: (c) => honoursDataSourceOptions(c.DATABASE_URL, c.DB_POOL_SIZE),
  handlers: [DossiersHandler, DecisionsHandler],
  publishes: HonoursStream,
  providers: () => [DossierParts, DossiersRepository, DossiersService, DecisionsRepository, DecisionsService],
};

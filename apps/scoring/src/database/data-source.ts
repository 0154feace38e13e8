import { serviceDataSourceOptions } from '@tdkt/platform';
import { DataSourceOptions } from 'typeorm';
import { SCHEMA, SCORING_ENTITIES } from './entities';
import { SchemaAndOutbox1795700000000 } from './migrations/1795700000000-schema-and-outbox';
import { Init1795700000001 } from './migrations/1795700000001-init';
import { SelfScoreSheets1795700000002 } from './migrations/1795700000002-self-score-sheets';
import { MemberResults1795700000003 } from './migrations/1795700000003-member-results';
import { IdempotencyKeys1795700000004 } from './migrations/1795700000004-idempotency-keys';
import { RankingBreakdowns1795700000005 } from './migrations/1795700000005-ranking-breakdowns';
import { Covenant1795700000006 } from './migrations/1795700000006-covenant';
import { SupersededDrafts1795700000007 } from './migrations/1795700000007-superseded-drafts';

/** Every migration of scoring, in order. A new one: `npm run migration:generate -- scoring <Name>`. */
export const SCORING_MIGRATIONS = [
  SchemaAndOutbox1795700000000,
  Init1795700000001,
  SelfScoreSheets1795700000002,
  MemberResults1795700000003,
  IdempotencyKeys1795700000004,
  RankingBreakdowns1795700000005,
  Covenant1795700000006,
  SupersededDrafts1795700000007,
];

export function scoringDataSourceOptions(url: string, poolSize = 10): DataSourceOptions {
  return serviceDataSourceOptions({
    url,
    schema: SCHEMA,
    entities: SCORING_ENTITIES,
    migrations: SCORING_MIGRATIONS,
    poolSize,
    applicationName: 'scoring',
  });
}

import { serviceDataSourceOptions } from '@tdkt/platform';
import { DataSourceOptions } from 'typeorm';
import { HONOURS_ENTITIES, SCHEMA } from './entities';
import { Init1796100000000 } from './migrations/1796100000000-init';

/** Every migration of honours, in order (hand-written SQL; add a line per new file). */
export const HONOURS_MIGRATIONS = [Init1796100000000];

export function honoursDataSourceOptions(url: string, poolSize = 10): DataSourceOptions {
  return serviceDataSourceOptions({
    url,
    schema: SCHEMA,
    entities: HONOURS_ENTITIES,
    migrations: HONOURS_MIGRATIONS,
    poolSize,
    applicationName: 'honours',
  });
}

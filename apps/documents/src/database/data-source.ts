import { serviceDataSourceOptions } from '@tdkt/platform';
import { DataSourceOptions } from 'typeorm';
import { DOCUMENTS_ENTITIES, SCHEMA } from './entities';
import { SchemaAndOutbox1796000000000 } from './migrations/1796000000000-schema-and-outbox';
import { Jobs1796000000001 } from './migrations/1796000000001-jobs';
import { Init1796049334042 } from './migrations/1796049334042-init';

/** Every migration of documents, in order. A new one: `npm run migration:generate -- documents <Name>`. */
export const DOCUMENTS_MIGRATIONS: DataSourceOptions['migrations'] = [
  SchemaAndOutbox1796000000000,
  Jobs1796000000001,
  Init1796049334042,
];

export function documentsDataSourceOptions(url: string, poolSize = 10): DataSourceOptions {
  return serviceDataSourceOptions({
    url,
    schema: SCHEMA,
    entities: DOCUMENTS_ENTITIES,
    migrations: DOCUMENTS_MIGRATIONS as never,
    poolSize,
    applicationName: 'documents',
  });
}

import { serviceDataSourceOptions } from '@tdkt/platform';
import { DataSourceOptions } from 'typeorm';
import { AWARDS_ENTITIES, SCHEMA } from './entities';
import { SchemaAndOutbox1795800000000 } from './migrations/1795800000000-schema-and-outbox';
import { Init1795800000001 } from './migrations/1795800000001-init';
import { Records1795800000002 } from './migrations/1795800000002-records';
import { RecordMonthCounts1795800000003 } from './migrations/1795800000003-record-month-counts';
import { RecordUploads1795800000004 } from './migrations/1795800000004-record-uploads';
import { UploadPeriod1795800000005 } from './migrations/1795800000005-upload-period';
import { IdempotencyKeys1795800000006 } from './migrations/1795800000006-idempotency-keys';
import { UploadJobs1795800000007 } from './migrations/1795800000007-upload-jobs';
import { Jobs1795800000008 } from './migrations/1795800000008-jobs';
import { HonoursDecisions1796100000001 } from './migrations/1796100000001-honours-decisions';
import { RecordsByImport1796100000002 } from './migrations/1796100000002-records-by-import';

/** Every migration of awards, in order. A new one: `npm run migration:generate -- awards <Name>`. */
export const AWARDS_MIGRATIONS = [
  SchemaAndOutbox1795800000000,
  Init1795800000001,
  Records1795800000002,
  RecordMonthCounts1795800000003,
  RecordUploads1795800000004,
  UploadPeriod1795800000005,
  IdempotencyKeys1795800000006,
  UploadJobs1795800000007,
  Jobs1795800000008,
  HonoursDecisions1796100000001,
  RecordsByImport1796100000002,
];

export function awardsDataSourceOptions(url: string, poolSize = 10): DataSourceOptions {
  return serviceDataSourceOptions({
    url,
    schema: SCHEMA,
    entities: AWARDS_ENTITIES,
    migrations: AWARDS_MIGRATIONS,
    poolSize,
    applicationName: 'awards',
  });
}

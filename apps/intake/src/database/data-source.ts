import { serviceDataSourceOptions } from '@tdkt/platform';
import { DataSourceOptions } from 'typeorm';
import { INTAKE_ENTITIES, SCHEMA } from './entities';
import { SchemaOutboxSequence1795600000000 } from './migrations/1795600000000-schema-outbox-sequence';
import { Init1795600000001 } from './migrations/1795600000001-init';
import { RoomForHotUpdates1795600000002 } from './migrations/1795600000002-room-for-hot-updates';
import { IdempotencyKeys1795600000003 } from './migrations/1795600000003-idempotency-keys';
import { Jobs1795600000004 } from './migrations/1795600000004-jobs';
import { FileJob1795600000005 } from './migrations/1795600000005-file-job';
import { ReceiptVerificationCode1795600000006 } from './migrations/1795600000006-receipt-verification-code';

/** Every migration of intake, in order. A new one: `npm run migration:generate -- intake <Name>`. */
export const INTAKE_MIGRATIONS = [
  SchemaOutboxSequence1795600000000,
  Init1795600000001,
  RoomForHotUpdates1795600000002,
  IdempotencyKeys1795600000003,
  Jobs1795600000004,
  FileJob1795600000005,
  ReceiptVerificationCode1795600000006,
];

export function intakeDataSourceOptions(url: string, poolSize = 10): DataSourceOptions {
  return serviceDataSourceOptions({
    url,
    schema: SCHEMA,
    entities: INTAKE_ENTITIES,
    migrations: INTAKE_MIGRATIONS,
    poolSize,
    applicationName: 'intake',
  });
}

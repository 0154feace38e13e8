import { serviceDataSourceOptions } from '@tdkt/platform';
import { DataSourceOptions } from 'typeorm';
import { REGISTRY_ENTITIES, SCHEMA } from './entities';
import { SchemaAndOutbox1764000000000 } from './migrations/1764000000000-schema-and-outbox';
import { Init1795542518562 } from './migrations/1795542518562-init';
import { DropUnusedIndexes1795550000000 } from './migrations/1795550000000-drop-unused-indexes';
import { MilestoneSubmissionKinds1795560000000 } from './migrations/1795560000000-milestone-submission-kinds';
import { IdempotencyKeys1795560000001 } from './migrations/1795560000001-idempotency-keys';
import { UserEmail1795570000000 } from './migrations/1795570000000-user-email';
import { UsersSessions1795580000000 } from './migrations/1795580000000-users-sessions';
import { RoleAssignmentLookups1795590000000 } from './migrations/1795590000000-role-assignment-lookups';
import { Conferences1796063604805 } from './migrations/1796063604805-conferences';

/** Every migration of the registry, in order. A new one is generated with `npm run migration:generate -- registry <Name>`. */
export const REGISTRY_MIGRATIONS = [
  SchemaAndOutbox1764000000000,
  Init1795542518562,
  DropUnusedIndexes1795550000000,
  MilestoneSubmissionKinds1795560000000,
  IdempotencyKeys1795560000001,
  UserEmail1795570000000,
  UsersSessions1795580000000,
  RoleAssignmentLookups1795590000000,
  Conferences1796063604805,
];

export function registryDataSourceOptions(url: string, poolSize = 10): DataSourceOptions {
  return serviceDataSourceOptions({
    url,
    schema: SCHEMA,
    entities: REGISTRY_ENTITIES,
    migrations: REGISTRY_MIGRATIONS,
    poolSize,
    applicationName: 'registry',
  });
}

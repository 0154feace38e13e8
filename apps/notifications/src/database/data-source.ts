import { serviceDataSourceOptions } from '@tdkt/platform';
import { DataSourceOptions } from 'typeorm';
import { NOTIFICATIONS_ENTITIES, SCHEMA } from './entities';
import { Init1796000000000 } from './migrations/1796000000000-init';
import { Reminders1796000000100 } from './migrations/1796000000100-reminders';

/** Every migration of notifications, in order (hand-written SQL; add a line per new file). */
export const NOTIFICATIONS_MIGRATIONS = [Init1796000000000, Reminders1796000000100];

export function notificationsDataSourceOptions(url: string, poolSize = 10): DataSourceOptions {
  return serviceDataSourceOptions({
    url,
    schema: SCHEMA,
    entities: NOTIFICATIONS_ENTITIES,
    migrations: NOTIFICATIONS_MIGRATIONS,
    poolSize,
    applicationName: 'notifications',
  });
}

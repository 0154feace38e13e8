import { DatabaseServiceConfig } from '@tdkt/platform';

/** Honours needs only its database and NATS (DatabaseServiceConfig: DATABASE_URL, NATS_URL, RPC_TIMEOUT_MS…). */
export class HonoursConfig extends DatabaseServiceConfig {}

/**
 * Honours' tables (schema `honours`), created by hand-written migrations (migrations/): dossiers
 * and their steps, decisions and their awarded lines, plus the platform's outbox, processed_events
 * and idempotency_keys. The SQL is in the features' repositories; there are no TypeORM entities.
 */
export const SCHEMA = 'honours';

export const HONOURS_ENTITIES: never[] = [];

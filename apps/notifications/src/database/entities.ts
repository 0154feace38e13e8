/**
 * Notifications' tables (schema `notifications`), created by hand-written SQL migrations
 * (migrations/): inbox_items, deliveries, preferences, plus the platform's outbox/processed_events
 * and idempotency_keys. No TypeORM entities: every statement is SQL in a repository.
 */
export const SCHEMA = 'notifications';

export const NOTIFICATIONS_ENTITIES: never[] = [];

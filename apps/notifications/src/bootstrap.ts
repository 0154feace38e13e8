import 'reflect-metadata';
import { bootstrapService } from '@tdkt/platform';
import { NOTIFICATIONS_SERVICE } from './service';

/** Notifications: answers `notifications.*` over NATS, consumes events, sends e-mail; /health and /metrics. */
export function bootstrapNotifications(env: NodeJS.ProcessEnv = process.env) {
  return bootstrapService(NOTIFICATIONS_SERVICE, env);
}

import 'reflect-metadata';
import { bootstrapService } from '@tdkt/platform';
import { REGISTRY_SERVICE } from './service';

/**
 * The registry: answers `registry.*` requests over NATS (queue group `registry`), publishes its
 * events through its outbox, and serves /health/live, /health/ready and /metrics over HTTP.
 */
export function bootstrapRegistry(env: NodeJS.ProcessEnv = process.env) {
  return bootstrapService(REGISTRY_SERVICE, env);
}

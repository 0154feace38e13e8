import 'reflect-metadata';
import { bootstrapService } from '@tdkt/platform';
import { HONOURS_SERVICE } from './service';

/** Honours: answers `honours.*` over NATS, publishes its events; /health and /metrics. */
export function bootstrapHonours(env: NodeJS.ProcessEnv = process.env) {
  return bootstrapService(HONOURS_SERVICE, env);
}

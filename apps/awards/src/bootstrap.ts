import 'reflect-metadata';
import { bootstrapService } from '@tdkt/platform';
import { AWARDS_SERVICE } from './service';

/** Awards: answers `awards.*` requests over NATS and serves /health and /metrics. */
export function bootstrapAwards(env: NodeJS.ProcessEnv = process.env) {
  return bootstrapService(AWARDS_SERVICE, env);
}

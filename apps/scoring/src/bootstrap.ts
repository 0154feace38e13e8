import 'reflect-metadata';
import { bootstrapService } from '@tdkt/platform';
import { SCORING_SERVICE } from './service';

/** Scoring: answers `scoring.*` requests over NATS and serves /health and /metrics. */
export function bootstrapScoring(env: NodeJS.ProcessEnv = process.env) {
  return bootstrapService(SCORING_SERVICE, env);
}

import 'reflect-metadata';
import { bootstrapService } from '@tdkt/platform';
import { INTAKE_SERVICE } from './service';

/** Intake: answers `intake.*` requests over NATS and serves /health and /metrics. */
export function bootstrapIntake(env: NodeJS.ProcessEnv = process.env) {
  return bootstrapService(INTAKE_SERVICE, env);
}

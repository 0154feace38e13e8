import 'reflect-metadata';
import { bootstrapService } from '@tdkt/platform';
import { DOCUMENTS_SERVICE } from './service';

/** Documents: answers `documents.*` over NATS, runs render jobs, serves /health and /metrics. */
export function bootstrapDocuments(env: NodeJS.ProcessEnv = process.env) {
  return bootstrapService(DOCUMENTS_SERVICE, env);
}

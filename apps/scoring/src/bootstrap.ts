import 'reflect-metadata';
import { NatsConnection } from 'nats';
import { SCHEMA } from './database/entities';
import { createHttpApp, createLogger, loadConfig, NATS_CONNECTION, serveRpc } from '@tdkt/platform';
import { ScoringConfig } from './config';
import { ScoringModule } from './scoring.module';

/**
 * Scoring: answers `scoring.*` requests over NATS (queue group `scoring`), publishes its events
 * through its outbox, and serves /health and /metrics.
 */
export async function bootstrapScoring(env: NodeJS.ProcessEnv = process.env) {
  const config = loadConfig(ScoringConfig, env);
  const logger = createLogger('scoring', config.LOG_LEVEL);
  const app = await createHttpApp(ScoringModule.forRoot(config, logger), { logger });
  const nc = app.get<NatsConnection>(NATS_CONNECTION);
  serveRpc(app, { connection: nc, prefix: config.NATS_PREFIX, queue: 'scoring', schema: SCHEMA, logger });
  await app.init();
  await app.startAllMicroservices();
  await app.listen(config.HTTP_PORT, config.HTTP_HOST);
  logger.info({ url: await app.getUrl() }, 'scoring ready');
  return app;
}

import 'reflect-metadata';
import { NatsConnection } from 'nats';
import { SCHEMA } from './database/entities';
import { createHttpApp, createLogger, loadConfig, NATS_CONNECTION, serveRpc } from '@tdkt/platform';
import { AwardsConfig } from './config';
import { AwardsModule } from './awards.module';

/**
 * Awards: answers `awards.*` requests over NATS (queue group `awards`) and serves /health and
 * /metrics.
 */
export async function bootstrapAwards(env: NodeJS.ProcessEnv = process.env) {
  const config = loadConfig(AwardsConfig, env);
  const logger = createLogger('awards', config.LOG_LEVEL);
  const app = await createHttpApp(AwardsModule.forRoot(config, logger), { logger });
  const nc = app.get<NatsConnection>(NATS_CONNECTION);
  serveRpc(app, { connection: nc, prefix: config.NATS_PREFIX, queue: 'awards', schema: SCHEMA, logger });
  await app.init();
  await app.startAllMicroservices();
  await app.listen(config.HTTP_PORT, config.HTTP_HOST);
  logger.info({ url: await app.getUrl() }, 'awards ready');
  return app;
}

import 'reflect-metadata';
import { NatsConnection } from 'nats';
import { SCHEMA } from './database/entities';
import { createHttpApp, createLogger, loadConfig, NATS_CONNECTION, serveRpc } from '@tdkt/platform';
import { IntakeConfig } from './config';
import { IntakeModule } from './intake.module';

/**
 * Intake: answers `intake.*` requests over NATS (queue group `intake`, so N instances share the
 * deadline peak), publishes its events through its outbox, and serves /health and /metrics.
 */
export async function bootstrapIntake(env: NodeJS.ProcessEnv = process.env) {
  const config = loadConfig(IntakeConfig, env);
  const logger = createLogger('intake', config.LOG_LEVEL);
  const app = await createHttpApp(IntakeModule.forRoot(config, logger), { logger });
  const nc = app.get<NatsConnection>(NATS_CONNECTION);
  serveRpc(app, { connection: nc, prefix: config.NATS_PREFIX, queue: 'intake', schema: SCHEMA, logger });
  await app.init();
  await app.startAllMicroservices();
  await app.listen(config.HTTP_PORT, config.HTTP_HOST);
  logger.info({ url: await app.getUrl() }, 'intake ready');
  return app;
}

import 'reflect-metadata';
import { NatsConnection } from 'nats';
import { RegistryRpc } from '@tdkt/contracts';
import {
  CACHE_INVALIDATION,
  CacheInvalidation,
  createHttpApp,
  createLogger,
  loadConfig,
  NATS_CONNECTION,
  serveRpc,
} from '@tdkt/platform';
import { RegistryConfig } from './config';
import { SCHEMA } from './database/entities';
import { RegistryModule } from './registry.module';

/**
 * The registry: answers `registry.*` requests over NATS (queue group `registry`), publishes its
 * events through its outbox, and serves /health/live, /health/ready and /metrics over HTTP.
 */
export async function bootstrapRegistry(env: NodeJS.ProcessEnv = process.env) {
  const config = loadConfig(RegistryConfig, env);
  const logger = createLogger('registry', config.LOG_LEVEL);
  const app = await createHttpApp(RegistryModule.forRoot(config, logger), { logger });
  const nc = app.get<NatsConnection>(NATS_CONNECTION);
  // Reads are answered from the reply cache until a write (on any instance) invalidates it.
  const cacheable = new Set(
    Object.values(RegistryRpc)
      .filter((d) => d.cacheable)
      .map((d) => d.subject),
  );
  const replyCache = app.get<CacheInvalidation>(CACHE_INVALIDATION).cache;
  serveRpc(app, {
    connection: nc,
    prefix: config.NATS_PREFIX,
    queue: 'registry',
    schema: SCHEMA,
    logger,
    replyCache,
    cacheable,
  });
  await app.init();
  await app.startAllMicroservices();
  await app.listen(config.HTTP_PORT, config.HTTP_HOST);
  logger.info({ url: await app.getUrl() }, 'registry ready');
  return app;
}

import 'reflect-metadata';
import { SwaggerModule } from '@nestjs/swagger';
import { XLSX_TYPE } from '@tdkt/contracts';
import { createHttpApp, createLogger, loadConfig } from '@tdkt/platform';
import type { Logger } from 'pino';
import { GatewayConfig } from './config';
import { GatewayModule } from './gateway.module';
import { buildOpenApi } from './openapi';

export const API_PREFIX = 'api/v1';

/** The gateway: REST + OpenAPI for front-end teams; every call goes to a service over NATS. */
export async function createGateway(env: NodeJS.ProcessEnv = process.env, logger?: Logger) {
  const config = loadConfig(GatewayConfig, env);
  const log = logger ?? createLogger('gateway', config.LOG_LEVEL);
  const app = await createHttpApp(GatewayModule.forRoot(config, log), {
    logger: log,
    bodyLimit: config.BODY_LIMIT_BYTES,
  });
  app.setGlobalPrefix(API_PREFIX, { exclude: ['health/live', 'health/ready', 'metrics'] });
  // Excel workbooks (a scheme's points table) arrive as the raw body, within the same size limit.
  app
    .getHttpAdapter()
    .getInstance()
    .addContentTypeParser(
      XLSX_TYPE,
      { parseAs: 'buffer' },
      (_req: unknown, body: Buffer, done: (e: null, b: Buffer) => void) => done(null, body),
    );
  await app.init();
  SwaggerModule.setup('docs', app, buildOpenApi(app), { jsonDocumentUrl: 'docs/openapi.json' });
  return { app, config, logger: log };
}

export async function bootstrapGateway(env: NodeJS.ProcessEnv = process.env) {
  const { app, config, logger } = await createGateway(env);
  await app.listen(config.HTTP_PORT || 3000, config.HTTP_HOST);
  logger.info({ url: await app.getUrl() }, 'gateway ready');
  return app;
}

import 'reflect-metadata';
import { SwaggerModule } from '@nestjs/swagger';
import { XLSX_TYPE } from '@tdkt/contracts';
import { createHttpApp, createLogger, loadConfig, serveMetrics } from '@tdkt/platform';
import type { Logger } from 'pino';
import { GatewayConfig } from './config';
import { GatewayModule } from './gateway.module';
import { buildOpenApi } from './openapi';
import { browserOnSend, corsOnRequest, parseOrigins } from './http/browser';
import { edgeServerOptions, installEdge, refuseUnexpectedBody } from './http/edge';

export const API_PREFIX = 'api/v1';

/** The gateway: REST + OpenAPI for front-end teams; every call goes to a service over NATS. */
export async function createGateway(env: NodeJS.ProcessEnv = process.env, logger?: Logger) {
  const config = loadConfig(GatewayConfig, env);
  const log = logger ?? createLogger('gateway', config.LOG_LEVEL);
  const docs = config.DOCS_ENABLED === 'true';
  const cors = corsOnRequest(parseOrigins(config.CORS_ORIGINS));
  const app = await createHttpApp(GatewayModule.forRoot(config, log), {
    logger: log,
    bodyLimit: config.BODY_LIMIT_BYTES,
    serverOptions: edgeServerOptions,
    accessLog: true,
    // CORS first: a refusal of the edge then still reaches the page that asked.
    onRequest: (req, reply) => cors(req, reply) || refuseUnexpectedBody(req, reply),
    onSend: browserOnSend({ docsPath: docs ? '/docs' : undefined }),
  });
  installEdge(app, config.BODY_LIMIT_BYTES);
  app.setGlobalPrefix(API_PREFIX, { exclude: ['health/live', 'health/ready'] });
  // Files sent as the raw body (a scheme's workbook, award records in CSV or XLSX). They travel on
  // to a service over NATS (1 MB per message), hence their own, lower limit.
  const raw = (_req: unknown, body: Buffer, done: (e: null, b: Buffer) => void) => done(null, body);
  const fastify = app.getHttpAdapter().getInstance();
  for (const type of [XLSX_TYPE, 'text/csv'])
    fastify.addContentTypeParser(type, { parseAs: 'buffer', bodyLimit: config.IMPORT_BODY_LIMIT_BYTES }, raw);
  await app.init();
  // DOCS_ENABLED=false (production): no /docs and no /docs/openapi.json (404).
  if (docs) SwaggerModule.setup('docs', app, buildOpenApi(app), { jsonDocumentUrl: 'docs/openapi.json' });
  return { app, config, logger: log };
}

export async function bootstrapGateway(env: NodeJS.ProcessEnv = process.env) {
  const { app, config, logger } = await createGateway(env);
  await app.listen(config.HTTP_PORT || 3000, config.HTTP_HOST);
  // Prometheus metrics on their own listener (loopback by default), never on the public API port.
  const metrics = config.METRICS_PORT
    ? await serveMetrics({ port: config.METRICS_PORT, host: config.METRICS_HOST, logger })
    : undefined;
  if (metrics) app.getHttpServer().once('close', () => void metrics.close());
  logger.info({ url: await app.getUrl(), metrics: metrics?.url }, 'gateway ready');
  return app;
}

import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { PinoNestLogger, requestContext } from '../logging/logger';
import { httpDuration } from '../ops/metrics';
import { Headers } from '@tdkt/contracts';

export interface HttpAppOptions {
  logger: Logger;
  /** Largest accepted request body (bytes). */
  bodyLimit?: number;
  /** Log every request at info (off under load; errors are always logged). */
  logRequests?: boolean;
  /** More Fastify server options (the gateway's edge: frameworkErrors, clientErrorHandler…). */
  serverOptions?: Record<string, unknown>;
}

let guarded = false;

/**
 * A promise rejected with nobody waiting (a stray background task) is logged, and the service
 * keeps serving: Node would otherwise exit on it. An uncaught exception is logged and the process
 * exits with 1 (its state is unknown); the launcher or the orchestrator starts it again.
 */
export function guardProcess(logger: Logger): void {
  if (guarded) return;
  guarded = true;
  process.on('unhandledRejection', (reason) =>
    logger.error({ err: reason }, 'unhandled rejection (kept running)'),
  );
  process.on('uncaughtException', (err) => {
    logger.fatal({ err }, 'uncaught exception: exiting');
    process.exitCode = 1;
    setImmediate(() => process.exit(1));
  });
}

/**
 * A Nest application on Fastify with request ids (taken from `x-request-id` or made), per-request
 * async context for logs, and request metrics.
 */
export async function createHttpApp(module: unknown, opts: HttpAppOptions): Promise<NestFastifyApplication> {
  guardProcess(opts.logger);
  const adapter = new FastifyAdapter({
    bodyLimit: opts.bodyLimit ?? 1024 * 1024,
    genReqId: (req: { headers: Record<string, string | string[] | undefined> }) => {
      const given = req.headers[Headers.requestId];
      return typeof given === 'string' && /^[\w.:-]{1,100}$/.test(given) ? given : randomUUID();
    },
    logger: false,
    trustProxy: true,
    ...opts.serverOptions,
  });
  const fastify = adapter.getInstance();
  fastify.addHook('onRequest', (req, reply, done) => {
    reply.header(Headers.requestId, req.id);
    requestContext.enterWith({ requestId: req.id });
    done();
  });
  // Time spent inside this process on the request (RFC Server-Timing; browsers show it): lets a
  // client tell the server's own time from queueing on a busy machine or network.
  fastify.addHook('onSend', (_req, reply, payload, done) => {
    reply.header('server-timing', `app;dur=${reply.elapsedTime.toFixed(1)}`);
    done(null, payload);
  });
  fastify.addHook('onResponse', (req, reply, done) => {
    const route = req.routeOptions?.url ?? 'unmatched';
    httpDuration.observe(
      { method: req.method, route, status: String(reply.statusCode) },
      reply.elapsedTime / 1000,
    );
    if (opts.logRequests || reply.statusCode >= 500) {
      opts.logger[reply.statusCode >= 500 ? 'error' : 'info'](
        {
          requestId: req.id,
          method: req.method,
          url: req.url,
          status: reply.statusCode,
          ms: reply.elapsedTime,
        },
        'request',
      );
    }
    done();
  });
  const app = await NestFactory.create<NestFastifyApplication>(module as never, adapter, {
    logger: new PinoNestLogger(opts.logger),
    bufferLogs: false,
  });
  app.enableShutdownHooks();
  return app;
}

export type { INestApplication };

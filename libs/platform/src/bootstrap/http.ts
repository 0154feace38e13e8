import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { PinoNestLogger, requestContext, unredactedSibling } from '../logging/logger';
import { httpDuration } from '../ops/metrics';
import { Headers } from '@tdkt/contracts';

export interface HttpAppOptions {
  logger: Logger;
  /** Largest accepted request body (bytes). */
  bodyLimit?: number;
  /**
   * The access log: one JSON line per request (method, route template, status, duration, request
   * id, user id; never the URL's query, headers or bodies), at info (error for 5xx, debug for the
   * health probes). Off: only 5xx answers are logged.
   */
  accessLog?: boolean;
  /** More Fastify server options (the gateway's edge: frameworkErrors, clientErrorHandler…). */
  serverOptions?: Record<string, unknown>;
  /**
   * Work folded into the one `onRequest` hook (after the request id is set): answers true when it
   * has replied itself (a CORS preflight, a refused request), which ends the request there.
   */
  onRequest?: (req: FastifyRequest, reply: FastifyReply) => boolean;
  /** Work folded into the one `onSend` hook: may replace the payload (ETag/304, compression). */
  onSend?: (req: FastifyRequest, reply: FastifyReply, payload: unknown) => unknown;
}

/** Routes logged at debug only (probes every few seconds would drown the access log). */
const PROBES = new Set(['/health/live', '/health/ready']);

/** The fields of an access-log line; nothing from the query, the headers or the body. */
export function accessLine(req: FastifyRequest, reply: FastifyReply): Record<string, unknown> {
  const user = (req as unknown as { user?: { sub?: unknown } }).user;
  return {
    requestId: req.id,
    method: req.method,
    route: req.routeOptions?.url ?? null,
    status: reply.statusCode,
    ms: Math.round(reply.elapsedTime * 10) / 10,
    userId: typeof user?.sub === 'string' ? user.sub : null,
  };
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
  // One hook per phase: the caller's work (the gateway's CORS, headers, ETag, compression) is
  // folded into these rather than added as hooks of its own (each hook costs per request).
  const onRequest = opts.onRequest;
  fastify.addHook('onRequest', (req, reply, done) => {
    reply.header(Headers.requestId, req.id);
    requestContext.enterWith({ requestId: req.id });
    if (onRequest) {
      let replied: boolean;
      try {
        replied = onRequest(req, reply);
      } catch (e) {
        return done(e as Error);
      }
      if (replied) return; // the reply is sent; Fastify stops the request here
    }
    done();
  });
  // Time spent inside this process on the request (RFC Server-Timing; browsers show it): lets a
  // client tell the server's own time from queueing on a busy machine or network.
  const onSend = opts.onSend;
  fastify.addHook('onSend', (req, reply, payload, done) => {
    reply.header('server-timing', `app;dur=${reply.elapsedTime.toFixed(1)}`);
    if (!onSend) return done(null, payload);
    let out: unknown;
    try {
      out = onSend(req, reply, payload);
    } catch (e) {
      return done(e as Error);
    }
    done(null, out);
  });
  // Access lines hold no secret by construction (accessLine): no redaction pass for them.
  const log = opts.accessLog ? unredactedSibling(opts.logger) : opts.logger;
  fastify.addHook('onResponse', (req, reply, done) => {
    const route = req.routeOptions?.url ?? 'unmatched';
    httpDuration.observe(
      { method: req.method, route, status: String(reply.statusCode) },
      reply.elapsedTime / 1000,
    );
    if (reply.statusCode >= 500) log.error(accessLine(req, reply), 'request');
    else if (opts.accessLog) log[PROBES.has(route) ? 'debug' : 'info'](accessLine(req, reply), 'request');
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

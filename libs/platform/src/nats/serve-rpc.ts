import { INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { IdempotencyStore } from '../idempotency/idempotency';
import { NatsRpcServer, RpcErrorPassthrough, RpcServerOptions } from './rpc-server';

/**
 * Connects a service's `@MessagePattern` handlers to NATS: the RPC server with its queue group,
 * Idempotency-Key answers kept in the service's own schema (`<schema>.idempotency_keys`), and
 * errors passed through to the transport so that a lost database connection answers 503.
 */
export function serveRpc(
  app: INestApplication,
  opts: Omit<RpcServerOptions, 'idempotency'> & { schema: string },
): NatsRpcServer {
  const { schema, ...server } = opts;
  const idempotency = new IdempotencyStore(app.get(DataSource), schema, opts.logger);
  const strategy = new NatsRpcServer({ ...server, idempotency });
  // Before connecting: the microservice inherits the app's filters when its handlers are set up.
  app.useGlobalFilters(new RpcErrorPassthrough(app.getHttpAdapter()));
  app.connectMicroservice({ strategy }, { inheritAppConfig: true });
  return strategy;
}

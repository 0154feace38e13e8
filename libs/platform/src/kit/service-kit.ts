import 'reflect-metadata';
import {
  DynamicModule,
  INestApplication,
  Inject,
  Injectable,
  Module,
  OnApplicationBootstrap,
  OnApplicationShutdown,
  Provider,
  Type,
} from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { RpcDef, StreamDef } from '@tdkt/contracts';
import { NatsConnection } from 'nats';
import type { Logger } from 'pino';
import { DataSource, DataSourceOptions } from 'typeorm';
import { createHttpApp } from '../bootstrap/http';
import { migrateOnBoot, startEvents } from '../bootstrap/owned-schema';
import { ReadCache } from '../cache/read-cache';
import { DatabaseServiceConfig, loadConfig, StorageServiceConfig } from '../config/config';
import { createLogger } from '../logging/logger';
import { connectNats, NATS_CONNECTION, natsReadiness } from '../nats/nats.connection';
import { RpcClient } from '../nats/rpc-client';
import { serveRpc } from '../nats/serve-rpc';
import { registryClient } from '../nats/typed-client';
import { HealthChecks, OpsModule } from '../ops/health';
import { watchService } from '../ops/gauges';
import { OutboxRelay } from '../outbox/relay';
import { JOB_RUNNER, JobRunner } from '../jobs/jobs';
import { ObjectStorage } from '../storage/object-storage';

/** Injection tokens every service built from the kit can ask for. */
export const SERVICE_CONFIG = Symbol('SERVICE_CONFIG');
export const SERVICE_LOGGER = Symbol('SERVICE_LOGGER');
/** The service's client for requests to other services (with the config's RPC timeout). */
export const SERVICE_RPC = Symbol('SERVICE_RPC');
/** The registry's typed client (`RegistryClient`), for every service that asks the registry. */
export const REGISTRY_CLIENT = Symbol('REGISTRY_CLIENT');
/** The service's object storage (only when the definition asks for storage). */
export const SERVICE_STORAGE = Symbol('SERVICE_STORAGE');
/** The service's reply cache for `cacheable` subjects (only when the definition asks for one). */
export const SERVICE_REPLY_CACHE = Symbol('SERVICE_REPLY_CACHE');

/**
 * Something that runs beside the request handlers for the life of the process: a JetStream
 * consumer, a directory kept fresh by events, a sweeper, the demo seeder. The kit starts them in
 * the order declared, after migrations and the outbox relay, and stops them in reverse order.
 */
export interface Startable {
  start(): Promise<void> | void;
  stop(): Promise<void> | void;
}

/** What a service is: the kit builds and wires everything else from this. */
export interface ServiceDefinition<C extends DatabaseServiceConfig> {
  /** Name: queue group, NATS connection name, logger name. */
  name: string;
  /** The Postgres schema it owns (migrations, outbox, idempotency keys). */
  schema: string;
  /** Its configuration class (validated from the environment at start). */
  config: new () => C;
  /** TypeORM options of its schema (entities and migrations). */
  dataSource: (config: C) => DataSourceOptions;
  /** The `@MessagePattern` handlers: the subjects it answers. */
  handlers: Type<unknown>[];
  /** Its features' services, repositories and whatever they need. */
  providers: (config: C, logger: Logger) => Provider[];
  /** The stream its outbox publishes to (events), if it publishes. */
  publishes?: StreamDef;
  /** JetStream consumers it runs (Startable providers listed in `providers`), started in order. */
  consumers?: Type<Startable>[] | symbol[];
  /** Other Startables (directories, seeders…), started in order before the consumers. */
  startables?: (Type<Startable> | symbol)[];
  /** Object storage (its bucket is made at start and its health is part of readiness). */
  storage?: 'required' | 'optional';
  /** Subjects answered from a reply cache that the service's writes invalidate. */
  cacheable?: RpcDef<unknown, unknown>[];
  /**
   * Long work as jobs (libs/platform jobs): the kit provides `JOB_RUNNER`, makes the work queue
   * and starts its worker last. The schema needs the `jobs` table (`jobTablesUp`) and the outbox.
   */
  jobs?: boolean;
}

type AnyToken = Type<unknown> | symbol;

/** Boot order: migrate → bucket → stream + outbox relay → startables → consumers; the reverse at shutdown. */
@Injectable()
class ServiceLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  private relay?: OutboxRelay;
  private started: Startable[] = [];
  private unwatch?: () => void;

  constructor(
    private readonly def: ServiceDefinition<DatabaseServiceConfig>,
    private readonly ds: DataSource,
    private readonly nc: NatsConnection,
    private readonly config: DatabaseServiceConfig,
    private readonly logger: Logger,
    private readonly health: HealthChecks,
    private readonly storage: ObjectStorage | null,
    private readonly jobs: JobRunner | null,
    private readonly startables: Startable[],
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await migrateOnBoot(this.ds, this.def.schema, this.config, this.logger);
    if (this.storage) {
      await this.storage.ensureBucket((this.config as StorageServiceConfig).S3_REGION);
      const storage = this.storage;
      this.health.register('storage', () => storage.ping());
    }
    if (this.jobs) await this.jobs.ensureStream();
    if (this.def.publishes || this.jobs) {
      this.relay = await startEvents({
        ds: this.ds,
        nc: this.nc,
        schema: this.def.schema,
        stream: this.def.publishes,
        config: this.config,
        logger: this.logger,
        health: this.health,
      });
    } else {
      this.health.register('database', () => this.ds.query('SELECT 1'));
      this.health.register('nats', natsReadiness(this.nc));
    }
    // Consumer lag, outbox backlog and pool use, sampled when /metrics is scraped.
    this.unwatch = watchService({
      service: this.def.name,
      nc: this.nc,
      ds: this.ds,
      outboxSchema: this.def.publishes || this.jobs ? this.def.schema : undefined,
    });
    for (const s of [...this.startables, ...(this.jobs ? [this.jobs] : [])]) {
      await s.start();
      this.started.push(s);
    }
  }

  async onApplicationShutdown(): Promise<void> {
    this.unwatch?.();
    for (const s of this.started.reverse()) await Promise.resolve(s.stop()).catch(() => undefined);
    this.started = [];
    await this.relay?.stop();
    await this.nc.drain().catch(() => undefined);
  }
}

@Module({})
class ServiceModule {
  static of<C extends DatabaseServiceConfig>(
    def: ServiceDefinition<C>,
    config: C,
    logger: Logger,
  ): DynamicModule {
    const storageConfigured = Boolean((config as unknown as StorageServiceConfig).S3_ENDPOINT);
    const withStorage = def.storage === 'required' || (def.storage === 'optional' && storageConfigured);
    const order: AnyToken[] = [...(def.startables ?? []), ...((def.consumers ?? []) as AnyToken[])];
    const providers: Provider[] = [
      { provide: SERVICE_CONFIG, useValue: config },
      { provide: SERVICE_LOGGER, useValue: logger },
      { provide: NATS_CONNECTION, useFactory: () => connectNats({ url: config.NATS_URL, name: def.name }) },
      {
        provide: SERVICE_RPC,
        inject: [NATS_CONNECTION],
        useFactory: (nc: NatsConnection) =>
          new RpcClient(nc, { prefix: config.NATS_PREFIX, timeoutMs: config.RPC_TIMEOUT_MS }),
      },
      {
        provide: REGISTRY_CLIENT,
        inject: [SERVICE_RPC],
        useFactory: (rpc: RpcClient) => registryClient(rpc),
      },
      {
        provide: SERVICE_STORAGE,
        useFactory: () => (withStorage ? new ObjectStorage(config as unknown as StorageServiceConfig) : null),
      },
      ...(def.cacheable?.length ? [{ provide: SERVICE_REPLY_CACHE, useValue: new ReadCache() }] : []),
      {
        provide: JOB_RUNNER,
        inject: [DataSource, NATS_CONNECTION],
        useFactory: (ds: DataSource, nc: NatsConnection) =>
          def.jobs
            ? new JobRunner({
                ds,
                nc,
                schema: def.schema,
                prefix: config.NATS_PREFIX,
                service: def.name,
                logger,
              })
            : null,
      },
      ...def.providers(config, logger),
      {
        provide: ServiceLifecycle,
        inject: [DataSource, NATS_CONNECTION, HealthChecks, SERVICE_STORAGE, JOB_RUNNER, ...order],
        useFactory: (
          ds: DataSource,
          nc: NatsConnection,
          health: HealthChecks,
          storage: ObjectStorage | null,
          jobs: JobRunner | null,
          ...startables: Startable[]
        ) =>
          new ServiceLifecycle(
            def as unknown as ServiceDefinition<DatabaseServiceConfig>,
            ds,
            nc,
            config,
            logger,
            health,
            storage,
            jobs,
            startables,
          ),
      },
    ];
    return {
      module: ServiceModule,
      imports: [OpsModule, TypeOrmModule.forRoot(def.dataSource(config))],
      controllers: def.handlers,
      providers,
      exports: [NATS_CONNECTION],
    };
  }
}

/**
 * Starts a service from its definition: config from the environment, logger, the Nest app with
 * /health and /metrics, NATS, the RPC server (queue group = name, Idempotency-Key answers, 503 on
 * a lost database), migrations, the outbox relay, its startables and consumers, graceful shutdown.
 */
export async function bootstrapService<C extends DatabaseServiceConfig>(
  def: ServiceDefinition<C>,
  env: NodeJS.ProcessEnv = process.env,
): Promise<INestApplication> {
  const config = loadConfig(def.config, env);
  const logger = createLogger(def.name, config.LOG_LEVEL);
  const app = await createHttpApp(ServiceModule.of(def, config, logger), { logger });
  const nc = app.get<NatsConnection>(NATS_CONNECTION);
  serveRpc(app, {
    connection: nc,
    prefix: config.NATS_PREFIX,
    queue: def.name,
    schema: def.schema,
    logger,
    ...(def.cacheable?.length
      ? {
          replyCache: app.get<ReadCache>(SERVICE_REPLY_CACHE),
          cacheable: new Set(def.cacheable.map((d) => d.subject)),
        }
      : {}),
  });
  await app.init();
  await app.startAllMicroservices();
  await app.listen(config.HTTP_PORT, config.HTTP_HOST);
  logger.info({ url: await app.getUrl() }, `${def.name} ready`);
  return app;
}

/** Injects the service's config (typed by the caller). */
export const InjectConfig = (): ParameterDecorator => Inject(SERVICE_CONFIG);
/** Injects the service's logger. */
export const InjectLogger = (): ParameterDecorator => Inject(SERVICE_LOGGER);

import { plainToInstance, Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, Min, validateSync } from 'class-validator';

/** Thrown at boot when the environment is wrong; names every offending variable. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  ${problems.join('\n  ')}`);
  }
}

/**
 * Reads and validates the environment into `cls` once, at boot. Fails fast naming the variable.
 * Unknown variables are ignored (the environment holds much else).
 */
export function loadConfig<T extends object>(cls: new () => T, env: NodeJS.ProcessEnv = process.env): T {
  const instance = plainToInstance(cls, { ...env }, { exposeDefaultValues: true });
  const errors = validateSync(instance, { whitelist: false, forbidUnknownValues: false });
  if (errors.length > 0) {
    throw new ConfigError(
      errors.map(
        (e) =>
          `${e.property}: ${Object.values(e.constraints ?? {}).join('; ')} (got ${JSON.stringify(e.value)})`,
      ),
    );
  }
  return instance;
}

const NATS_URLS = /^nats:\/\/[^\s,]+(,nats:\/\/[^\s,]+)*$/;

/** Settings every service has. */
export class ServiceConfig {
  @IsOptional()
  @IsIn(['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'])
  LOG_LEVEL: string = 'info';

  @Matches(NATS_URLS, { message: 'NATS_URL must be nats://host:port (comma-separated for a cluster)' })
  NATS_URL: string = 'nats://127.0.0.1:4222';

  /**
   * Namespace for every subject and stream of this deployment (empty in production). Tests give
   * each run its own, so parallel runs and leftovers never meet.
   */
  @IsOptional()
  @Matches(/^[a-z0-9-]{0,32}$/, { message: 'NATS_PREFIX must be lower-case letters, digits or hyphens' })
  NATS_PREFIX: string = '';

  /** Timeout of every request this service sends over NATS. */
  @Type(() => Number)
  @IsInt()
  @Min(50)
  @Max(60000)
  RPC_TIMEOUT_MS: number = 5000;

  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(65535)
  HTTP_PORT: number = 0;

  @IsString()
  HTTP_HOST: string = '127.0.0.1';
}

/** Settings of a service that owns a Postgres schema. */
export class DatabaseServiceConfig extends ServiceConfig {
  @Matches(/^postgres(ql)?:\/\/\S+$/, { message: 'DATABASE_URL must be postgres://user@host:port/db' })
  DATABASE_URL: string;

  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  DB_POOL_SIZE: number = 10;

  /** Run pending migrations at start (under an advisory lock, so N instances may start at once). */
  @IsIn(['true', 'false'])
  MIGRATE_ON_BOOT: string = 'true';
}

/** Settings of a service that also keeps files in S3-compatible object storage (MinIO in production). */
export class StorageServiceConfig extends DatabaseServiceConfig {
  /** Where the service reaches the storage, e.g. http://minio:9000. */
  @Matches(/^https?:\/\/[^\s/]+\/?$/, { message: 'S3_ENDPOINT must be http(s)://host:port' })
  S3_ENDPOINT: string;

  /**
   * Where browsers reach it, when different (presigned URLs carry this host), e.g.
   * https://files.tdkt.gov.vn. Defaults to S3_ENDPOINT.
   */
  @IsOptional()
  @Matches(/^https?:\/\/[^\s/]+\/?$/, { message: 'S3_PUBLIC_ENDPOINT must be http(s)://host:port' })
  S3_PUBLIC_ENDPOINT?: string;

  @IsString()
  @Matches(/^\S+$/, { message: 'S3_ACCESS_KEY must be set' })
  S3_ACCESS_KEY: string;

  @IsString()
  @Matches(/^\S+$/, { message: 'S3_SECRET_KEY must be set' })
  S3_SECRET_KEY: string;

  @IsString()
  S3_REGION: string = 'us-east-1';

  @Matches(/^[a-z0-9][a-z0-9.-]{2,62}$/, { message: 'S3_BUCKET must be a valid bucket name' })
  S3_BUCKET: string;
}

import { ServiceConfig } from '@tdkt/platform';
import { Type } from 'class-transformer';
import { IsInt, Max, Min, MinLength } from 'class-validator';

export class GatewayConfig extends ServiceConfig {
  /** HMAC key for access tokens; at least 32 characters. Never committed: the start script makes one. */
  @MinLength(32, { message: 'JWT_SECRET must have at least 32 characters' })
  JWT_SECRET: string;

  @Type(() => Number)
  @IsInt()
  @Min(60)
  @Max(7 * 24 * 3600)
  JWT_TTL_SECONDS: number = 8 * 3600;

  /** Login attempts per client address per minute (0: no limit); answers 429 beyond it. */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(100_000)
  LOGIN_ATTEMPTS_PER_MINUTE: number = 30;

  /** Largest JSON body accepted (bytes); file bytes never pass through the gateway. */
  @Type(() => Number)
  @IsInt()
  @Min(1024)
  @Max(10 * 1024 * 1024)
  BODY_LIMIT_BYTES: number = 256 * 1024;

  /** Largest file sent as a raw body (workbooks, CSV); it crosses NATS base64-encoded (1 MB max). */
  @Type(() => Number)
  @IsInt()
  @Min(1024)
  @Max(740_000)
  IMPORT_BODY_LIMIT_BYTES: number = 700_000;
}

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

  /** Largest JSON body accepted (bytes); file bytes never pass through the gateway. */
  @Type(() => Number)
  @IsInt()
  @Min(1024)
  @Max(10 * 1024 * 1024)
  BODY_LIMIT_BYTES: number = 256 * 1024;
}

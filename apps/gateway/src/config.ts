import { ServiceConfig } from '@tdkt/platform';
import { Type } from 'class-transformer';
import * as v from 'class-validator';
import { IsIn, IsInt, IsString, Matches, Max, Min, MinLength } from 'class-validator';

export class GatewayConfig extends ServiceConfig {
  /** HMAC key for access tokens; at least 32 characters. Never committed: the start script makes one. */
  @MinLength(32, { message: 'JWT_SECRET must have at least 32 characters' })
  JWT_SECRET: string;

  @Type(() => Number)
  @IsInt()
  @Min(60)
  @Max(7 * 24 * 3600)
  JWT_TTL_SECONDS: number = 15 * 60;

  /** Life of a session's refresh tokens (each use rotates it; the session ends at this age). */
  @Type(() => Number)
  @v.IsInt()
  @v.Min(300)
  @v.Max(365 * 24 * 3600)
  REFRESH_TTL_SECONDS: number = 14 * 24 * 3600;

  /** How long a verified token is trusted before its session is asked again (logout, deactivation). */
  @Type(() => Number)
  @v.IsInt()
  @v.Min(1)
  @v.Max(60)
  TOKEN_RECHECK_SECONDS: number = 60;

  /**
   * Proxies whose X-Forwarded-For is believed (CIDRs or addresses, comma-separated; default none):
   * the client address is the nearest untrusted hop. Anything else is the socket's peer.
   */
  @v.IsString()
  @v.Matches(/^[\s,0-9a-fA-F.:/]*$/, {
    message: 'TRUSTED_PROXIES must be comma-separated CIDRs (10.0.0.0/8)',
  })
  TRUSTED_PROXIES: string = '';

  /** Login attempts per account per minute, counted across every gateway instance (0: no limit). */
  @Type(() => Number)
  @v.IsInt()
  @v.Min(0)
  @v.Max(100_000)
  LOGIN_ATTEMPTS_PER_ACCOUNT_PER_MINUTE: number = 30;

  /** An external identity provider (OIDC): its issuer, our audience, its JWKS URL (all or none). */
  @v.IsString()
  OIDC_ISSUER: string = '';

  @v.IsString()
  OIDC_AUDIENCE: string = '';

  @v.IsString()
  OIDC_JWKS_URL: string = '';

  /** Login attempts per client address per minute, across every gateway instance (0: no limit); 429 beyond. */
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

  /**
   * Browser origins allowed to call the API (CORS), comma-separated, exact
   * (`https://tdkt.example.vn,https://admin.tdkt.example.vn`). Empty: none (same-origin only).
   * `npm start` sets the usual local dev servers when it is not given (apps/gateway README).
   */
  @IsString()
  @Matches(/^\s*(https?:\/\/[^\s,/]+\/?\s*(,\s*https?:\/\/[^\s,/]+\/?\s*)*)?$/, {
    message: 'CORS_ORIGINS must be comma-separated origins such as https://app.example.vn',
  })
  CORS_ORIGINS: string = '';

  /** Serve Swagger UI at /docs and the spec at /docs/openapi.json (set false in production). */
  @IsIn(['true', 'false'])
  DOCS_ENABLED: string = 'true';

  /**
   * Port of the Prometheus /metrics listener, apart from the API's port (0: none). Only `main.ts`
   * opens it; tests that build the gateway in-process open their own when they want one.
   */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(65535)
  METRICS_PORT: number = 9464;

  /** Address of the /metrics listener: loopback unless a scraper on another host must reach it. */
  @IsString()
  METRICS_HOST: string = '127.0.0.1';
}

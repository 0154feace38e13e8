import { StorageServiceConfig } from '@tdkt/platform';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, Min } from 'class-validator';

export class IntakeConfig extends StorageServiceConfig {
  /** How long a presigned upload stays valid (seconds). */
  @Type(() => Number)
  @IsInt()
  @Min(30)
  @Max(24 * 3600)
  UPLOAD_TTL_SECONDS: number = 15 * 60;

  /** How long a presigned download stays valid (seconds). */
  @Type(() => Number)
  @IsInt()
  @Min(10)
  @Max(3600)
  DOWNLOAD_TTL_SECONDS: number = 5 * 60;

  /**
   * Allowed file types and largest sizes per submission kind, as JSON:
   * `{"EVIDENCE":{"video/mp4":524288000,…},…}`. Defaults: libs/domain intake/file-types.ts.
   */
  @IsOptional()
  @IsString()
  INTAKE_FILE_RULES?: string;

  /** How long campaign and membership facts from the registry are reused (registry events also drop them). */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(3600)
  CAMPAIGN_CACHE_SECONDS: number = 30;

  /**
   * The largest evidence file confirmed within the request (bytes): confirming reads the file back
   * to hash it, so a larger one is checked by a job (`file-confirm`) and confirm answers 202.
   */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(Number.MAX_SAFE_INTEGER)
  CONFIRM_INLINE_MAX_BYTES: number = 8 * 1024 * 1024;
}

import { DatabaseServiceConfig } from '@tdkt/platform';
import { IsOptional, IsString, Matches } from 'class-validator';

/** Object storage is optional: without it, large record files (the storage path) are refused. */
export class AwardsConfig extends DatabaseServiceConfig {
  @IsOptional()
  @Matches(/^https?:\/\/[^\s/]+\/?$/, { message: 'S3_ENDPOINT must be http(s)://host:port' })
  S3_ENDPOINT?: string;

  @IsOptional()
  @Matches(/^https?:\/\/[^\s/]+\/?$/, { message: 'S3_PUBLIC_ENDPOINT must be http(s)://host:port' })
  S3_PUBLIC_ENDPOINT?: string;

  @IsOptional()
  @IsString()
  S3_ACCESS_KEY?: string;

  @IsOptional()
  @IsString()
  S3_SECRET_KEY?: string;

  @IsString()
  S3_REGION: string = 'us-east-1';

  @IsOptional()
  @Matches(/^[a-z0-9][a-z0-9.-]{2,62}$/, { message: 'S3_BUCKET must be a valid bucket name' })
  S3_BUCKET?: string;
}

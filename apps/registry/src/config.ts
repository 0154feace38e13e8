import { DatabaseServiceConfig } from '@tdkt/platform';
import { IsIn, IsOptional, MinLength, ValidateIf } from 'class-validator';

export class RegistryConfig extends DatabaseServiceConfig {
  /** Load the demo registry (seed groups, provinces, demo users) at start. */
  @IsIn(['true', 'false'])
  REGISTRY_SEED_DEMO: string = 'false';

  /** Password of every demo user; required when seeding (never committed: the start script makes one). */
  @ValidateIf((c: RegistryConfig) => c.REGISTRY_SEED_DEMO === 'true')
  @MinLength(8, { message: 'DEMO_PASSWORD must have at least 8 characters when REGISTRY_SEED_DEMO=true' })
  @IsOptional()
  DEMO_PASSWORD?: string;
}

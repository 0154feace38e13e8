import { DatabaseServiceConfig } from '@tdkt/platform';

export class AwardsConfig extends DatabaseServiceConfig {}

import { DatabaseServiceConfig } from '@tdkt/platform';

export class ScoringConfig extends DatabaseServiceConfig {}

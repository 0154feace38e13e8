import { StorageServiceConfig } from '@tdkt/platform';

/** Scoring reads self-score sheets that members send through intake, from the same storage. */
export class ScoringConfig extends StorageServiceConfig {}

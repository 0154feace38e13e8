/** Infrastructure found by tools/test.ts for this run. */
export interface TestS3 {
  endpoint: string;
  accessKey: string;
  secretKey: string;
  /** `s3rver` (checks no signature, policy or checksum) or `env` (e.g. MinIO). */
  source: string;
}

export function testInfra(): { pgAdminUrl: string; natsUrl: string; s3?: TestS3 } {
  const pgAdminUrl = process.env.TEST_PG_ADMIN_URL;
  const natsUrl = process.env.TEST_NATS_URL;
  if (!pgAdminUrl || !natsUrl) {
    throw new Error(
      'Run tests through `npm test` (or `npm run test:all`): it finds or starts Postgres and NATS.',
    );
  }
  const endpoint = process.env.TEST_S3_ENDPOINT;
  const s3 = endpoint
    ? {
        endpoint,
        accessKey: process.env.TEST_S3_ACCESS_KEY ?? '',
        secretKey: process.env.TEST_S3_SECRET_KEY ?? '',
        source: process.env.TEST_S3_SOURCE ?? 'env',
      }
    : undefined;
  return { pgAdminUrl, natsUrl, s3 };
}

/** Infrastructure found by tools/test.ts for this run. */
export function testInfra(): { pgAdminUrl: string; natsUrl: string } {
  const pgAdminUrl = process.env.TEST_PG_ADMIN_URL;
  const natsUrl = process.env.TEST_NATS_URL;
  if (!pgAdminUrl || !natsUrl) {
    throw new Error(
      'Run tests through `npm test` (or `npm run test:all`): it finds or starts Postgres and NATS.',
    );
  }
  return { pgAdminUrl, natsUrl };
}

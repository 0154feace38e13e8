/**
 * Three tiers (see README): unit (*.spec.ts, pure logic, no I/O), integration (*.integration-spec.ts,
 * real Postgres and NATS JetStream) and e2e (test/**\/*.e2e-spec.ts, black box through HTTP).
 * Run through `npm test`, which finds or starts the infrastructure first (tools/test.ts).
 */
const preset = require('./jest.preset');

module.exports = {
  projects: [
    { ...preset, displayName: 'unit', testMatch: ['<rootDir>/{apps,libs}/**/*.spec.ts'] },
    {
      ...preset,
      displayName: 'integration',
      testMatch: ['<rootDir>/{apps,libs}/**/*.integration-spec.ts'],
    },
    {
      ...preset,
      displayName: 'e2e',
      testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'],
      // Every answer a suite receives is checked against apps/gateway/openapi.json (tools/contract-check.ts).
      setupFilesAfterEnv: ['<rootDir>/tools/contract-check.ts'],
    },
  ],
};

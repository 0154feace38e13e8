/** Shared Jest settings: swc transform (with decorator metadata) and the @tdkt/* path aliases. */
const { readFileSync } = require('node:fs');
const swcrc = JSON.parse(readFileSync(`${__dirname}/.swcrc`, 'utf8'));
delete swcrc.$schema;

module.exports = {
  rootDir: __dirname,
  testEnvironment: 'node',
  transform: { '^.+\\.(t|j)s$': ['@swc/jest', { ...swcrc, swcrc: false }] },
  moduleFileExtensions: ['ts', 'js', 'json'],
  moduleNameMapper: {
    '^@tdkt/(contracts|domain|platform|testing|api-client)$': '<rootDir>/libs/$1/src/index.ts',
  },
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
  // A bound, not a measurement: two CI runs may share two cores, and an e2e case starts services.
  testTimeout: 60_000,
  // A few dependencies ship ESM only (content-disposition, loaded through require() by
  // @fastify/static; jose, the OIDC JWKS verifier): compile them too.
  transformIgnorePatterns: ['/node_modules/(?!(@fastify/static/node_modules/)?content-disposition/|jose/)'],
};

/**
 * The contract: the checked-in OpenAPI document and the typed client generated from it match the
 * code (regenerate both with `npm run openapi`), and the document is exact enough for a generated
 * client to need no cast (apps/gateway/src/openapi.ts `contractProblems`: camelCase unique
 * operationIds, Vietnamese summaries, declared tags, problem+json errors, typed schemas).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import type { OpenAPIObject } from '@nestjs/swagger';
import { testInfra } from '@tdkt/testing';
import { createGateway } from '../apps/gateway/src/bootstrap';
import { buildOpenApi, contractProblems, Operation } from '../apps/gateway/src/openapi';
import { CLIENT_SCHEMA_FILE, generateClientSchema, OPENAPI_FILE, serialise } from '../tools/openapi';

let app: INestApplication;
let doc: OpenAPIObject;
let fresh: string;

beforeAll(async () => {
  ({ app } = await createGateway({
    NATS_URL: testInfra().natsUrl,
    JWT_SECRET: 'openapi-generation-only-not-a-secret-0000',
    LOG_LEVEL: 'warn',
  }));
  doc = buildOpenApi(app);
  fresh = serialise(doc);
});

afterAll(async () => {
  await app?.close();
});

const operations = () =>
  Object.entries(doc.paths).flatMap(([route, path]) =>
    Object.entries(path as Record<string, Operation>).map(([method, op]) => ({ route, method, op })),
  );

it('apps/gateway/openapi.json is fresh', () => {
  if (fresh !== readFileSync(OPENAPI_FILE, 'utf8'))
    throw new Error('apps/gateway/openapi.json is stale: run `npm run openapi` and commit the result');
  // And it is the document of this API: the members question is the groups controller's.
  expect(doc.paths['/api/v1/groups/{groupId}/members'].get?.operationId).toBe('listGroupMembers');
});

it('the typed client (libs/api-client/src/schema.ts) is generated from it', () => {
  if (generateClientSchema(fresh) !== readFileSync(CLIENT_SCHEMA_FILE, 'utf8'))
    throw new Error('libs/api-client/src/schema.ts is stale: run `npm run openapi` and commit the result');
});

it('every operation is declared as a client needs it (no contract problem)', () => {
  expect(contractProblems(doc)).toEqual([]);
});

it('login, refresh, the password reset and the public receipt check need no token; the rest a bearer token', () => {
  expect(doc.security).toEqual([{ bearer: [] }]);
  const open = operations()
    .filter(({ op }) => Array.isArray(op.security) && op.security.length === 0)
    .map(({ op }) => op.operationId)
    .sort();
  expect(open).toEqual(['completePasswordReset', 'login', 'refreshSession', 'verifyReceipt']);
  for (const { op } of operations()) {
    if (open.includes(op.operationId!)) expect(op.responses['403']).toBeUndefined();
    else expect(Object.keys(op.responses)).toEqual(expect.arrayContaining(['401', '403']));
  }
  expect(doc.paths['/api/v1/auth/login'].post?.responses['429']).toBeDefined();
});

it('writes declare their conflicts, refusals and the Idempotency-Key; all declare 400/503 with Retry-After', () => {
  for (const { method, op } of operations()) {
    expect(op.responses['400']).toBeDefined();
    expect(op.responses['503'].headers).toHaveProperty('Retry-After');
    if (!['post', 'put', 'patch', 'delete'].includes(method) || op.security?.length === 0) continue;
    expect(Object.keys(op.responses)).toEqual(expect.arrayContaining(['404', '409', '422']));
    expect(op.parameters?.some((p) => 'name' in p && p.name === 'Idempotency-Key')).toBe(true);
  }
});

it('dates, integers, ids and enums are typed', () => {
  const s = doc.components!.schemas as Record<
    string,
    { properties: Record<string, Record<string, unknown>> }
  >;
  expect(s.UnitResponse.properties.validTo).toMatchObject({ type: 'string', format: 'date', nullable: true });
  expect(s.MilestoneResponse.properties.dueAt).toMatchObject({ type: 'string', format: 'date-time' });
  expect(s.UnitPage.properties.total).toMatchObject({ type: 'integer' });
  expect(s.CreateUnitDto.properties.parentId).toMatchObject({
    type: 'string',
    format: 'uuid',
    nullable: true,
  });
  expect(s.CreateUnitDto.properties.kind).toEqual({ $ref: '#/components/schemas/UnitKind' });
  expect(s.UnitKind).toMatchObject({ type: 'string', enum: expect.arrayContaining(['PROVINCE']) });
  const year = doc.paths['/api/v1/groups/{groupId}/years/{year}/campaign'].get?.parameters?.find(
    (p) => 'name' in p && p.name === 'year',
  );
  expect(year).toMatchObject({ in: 'path', schema: { type: 'integer', minimum: 1900, maximum: 2100 } });
  expect(doc.tags?.every((t) => t.description)).toBe(true);
  expect(doc.servers?.length).toBeGreaterThan(0);
});

it('no two classes of the gateway or the contracts share a name (the spec would keep only one schema)', () => {
  const seen = new Map<string, string>();
  const dupes: string[] = [];
  const walk = (dir: string): void => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, e.name);
      if (e.isDirectory()) walk(path);
      else if (e.name.endsWith('.ts') && !e.name.endsWith('spec.ts'))
        for (const m of readFileSync(path, 'utf8').matchAll(/^(?:export )?class (\w+)/gm)) {
          if (seen.has(m[1])) dupes.push(`${m[1]}: ${seen.get(m[1])} and ${path}`);
          else seen.set(m[1], path);
        }
    }
  };
  for (const dir of ['apps/gateway/src', 'libs/contracts/src']) walk(join(__dirname, '..', dir));
  expect(dupes).toEqual([]);
});

it('the generated client has no untyped body: `unknown` only for documented free-form objects and headers', () => {
  const client = readFileSync(CLIENT_SCHEMA_FILE, 'utf8');
  // The types between `export interface components` and the enum value arrays.
  const types = client.slice(0, client.indexOf('type FlattenedDeepRequired'));
  const loose = types
    .split('\n')
    .map((line, i) => ({ line: line.trim(), at: i + 1 }))
    .filter(({ line }) => /\bunknown\b|Record<string, never>/.test(line))
    .filter(({ line }) => line !== '[name: string]: unknown;') // response headers
    .filter(({ line }) => !/^export type (webhooks|\$defs) = Record<string, never>;$/.test(line));
  const freeForm = (fresh.match(/"additionalProperties": true/g) ?? []).length;
  expect(loose.filter(({ line }) => line !== '[key: string]: unknown;')).toEqual([]);
  expect(loose).toHaveLength(freeForm);
});

/** The checked-in OpenAPI document must match the code; regenerate with `npm run openapi`. */
import { readFileSync } from 'node:fs';
import { testInfra } from '@tdkt/testing';
import { createGateway } from '../apps/gateway/src/bootstrap';
import { buildOpenApi } from '../apps/gateway/src/openapi';
import { OPENAPI_FILE, serialise } from '../tools/openapi';

it('apps/gateway/openapi.json is fresh', async () => {
  const { app } = await createGateway({
    NATS_URL: testInfra().natsUrl,
    JWT_SECRET: 'openapi-generation-only-not-a-secret-0000',
    LOG_LEVEL: 'warn',
  });
  try {
    const fresh = serialise(buildOpenApi(app));
    const committed = readFileSync(OPENAPI_FILE, 'utf8');
    if (fresh !== committed) {
      throw new Error('apps/gateway/openapi.json is stale: run `npm run openapi` and commit the result');
    }
    // And it is the document of this API: the members question is the groups controller's.
    expect(JSON.parse(committed).paths['/api/v1/groups/{groupId}/members'].get.operationId).toBe(
      'GroupsController_members',
    );
  } finally {
    await app.close();
  }
});

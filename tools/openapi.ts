/**
 * Writes apps/gateway/openapi.json from the code (`npm run openapi`). The e2e suite fails when the
 * checked-in file is stale. Needs a NATS to connect to (found or started like `npm start`).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ensureNats } from '@tdkt/testing';
import { createGateway } from '../apps/gateway/src/bootstrap';
import { buildOpenApi } from '../apps/gateway/src/openapi';

export const OPENAPI_FILE = join(__dirname, '..', 'apps', 'gateway', 'openapi.json');

export function serialise(doc: unknown): string {
  return `${JSON.stringify(doc, null, 2)}\n`;
}

async function main(): Promise<void> {
  const nats = await ensureNats(console.log);
  const { app } = await createGateway({
    NATS_URL: nats.url,
    JWT_SECRET: 'openapi-generation-only-not-a-secret-0000',
    LOG_LEVEL: 'warn',
  });
  try {
    writeFileSync(OPENAPI_FILE, serialise(buildOpenApi(app)));
    console.log(`wrote ${OPENAPI_FILE}`);
  } finally {
    await app.close();
    await nats.stop();
  }
}

if (require.main === module) {
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}

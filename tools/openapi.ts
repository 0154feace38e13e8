/**
 * `npm run openapi`: writes apps/gateway/openapi.json from the code, then the typed client's
 * libs/api-client/src/schema.ts from it (openapi-typescript, formatted by prettier), so the two
 * are always regenerated together. test/openapi.e2e-spec.ts fails when either checked-in file is
 * stale, or when the document lacks something a client needs (`contractProblems`, printed here).
 * Needs a NATS to connect to (found or started like `npm start`).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureNats } from '@tdkt/testing';
import { createGateway } from '../apps/gateway/src/bootstrap';
import { buildOpenApi, contractProblems } from '../apps/gateway/src/openapi';

const ROOT = join(__dirname, '..');
export const OPENAPI_FILE = join(ROOT, 'apps', 'gateway', 'openapi.json');
export const CLIENT_SCHEMA_FILE = join(ROOT, 'libs', 'api-client', 'src', 'schema.ts');

export function serialise(doc: unknown): string {
  return `${JSON.stringify(doc, null, 2)}\n`;
}

/** The client's types (schema.ts) for a serialised document: openapi-typescript's CLI, then prettier. */
export function generateClientSchema(spec: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'tdkt-openapi-'));
  try {
    const input = join(dir, 'openapi.json');
    const output = join(dir, 'schema.ts');
    writeFileSync(input, spec);
    const cli = join(ROOT, 'node_modules', 'openapi-typescript', 'bin', 'cli.js');
    // Defaults are not "always present" in requests: a field with a default may be left out.
    execFileSync(
      process.execPath,
      [cli, input, '-o', output, '--default-non-nullable', 'false', '--enum-values'],
      {
        stdio: 'pipe',
        cwd: ROOT,
      },
    );
    // Prettier's CLI, not its API: the API loads its plugins by dynamic import, which Jest refuses.
    const prettier = join(ROOT, 'node_modules', 'prettier', 'bin', 'prettier.cjs');
    return execFileSync(process.execPath, [prettier, '--stdin-filepath', CLIENT_SCHEMA_FILE], {
      input: readFileSync(output),
      cwd: ROOT,
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const nats = await ensureNats(console.log);
  const { app } = await createGateway({
    NATS_URL: nats.url,
    JWT_SECRET: 'openapi-generation-only-not-a-secret-0000',
    LOG_LEVEL: 'warn',
  });
  try {
    const doc = buildOpenApi(app);
    const spec = serialise(doc);
    writeFileSync(OPENAPI_FILE, spec);
    console.log(`wrote ${OPENAPI_FILE}`);
    writeFileSync(CLIENT_SCHEMA_FILE, generateClientSchema(spec));
    console.log(`wrote ${CLIENT_SCHEMA_FILE}`);
    const problems = contractProblems(doc);
    if (problems.length) {
      console.warn(`\n${problems.length} contract problem(s) (test/openapi.e2e-spec.ts fails on them):`);
      for (const p of problems) console.warn(`  - ${p}`);
    }
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

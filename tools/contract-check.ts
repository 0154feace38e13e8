/**
 * Checks every answer of the gateway a test receives against the contract (apps/gateway/openapi.json):
 * the status must be declared for the operation, and a JSON body must match its schema (types,
 * formats, nullability, required fields, enums). A Jest setup file of the e2e project.
 *
 * It wraps `globalThis.fetch` (what openapi-fetch, and so @tdkt/api-client, calls), never changes an
 * answer, and appends one JSON line per mismatch to the file named by CONTRACT_CHECK (default
 * tmp/contract-mismatches.jsonl; CONTRACT_FILE=… checks against another document).
 * The e2e project (jest.config.js) runs every suite under it, strict: a test that received an answer
 * outside the contract fails. The fuzz and hardening suites send what the contract forbids on
 * purpose; their mismatches are only recorded. CONTRACT_CHECK_STRICT=0 records without failing.
 */
import { appendFileSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';

const ROOT = join(__dirname, '..');
const OUT = process.env.CONTRACT_CHECK || join(ROOT, 'tmp', 'contract-mismatches.jsonl');

interface Op {
  method: string;
  template: string;
  pattern: RegExp;
  responses: Record<string, { content?: Record<string, { schema?: unknown }> }>;
}

/**
 * OpenAPI 3.0's `{ nullable: true, allOf: [{ $ref }] }` (a nullable enum or object) as the generators
 * read it (X | null): JSON Schema would apply the referenced schema to null as well.
 */
function nullableRefs(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(nullableRefs);
  if (!node || typeof node !== 'object') return node;
  const o = Object.fromEntries(Object.entries(node).map(([k, v]) => [k, nullableRefs(v)]));
  if (o.nullable === true && Array.isArray(o.allOf)) {
    const { nullable: _n, type: _t, allOf, ...rest } = o;
    return { ...rest, anyOf: [{ allOf }, { type: 'null' }] };
  }
  return o;
}

export function loadContract(file = join(ROOT, 'apps', 'gateway', 'openapi.json')) {
  const doc = nullableRefs(JSON.parse(readFileSync(file, 'utf8'))) as {
    components: unknown;
    paths: Record<string, Record<string, { responses: Op['responses'] }>>;
  };
  // No `discriminator`: Ajv refuses its `mapping`; the oneOf alone tells the variants apart (by their `kind`).
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addFormat('binary', true);
  ajv.addSchema({ components: doc.components }, 'contract');
  const ops: Op[] = [];
  for (const [template, path] of Object.entries(doc.paths))
    for (const [method, op] of Object.entries(path)) {
      const pattern = new RegExp(`^${template.replace(/\{[^}]+\}/g, '[^/]+')}$`);
      ops.push({ method: method.toUpperCase(), template, pattern, responses: op.responses });
    }
  // Static segments before parameters: /documents/jobs/{id} before /documents/{id}/…
  ops.sort((a, b) => (a.template.match(/\{/g)?.length ?? 0) - (b.template.match(/\{/g)?.length ?? 0));
  const validators = new Map<unknown, ValidateFunction>();
  const validatorOf = (schema: unknown) => {
    let v = validators.get(schema);
    if (!v) {
      const text = JSON.stringify(schema).replace(/"#\/components\//g, '"contract#/components/');
      v = ajv.compile(JSON.parse(text));
      validators.set(schema, v);
    }
    return v;
  };
  /** What is wrong with an answer (empty: it matches the contract, or the route is not in it). */
  return (method: string, pathname: string, status: number, contentType: string, body: unknown): string[] => {
    const op = ops.find((o) => o.method === method && o.pattern.test(pathname));
    if (!op) return [];
    const declared = op.responses[String(status)];
    if (!declared) return [`${method} ${op.template}: status ${status} is not declared`];
    const type = contentType.split(';')[0].trim();
    const schema = declared.content?.[type]?.schema ?? declared.content?.['application/json']?.schema;
    if (!schema || !type.includes('json') || body === undefined) return [];
    const validate = validatorOf(schema);
    if (validate(body)) return [];
    return (validate.errors ?? []).map(
      (e) =>
        `${method} ${op.template} ${status}: ${e.instancePath || '(body)'} ${e.message} ${JSON.stringify(e.params)}`,
    );
  };
}

/** Suites that send what the contract forbids on purpose: their answers are recorded, never failed. */
const FORBIDDEN_INPUT_SUITES = /(fuzz|hardening)\.e2e-spec\.ts$/;

/**
 * Strict (a test fails on any answer outside the contract) unless CONTRACT_CHECK_STRICT=0, or the
 * suite sends forbidden input on purpose. The e2e project runs every suite under this file.
 */
function strictHere(): boolean {
  if (process.env.CONTRACT_CHECK_STRICT === '0') return false;
  return !FORBIDDEN_INPUT_SUITES.test(expect.getState().testPath ?? '');
}

if (typeof globalThis.fetch === 'function' && !(globalThis.fetch as { checked?: boolean }).checked) {
  const check = loadContract(process.env.CONTRACT_FILE || undefined);
  /** The mismatches of the running test (a strict run fails the test on any). */
  const seen: string[] = [];
  if (strictHere())
    afterEach(() => {
      const found = seen.splice(0);
      if (found.length) throw new Error(`answers outside the contract:\n${[...new Set(found)].join('\n')}`);
    });
  const original = globalThis.fetch;
  const wrapped = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const response = await original(input, init);
    try {
      const url = new URL(input instanceof Request ? input.url : String(input));
      const method = (input instanceof Request ? input.method : (init?.method ?? 'GET')).toUpperCase();
      const type = response.headers.get('content-type') ?? '';
      if (!url.pathname.startsWith('/api/')) return response;
      const text = type.includes('json') ? await response.clone().text() : '';
      const problems = check(
        method,
        url.pathname,
        response.status,
        type,
        text ? JSON.parse(text) : undefined,
      );
      if (problems.length) {
        seen.push(...problems);
        mkdirSync(dirname(OUT), { recursive: true });
        const test = expect.getState().currentTestName;
        for (const problem of problems) appendFileSync(OUT, `${JSON.stringify({ problem, test })}\n`);
      }
    } catch (e) {
      // Never let the check change what the test sees; say that it could not check.
      appendFileSync(OUT, `${JSON.stringify({ problem: `check failed: ${(e as Error).message}` })}\n`);
    }
    return response;
  };
  (wrapped as { checked?: boolean }).checked = true;
  globalThis.fetch = wrapped as typeof fetch;
}

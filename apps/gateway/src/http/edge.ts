import type { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Socket } from 'node:net';
import { ErrorParams, ErrorReason, errorMessage, FieldError } from '@tdkt/contracts';
import secureJsonParse from 'secure-json-parse';
import { problem, Problem, ProblemException, sendProblem } from './problem';

/**
 * Limits at the edge, before anything else reads the request: what no operation accepts is
 * refused here with a 400 naming the field, so no service ever sees it (and none can crash on it).
 *
 * - JSON bodies: nesting depth, string and array lengths, keys per object; no NUL character and no
 *   lone UTF-16 surrogate in any string or key.
 * - Path parameters, query values and the headers that carry text: the same character rules, and
 *   a length bound.
 * - Framework errors (a malformed URL, a request Node's HTTP parser refuses) as problem+json too.
 */
export const EDGE_LIMITS = {
  /** Deepest nesting of arrays/objects in a JSON body (a scheme is 5 levels deep). */
  depth: 32,
  /** Longest string in a JSON body (characters). */
  string: 100_000,
  /** Most elements in one array. */
  array: 20_000,
  /** Most keys in one object. */
  keys: 1_000,
  /** Longest path parameter or query value (characters). */
  param: 200,
} as const;

/** Headers whose text reaches a service (decoded where they are percent-encoded). */
const TEXT_HEADERS = ['x-file-name', 'idempotency-key'];

/** The catalogue reason a string is refused for, or undefined. */
export function badTextRule(s: string): 'TEXT_HAS_NUL' | 'TEXT_LONE_SURROGATE' | undefined {
  if (s.includes('\u0000')) return 'TEXT_HAS_NUL';
  if (!(s as unknown as { isWellFormed(): boolean }).isWellFormed()) return 'TEXT_LONE_SURROGATE';
  return undefined;
}

/** Why a string is refused (Vietnamese, after the field's name), or undefined. */
export function badText(s: string): string | undefined {
  const rule = badTextRule(s);
  return rule && errorMessage(rule);
}

/** A field refused at the edge: its rule is the catalogue reason. */
function edgeError(field: string, rule: ErrorReason, params: ErrorParams = {}): FieldError {
  return { field, rule, message: errorMessage(rule, params) };
}

function at(path: string, key: string | number): string {
  if (typeof key === 'number') return `${path}[${key}]`;
  return path ? `${path}.${key}` : key;
}

/**
 * Walks a parsed JSON value without recursion (a hostile depth cannot overflow the stack) and
 * answers the first rule it breaks, with the field's path, or undefined.
 */
export function checkJson(root: unknown): FieldError | undefined {
  const stack: { v: unknown; path: string; depth: number }[] = [{ v: root, path: '', depth: 0 }];
  while (stack.length > 0) {
    const { v, path, depth } = stack.pop() as { v: unknown; path: string; depth: number };
    const field = path || 'body';
    if (typeof v === 'string') {
      if (v.length > EDGE_LIMITS.string)
        return edgeError(field, 'TEXT_TOO_LONG', { max: EDGE_LIMITS.string });
      const bad = badTextRule(v);
      if (bad) return edgeError(field, bad);
      continue;
    }
    if (v === null || typeof v !== 'object') continue;
    if (depth >= EDGE_LIMITS.depth) return edgeError(field, 'JSON_TOO_DEEP', { max: EDGE_LIMITS.depth });
    if (Array.isArray(v)) {
      if (v.length > EDGE_LIMITS.array) return edgeError(field, 'ARRAY_TOO_LONG', { max: EDGE_LIMITS.array });
      for (let i = v.length - 1; i >= 0; i -= 1) stack.push({ v: v[i], path: at(path, i), depth: depth + 1 });
      continue;
    }
    const keys = Object.keys(v);
    if (keys.length > EDGE_LIMITS.keys)
      return edgeError(field, 'OBJECT_TOO_MANY_FIELDS', { max: EDGE_LIMITS.keys });
    for (let i = keys.length - 1; i >= 0; i -= 1) {
      const k = keys[i];
      if (k === '') return edgeError(field, 'FIELD_NAME_EMPTY');
      const bad = badTextRule(k);
      if (bad) return edgeError(at(path, '(key)'), 'FIELD_NAME_INVALID', { problem: errorMessage(bad) });
      stack.push({ v: (v as Record<string, unknown>)[k], path: at(path, k), depth: depth + 1 });
    }
  }
  return undefined;
}

function refuse(e: FieldError): ProblemException {
  return new ProblemException(problem(400, `${e.field}: ${e.message}`, undefined, [e]));
}

/** Path parameters and query values: short, no NUL, well-formed. */
export function checkParams(req: FastifyRequest): void {
  for (const [where, values] of [
    ['path', req.params],
    ['query', req.query],
  ] as const) {
    if (!values || typeof values !== 'object') continue;
    for (const [name, raw] of Object.entries(values as Record<string, unknown>)) {
      if (name === '') throw refuse(edgeError(where, 'PARAM_NAME_EMPTY'));
      for (const v of Array.isArray(raw) ? raw : [raw]) {
        if (typeof v !== 'string') continue;
        const field = name === '*' ? where : name;
        if (v.length > EDGE_LIMITS.param)
          throw refuse(edgeError(field, 'TEXT_TOO_LONG', { max: EDGE_LIMITS.param }));
        const bad = badTextRule(v);
        if (bad) throw refuse(edgeError(field, bad));
      }
    }
  }
  for (const name of TEXT_HEADERS) {
    const v = req.headers[name];
    if (typeof v !== 'string') continue;
    let text = v;
    try {
      text = decodeURIComponent(v);
    } catch {
      /* not percent-encoded text: checked as is; the operation says whether it must be */
    }
    const bad = badTextRule(text);
    if (bad) throw refuse(edgeError(name === 'x-file-name' ? 'X-File-Name' : 'Idempotency-Key', bad));
  }
}

const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH']);

/** A problem written straight to a socket Node's HTTP parser gave up on (no request object). */
function rawProblem(socket: Socket, p: Problem): void {
  if (!socket.writable) return;
  const body = JSON.stringify(p);
  socket.end(
    `HTTP/1.1 ${p.status} ${p.status === 413 ? 'Payload Too Large' : p.status === 431 ? 'Request Header Fields Too Large' : 'Bad Request'}\r\n` +
      'Content-Type: application/problem+json; charset=utf-8\r\n' +
      `Content-Length: ${Buffer.byteLength(body)}\r\n` +
      'Connection: close\r\n\r\n' +
      body,
  );
}

/** Fastify server options the edge needs (passed to the adapter). */
export const edgeServerOptions = {
  // Longer parameters reach the validation below and get a 400 naming the parameter (not a bare 414).
  routerOptions: { maxParamLength: 4_096 },
  frameworkErrors: (error: Error & { code?: string }, req: FastifyRequest, reply: FastifyReply): void => {
    const rule: ErrorReason = error.code === 'FST_ERR_BAD_URL' ? 'URL_MALFORMED' : 'REQUEST_REFUSED';
    const e = edgeError('url', rule, { detail: error.code ?? error.message });
    sendProblem(reply, problem(400, e.message, undefined, [e], req.url));
  },
  clientErrorHandler: (error: Error & { code?: string }, socket: Socket): void => {
    const tooLarge = error.code === 'HPE_HEADER_OVERFLOW';
    const e = tooLarge
      ? edgeError('headers', 'HEADERS_TOO_LARGE')
      : edgeError('request', 'REQUEST_UNREADABLE', { code: error.code ?? 'malformed' });
    rawProblem(socket, problem(tooLarge ? 431 : 400, e.message, undefined, [e]));
  },
};

/**
 * Installs the edge on the gateway's Fastify instance: the JSON body parser with its limits, and
 * the path/query/header checks (a `preValidation` hook, so they run before guards and pipes).
 * `refuseUnexpectedBody` is not a hook of its own: the bootstrap folds it into `onRequest`.
 */
export function installEdge(app: NestFastifyApplication, bodyLimit: number): void {
  const fastify = app.getHttpAdapter().getInstance() as unknown as FastifyInstance;
  const adapter = app.getHttpAdapter() as unknown as FastifyAdapter;
  fastify.removeContentTypeParser('application/json');
  // Through the adapter, so that Nest's init does not put its own JSON parser back.
  adapter.useBodyParser(
    'application/json',
    false,
    { bodyLimit },
    (_req: unknown, text: string | Buffer, done: (err: Error | null, body?: unknown) => void) => {
      const s = typeof text === 'string' ? text : text.toString('utf8');
      if (s.length === 0) return done(null, undefined);
      let value: unknown;
      try {
        value = secureJsonParse.parse(s, undefined, { protoAction: 'remove', constructorAction: 'remove' });
      } catch {
        return done(refuse(edgeError('body', 'BODY_NOT_JSON')));
      }
      const bad = checkJson(value);
      if (bad) return done(refuse(bad));
      done(null, value);
    },
  );
  fastify.addHook('preValidation', (req, _reply, done) => {
    try {
      checkParams(req);
      done();
    } catch (e) {
      done(e as Error);
    }
  });
}

/**
 * A body where the method takes none (GET, DELETE…) is refused by name instead of by the parser.
 * Runs in the platform's one `onRequest` hook (bootstrap folds it in); true when it replied.
 */
export function refuseUnexpectedBody(req: FastifyRequest, reply: FastifyReply): boolean {
  if (BODY_METHODS.has(req.method)) return false;
  const length = Number(req.headers['content-length'] ?? 0);
  if (!(length > 0 || req.headers['transfer-encoding'])) return false;
  const e = edgeError('body', 'BODY_NOT_ALLOWED', { method: req.method });
  sendProblem(reply, problem(400, e.message, undefined, [e], req.url));
  return true;
}

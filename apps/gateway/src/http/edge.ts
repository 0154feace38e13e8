import type { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Socket } from 'node:net';
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

/** Why a string is refused, or undefined. */
export function badText(s: string): string | undefined {
  if (s.includes('\u0000')) return 'must not contain the NUL character (\\u0000)';
  if (!(s as unknown as { isWellFormed(): boolean }).isWellFormed())
    return 'must be well-formed Unicode (a lone UTF-16 surrogate was found)';
  return undefined;
}

function at(path: string, key: string | number): string {
  if (typeof key === 'number') return `${path}[${key}]`;
  return path ? `${path}.${key}` : key;
}

/**
 * Walks a parsed JSON value without recursion (a hostile depth cannot overflow the stack) and
 * answers the first rule it breaks, with the field's path, or undefined.
 */
export function checkJson(root: unknown): { field: string; message: string } | undefined {
  const stack: { v: unknown; path: string; depth: number }[] = [{ v: root, path: '', depth: 0 }];
  while (stack.length > 0) {
    const { v, path, depth } = stack.pop() as { v: unknown; path: string; depth: number };
    const field = path || 'body';
    if (typeof v === 'string') {
      if (v.length > EDGE_LIMITS.string)
        return { field, message: `must be at most ${EDGE_LIMITS.string} characters long` };
      const bad = badText(v);
      if (bad) return { field, message: bad };
      continue;
    }
    if (v === null || typeof v !== 'object') continue;
    if (depth >= EDGE_LIMITS.depth)
      return { field, message: `is nested too deeply (at most ${EDGE_LIMITS.depth} levels)` };
    if (Array.isArray(v)) {
      if (v.length > EDGE_LIMITS.array)
        return { field, message: `must have at most ${EDGE_LIMITS.array} elements` };
      for (let i = v.length - 1; i >= 0; i -= 1) stack.push({ v: v[i], path: at(path, i), depth: depth + 1 });
      continue;
    }
    const keys = Object.keys(v);
    if (keys.length > EDGE_LIMITS.keys)
      return { field, message: `must have at most ${EDGE_LIMITS.keys} fields` };
    for (let i = keys.length - 1; i >= 0; i -= 1) {
      const k = keys[i];
      if (k === '') return { field, message: 'has a field with an empty name' };
      const bad = badText(k);
      if (bad) return { field: at(path, '(key)'), message: `field names ${bad}` };
      stack.push({ v: (v as Record<string, unknown>)[k], path: at(path, k), depth: depth + 1 });
    }
  }
  return undefined;
}

function refuse(field: string, message: string): ProblemException {
  return new ProblemException(problem(400, `${field}: ${message}`, undefined, [{ field, message }]));
}

/** Path parameters and query values: short, no NUL, well-formed. */
export function checkParams(req: FastifyRequest): void {
  for (const [where, values] of [
    ['path', req.params],
    ['query', req.query],
  ] as const) {
    if (!values || typeof values !== 'object') continue;
    for (const [name, raw] of Object.entries(values as Record<string, unknown>)) {
      if (name === '') throw refuse(where, 'has a parameter with an empty name');
      for (const v of Array.isArray(raw) ? raw : [raw]) {
        if (typeof v !== 'string') continue;
        const field = name === '*' ? where : name;
        if (v.length > EDGE_LIMITS.param)
          throw refuse(field, `must be at most ${EDGE_LIMITS.param} characters long`);
        const bad = badText(v);
        if (bad) throw refuse(field, bad);
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
    const bad = badText(text);
    if (bad) throw refuse(name === 'x-file-name' ? 'X-File-Name' : 'Idempotency-Key', bad);
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
    const detail =
      error.code === 'FST_ERR_BAD_URL'
        ? 'The URL is not valid (a malformed percent-encoding such as %zz)'
        : `Request refused: ${error.message}`;
    sendProblem(reply, problem(400, detail, undefined, [{ field: 'url', message: detail }], req.url));
  },
  clientErrorHandler: (error: Error & { code?: string }, socket: Socket): void => {
    const tooLarge = error.code === 'HPE_HEADER_OVERFLOW';
    const detail = tooLarge
      ? 'Request headers are larger than allowed'
      : `The HTTP request could not be read (${error.code ?? 'malformed'})`;
    rawProblem(
      socket,
      problem(tooLarge ? 431 : 400, detail, undefined, [
        { field: tooLarge ? 'headers' : 'request', message: detail },
      ]),
    );
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
        return done(refuse('body', 'is not valid JSON'));
      }
      const bad = checkJson(value);
      if (bad) return done(refuse(bad.field, bad.message));
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
  const detail = `${req.method} takes no request body`;
  sendProblem(reply, problem(400, detail, undefined, [{ field: 'body', message: detail }], req.url));
  return true;
}

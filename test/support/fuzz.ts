/**
 * Helpers for the OpenAPI-driven fuzzer (test/fuzz.e2e-spec.ts): the operations of the checked-in
 * spec, request arbitraries built from their schemas and then mutated, a low-level HTTP client that
 * sends what fetch refuses to (GET with a body, '%zz' in the path, a NUL byte in a header), the checks
 * every response must pass, a failure log grouped for the summary, and row counts per table for the
 * half-written check.
 */
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { Agent, request as httpRequest } from 'node:http';
import { connect as tcpConnect } from 'node:net';
import { Client } from 'pg';

export const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/* ------------------------------------------------------------------------------------------------
 * The spec
 * ---------------------------------------------------------------------------------------------- */

export interface SchemaObject {
  $ref?: string;
  type?: string;
  format?: string;
  enum?: unknown[];
  example?: unknown;
  nullable?: boolean;
  properties?: Record<string, SchemaObject>;
  required?: string[];
  items?: SchemaObject;
  allOf?: SchemaObject[];
  minimum?: number;
  maximum?: number;
}

export interface ParameterObject {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema?: SchemaObject;
}

interface OperationObject {
  parameters?: ParameterObject[];
  requestBody?: { content: Record<string, { schema?: SchemaObject }> };
  security?: unknown[];
}

interface OpenApiDoc {
  paths: Record<string, Record<string, OperationObject>>;
  components: { schemas: Record<string, SchemaObject> };
}

export interface Operation {
  method: string;
  /** The path template, e.g. /api/v1/groups/{groupId}/members */
  path: string;
  params: ParameterObject[];
  /** Request body media types (application/json, text/csv, …) */
  bodyTypes: string[];
  bodySchema?: SchemaObject;
  secured: boolean;
  /** Anything but GET: sent one at a time, with the row counts checked around it. */
  write: boolean;
}

export interface Spec {
  operations: Operation[];
  /** $ref and a single allOf followed to the schema itself. */
  resolve(s: SchemaObject | undefined): SchemaObject;
}

const METHODS = new Set(['get', 'post', 'put', 'patch', 'delete']);

export function loadSpec(file: string): Spec {
  const doc = JSON.parse(readFileSync(file, 'utf8')) as OpenApiDoc;
  const resolve = (s: SchemaObject | undefined): SchemaObject => {
    let cur: SchemaObject = s ?? {};
    for (let i = 0; i < 10; i += 1) {
      if (cur.$ref) {
        const name = cur.$ref.replace('#/components/schemas/', '');
        cur = { ...doc.components.schemas[name], nullable: cur.nullable };
      } else if (cur.allOf?.length === 1) {
        const { allOf, ...rest } = cur;
        cur = { ...resolve(allOf[0]), nullable: rest.nullable };
      } else break;
    }
    return cur;
  };
  const operations: Operation[] = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(item)) {
      if (!METHODS.has(method)) continue;
      const content = op.requestBody?.content ?? {};
      operations.push({
        method: method.toUpperCase(),
        path,
        params: op.parameters ?? [],
        bodyTypes: Object.keys(content),
        bodySchema: content['application/json']?.schema,
        secured: (op.security ?? []).length > 0,
        write: method !== 'get',
      });
    }
  }
  return { operations, resolve };
}

/* ------------------------------------------------------------------------------------------------
 * JSON with fragments JSON.stringify cannot make (20-digit numbers, 1e400, 5000 levels deep)
 * ---------------------------------------------------------------------------------------------- */

/** A piece of JSON text sent exactly as written. */
export class RawJson {
  constructor(readonly text: string) {}
}

export type JsonLike = null | boolean | number | string | RawJson | JsonLike[] | { [k: string]: JsonLike };

export function jsonText(v: JsonLike): string {
  if (v instanceof RawJson) return v.text;
  if (Array.isArray(v)) return `[${v.map(jsonText).join(',')}]`;
  if (v !== null && typeof v === 'object')
    return `{${Object.entries(v)
      .map(([k, x]) => `${JSON.stringify(k)}:${jsonText(x)}`)
      .join(',')}}`;
  // JSON.stringify escapes NUL and lone surrogates (\u0000, \ud800): they reach the server as such.
  return JSON.stringify(v) ?? 'null';
}

export const deepObject = (levels: number): RawJson =>
  new RawJson(`${'{"a":'.repeat(levels)}1${'}'.repeat(levels)}`);
export const deepArray = (levels: number): RawJson =>
  new RawJson(`${'['.repeat(levels)}${']'.repeat(levels)}`);

/** Sets an own property, even `__proto__`, without touching the prototype. */
function setOwn(o: Record<string, JsonLike>, k: string, v: JsonLike): void {
  Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true });
}

/** Percent-encodes a value; lone surrogates become their WTF-8 bytes (what a sloppy client sends). */
export function pct(s: string): string {
  try {
    return encodeURIComponent(s);
  } catch {
    let out = '';
    for (let i = 0; i < s.length; i += 1) {
      const c = s.charCodeAt(i);
      const pair =
        c >= 0xd800 && c <= 0xdbff && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00;
      if (pair) {
        out += encodeURIComponent(s.slice(i, i + 2));
        i += 1;
      } else if (c >= 0xd800 && c <= 0xdfff) {
        out += [0xe0 | (c >> 12), 0x80 | ((c >> 6) & 0x3f), 0x80 | (c & 0x3f)]
          .map((b) => `%${b.toString(16).toUpperCase()}`)
          .join('');
      } else out += encodeURIComponent(s[i]);
    }
    return out;
  }
}

/* ------------------------------------------------------------------------------------------------
 * Requests on the wire
 * ---------------------------------------------------------------------------------------------- */

export interface WireRequest {
  method: string;
  /** Path template, for grouping failures */
  template: string;
  /** Path and query as sent (already percent-encoded, possibly badly on purpose) */
  url: string;
  headers: Record<string, string>;
  body?: Buffer;
  /** Who sends it: a demo user, anonymous, or a broken credential */
  as: string;
  /** What was done to it (mutations), for the repro */
  note: string;
  /** node:http (default), fetch (the brief's 50 MB case) or a raw socket (bytes Node will not send) */
  transport?: 'http' | 'fetch' | 'socket';
}

export interface Outcome {
  /** 0: no response */
  status: number;
  contentType: string;
  text: string;
  error?: string;
}

export interface Target {
  host: string;
  port: number;
}

export function targetOf(baseUrl: string): Target {
  const u = new URL(baseUrl);
  return { host: u.hostname, port: Number(u.port) };
}

const agent = new Agent({ keepAlive: true, maxSockets: 8 });
/** What is kept of a response body: all of a problem (up to 16 MB), the start of anything else */
const KEEP_BYTES = { ok: 64 * 1024, problem: 16 * 1024 * 1024 };
const TIMEOUT_MS = 20_000;

export function closeAgent(): void {
  agent.destroy();
}

export function dispatch(t: Target, req: WireRequest): Promise<Outcome> {
  if (req.transport === 'fetch') return viaFetch(t, req);
  if (req.transport === 'socket') return viaSocket(t, req);
  return viaHttp(t, req);
}

function viaHttp(t: Target, req: WireRequest): Promise<Outcome> {
  return new Promise<Outcome>((resolve) => {
    let settled = false;
    const done = (o: Outcome) => {
      if (!settled) {
        settled = true;
        resolve(o);
      }
    };
    const headers: Record<string, string | number> = { ...req.headers };
    if (req.body) headers['content-length'] = req.body.length;
    let r: ReturnType<typeof httpRequest>;
    try {
      r = httpRequest({ host: t.host, port: t.port, method: req.method, path: req.url, headers, agent });
    } catch (e) {
      done({
        status: 0,
        contentType: '',
        text: '',
        error: `client refused to send: ${(e as Error).message}`,
      });
      return;
    }
    r.setTimeout(TIMEOUT_MS, () => r.destroy(new Error(`no response within ${TIMEOUT_MS} ms`)));
    r.on('response', (res) => {
      const chunks: Buffer[] = [];
      const keep = (res.statusCode ?? 0) >= 400 ? KEEP_BYTES.problem : KEEP_BYTES.ok;
      let kept = 0;
      res.on('data', (c: Buffer) => {
        if (kept < keep) chunks.push(c);
        kept += c.length;
      });
      const finish = () =>
        done({
          status: res.statusCode ?? 0,
          contentType: String(res.headers['content-type'] ?? ''),
          text: Buffer.concat(chunks).toString('utf8'),
        });
      res.on('end', finish);
      res.on('error', finish);
      res.on('aborted', finish);
    });
    r.on('error', (e: NodeJS.ErrnoException) =>
      done({ status: 0, contentType: '', text: '', error: `${e.code ?? ''} ${e.message}`.trim() }),
    );
    r.end(req.body);
  });
}

async function viaFetch(t: Target, req: WireRequest): Promise<Outcome> {
  try {
    const r = await fetch(`http://${t.host}:${t.port}${req.url}`, {
      method: req.method,
      headers: req.headers,
      body: req.body,
      signal: AbortSignal.timeout(TIMEOUT_MS * 3),
    });
    return { status: r.status, contentType: r.headers.get('content-type') ?? '', text: await r.text() };
  } catch (e) {
    const err = e as Error & { cause?: { code?: string; message?: string } };
    const cause = err.cause ? ` (${err.cause.code ?? ''} ${err.cause.message ?? ''})` : '';
    return { status: 0, contentType: '', text: '', error: `${err.message}${cause}` };
  }
}

/** HTTP/1.1 written by hand, for header bytes Node's client refuses (a NUL in a header value). */
function viaSocket(t: Target, req: WireRequest): Promise<Outcome> {
  return new Promise<Outcome>((resolve) => {
    const body = req.body ?? Buffer.alloc(0);
    const head = [
      `${req.method} ${req.url} HTTP/1.1`,
      `host: ${t.host}:${t.port}`,
      'connection: close',
      ...Object.entries(req.headers).map(([k, v]) => `${k}: ${v}`),
      `content-length: ${body.length}`,
      '',
      '',
    ].join('\r\n');
    const chunks: Buffer[] = [];
    const sock = tcpConnect(t.port, t.host, () =>
      sock.end(Buffer.concat([Buffer.from(head, 'latin1'), body])),
    );
    sock.setTimeout(TIMEOUT_MS, () => sock.destroy(new Error(`no response within ${TIMEOUT_MS} ms`)));
    let failure = '';
    sock.on('data', (c: Buffer) => chunks.push(c));
    sock.on('error', (e) => (failure = e.message));
    sock.on('close', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const m = /^HTTP\/1\.[01] (\d{3})/.exec(raw);
      if (!m) {
        resolve({
          status: 0,
          contentType: '',
          text: '',
          error: failure || 'connection closed without a response',
        });
        return;
      }
      const [headPart, ...rest] = raw.split('\r\n\r\n');
      const ct = /\r\ncontent-type:\s*([^\r\n]*)/i.exec(headPart)?.[1] ?? '';
      let text = rest.join('\r\n\r\n');
      if (/\r\ntransfer-encoding:\s*chunked/i.test(headPart)) text = dechunk(text);
      resolve({ status: Number(m[1]), contentType: ct, text });
    });
  });
}

function dechunk(s: string): string {
  let out = '';
  let rest = s;
  for (;;) {
    const nl = rest.indexOf('\r\n');
    const size = parseInt(rest.slice(0, nl), 16);
    if (!(size > 0)) return out;
    out += rest.slice(nl + 2, nl + 2 + size);
    rest = rest.slice(nl + 2 + size + 2);
  }
}

/* ------------------------------------------------------------------------------------------------
 * Checks
 * ---------------------------------------------------------------------------------------------- */

export interface Violation {
  /** Stable for grouping: what is wrong, not with which values */
  what: string;
  /** The problem's code, or what the body was */
  code: string;
  detail: string;
}

interface ProblemLike {
  status?: unknown;
  code?: unknown;
  detail?: unknown;
  errors?: unknown;
}

/** Every rule a response must keep, whatever was sent. */
export function violations(out: Outcome): Violation[] {
  if (out.status === 0) return [{ what: 'no response', code: '-', detail: out.error ?? '' }];
  if (out.status < 400) return [];
  let body: ProblemLike | undefined;
  try {
    const parsed: unknown = JSON.parse(out.text);
    if (parsed !== null && typeof parsed === 'object') body = parsed as ProblemLike;
  } catch {
    /* not JSON */
  }
  const code = typeof body?.code === 'string' ? body.code : body ? '(no code)' : '(not JSON)';
  const detail = typeof body?.detail === 'string' ? body.detail : short(out.text, 160);
  const v: Violation[] = [];
  if (out.status >= 500) v.push({ what: `server error ${out.status}`, code, detail });
  if (!/^application\/problem\+json\b/i.test(out.contentType))
    v.push({ what: `not problem+json (content-type "${out.contentType || 'none'}")`, code, detail });
  if (!body) {
    if (v.length === 0 || out.status < 500) v.push({ what: 'body is not a JSON object', code, detail });
    return v;
  }
  if (body.status !== out.status)
    v.push({ what: `body.status ${JSON.stringify(body.status)} ≠ HTTP ${out.status}`, code, detail });
  if (typeof body.code !== 'string') v.push({ what: 'no string `code`', code, detail });
  if (out.status === 400) {
    const errors = Array.isArray(body.errors) ? (body.errors as unknown[]) : [];
    const named = errors.some(
      (e) =>
        e !== null &&
        typeof e === 'object' &&
        typeof (e as { field?: unknown }).field === 'string' &&
        (e as { field: string }).field.length > 0,
    );
    if (!named) v.push({ what: '400 without errors[].field', code, detail });
  }
  return v;
}

/** The problem's `code`, or what the body was instead. */
export function codeOf(out: Outcome): string {
  try {
    const b = JSON.parse(out.text) as { code?: unknown };
    return typeof b.code === 'string' ? b.code : '(no code)';
  } catch {
    return '(not JSON)';
  }
}

/** A one-line, escaped excerpt. */
export function short(s: string, n: number): string {
  const flat = JSON.stringify(s).slice(1, -1);
  return flat.length > n ? `${flat.slice(0, n)}… (${s.length} chars)` : flat;
}

/* ------------------------------------------------------------------------------------------------
 * The failure log
 * ---------------------------------------------------------------------------------------------- */

interface Group {
  section: string;
  method: string;
  template: string;
  status: number;
  what: string;
  code: string;
  count: number;
  examples: { detail: string; repro: string }[];
}

export function repro(req: WireRequest): string {
  const hdrs = Object.entries(req.headers)
    .filter(([k]) => k !== 'authorization')
    .map(([k, v]) => `${k}: ${short(v, 60)}`);
  const body = req.body
    ? ` body(${req.body.length} B)=${short(req.body.subarray(0, 400).toString('utf8'), 200)}`
    : '';
  const via = req.transport && req.transport !== 'http' ? ` via ${req.transport}` : '';
  return `${req.method} ${short(req.url, 220)} as ${req.as}${via}${hdrs.length ? ` [${hdrs.join('; ')}]` : ''}${body}${req.note ? ` — ${req.note}` : ''}`;
}

export class FailureLog {
  private readonly groups = new Map<string, Group>();
  private readonly sent = new Map<string, number>();
  private readonly statuses = new Map<string, Map<number, number>>();

  /** Notes a response's status, for the histogram in the summary. */
  saw(section: string, status: number): void {
    let h = this.statuses.get(section);
    if (!h) this.statuses.set(section, (h = new Map()));
    h.set(status, (h.get(status) ?? 0) + 1);
  }

  histogram(section?: string): string {
    const all = new Map<number, number>();
    for (const [s, h] of this.statuses)
      if (!section || s === section) for (const [k, n] of h) all.set(k, (all.get(k) ?? 0) + n);
    return [...all]
      .sort((a, b) => a[0] - b[0])
      .map(([k, n]) => `${k || 'none'}×${n}`)
      .join(' ');
  }

  /** Counts one request of a section; returns the run number (for the repro). */
  count(section: string): number {
    const n = (this.sent.get(section) ?? 0) + 1;
    this.sent.set(section, n);
    return n;
  }

  requests(section?: string): number {
    if (section) return this.sent.get(section) ?? 0;
    return [...this.sent.values()].reduce((a, b) => a + b, 0);
  }

  add(section: string, req: WireRequest, status: number, v: Violation, context = ''): void {
    const key = [section, req.method, req.template, status, v.what, v.code].join('\u0001');
    let g = this.groups.get(key);
    if (!g) {
      g = {
        section,
        method: req.method,
        template: req.template,
        status,
        what: v.what,
        code: v.code,
        count: 0,
        examples: [],
      };
      this.groups.set(key, g);
    }
    g.count += 1;
    if (g.examples.length < 2 && !g.examples.some((e) => e.detail === v.detail))
      g.examples.push({ detail: v.detail, repro: `${repro(req)}${context ? ` (${context})` : ''}` });
  }

  /** Checks one response; records and returns what is wrong. */
  check(section: string, req: WireRequest, out: Outcome, context = ''): Violation[] {
    this.saw(section, out.status);
    const v = violations(out);
    for (const x of v) this.add(section, req, out.status, x, context);
    return v;
  }

  failures(section?: string): number {
    return [...this.groups.values()].filter((g) => !section || g.section === section).length;
  }

  summary(section?: string, header = ''): string {
    const gs = [...this.groups.values()]
      .filter((g) => !section || g.section === section)
      .sort((a, b) =>
        a.template === b.template
          ? a.method.localeCompare(b.method) || a.status - b.status
          : a.template.localeCompare(b.template),
      );
    const lines = [
      `${header}${gs.length} distinct failures in ${this.requests(section)} requests${section ? ` (${section})` : ''}; statuses ${this.histogram(section)}:`,
    ];
    for (const g of gs) {
      lines.push(
        `• ${g.method} ${g.template} → ${g.status || 'no response'} ${g.code}: ${g.what} (×${g.count})${g.section !== section ? ` [${g.section}]` : ''}`,
      );
      for (const e of g.examples) lines.push(`    detail: ${short(e.detail, 200)}`, `    repro:  ${e.repro}`);
    }
    return lines.join('\n');
  }
}

/* ------------------------------------------------------------------------------------------------
 * Row counts (the half-written check)
 * ---------------------------------------------------------------------------------------------- */

/** Bookkeeping, not records: the outbox, processed events, idempotency keys, migrations, login counters. */
const BOOKKEEPING = /outbox|processed|idempot|migration|typeorm|login_throttle/i;

export class RowCounter {
  private constructor(
    private readonly client: Client,
    private readonly sql: string,
    readonly tables: string[],
  ) {}

  static async open(url: string, schemas: string[]): Promise<RowCounter> {
    const client = new Client({ connectionString: url });
    await client.connect();
    const r = await client.query<{ s: string; t: string }>(
      `SELECT table_schema s, table_name t FROM information_schema.tables
        WHERE table_schema = ANY($1) AND table_type = 'BASE TABLE' ORDER BY 1, 2`,
      [schemas],
    );
    const tables = r.rows.filter((x) => !BOOKKEEPING.test(x.t));
    const sql = tables
      .map((x) => `SELECT '${x.s}.${x.t}' AS t, count(*)::int AS n FROM "${x.s}"."${x.t}"`)
      .join(' UNION ALL ');
    return new RowCounter(
      client,
      sql,
      tables.map((x) => `${x.s}.${x.t}`),
    );
  }

  async snapshot(): Promise<Map<string, number>> {
    const r = await this.client.query<{ t: string; n: number }>(this.sql);
    return new Map(r.rows.map((x) => [x.t, x.n]));
  }

  async close(): Promise<void> {
    await this.client.end();
  }
}

/** "registry.units +1" for every table whose count moved. */
export function countDiff(before: Map<string, number>, after: Map<string, number>): string[] {
  const out: string[] = [];
  for (const [t, n] of after) {
    const d = n - (before.get(t) ?? 0);
    if (d !== 0) out.push(`${t} ${d > 0 ? '+' : ''}${d}`);
  }
  return out;
}

/* ------------------------------------------------------------------------------------------------
 * Arbitraries
 * ---------------------------------------------------------------------------------------------- */

/** Real values of the demo data (and a few made in the test's setup) by what they stand for. */
export interface Pools {
  /** Demo users' tokens by username */
  tokens: Record<string, string>;
  /** Forged or broken Authorization values by a label */
  badAuth: Record<string, string>;
  units: string[];
  unitUuids: string[];
  groups: string[];
  subgroups: string[];
  memberships: string[];
  submissions: string[];
  files: string[];
  uploads: string[];
  tables: string[];
  years: number[];
  users: string[];
  password: string;
  /** A valid points table for PUT …/scheme */
  scheme: JsonLike;
  /** Province names of the aggregate report (ImportAggregateDto.units) */
  provinces: string[];
}

const DATES = ['2023-01-01', '2023-06-30', '2023-12-31', '2025-07-01', '2026-12-31'];
const SHA = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
const RANDOM_UUID = fc.uuid().map((u) => u.toString());

const text = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom('Đơn vị thử nghiệm', 'Cụm thi đua thử', 'Lý do: sai số liệu 2.3') },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 24 }) },
);
const slug = fc
  .string({ unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz0123456789'), minLength: 4, maxLength: 10 })
  .map((s) => `fz-${s}`);

function nullableOr(s: SchemaObject, a: fc.Arbitrary<JsonLike>): fc.Arbitrary<JsonLike> {
  return s.nullable ? fc.oneof({ weight: 5, arbitrary: a }, { weight: 1, arbitrary: fc.constant(null) }) : a;
}

/** A value by the field's name: ids of the demo data, real dates, the points table… */
function byName(name: string, s: SchemaObject, p: Pools): fc.Arbitrary<JsonLike> | undefined {
  const pick = (xs: JsonLike[]) => nullableOr(s, fc.constantFrom(...xs));
  if (/^(validFrom|validTo|effectiveOn|decidedOn|startsOn|dueOn|from|to|on)$/.test(name)) return pick(DATES);
  if (/^(unitId|predecessorId|successorId|organiserUnitId|parentId)$/.test(name))
    return pick([...p.units, ...p.unitUuids]);
  if (name === 'memberId') return pick(p.unitUuids);
  if (name === 'subgroupId' || name === 'subgroup') return pick(p.subgroups);
  if (name === 'groupId') return pick(p.groups);
  if (name === 'code') return slug;
  if (name === 'anchorCode') return pick(['self-score-due', 'annual-report-due']);
  if (name === 'offsetDays') return nullableOr(s, fc.integer({ min: -30, max: 30 }));
  if (name === 'year') return fc.constantFrom(...p.years);
  if (name === 'username') return fc.constantFrom(...p.users, 'khong-co');
  if (name === 'password') return fc.constantFrom(p.password, 'sai-mat-khau');
  if (name === 'sha256') return fc.constant(SHA);
  if (name === 'scheme') return fc.constant(p.scheme);
  if (name === 'tieBreaks')
    return fc.constantFrom<JsonLike>(
      [{ kind: 'MORE_AT_MAXIMUM' }],
      [{ kind: 'MORE_AT_MAXIMUM' }, { kind: 'SECTION', section: 'kinh-te' }],
    );
  if (name === 'honours')
    return fc.constant<JsonLike>({
      scope: 'SUBGROUP',
      awards: [
        { award: 'GOVERNMENT_FLAG', places: 1 },
        { award: 'PM_CERTIFICATE', places: 1 },
      ],
      minimumTotal: null,
    });
  if (name === 'criterion') return fc.constantFrom('grdp', 'thu-ngan-sach', 'giam-ngheo', 'khong-co');
  if (name === 'units') return fc.constant(p.provinces.slice(0, 2));
  if (name === 'counts') return fc.constantFrom<JsonLike>([1, 2], [0, null], [3]);
  if (name === 'award') return fc.constantFrom('Giấy khen', 'Bằng khen của Thủ tướng Chính phủ');
  if (/^(name|title|reason)$/.test(name)) return text;
  return undefined;
}

/** A plausible value for a schema: what a well-behaved client would send. */
export function validArb(
  spec: Spec,
  schema: SchemaObject | undefined,
  name: string,
  p: Pools,
  depth = 0,
): fc.Arbitrary<JsonLike> {
  const s = spec.resolve(schema);
  const named = byName(name, s, p);
  if (named) return named;
  if (s.enum?.length) return nullableOr(s, fc.constantFrom(...(s.enum as JsonLike[])));
  if (s.properties && depth < 6) {
    const model: Record<string, fc.Arbitrary<JsonLike>> = {};
    for (const [k, v] of Object.entries(s.properties)) model[k] = validArb(spec, v, k, p, depth + 1);
    const rec = fc
      .record(model, { requiredKeys: s.required ?? [] })
      .map((o) => ({ ...o }) as { [k: string]: JsonLike });
    return nullableOr(s, rec);
  }
  if (s.type === 'array')
    return fc.array(validArb(spec, s.items, name, p, depth + 1), { minLength: 1, maxLength: 3 });
  if (s.example !== undefined) return nullableOr(s, fc.constant(s.example as JsonLike));
  if (s.type === 'number' || s.type === 'integer')
    return fc.integer({ min: s.minimum ?? 0, max: Math.min(s.maximum ?? 100, 100) });
  if (s.type === 'boolean') return fc.boolean();
  if (s.type === 'string') return s.format === 'uuid' ? RANDOM_UUID : text;
  return nullableOr(s, fc.constant({}));
}

interface Replacement {
  label: string;
  value: (old: JsonLike) => JsonLike;
}

const r = (label: string, v: JsonLike): Replacement => ({ label, value: () => v });

const HUGE = new RawJson('99999999999999999999');

/** Replacements for a number: extremes, fractions, numbers in strings. */
const BAD_NUMBERS: Replacement[] = [
  r('20-digit number', HUGE),
  r('1e400', new RawJson('1e400')),
  r('-1e400', new RawJson('-1e400')),
  r('1e-400', new RawJson('1e-400')),
  r('-0', new RawJson('-0')),
  r('-1', -1),
  r('2^31', 2147483648),
  r('-2^63-1', new RawJson('-9223372036854775809')),
  r('0.5', 0.5),
  r('"NaN"', 'NaN'),
  r('"Infinity"', 'Infinity'),
  r('"99999999999999999999"', '99999999999999999999'),
  r('"1"', '1'),
];

/** Replacements for a date string. */
const BAD_DATES: Replacement[] = [
  r('2023-02-30', '2023-02-30'),
  r('0000-01-01', '0000-01-01'),
  r('2023-13-45', '2023-13-45'),
  r('+275760-09-14', '+275760-09-14'),
  r('9999-12-31', '9999-12-31'),
  r('31/02/2023', '31/02/2023'),
  r('2023-02-28T25:00:00Z', '2023-02-28T25:00:00Z'),
  r('date number', 20230101),
];

/** Replacements for a string. */
const BAD_STRINGS: Replacement[] = [
  r('NUL inside', 'a\u0000b'),
  r('only NUL', '\u0000'),
  r('lone high surrogate', 'x\ud800y'),
  r('lone low surrogate', '\udfff'),
  r('10k chars', 'x'.repeat(10_000)),
  r('10k Vietnamese chars', 'Đắk Lắk '.repeat(1_250)),
  r('NFD', 'Đắk Lắk'.normalize('NFD')),
  r('emoji', '😀👍🏽'),
  r('empty string', ''),
  r('blank', '   '),
  r('%zz', '%zz'),
  r('SQL', "x'); DROP TABLE registry.units; --"),
  r('zero uuid', '00000000-0000-0000-0000-000000000000'),
  r('2023-02-30', '2023-02-30'),
];

/** Replacements for an array or object: huge or deep shapes, wrong containers. */
const BAD_SHAPES: Replacement[] = [
  r('5000-level object', deepObject(5_000)),
  r('5000-level array', deepArray(5_000)),
  r(
    '3000 strings',
    Array.from({ length: 3_000 }, (_, i) => `s${i}`),
  ),
  { label: 'old ×5000', value: (old) => Array.from({ length: 5_000 }, () => old) },
  { label: 'wrapped in array', value: (old) => [old] },
  { label: 'wrapped in object', value: (old) => ({ value: old }) },
  r('empty array', []),
  r('empty object', {}),
  r('array of null', [null]),
];

/** Any value: null and wrong types. */
const WRONG_TYPES: Replacement[] = [
  r('null', null),
  r('number', 1),
  r('string', 'abc'),
  r('boolean', true),
  r('empty array', []),
  r('empty object', {}),
  { label: 'as string', value: (old) => (old instanceof RawJson ? old.text : (JSON.stringify(old) ?? '')) },
];

/** Everything, for the untargeted pick. */
export const REPLACEMENTS: Replacement[] = [
  ...WRONG_TYPES,
  ...BAD_NUMBERS,
  ...BAD_DATES,
  ...BAD_STRINGS,
  ...BAD_SHAPES,
];

const DATE_LIKE = /^[+-]?\d{4,6}-\d{2}-\d{2}$/;

/** The replacements that suit what is there: bad dates for a date, extremes for a number… */
export function replacementsFor(old: JsonLike): Replacement[] {
  if (typeof old === 'number') return BAD_NUMBERS;
  if (typeof old === 'string') return DATE_LIKE.test(old) ? BAD_DATES : BAD_STRINGS;
  if (old !== null && typeof old === 'object') return BAD_SHAPES;
  return WRONG_TYPES;
}

type Path = (string | number)[];

/** a.b.0.c; an empty key as "", the root as (body) */
const pathText = (path: Path): string =>
  path.length ? path.map((k) => (k === '' ? '""' : String(k))).join('.') : '(body)';

function nodes(v: JsonLike, at: Path = [], out: { path: Path; value: JsonLike }[] = []) {
  out.push({ path: at, value: v });
  if (at.length > 8 || v instanceof RawJson) return out;
  if (Array.isArray(v)) v.slice(0, 5).forEach((x, i) => nodes(x, [...at, i], out));
  else if (v !== null && typeof v === 'object')
    for (const [k, x] of Object.entries(v)) nodes(x, [...at, k], out);
  return out;
}

function update(v: JsonLike, path: Path, f: (old: JsonLike) => JsonLike): JsonLike {
  if (path.length === 0) return f(v);
  const [head, ...rest] = path;
  if (Array.isArray(v)) return v.map((x, i) => (i === head ? update(x, rest, f) : x));
  if (v !== null && typeof v === 'object' && !(v instanceof RawJson)) {
    const o: { [k: string]: JsonLike } = {};
    for (const [k, x] of Object.entries(v)) setOwn(o, k, k === head ? update(x, rest, f) : x);
    return o;
  }
  return v;
}

export interface Mutation {
  kind: 'replace' | 'delete' | 'extra';
  /** Which node (index modulo the node count) */
  at: number;
  /** Which replacement or key */
  which: number;
  /** Pick among the replacements that suit the value there (else among all of them) */
  typed: boolean;
}

const EXTRA_KEYS = ['zzExtra', '__proto__', 'constructor', 'id', 'createdBy', ''];

export const mutationArb: fc.Arbitrary<Mutation> = fc.record({
  kind: fc.constantFrom<Mutation['kind']>('replace', 'replace', 'replace', 'delete', 'extra'),
  at: fc.nat(),
  which: fc.nat(),
  typed: fc.boolean(),
});

/** Applies mutations; returns the body and what was done (e.g. "name := NUL inside"). */
export function mutate(body: JsonLike, ms: Mutation[]): { body: JsonLike; note: string } {
  const notes: string[] = [];
  let cur = body;
  for (const m of ms) {
    const all = nodes(cur);
    if (m.kind === 'replace') {
      const n = all[m.at % all.length];
      const list = m.typed ? replacementsFor(n.value) : REPLACEMENTS;
      const rep = list[m.which % list.length];
      cur = update(cur, n.path, rep.value);
      notes.push(`${pathText(n.path)} := ${rep.label}`);
      continue;
    }
    const objects = all.filter(
      (n) =>
        n.value !== null &&
        typeof n.value === 'object' &&
        !Array.isArray(n.value) &&
        !(n.value instanceof RawJson),
    );
    if (objects.length === 0) continue;
    const n = objects[m.at % objects.length];
    const keys = Object.keys(n.value as object);
    if (m.kind === 'delete' && keys.length) {
      const k = keys[m.which % keys.length];
      cur = update(cur, n.path, (old) => {
        const o: { [k: string]: JsonLike } = {};
        for (const [kk, x] of Object.entries(old as object)) if (kk !== k) setOwn(o, kk, x as JsonLike);
        return o;
      });
      notes.push(`delete ${pathText([...n.path, k])}`);
    } else if (m.kind === 'extra') {
      const k = EXTRA_KEYS[m.which % EXTRA_KEYS.length];
      cur = update(cur, n.path, (old) => {
        const o: { [k: string]: JsonLike } = {};
        for (const [kk, x] of Object.entries(old as object)) setOwn(o, kk, x as JsonLike);
        setOwn(o, k, k === '__proto__' || k === 'constructor' ? { polluted: true } : 'extra');
        return o;
      });
      notes.push(`extra field ${JSON.stringify(k)} at ${pathText(n.path)}`);
    }
  }
  return { body: cur, note: notes.join(', ') };
}

/** Whole bodies that are not the JSON asked for. */
export const BAD_BODIES: { label: string; bytes: Buffer }[] = [
  { label: 'empty body', bytes: Buffer.alloc(0) },
  { label: 'truncated JSON', bytes: Buffer.from('{"a":') },
  { label: 'null', bytes: Buffer.from('null') },
  { label: 'array', bytes: Buffer.from('[]') },
  { label: 'string', bytes: Buffer.from('"x"') },
  { label: 'number', bytes: Buffer.from('99999999999999999999') },
  { label: 'two objects', bytes: Buffer.from('{}{}') },
  { label: 'BOM', bytes: Buffer.from('\ufeff{}') },
  { label: 'invalid UTF-8', bytes: Buffer.from([0x7b, 0x22, 0x61, 0xff, 0xfe, 0x22, 0x3a, 0x31, 0x7d]) },
  { label: '__proto__ pollution', bytes: Buffer.from('{"__proto__":{"isAdmin":true}}') },
  { label: '5000-level object', bytes: Buffer.from(deepObject(5_000).text) },
  { label: '20000-level array', bytes: Buffer.from(deepArray(20_000).text) },
];

/** Values (already encoded) no path or query parameter expects, whatever it is. */
const BAD_ANY = [
  '%zz',
  '%00',
  'a%00b',
  '%E0%A4%A',
  '%ED%A0%80',
  '%FF',
  '%2e%2e',
  '%2F',
  'a%2Fb',
  '%20',
  'null',
  '%27%20OR%201%3D1',
  pct('<script>'),
  pct('Đắk Lắk'.normalize('NFD')),
];

/** Too long: for a path segment (the router's limit was 100) and for a query value. */
const BAD_LONG = {
  path: ['a'.repeat(101), 'a'.repeat(300), pct('Đắk'.repeat(40))],
  query: ['x'.repeat(101), 'x'.repeat(2_000), pct('Đắk'.repeat(200))],
};

/** Values that suit the parameter's kind: extremes for a number, impossible dates for a date… */
const BAD_BY_KIND: Record<ParamKind, string[]> = {
  number: [
    '-1',
    '0',
    '99999999999999999999',
    '2147483648',
    '1e400',
    'NaN',
    'Infinity',
    '2023.5',
    '1e3',
    '0x10',
    '',
    '%201',
  ],
  date: [
    '2023-02-30',
    '0000-01-01',
    '2023-13-45',
    '%2B275760-09-14',
    '9999-12-31',
    '31%2F02%2F2023',
    '2023-1-1',
    '',
  ],
  uuid: [
    '00000000-0000-0000-0000-000000000000',
    'FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF',
    'not-a-uuid',
    '2f391eed-0005-1000-b6a1-3606b540246',
    '',
  ],
  enum: ['', 'x', 'province', 'PROVINCE%00', 'GROUP,SUBGROUP'],
  boolean: ['yes', '2', 'TRUE', '', 'null'],
  string: ['', '%20', '-', '.', 'khong-ton-tai', '00000000-0000-0000-0000-000000000000'],
};

type ParamKind = 'number' | 'date' | 'uuid' | 'enum' | 'boolean' | 'string';

function kindOf(param: ParameterObject): ParamKind {
  const s = param.schema ?? {};
  if (/^(on|from|to)$/.test(param.name)) return 'date';
  if (s.type === 'number' || s.type === 'integer') return 'number';
  if (s.format === 'uuid') return 'uuid';
  if (s.enum?.length) return 'enum';
  if (s.type === 'boolean') return 'boolean';
  return 'string';
}

const BAD_CONTENT_TYPES = [
  'text/csv',
  XLSX,
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=zz',
  'application/json; charset=iso-8859-1',
  'application/json; charset=utf-16le',
  'application/xml',
  '',
];

const BAD_IDEMPOTENCY_KEYS = ['', 'short', 'x'.repeat(129), 'x'.repeat(4_000), '%00', '  spaced key  ', '\t'];
const FILE_NAMES = [
  pct('khen-thuong.csv'),
  '%zz',
  '%00',
  'a%00b.csv',
  '%E0%A4%A',
  '%ED%A0%80.csv',
  '..%2F..%2Fetc%2Fpasswd',
  'x'.repeat(300),
  pct('Đ'.repeat(200)),
  '',
];

const CSV_HEADER =
  'Số quyết định,Ngày quyết định,Cơ quan ban hành,Hình thức khen thưởng,Đối tượng,Tên người hoặc tập thể,Mã đơn vị,Phân loại';
const csv = (...lines: string[]) => Buffer.from([CSV_HEADER, ...lines].join('\r\n'), 'utf8');

const RAW_VALID = csv('9/QĐ,15/03/2023,X,Giấy khen,Cá nhân,An,kon-tum,');

const RAW_BODIES: fc.Arbitrary<{ label: string; bytes: Buffer }> = fc.oneof(
  fc.constantFrom(
    { label: 'valid CSV', bytes: csv('9/QĐ,15/03/2023,X,Giấy khen,Cá nhân,An,kon-tum,') },
    { label: 'CSV with 2023-02-30', bytes: csv('9/QĐ,2023-02-30,X,Giấy khen,Cá nhân,An,kon-tum,') },
    { label: 'CSV with NUL', bytes: csv('9/QĐ,15/03/2023,X\u0000,Giấy khen,Cá nhân,A\u0000n,kon-tum,') },
    { label: 'CSV with unclosed quote', bytes: csv('"9/QĐ,15/03/2023,X,Giấy khen') },
    { label: 'CSV with 200 columns', bytes: csv(Array.from({ length: 200 }, () => 'x').join(',')) },
    { label: 'CSV, 5000 empty lines', bytes: csv(...Array.from({ length: 5_000 }, () => '')) },
    { label: 'CSV, one 100k-char cell', bytes: csv(`${'A'.repeat(100_000)},15/03/2023`) },
    { label: 'header only', bytes: csv() },
    { label: 'empty', bytes: Buffer.alloc(0) },
    {
      label: 'ZIP header and garbage',
      bytes: Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(300, 7)]),
    },
    { label: 'JSON', bytes: Buffer.from('{"a":1}') },
    { label: 'UTF-16 CSV', bytes: Buffer.from(`\ufeff${CSV_HEADER}\r\n`, 'utf16le') },
  ),
  fc.uint8Array({ maxLength: 2_000 }).map((b) => ({ label: 'random bytes', bytes: Buffer.from(b) })),
);

/** Who may do it, so that a request gets past the guards to the validation and the database. */
export function actorFor(op: Operation): string {
  if (op.path.endsWith('/auth/login')) return 'anonymous';
  if (op.path.includes('/submissions')) return 'stc-hatinh';
  if (/\/(scheme|scores|scoring)/.test(op.path)) return 'binhdinh';
  return 'board';
}

/** A valid value for a path or query parameter, encoded. */
function paramValue(param: ParameterObject, p: Pools): fc.Arbitrary<string> {
  const n = param.name;
  const pick = (xs: (string | number)[]) => fc.constantFrom(...xs.map((x) => pct(String(x))));
  switch (n) {
    case 'id':
    case 'parentId':
      return pick(n === 'id' ? [...p.units, ...p.unitUuids] : p.unitUuids);
    case 'groupId':
      return pick(p.groups);
    case 'year':
      return pick(p.years);
    case 'membershipId':
      return pick(p.memberships);
    case 'submissionId':
      return pick(p.submissions);
    case 'fileId':
      return pick(p.files);
    case 'memberId':
    case 'unitId':
      return pick(p.unitUuids);
    case 'uploadId':
      return pick(p.uploads);
    case 'tableId':
      return pick(p.tables);
    case 'subgroup':
      return pick(p.subgroups);
    case 'on':
    case 'from':
      return pick(['2023-01-01', '2023-06-30']);
    case 'to':
      return pick(['2023-06-30', '2023-12-31']);
    case 'limit':
      return pick([1, 10, 500]);
    case 'offset':
      return pick([0, 5]);
    case 'version':
      return pick([1, 2]);
    case 'q':
      return pick(['dak lak', 'Đắk', 'binh']);
  }
  const s = param.schema ?? {};
  if (s.enum?.length) return pick(s.enum as string[]);
  if (s.type === 'boolean') return pick(['true', 'false']);
  if (s.format === 'uuid') return RANDOM_UUID;
  if (s.type === 'number') return pick([1, 2023]);
  return pick(['x']);
}

/** One part of a request, as a valid client sends it or broken. */
interface Choice {
  /** The encoded value (a path segment, a query value, a header value); undefined: left out */
  v?: string;
  bytes?: Buffer;
  note: string;
}

interface Part {
  key: string;
  ok: Choice;
  bad: Choice;
}

const part = (key: string, ok: fc.Arbitrary<Choice>, bad: fc.Arbitrary<Choice>): fc.Arbitrary<Part> =>
  fc.record({ ok, bad }).map((x) => ({ key, ...x }));

/** A wrong value for a parameter: one that suits its kind, one nothing expects, or random. */
function badParam(param: ParameterObject, where: 'path' | 'query'): fc.Arbitrary<Choice> {
  const random =
    where === 'path'
      ? fc.oneof(RANDOM_UUID, fc.string({ unit: 'binary', minLength: 1, maxLength: 12 }).map(pct))
      : fc.string({ maxLength: 12 }).map(pct);
  return fc
    .oneof(
      { weight: 3, arbitrary: fc.constantFrom(...BAD_BY_KIND[kindOf(param)]) },
      { weight: 2, arbitrary: fc.constantFrom(...BAD_ANY, ...BAD_LONG[where]) },
      { weight: 1, arbitrary: random },
    )
    .map((v) => ({ v, note: `${param.name}=${short(v, 30)}` }));
}

const RAW_TYPES = [
  'text/csv',
  'text/csv; charset=utf-16',
  'application/json',
  'application/octet-stream',
  '',
];

/** The parts of a request to an operation, each with a valid and a broken version. */
function partsOf(spec: Spec, op: Operation, p: Pools): fc.Arbitrary<Part>[] {
  const parts: fc.Arbitrary<Part>[] = [];
  const users = Object.keys(p.tokens);
  const actor = actorFor(op);
  const asUser = (as: string): Choice => ({
    v: p.tokens[as] ? `Bearer ${p.tokens[as]}` : undefined,
    note: `as ${as}`,
  });
  parts.push(
    part(
      'who',
      fc
        .oneof(
          { weight: 3, arbitrary: fc.constant(actor) },
          { weight: 2, arbitrary: fc.constantFrom(...users) },
        )
        .map(asUser),
      fc.oneof(
        fc.constant<Choice>({ note: 'no Authorization' }),
        fc.constantFrom(...Object.entries(p.badAuth)).map(([label, v]) => ({ v, note: label })),
      ),
    ),
  );
  for (const x of op.params.filter((y) => y.in === 'path'))
    parts.push(
      part(
        `path:${x.name}`,
        paramValue(x, p).map((v) => ({ v, note: '' })),
        badParam(x, 'path'),
      ),
    );
  for (const x of op.params.filter((y) => y.in === 'query'))
    parts.push(
      part(
        `query:${x.name}`,
        x.required
          ? paramValue(x, p).map((v) => ({ v, note: '' }))
          : fc.option(paramValue(x, p), { nil: undefined }).map((v) => ({ v, note: '' })),
        badParam(x, 'query'),
      ),
    );
  const q0 = op.params.find((y) => y.in === 'query')?.name ?? 'a';
  parts.push(
    part(
      'extra-query',
      fc.constant({ note: '' }),
      fc
        .constantFrom('zzExtra=1', '%zz=1', '&&', '=x', `${q0}=1&${q0}=2`, `${q0}[a]=1`)
        .map((v) => ({ v, note: `query +${v}` })),
    ),
  );
  const jsonBody = op.bodyTypes.includes('application/json');
  const rawBody = !jsonBody && op.bodyTypes.length > 0;
  if (jsonBody) {
    const valid = validArb(spec, op.bodySchema, '', p);
    parts.push(
      part(
        'body',
        valid.map((b) => ({ bytes: Buffer.from(jsonText(b)), note: '' })),
        fc.oneof(
          {
            weight: 6,
            arbitrary: fc
              .tuple(valid, fc.array(mutationArb, { minLength: 1, maxLength: 2 }))
              .map(([b, ms]) => {
                const m = mutate(b, ms);
                return { bytes: Buffer.from(jsonText(m.body)), note: m.note };
              }),
          },
          {
            weight: 1,
            arbitrary: fc.constantFrom(...BAD_BODIES).map((b) => ({ bytes: b.bytes, note: b.label })),
          },
        ),
      ),
    );
    parts.push(
      part(
        'content-type',
        fc.constant({ v: 'application/json', note: '' }),
        fc.constantFrom(...BAD_CONTENT_TYPES).map((v) => ({ v, note: `content-type ${v || '(none)'}` })),
      ),
    );
  } else if (rawBody) {
    const type = op.bodyTypes.includes('text/csv') ? 'text/csv' : XLSX;
    parts.push(
      part(
        'body',
        fc.constant({ bytes: RAW_VALID, note: '' }),
        RAW_BODIES.map((b) => ({ bytes: b.bytes, note: b.label })),
      ),
    );
    parts.push(
      part(
        'content-type',
        fc.constant({ v: type, note: '' }),
        fc
          .constantFrom(...RAW_TYPES, type === XLSX ? 'text/csv' : XLSX)
          .map((v) => ({ v, note: `content-type ${v || '(none)'}` })),
      ),
    );
  } else {
    parts.push(
      part(
        'body',
        fc.constant({ note: '' }),
        fc.constantFrom<Choice>(
          { bytes: Buffer.from('{"zz":1}'), note: `${op.method} with a JSON body` },
          { bytes: Buffer.from('{'), note: `${op.method} with a broken JSON body` },
          { bytes: Buffer.from(deepObject(5_000).text), note: `${op.method} with a 5000-level body` },
        ),
      ),
    );
  }
  if (op.params.some((x) => x.name === 'Idempotency-Key'))
    parts.push(
      part(
        'idempotency-key',
        fc.nat().map((n) => ({ v: `fz-key-${n}-0123456789`, note: '' })),
        fc.constantFrom<string | undefined>(undefined, ...BAD_IDEMPOTENCY_KEYS).map((v) => ({
          v,
          note: `Idempotency-Key=${v === undefined ? '(none)' : short(v, 20)}`,
        })),
      ),
    );
  if (op.params.some((x) => x.name === 'x-file-name'))
    parts.push(
      part(
        'x-file-name',
        fc.constant({ v: pct('khen-thuong.csv'), note: '' }),
        fc.constantFrom(...FILE_NAMES.slice(1)).map((v) => ({ v, note: `X-File-Name=${short(v, 20)}` })),
      ),
    );
  return parts;
}

/**
 * A request for one operation. Mostly one part is broken and the rest valid (so that the broken
 * part is what the server meets, not the first 400 of many); sometimes several at once; sometimes
 * none. The note says what was broken, for the repro.
 */
export function requestArb(spec: Spec, op: Operation, p: Pools): fc.Arbitrary<WireRequest> {
  const parts = partsOf(spec, op, p);
  const n = parts.length;
  const plan = fc.oneof(
    { weight: 4, arbitrary: fc.nat({ max: n }).map((i) => Array.from({ length: n }, (_, j) => j === i)) },
    { weight: 1, arbitrary: fc.array(fc.boolean(), { minLength: n, maxLength: n }) },
  );
  return fc.record({ parts: fc.tuple(...parts), plan }).map(({ parts: ps, plan: broken }) => {
    const chosen = new Map(ps.map((x, i) => [x.key, broken[i] ? x.bad : x.ok]));
    const url = op.path.replace(/\{([^}]+)\}/g, (_m, name: string) => chosen.get(`path:${name}`)?.v ?? '');
    const query = [
      ...op.params
        .filter((x) => x.in === 'query')
        .map((x) => {
          const v = chosen.get(`query:${x.name}`)?.v;
          return v === undefined ? '' : `${x.name}=${v}`;
        }),
      chosen.get('extra-query')?.v ?? '',
    ]
      .filter(Boolean)
      .join('&');
    const headers: Record<string, string> = {};
    const set = (header: string, key: string) => {
      const v = chosen.get(key)?.v;
      if (v !== undefined) headers[header] = v;
    };
    set('authorization', 'who');
    const body = chosen.get('body')?.bytes;
    if (body) set('content-type', 'content-type');
    set('idempotency-key', 'idempotency-key');
    set('x-file-name', 'x-file-name');
    const who = chosen.get('who') as Choice;
    return {
      method: op.method,
      template: op.path,
      url: query ? `${url}?${query}` : url,
      headers,
      body,
      as: who.note.replace(/^as /, ''),
      note: [...chosen.entries()]
        .filter(([k]) => k !== 'who')
        .map(([, c]) => c.note)
        .filter(Boolean)
        .join('; '),
    };
  });
}

/* ------------------------------------------------------------------------------------------------
 * The sweep: every field of a body, one at a time
 * ---------------------------------------------------------------------------------------------- */

/** The wrong type for what is there (a string for a number, an object for an array…). */
function wrongType(old: JsonLike): Replacement {
  if (typeof old === 'number') return r('string', 'abc');
  if (typeof old === 'string') return r('number', 1);
  if (typeof old === 'boolean') return r('string "true"', 'true');
  if (Array.isArray(old)) return r('object', { 0: 'x' });
  if (old !== null && typeof old === 'object') return r('array', []);
  return r('object', {});
}

/** A fixed, full valid body: of a few samples, the one with the most fields. */
export function fullBody(spec: Spec, op: Operation, p: Pools): JsonLike {
  const samples = fc.sample(validArb(spec, op.bodySchema, '', p), { numRuns: 30, seed: 1 });
  return samples.reduce((a, b) => (nodes(b).length > nodes(a).length ? b : a));
}

/** The first valid value of each path parameter, the path filled in. */
export function validPath(op: Operation, p: Pools): string {
  return op.path.replace(/\{([^}]+)\}/g, (_m, name: string) => {
    const param = op.params.find((x) => x.name === name) ?? { name, in: 'path' as const };
    return fc.sample(paramValue(param, p), { numRuns: 1, seed: 1 })[0];
  });
}

/**
 * Requests for one operation with a JSON body: the valid body, then for every node of it (up to
 * `max`), null, the wrong type and the first two values that suit what is there.
 */
export function sweepRequests(spec: Spec, op: Operation, p: Pools, as: string, max = 40): WireRequest[] {
  const body = fullBody(spec, op, p);
  const url = validPath(op, p);
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (p.tokens[as]) headers.authorization = `Bearer ${p.tokens[as]}`;
  const one = (b: JsonLike, note: string): WireRequest => ({
    method: op.method,
    template: op.path,
    url,
    headers,
    body: Buffer.from(jsonText(b)),
    as: p.tokens[as] ? as : 'anonymous',
    note,
  });
  const out = [one(body, 'the valid body')];
  for (const n of nodes(body).slice(0, max)) {
    const where = pathText(n.path);
    const reps = [r('null', null), wrongType(n.value), ...replacementsFor(n.value).slice(0, 2)];
    for (const rep of reps) out.push(one(update(body, n.path, rep.value), `${where} := ${rep.label}`));
  }
  return out;
}

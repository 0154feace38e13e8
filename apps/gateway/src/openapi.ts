/**
 * The OpenAPI document, generated from the code; a checked-in copy (apps/gateway/openapi.json) and
 * the typed client generated from it (libs/api-client) are kept fresh by CI. How to declare an
 * operation: see the note at the top of ./http/api-models.ts.
 *
 * What the controllers' decorators do not say is completed here from the code itself, so that
 * every operation (also those of controllers written later) gets it:
 *  - types of request DTOs and their query/path parameters from their class-validator decorators
 *    (IsInt → integer, IsCalendarDate → format date, IsISO8601 → date-time, IsUUID → uuid…);
 *  - enums that are exported by @tdkt/contracts or @tdkt/domain become named components;
 *  - `security: []` on @Public() routes, bearer authentication on the others (document level);
 *  - the problem+json responses each operation can give (see `standardProblems`);
 *  - the Idempotency-Key header on writes;
 *  - `servers`, tags with their Vietnamese descriptions.
 * `contractProblems(doc)` lists what is still missing (summary, operationId, untyped schema…);
 * test/openapi.e2e-spec.ts fails on any, `npm run openapi` prints them.
 */
import { INestApplication, RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA, ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import { ModulesContainer } from '@nestjs/core';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import * as contracts from '@tdkt/contracts';
import * as domain from '@tdkt/domain';
import { PUBLIC_ROUTE } from '@tdkt/platform';
import { getMetadataStorage } from 'class-validator';
import { PROBLEM_SCHEMA, ProblemResponse, problemResponse } from './http/api-models';

const WRITES = new Set(['post', 'put', 'patch', 'delete']);
const PREFIX = '/api/v1';
const BEARER = 'bearer';

/** Every tag an operation may carry, with its description (a new tag must be added here). */
export const TAGS: Record<string, string> = {
  auth: 'Đăng nhập, làm mới và thu hồi phiên, đổi và đặt lại mật khẩu',
  users:
    'Quản trị người dùng (Ban Thi đua - Khen thưởng Trung ương): tạo, sửa, vô hiệu hóa, đặt lại mật khẩu, nhật ký',
  units: 'Đơn vị (tỉnh, thành phố, bộ, ngành…) và lịch sử sáp nhập, kế thừa',
  groups: 'Cụm, khối thi đua: thành viên, nhóm, Cụm trưởng – Cụm phó, kế hoạch thi đua và các mốc',
  conferences: 'Hội nghị trù bị, Hội nghị tổng kết và đề cử Cụm trưởng, Cụm phó năm sau',
  submissions: 'Hồ sơ của đơn vị: bản nháp, tệp minh chứng (tải thẳng lên kho), nộp, phiếu tiếp nhận',
  scoring: 'Thang bảng điểm, chấm điểm, khóa điểm, xếp hạng và đề xuất khen thưởng',
  covenant: 'Giao ước thi đua năm sau: góp ý theo tiêu chí, ký kết và công bố',
  honours: 'Hồ sơ đề nghị khen thưởng và quyết định khen thưởng',
  awards: 'Danh mục khen thưởng, nhập danh sách và bảng tổng hợp, thống kê khen thưởng',
  documents: 'Lập văn bản (PDF, Word), phiên bản, tải về và kiểm tra phiếu tiếp nhận',
  notifications: 'Hộp thư thông báo, luồng trực tiếp và tuỳ chọn nhận thư điện tử',
};

interface Schema {
  type?: string;
  format?: string;
  nullable?: boolean;
  enum?: unknown[];
  items?: Schema;
  properties?: Record<string, Schema>;
  additionalProperties?: boolean | Schema;
  allOf?: Schema[];
  $ref?: string;
  minimum?: number;
  maximum?: number;
  description?: string;
  [k: string]: unknown;
}
interface Parameter {
  name: string;
  in: string;
  schema?: Schema;
  [k: string]: unknown;
}
interface Response {
  description?: string;
  content?: Record<string, { schema?: Schema }>;
  [k: string]: unknown;
}
export interface Operation {
  operationId?: string;
  summary?: string;
  tags?: string[];
  security?: Record<string, string[]>[];
  parameters?: Parameter[];
  requestBody?: { content?: Record<string, { schema?: Schema }> };
  responses: Record<string, Response>;
  [k: string]: unknown;
}

type Ctor = new (...args: never[]) => unknown;
interface Route {
  controller: Ctor;
  handler: string;
  isPublic: boolean;
  body?: Ctor;
  query?: Ctor;
  params?: Ctor;
}

/** Nest's stable default-less operationId: `<controller without "Controller"><Method>` in camelCase. */
function operationIdOf(controllerKey: string, methodKey: string): string {
  const base = controllerKey.replace(/Controller$/, '');
  return (
    base.charAt(0).toLowerCase() + base.slice(1) + methodKey.charAt(0).toUpperCase() + methodKey.slice(1)
  );
}

export function buildOpenApi(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('TĐKT — API nền tảng thi đua, khen thưởng')
    .setDescription(
      'REST API cho các nhóm giao diện. Đăng nhập tại POST /api/v1/auth/login, gửi access token trong ' +
        'header Authorization: Bearer; làm mới tại POST /api/v1/auth/refresh. Lỗi trả về ' +
        'application/problem+json (RFC 9457) với `code` (mã lý do), `kind` và `errors[].field`. Danh sách ' +
        'trả về một trang `{ items, total, limit, offset }`. Ghi (POST, PUT, PATCH, DELETE) nhận ' +
        'Idempotency-Key để gửi lại an toàn. Client TypeScript có kiểu: gói @tdkt/api-client.',
    )
    .setVersion('0.1.0')
    .addServer('/', 'Máy chủ đang phục vụ tài liệu này')
    .addServer('http://localhost:3000', 'Máy phát triển (npm start)')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' }, BEARER)
    .addSecurityRequirements(BEARER)
    .build();
  const doc = SwaggerModule.createDocument(app, config, {
    extraModels: [ProblemResponse],
    operationIdFactory: operationIdOf,
  });
  doc.info.license = { name: 'UNLICENSED — phần mềm dùng nội bộ, không cấp phép công khai' };
  if (doc.info.contact && !Object.keys(doc.info.contact).length) delete doc.info.contact;
  const routes = routesOf(app);
  const enums = namedEnums();
  const schemas = (doc.components ??= {}).schemas as Record<string, Schema>;

  // Request DTOs (bodies and their nested objects) typed from their validators.
  const classes = validatedClasses();
  for (const [name, schema] of Object.entries(schemas)) {
    const cls = classes.get(name);
    if (cls && schema.properties) {
      const optional = typeFromValidators(cls, schema.properties);
      // Required as the validators say: @IsOptional / Omittable / ValidateIf fields may be left out.
      const required = ((schema.required as string[] | undefined) ?? []).filter((k) => !optional.has(k));
      if (required.length) schema.required = required;
      else delete schema.required;
      // @IsOptional lets null through as well (Omittable is the decorator that refuses it).
      for (const k of acceptsNull(cls)) if (schema.properties[k]) schema.properties[k].nullable = true;
    }
  }

  const tagsUsed = new Set<string>();
  for (const [route, path] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(path) as [string, Operation][]) {
      if (!op || typeof op !== 'object' || !op.responses) continue;
      const r = routes.get(`${method} ${route}`);
      // Parameters from their DTOs (path and query).
      for (const p of op.parameters ?? []) {
        const dto = p.in === 'query' ? r?.query : p.in === 'path' ? r?.params : undefined;
        if (
          dto &&
          p.schema &&
          typeFromValidators(dto, { [p.name]: p.schema }).has(p.name) &&
          p.in === 'query'
        )
          p.required = false;
      }
      if (r?.isPublic) op.security = [];
      for (const t of op.tags ?? []) tagsUsed.add(t);
      standardProblems(route, method, op, r);
      if (!WRITES.has(method) || r?.isPublic) continue;
      op.parameters ??= [];
      if (!op.parameters.some((p) => p.in === 'header' && p.name.toLowerCase() === 'idempotency-key'))
        op.parameters.push({
          name: 'Idempotency-Key',
          in: 'header',
          required: false,
          description:
            'Khóa chống ghi trùng (8–128 ký tự A-Z a-z 0-9 . _ : -). Gửi lại cùng khóa sau lỗi 503/504 hoặc mất ' +
            'kết nối: trả lại đúng kết quả lần đầu, không ghi lần hai. Khóa của mỗi người dùng, giữ 24 giờ.',
          schema: { type: 'string', pattern: '^[A-Za-z0-9._:-]{8,128}$' },
        });
    }
  }
  hoistEnums(doc, enums);
  typeNullableRefs(doc);
  schemas.ProblemCode = {
    type: 'string',
    enum: [
      ...new Set([...Object.keys(contracts.ERROR_CATALOGUE), ...Object.values(contracts.ErrorCode)]),
    ].sort(),
    description:
      'Mọi giá trị của `code` trong một problem: các lý do của danh mục lỗi (libs/contracts/src/errors) và các ' +
      'loại lỗi (ErrorKind) khi không có lý do riêng. Có thể thêm lý do mới: mã chưa biết thì xử lý theo `kind`.',
  };
  // A problem's code is one of them, or a reason added since the client was generated.
  const code = schemas.ProblemResponse.properties!.code;
  const { type: _string, ...described } = code;
  schemas.ProblemResponse.properties!.code = {
    ...described,
    anyOf: [{ $ref: '#/components/schemas/ProblemCode' }, { type: 'string' }],
  };
  doc.tags = [...tagsUsed].sort().map((name) => ({ name, description: TAGS[name] ?? '' }));
  return doc;
}

// ---------- routes → handlers ----------

function join(...parts: (string | undefined)[]): string {
  const p = parts
    .flatMap((x) => (x ?? '').split('/'))
    .filter(Boolean)
    .map((s) => (s.startsWith(':') ? `{${s.slice(1)}}` : s))
    .join('/');
  return `/${p}`;
}

/** Each route (`get /api/v1/…`) with its handler, whether it is @Public() and its DTO classes. */
function routesOf(app: INestApplication): Map<string, Route> {
  const out = new Map<string, Route>();
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as Ctor | undefined;
      if (!controller?.prototype) continue;
      const base = Reflect.getMetadata(PATH_METADATA, controller) as string | string[] | undefined;
      const classPublic = Reflect.getMetadata(PUBLIC_ROUTE, controller) === true;
      for (const handler of Object.getOwnPropertyNames(controller.prototype)) {
        const fn = (controller.prototype as Record<string, unknown>)[handler];
        if (typeof fn !== 'function' || handler === 'constructor') continue;
        const sub = Reflect.getMetadata(PATH_METADATA, fn) as string | string[] | undefined;
        const verb = Reflect.getMetadata(METHOD_METADATA, fn) as RequestMethod | undefined;
        if (sub === undefined || verb === undefined) continue;
        const types = (Reflect.getMetadata('design:paramtypes', controller.prototype, handler) ??
          []) as Ctor[];
        const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, controller, handler) ?? {}) as Record<
          string,
          { index: number; data?: unknown }
        >;
        const dto = (kind: RouteParamtypes) => {
          for (const [key, a] of Object.entries(args))
            if (key.split(':')[0] === String(kind) && a.data === undefined) return types[a.index];
          return undefined;
        };
        const route: Route = {
          controller,
          handler,
          isPublic: classPublic || Reflect.getMetadata(PUBLIC_ROUTE, fn) === true,
          body: dto(RouteParamtypes.BODY),
          query: dto(RouteParamtypes.QUERY),
          params: dto(RouteParamtypes.PARAM),
        };
        const method = RequestMethod[verb].toLowerCase();
        for (const b of [base].flat())
          for (const s of [sub].flat()) out.set(`${method} ${join(PREFIX, b, s)}`, route);
      }
    }
  }
  return out;
}

// ---------- types from class-validator ----------

/** Classes with validation metadata, by name (the schema names Nest gives their components). */
function validatedClasses(): Map<string, Ctor> {
  const storage = getMetadataStorage() as unknown as { validationMetadatas: Map<Ctor, unknown> };
  const out = new Map<string, Ctor>();
  for (const target of storage.validationMetadatas.keys())
    if (typeof target === 'function' && target.name) out.set(target.name, target);
  return out;
}

/** Properties whose validators accept null: @IsOptional (which skips every check for null and undefined). */
function acceptsNull(cls: Ctor): string[] {
  return getMetadataStorage()
    .getTargetValidationMetadatas(cls, '', true, false)
    .filter((m) => m.type === 'conditionalValidation' && m.name === 'isOptional')
    .map((m) => m.propertyName);
}

const DATE_VALIDATORS = new Set(['isCalendarDate']);
const DATE_TIME_VALIDATORS = new Set(['isIso8601', 'isDateString', 'isInstant']);

/**
 * Types each property schema from the validators of `cls` (and its parents) where the schema is
 * vaguer. Answers the properties that may be left out (a conditional validation: IsOptional,
 * Omittable, ValidateIf).
 */
function typeFromValidators(cls: Ctor, properties: Record<string, Schema>): Set<string> {
  const optional = new Set<string>();
  const storage = getMetadataStorage();
  const metas = storage.getTargetValidationMetadatas(cls, '', true, false);
  const byProperty = new Map<string, { name?: string; constraints?: unknown[]; each?: boolean }[]>();
  for (const m of metas) {
    if (m.type === 'conditionalValidation') optional.add(m.propertyName);
    const list = byProperty.get(m.propertyName) ?? [];
    list.push(m);
    byProperty.set(m.propertyName, list);
  }
  for (const [prop, list] of byProperty) {
    const s0 = properties[prop];
    if (!s0 || s0.$ref || s0.allOf) continue;
    const each = list.some((m) => m.each);
    const s = each && s0.type === 'array' && s0.items && !s0.items.$ref ? s0.items : s0;
    const names = new Set(list.map((m) => m.name));
    const vague = !s.type || (s.type === 'object' && !s.properties && !s.additionalProperties);
    const constraint = (n: string) => list.find((m) => m.name === n)?.constraints?.[0];
    if (names.has('isInt')) {
      if (vague || s.type === 'number' || s.type === 'string') s.type = 'integer';
      const min = constraint('min');
      const max = constraint('max');
      if (typeof min === 'number') s.minimum ??= min;
      if (typeof max === 'number') s.maximum ??= max;
    } else if ([...names].some((n) => n && DATE_VALIDATORS.has(n))) {
      s.type = 'string';
      s.format ??= 'date';
    } else if ([...names].some((n) => n && DATE_TIME_VALIDATORS.has(n))) {
      s.type = 'string';
      s.format ??= 'date-time';
    } else if (names.has('isUuid')) {
      s.type = 'string';
      s.format ??= 'uuid';
    } else if (vague && names.has('isBoolean')) {
      s.type = 'boolean';
    } else if (vague && names.has('isNumber')) {
      s.type = 'number';
    } else if (
      vague &&
      [...names].some(
        (n) => n && ['isString', 'isText', 'matches', 'isLength', 'maxLength', 'isEmail'].includes(n),
      )
    ) {
      s.type = 'string';
    }
    if (names.has('isEmail')) s.format ??= 'email';
  }
  return optional;
}

// ---------- named enums ----------

/** The string enums exported by contracts and domain, by their sorted values. */
function namedEnums(): Map<string, { name: string; values: string[] }> {
  const out = new Map<string, { name: string; values: string[] }>();
  const ambiguous = new Set<string>();
  for (const mod of [domain, contracts] as Record<string, unknown>[]) {
    for (const [name, value] of Object.entries(mod)) {
      if (!/^[A-Z]/.test(name) || !value || typeof value !== 'object' || Array.isArray(value)) continue;
      const entries = Object.entries(value as Record<string, unknown>);
      if (entries.length === 0 || !entries.every(([k, v]) => typeof v === 'string' && k === v)) continue;
      const values = entries.map(([, v]) => v as string);
      const key = [...values].sort().join('|');
      const seen = out.get(key);
      if (seen && seen.name !== name) ambiguous.add(key);
      else out.set(key, { name, values });
    }
  }
  for (const key of ambiguous) out.delete(key);
  return out;
}

/** Inline enums whose values are exactly an exported enum's become `$ref`s to a component of its name. */
function hoistEnums(doc: OpenAPIObject, enums: Map<string, { name: string; values: string[] }>): void {
  const schemas = doc.components!.schemas as Record<string, Schema>;
  const visit = (s: Schema | undefined): Schema | undefined => {
    if (!s || typeof s !== 'object') return s;
    if (Array.isArray(s.enum) && s.type !== 'boolean' && !s.$ref) {
      const named = enums.get([...new Set(s.enum.map(String))].sort().join('|'));
      if (named && s.enum.every((v) => typeof v === 'string')) {
        const existing = schemas[named.name];
        if (!existing) schemas[named.name] = { type: 'string', enum: named.values };
        else if (!existing.enum) return s; // the name is taken by another schema
        const ref = { $ref: `#/components/schemas/${named.name}` };
        const { type: _t, enum: _e, ...rest } = s;
        return Object.keys(rest).length ? { allOf: [ref], ...rest } : ref;
      }
    }
    if (s.items) s.items = visit(s.items);
    if (s.properties) for (const k of Object.keys(s.properties)) s.properties[k] = visit(s.properties[k])!;
    if (s.additionalProperties && typeof s.additionalProperties === 'object')
      s.additionalProperties = visit(s.additionalProperties);
    if (s.allOf) s.allOf = s.allOf.map((x) => visit(x)!);
    return s;
  };
  for (const [name, s] of Object.entries(schemas)) if (!s.enum) schemas[name] = visit(s)!;
  for (const path of Object.values(doc.paths))
    for (const op of Object.values(path) as Operation[]) {
      if (!op || typeof op !== 'object' || !op.responses) continue;
      for (const p of op.parameters ?? []) p.schema = visit(p.schema);
      for (const c of Object.values(op.requestBody?.content ?? {})) c.schema = visit(c.schema);
      for (const r of Object.values(op.responses))
        for (const c of Object.values(r.content ?? {})) c.schema = visit(c.schema);
    }
}

/**
 * `{ nullable: true, allOf: [{ $ref }] }` (a nullable enum or object) also states the referenced
 * schema's `type`: OpenAPI 3.0 ignores `nullable` without a `type` beside it.
 */
function typeNullableRefs(doc: OpenAPIObject): void {
  const schemas = doc.components!.schemas as Record<string, Schema>;
  const visit = (s: unknown): void => {
    if (!s || typeof s !== 'object') return;
    if (Array.isArray(s)) return s.forEach(visit);
    const o = s as Schema;
    if (o.nullable && !o.type && o.allOf?.length === 1 && o.allOf[0].$ref) {
      const target = schemas[o.allOf[0].$ref.split('/').pop()!];
      o.type = target?.type ?? 'object';
    }
    for (const v of Object.values(o)) if (v && typeof v === 'object') visit(v);
  };
  visit(doc.components);
  visit(doc.paths);
}

// ---------- problem responses ----------

/**
 * The problems every operation can answer, from what it is: 400 (the edge and validation),
 * 401/403/404/409 unless public (404 on a public one with a path parameter), 409 and 422 on
 * writes, 413 (a body or a reply too large), 415 with a body, 500, 503 (Retry-After) and 504. Those the
 * controller declared (with `@ApiProblems`) keep their description; any 4xx/5xx declared without
 * a body gets the problem schema.
 */
function standardProblems(route: string, method: string, op: Operation, r: Route | undefined): void {
  const write = WRITES.has(method);
  const statuses: number[] = [400, 413, 500, 503, 504];
  // Any operation of a signed-in user reads records that may be missing or in a state that does not
  // allow it (a ranking before the lock answers 409): 404 and 409 unless public.
  if (!r?.isPublic) statuses.push(401, 403, 404, 409);
  else if (route.includes('{')) statuses.push(404);
  if (write) statuses.push(409, 422);
  if (op.requestBody) statuses.push(415);
  for (const status of statuses) op.responses[String(status)] ??= problemResponse(status);
  // JSON answers to GET carry a weak ETag; If-None-Match with it answers 304 while nothing changed.
  const ok = op.responses['200'];
  if (method === 'get' && ok?.content?.['application/json']) {
    ok.headers = {
      ETag: { description: 'Weak ETag of the body: send it in If-None-Match', schema: { type: 'string' } },
      ...(ok.headers as object | undefined),
    };
    op.responses['304'] ??= {
      description: 'Không thay đổi kể từ ETag đã gửi trong If-None-Match (không có nội dung)',
      headers: { ETag: { description: 'The same weak ETag', schema: { type: 'string' } } },
    };
  }
  for (const [status, res] of Object.entries(op.responses)) {
    const n = Number(status);
    if (!(n >= 400) || res.content) continue;
    res.content = { 'application/problem+json': { schema: PROBLEM_SCHEMA } };
  }
  const unavailable = op.responses['503'];
  if (unavailable) unavailable.headers ??= problemResponse(503).headers;
  const throttled = op.responses['429'];
  if (throttled) throttled.headers ??= problemResponse(429).headers;
  // Keep the responses in status order.
  op.responses = Object.fromEntries(Object.entries(op.responses).sort(([a], [b]) => a.localeCompare(b)));
}

// ---------- the check ----------

const CAMEL = /^[a-z][a-zA-Z0-9]*$/;
const VIETNAMESE = /[àáạảãâầấậẩẫăằắặẳẵèéẹẻẽêềếệểễìíịỉĩòóọỏõôồốộổỗơờớợởỡùúụủũưừứựửữỳýỵỷỹđ]/i;
/** Free-form objects that are meant to be (their description says what they hold). */
const FREE_FORM_OK = (s: Schema) => s.additionalProperties !== undefined && !!s.description;

/** What the document still lacks to be a contract a generated client uses without a cast. */
export function contractProblems(doc: OpenAPIObject): string[] {
  const out: string[] = [];
  const ids = new Map<string, string>();
  for (const [route, path] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(path) as [string, Operation][]) {
      if (!op || typeof op !== 'object' || !op.responses) continue;
      const where = `${method.toUpperCase()} ${route}`;
      if (!op.operationId || !CAMEL.test(op.operationId))
        out.push(`${where}: operationId "${op.operationId}" is not camelCase`);
      else if (ids.has(op.operationId))
        out.push(`${where}: operationId ${op.operationId} also on ${ids.get(op.operationId)}`);
      else ids.set(op.operationId, where);
      if (!op.summary?.trim() || !VIETNAMESE.test(op.summary)) out.push(`${where}: no Vietnamese summary`);
      if (!op.tags?.length) out.push(`${where}: no tag`);
      for (const t of op.tags ?? [])
        if (!TAGS[t]) out.push(`${where}: tag "${t}" is not declared in TAGS (apps/gateway/src/openapi.ts)`);
      const ok = Object.keys(op.responses).filter((s) => /^2/.test(s));
      if (!ok.length) out.push(`${where}: no success response`);
      for (const s of ['400', '500', '503']) if (!op.responses[s]) out.push(`${where}: no ${s} response`);
      if (op.security?.length !== 0 && (!op.responses['401'] || !op.responses['403']))
        out.push(`${where}: needs a token but declares no 401/403`);
      for (const [status, res] of Object.entries(op.responses)) {
        if (Number(status) >= 400 && !res.content?.['application/problem+json'])
          out.push(`${where} ${status}: not application/problem+json`);
        if (/^2/.test(status) && status !== '204' && status !== '202' && !res.content)
          out.push(`${where} ${status}: no body described`);
        for (const [type, c] of Object.entries(res.content ?? {}))
          checkSchema(c.schema, `${where} ${status} ${type}`, out);
      }
      for (const [type, c] of Object.entries(op.requestBody?.content ?? {}))
        checkSchema(c.schema, `${where} body ${type}`, out);
      for (const p of op.parameters ?? []) checkSchema(p.schema, `${where} ${p.in} ${p.name}`, out, p.name);
    }
  }
  for (const [name, s] of Object.entries((doc.components?.schemas ?? {}) as Record<string, Schema>))
    checkSchema(s, `#/components/schemas/${name}`, out);
  return out;
}

const DATE_NAME = /(^|[a-z])(On|At|From|To|Date)$|^(from|to|on|at|date)$/;
const ID_NAME = /(^id|Id|Ids)$/;
/** Names of counts and positions: whole numbers (a `number` there is a decorator without Int()). */
const INT_NAME =
  /^(year|version|size|limit|offset|attempts|rank|places|order|row)$|(Count|Version|Rows|Bytes|Days)$/;

function checkSchema(s: Schema | undefined, where: string, out: string[], name?: string): void {
  if (!s || typeof s !== 'object' || s.$ref) return;
  const union = s.allOf ?? (s.oneOf as Schema[] | undefined) ?? (s.anyOf as Schema[] | undefined);
  if (union) return union.forEach((x) => checkSchema(x, where, out, name));
  const binary = s.type === 'string' && s.format === 'binary';
  if (!s.type && !s.enum) out.push(`${where}: no type`);
  if (s.type === 'object' && !s.properties && !FREE_FORM_OK(s))
    out.push(
      `${where}: an object without properties (type it, or make it free-form with additionalProperties and a description)`,
    );
  if (name && s.type === 'string' && !binary && DATE_NAME.test(name) && !s.format && !s.enum)
    out.push(`${where}: a date-like string without format date/date-time`);
  if (name && INT_NAME.test(name) && s.type === 'number')
    out.push(`${where}: a count or position typed number, not integer`);
  if (
    name &&
    ID_NAME.test(name) &&
    s.type !== 'string' &&
    !(s.type === 'array' && s.items?.type === 'string')
  )
    out.push(`${where}: an id that is not a string`);
  if (s.properties)
    for (const [k, v] of Object.entries(s.properties)) checkSchema(v, `${where}.${k}`, out, k);
  if (s.items) checkSchema(s.items, `${where}[]`, out, name);
  if (s.additionalProperties && typeof s.additionalProperties === 'object')
    checkSchema(s.additionalProperties, `${where}{}`, out);
}

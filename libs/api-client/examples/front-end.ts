/**
 * The README's examples, type-checked with the rest of the repository (`npm run typecheck`): if
 * the contract changes under them, this file stops compiling. Nothing here runs on import.
 * (Imported relatively only because it lives inside the package.)
 */
import {
  createSession,
  fieldProblem,
  isProblem,
  newIdempotencyKey,
  unitKindValues,
  type ApiClient,
  type Page,
  type Problem,
  type ProblemCode,
  type Schema,
  type TokenStore,
} from '../src'; // a front-end imports '@tdkt/api-client'

// ---------- signing in ----------

/** Tokens kept for the tab's life (sessionStorage), not in cookies. */
export const browserStore = (storage: Storage): TokenStore => ({
  get: () => JSON.parse(storage.getItem('tdkt.session') ?? 'null'),
  set: (tokens) =>
    tokens ? storage.setItem('tdkt.session', JSON.stringify(tokens)) : storage.removeItem('tdkt.session'),
});

export async function signIn(username: string, password: string) {
  const session = createSession({
    baseUrl: 'http://localhost:3000',
    onSessionEnd: () => console.log('Phiên đã hết: đăng nhập lại'),
  });
  const { user, problem, response } = await session.login(username, password);
  if (!user) {
    // 401 LOGIN_FAILED, or 429 LOGIN_THROTTLED with Retry-After (seconds).
    const wait = response.headers.get('Retry-After');
    throw new Error(wait ? `${problem?.detail} (thử lại sau ${wait} giây)` : problem?.detail);
  }
  console.log(
    user.displayName,
    user.roles.map((r) => r.role),
  );
  return session; // session.api sends the token and refreshes it on 401
}

// ---------- errors ----------

export async function createUnit(api: ApiClient, body: Schema<'CreateUnitDto'>) {
  const { data, error, response } = await api.POST('/api/v1/units', {
    body,
    params: { header: { 'Idempotency-Key': newIdempotencyKey() } },
  });
  if (data) return data; // UnitResponse, typed
  if (response.status === 400) {
    // A form shows each message next to its field.
    const code = fieldProblem(error, 'code');
    if (code) console.log(`Mã: ${code.message} (${code.rule})`);
  } else if (error?.code === ('UNIT_CODE_TAKEN' satisfies ProblemCode)) {
    console.log('Mã đã có');
  }
  throw new Error(error?.detail ?? `HTTP ${response.status}`);
}

/** Any caught value: a problem (from a rejected promise of yours) or something else. */
export function describe(e: unknown): string {
  return isProblem(e) ? `${e.title}: ${e.detail} [${e.code}]` : String(e);
}

// ---------- pages ----------

export async function allUnits(api: ApiClient, kind: (typeof unitKindValues)[number]) {
  const units: Schema<'UnitResponse'>[] = [];
  for (let offset = 0; ;) {
    const { data, error } = await api.GET('/api/v1/units', {
      params: { query: { kind, limit: 500, offset } },
    });
    if (!data) throw new Error(error?.detail);
    const page: Page<Schema<'UnitResponse'>> = data;
    units.push(...page.items);
    offset += page.items.length;
    if (page.items.length === 0 || offset >= page.total) return units;
  }
}

// ---------- idempotency keys ----------

/** Submits once, retrying a lost answer or a 503/504 with the same key: one receipt, never two. */
export async function submit(api: ApiClient, submissionId: string) {
  const key = newIdempotencyKey(); // one per user action
  for (let attempt = 1; ; attempt += 1) {
    try {
      const { data, error, response } = await api.POST('/api/v1/submissions/{submissionId}/submit', {
        params: { path: { submissionId }, header: { 'Idempotency-Key': key } },
      });
      if (data) return data; // the receipt: data.number, data.issuedAt …
      if ((response.status !== 503 && response.status !== 504) || attempt === 3) throw error;
      const seconds = Number(response.headers.get('Retry-After') ?? 2);
      await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
    } catch (e) {
      if (isProblem(e) || attempt === 3) throw e; // a refusal is final; a network error is retried
    }
  }
}

// ---------- uploads ----------

async function sha256Hex(file: Blob): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', await file.arrayBuffer());
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** Evidence for a submission: ask for a presigned PUT, send the bytes to storage, confirm. */
export async function attach(api: ApiClient, submissionId: string, file: File) {
  const asked = await api.POST('/api/v1/submissions/{submissionId}/files', {
    params: { path: { submissionId } },
    body: { fileName: file.name, contentType: file.type, size: file.size, sha256: await sha256Hex(file) },
  });
  if (!asked.data) throw asked.error;
  const { file: stored, upload } = asked.data;
  // Exactly the signed headers, except content-length, which the browser sets itself.
  const headers = Object.fromEntries(
    Object.entries(upload.headers).filter(([name]) => name.toLowerCase() !== 'content-length'),
  );
  const put = await fetch(upload.url, { method: upload.method, headers, body: file });
  if (!put.ok) throw new Error(`Kho lưu trữ từ chối tệp (${put.status})`);
  const confirmed = await api.POST('/api/v1/submissions/{submissionId}/files/{fileId}/confirm', {
    params: { path: { submissionId, fileId: stored.id } },
  });
  if (confirmed.error) throw confirmed.error as Problem; // 422: size, type or checksum, with the reason
  return confirmed.data; // CONFIRMED, or 202 for a large file: follow Location
}

/** A large award-records file: upload, start the import, follow it. */
export async function importRecords(api: ApiClient, file: File, from: string, to: string) {
  const asked = await api.POST('/api/v1/awards/records/uploads', {
    body: {
      from,
      to,
      fileName: file.name,
      contentType: file.type,
      size: file.size,
      sha256: await sha256Hex(file),
    },
  });
  if (!asked.data?.upload) throw asked.error;
  const { url, headers } = asked.data.upload;
  const { 'content-length': _length, ...rest } = headers;
  await fetch(url, { method: 'PUT', headers: rest, body: file });
  const uploadId = asked.data.id;
  await api.POST('/api/v1/awards/records/uploads/{uploadId}/import', { params: { path: { uploadId } } });
  for (;;) {
    const { data } = await api.GET('/api/v1/awards/records/uploads/{uploadId}', {
      params: { path: { uploadId } },
    });
    if (!data || data.status === 'DONE' || data.status === 'FAILED') return data;
    console.log(`Đã đọc ${data.processedRows} dòng`);
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}

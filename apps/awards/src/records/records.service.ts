import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  AwardStatisticsView,
  ErrorCode,
  FileView,
  ImportRecordsRequest,
  RecordImportView,
  RecordsUploadRequest,
  RecordsUploadView,
  UploadIdRequest,
  RegistryRpc,
  NationalStatisticsRequest,
  StatisticsRequest,
  UnitKind,
  XLSX_TYPE,
} from '@tdkt/contracts';
import {
  AwardCount,
  AwardRecord,
  capProblems,
  clip,
  fold,
  Grant,
  LISTED_PROBLEMS_MAX,
  mayImportRecords,
  mayImportRecordsOf,
  Period,
  RECORD_COLUMNS,
  RecordCell,
  rowsToRecords,
  statisticsFromCounts,
  wholeMonths,
} from '@tdkt/domain';
import {
  allow,
  AppError,
  execute,
  ObjectStorage,
  passOn,
  RpcCallError,
  RpcClient,
  writeOnce,
} from '@tdkt/platform';
import ExcelJS from 'exceljs';
import { createHash, randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { REGISTRY } from '../aggregates/aggregates.service';
import { SCHEMA } from '../database/entities';
import { checkedPeriod } from '../period';
import { statisticsWorkbook } from './statistics-xlsx';

export const AWARDS_STORAGE = Symbol('AWARDS_STORAGE');

/** Units of a file asked of the registry at once. */
const UNIT_LOOKUPS_AT_ONCE = 16;

interface UploadRow {
  id: string;
  file_name: string;
  content_type: string;
  size: string;
  sha256: string;
  object_key: string;
  status: string;
  processed_rows: number;
  total_rows: number | null;
  import_id: string | null;
  error: string | null;
  created_by: string;
  period_from: string | null;
  period_to: string | null;
  expires_at: Date;
}

/** RFC 4180 CSV: quoted fields, doubled quotes, commas or semicolons, CRLF or LF. */
function parseCsv(text: string): string[][] {
  const first = text.split(/\r?\n/, 1)[0];
  const delimiter = (first.match(/;/g)?.length ?? 0) > (first.match(/,/g)?.length ?? 0) ? ';' : ',';
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === delimiter) {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i += 1;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

async function readRows(
  r: { fileName: string; contentType: string },
  bytes: Buffer,
): Promise<RecordCell[][]> {
  const isXlsx = r.contentType === XLSX_TYPE || /\.xlsx$/i.test(r.fileName);
  const isCsv = r.contentType.startsWith('text/csv') || /\.csv$/i.test(r.fileName);
  if (isXlsx) {
    const wb = new ExcelJS.Workbook();
    try {
      await wb.xlsx.load(bytes as unknown as ArrayBuffer);
    } catch {
      throw AppError.field('file', 'không phải tệp Excel (.xlsx)');
    }
    const ws = wb.worksheets[0];
    if (!ws) throw AppError.field('file', 'tệp Excel không có trang tính');
    const rows: RecordCell[][] = [];
    ws.eachRow({ includeEmpty: true }, (row) => {
      rows.push(
        RECORD_COLUMNS.map((_, i) => {
          const v = row.getCell(i + 1).value;
          if (v && typeof v === 'object' && !(v instanceof Date))
            return 'result' in v
              ? (v.result as RecordCell)
              : 'richText' in v
                ? v.richText.map((t) => t.text).join('')
                : String(v);
          return v as RecordCell;
        }),
      );
    });
    return rows;
  }
  if (isCsv) {
    const text = bytes.toString('utf8').replace(/^\uFEFF/, '');
    if (text.includes('\u0000')) throw AppError.field('file', 'không phải tệp CSV (văn bản)');
    return parseCsv(text);
  }
  throw AppError.field('contentType', 'phải là text/csv hoặc tệp Excel (.xlsx)');
}

/** Award records from CSV or XLSX files (all or nothing, once per content) and their statistics. */
@Injectable()
export class RecordsService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    @Inject(REGISTRY) private readonly registry: RpcClient,
    @Inject(AWARDS_STORAGE) private readonly storage: ObjectStorage | null,
  ) {}

  // ---------- large files: through object storage ----------

  private uploadView(u: UploadRow, upload: RecordsUploadView['upload'] = null): RecordsUploadView {
    return {
      id: u.id,
      fileName: u.file_name,
      status: u.status as RecordsUploadView['status'],
      processedRows: u.processed_rows,
      totalRows: u.total_rows,
      importId: u.import_id,
      error: u.error,
      upload,
    };
  }

  private async upload(id: string, actor: ImportRecordsRequest['actor']): Promise<UploadRow> {
    const rows: UploadRow[] = await this.ds.query(`SELECT * FROM ${SCHEMA}.record_uploads WHERE id = $1`, [
      id,
    ]);
    const u = rows[0];
    if (!u) throw AppError.notFound(`Không tìm thấy tệp tải lên ${id}`);
    if (u.created_by !== actor.userId && !(actor.roles as Grant[]).some((g) => g.role === 'BOARD'))
      throw AppError.forbidden('only whoever sent the file, or the central board');
    return u;
  }

  /** A presigned PUT for a large file (exact size and type); the import reads it from storage. */
  async requestUpload(r: RecordsUploadRequest): Promise<RecordsUploadView> {
    allow(mayImportRecords(r.actor.roles as Grant[], r.actor.unitId));
    if (!this.storage)
      throw new AppError({
        code: ErrorCode.SERVICE_UNAVAILABLE,
        message: 'no object storage is configured for large files',
      });
    checkedPeriod(r.from, r.to);
    const type = r.contentType.split(';')[0].trim();
    if (type !== XLSX_TYPE && type !== 'text/csv')
      throw AppError.field('contentType', 'phải là text/csv hoặc tệp Excel (.xlsx)');
    const id = randomUUID();
    const key = `awards-imports/${id}`;
    const expires = new Date(Date.now() + 15 * 60_000);
    // A replay (Idempotency-Key) answers the upload made the first time.
    const [u]: UploadRow[] = await writeOnce(this.ds, (m) =>
      m.query(
        `INSERT INTO ${SCHEMA}.record_uploads (id, file_name, content_type, size, sha256, object_key, status, created_by, expires_at,
         period_from, period_to)
       VALUES ($1, $2, $3, $4, $5, $6, 'PENDING', $7, $8, $9, $10) RETURNING *`,
        [id, r.fileName, type, r.size, r.sha256, key, r.actor.userId, expires, r.from ?? null, r.to ?? null],
      ),
    );
    const put = this.storage.presignUpload({
      key: u.object_key,
      contentType: type,
      size: r.size,
      expires: new Date(u.expires_at),
    });
    return this.uploadView(u, {
      method: 'PUT',
      url: put.url,
      headers: put.headers,
      expiresAt: new Date(u.expires_at).toISOString(),
    });
  }

  async uploadStatus(r: UploadIdRequest): Promise<RecordsUploadView> {
    return this.uploadView(await this.upload(r.uploadId, r.actor));
  }

  /** Checks the stored file (size, SHA-256) and imports it, recording progress for status readers. */
  async importUpload(r: UploadIdRequest): Promise<RecordImportView> {
    const storage = this.storage;
    if (!storage)
      throw new AppError({ code: ErrorCode.SERVICE_UNAVAILABLE, message: 'no object storage is configured' });
    const u = await this.upload(r.uploadId, r.actor);
    if (u.status === 'DONE' && u.import_id)
      return this.importView(
        (await this.ds.query(`SELECT * FROM ${SCHEMA}.record_imports WHERE id = $1`, [u.import_id]))[0],
        true,
      );
    const info = await storage.stat(u.object_key);
    if (!info) throw AppError.invalidState('the file has not been uploaded yet');
    // A lease: an import that was cut off (its instance died) may be started again after 10 minutes.
    const started = await execute(
      this.ds,
      `UPDATE ${SCHEMA}.record_uploads SET status = 'IMPORTING', expires_at = now() + interval '10 minutes'
       WHERE id = $1 AND (status IN ('PENDING', 'FAILED') OR (status = 'IMPORTING' AND expires_at < now()))`,
      [u.id],
    );
    if (started.affected === 0) throw AppError.invalidState(`the import of this file is ${u.status}`);
    const fail = async (error: string) => {
      await this.ds.query(`UPDATE ${SCHEMA}.record_uploads SET status = 'FAILED', error = $2 WHERE id = $1`, [
        u.id,
        error,
      ]);
    };
    try {
      if (info.size !== Number(u.size))
        throw AppError.unprocessable(
          `the stored file has ${info.size} bytes, ${u.size} were declared`,
          'file',
        );
      const bytes = await storage.read(u.object_key, 100 * 1024 * 1024);
      const sha = createHash('sha256').update(bytes).digest('hex');
      if (sha !== u.sha256.trim())
        throw AppError.unprocessable('SHA-256 of the stored file does not match the declared one', 'file');
      const view = await this.importBytes(
        bytes,
        { fileName: u.file_name, contentType: u.content_type, from: u.period_from, to: u.period_to },
        r.actor,
        (done, total) =>
          this.ds.query(
            `UPDATE ${SCHEMA}.record_uploads SET processed_rows = $2, total_rows = $3 WHERE id = $1`,
            [u.id, done, total],
          ),
      );
      await this.ds.query(
        `UPDATE ${SCHEMA}.record_uploads SET status = 'DONE', import_id = $2, error = NULL WHERE id = $1`,
        [u.id, view.id],
      );
      return view;
    } catch (e) {
      const body = e instanceof AppError ? e.body : { message: 'internal error', errors: [] };
      await fail(
        [body.message, ...(body.errors ?? []).slice(0, 20).map((x) => `${x.field}: ${x.message}`)].join('; '),
      );
      throw e;
    }
  }

  import(r: ImportRecordsRequest): Promise<RecordImportView> {
    return this.importBytes(Buffer.from(r.fileBase64, 'base64'), r, r.actor);
  }

  /** The unit ids of the codes (or ids) named in a file; the ones the registry does not know are left out. */
  private async unitIds(codes: Iterable<string>): Promise<Map<string, string>> {
    const units = new Map<string, string>();
    // A registry id is at most 64 characters: a longer cell names no unit (and is not sent).
    const asked = [...new Set(codes)].filter((c) => c && c.length <= 64);
    for (let at = 0; at < asked.length; at += UNIT_LOOKUPS_AT_ONCE)
      await Promise.all(
        asked.slice(at, at + UNIT_LOOKUPS_AT_ONCE).map(async (code) => {
          try {
            units.set(code, (await this.registry.request(RegistryRpc.unitGet, { id: code })).id);
          } catch (e) {
            const code_ = e instanceof RpcCallError ? e.body.code : undefined;
            if (code_ !== ErrorCode.NOT_FOUND && code_ !== ErrorCode.VALIDATION_FAILED) throw passOn(e);
          }
        }),
      );
    return units;
  }

  /** A file's records, checked (400 with the first problems by line), or why it cannot be read. */
  private async parse(
    file: { fileName: string; contentType: string },
    bytes: Buffer,
    period: Period | undefined,
  ): Promise<AwardRecord[]> {
    const [header, ...rows] = await readRows(file, bytes);
    const wrong = RECORD_COLUMNS.findIndex((c, i) => fold(String(header?.[i] ?? '')) !== fold(c));
    if (wrong >= 0)
      throw AppError.field(
        'dòng 1',
        `các cột phải là: ${RECORD_COLUMNS.join(' | ')} (cột ${wrong + 1} là "${clip(String(header?.[wrong] ?? ''))}")`,
      );
    const units = await this.unitIds(rows.map((x) => String(x[6] ?? '').trim()));
    const parsed = rowsToRecords(rows, units, period);
    if ('problems' in parsed)
      throw AppError.validation(
        capProblems(
          parsed.problems.map((p) => ({ field: `dòng ${p.row} (${p.column})`, message: p.message })),
          (n) => ({ field: 'tệp', message: `và ${n} lỗi khác` }),
        ),
        `${parsed.total} lỗi; không dòng nào được nhập`,
      );
    return parsed.records;
  }

  /**
   * A file's records, all or nothing, once per content. `progress` hears how many rows are done
   * (for the storage path's status).
   */
  private async importBytes(
    bytes: Buffer,
    file: { fileName: string; contentType: string; from?: string | null; to?: string | null },
    actor: ImportRecordsRequest['actor'],
    progress: (done: number, total: number) => Promise<void> = async () => undefined,
  ): Promise<RecordImportView> {
    const period = checkedPeriod(file.from, file.to);
    const grants = actor.roles as Grant[];
    // Who may import at all, before anything is looked up (an earlier import of the same content).
    allow(mayImportRecords(grants, actor.unitId));
    const sha = createHash('sha256').update(bytes).digest('hex');
    const before = await this.ds.query(`SELECT * FROM ${SCHEMA}.record_imports WHERE content_sha256 = $1`, [
      sha,
    ]);
    if (before[0]) {
      // The same content again: shown only to whoever may import it (the units it names decide).
      if (!grants.some((g) => g.role === 'BOARD'))
        allow(
          mayImportRecordsOf(
            grants,
            actor.unitId,
            (await this.parse(file, bytes, undefined)).map((x) => x.unitId),
          ),
        );
      return this.importView(before[0], true);
    }
    const records = await this.parse(file, bytes, period);
    allow(
      mayImportRecordsOf(
        grants,
        actor.unitId,
        records.map((x) => x.unitId),
      ),
    );
    const cols = {
      id: [] as string[],
      number: [] as string[],
      key: [] as string[],
      date: [] as string[],
      authority: [] as string[],
      code: [] as string[],
      kind: [] as string[],
      name: [] as string[],
      nameKey: [] as string[],
      unit: [] as string[],
      category: [] as (string | null)[],
    };
    for (const x of records) {
      cols.id.push(randomUUID());
      cols.number.push(x.decisionNumber);
      cols.key.push(fold(x.decisionNumber));
      cols.date.push(x.decisionDate);
      cols.authority.push(x.authority);
      cols.code.push(x.awardCode);
      cols.kind.push(x.recipientKind);
      cols.name.push(x.recipientName);
      cols.nameKey.push(fold(x.recipientName));
      cols.unit.push(x.unitId);
      cols.category.push(x.category);
    }
    const importId = randomUUID();
    await progress(0, records.length);
    const imported = await this.ds.transaction(async (m) => {
      const existing: { i: number }[] = await m.query(
        `SELECT t.i FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::uuid[]) WITH ORDINALITY AS t(k, c, rk, nk, u, i)
         JOIN ${SCHEMA}.records r ON r.decision_key = t.k AND r.award_code = t.c AND r.recipient_kind = t.rk
           AND r.recipient_key = t.nk AND r.unit_id = t.u ORDER BY t.i LIMIT $6`,
        [cols.key, cols.code, cols.kind, cols.nameKey, cols.unit, LISTED_PROBLEMS_MAX + 1],
      );
      if (existing.length) {
        const more = existing.length > LISTED_PROBLEMS_MAX;
        throw AppError.validation(
          [
            ...existing.slice(0, LISTED_PROBLEMS_MAX).map((e) => ({
              field: `dòng ${Number(e.i) + 1}`,
              message: 'đã có trong hệ thống (cùng quyết định, hình thức, người/tập thể, đơn vị)',
            })),
            ...(more ? [{ field: 'tệp', message: 'và những dòng khác cũng đã có trong hệ thống' }] : []),
          ],
          `${more ? `Hơn ${LISTED_PROBLEMS_MAX}` : existing.length} dòng đã được nhập trước đó; không dòng nào được nhập`,
        );
      }
      const [row] = await m.query(
        `INSERT INTO ${SCHEMA}.record_imports (id, content_sha256, file_name, records, created_by) VALUES ($1, $2, $3, $4, $5)
         RETURNING *`,
        [importId, sha, file.fileName, records.length, actor.userId],
      );
      // In chunks, reporting progress between them (on another connection: pollers see it at once).
      const CHUNK = 10_000;
      for (let at = 0; at < cols.id.length; at += CHUNK) {
        const part = <T>(a: T[]) => a.slice(at, at + CHUNK);
        await m.query(
          `INSERT INTO ${SCHEMA}.records (id, import_id, decision_number, decision_key, decision_date, authority, award_code,
             recipient_kind, recipient_name, recipient_key, unit_id, category)
           SELECT t.id, $1, t.n, t.k, t.d, t.a, t.c, t.rk, t.nm, t.nk, t.u, t.cat
           FROM unnest($2::uuid[], $3::text[], $4::text[], $5::date[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[], $11::uuid[], $12::text[])
             AS t(id, n, k, d, a, c, rk, nm, nk, u, cat)`,
          [
            importId,
            part(cols.id),
            part(cols.number),
            part(cols.key),
            part(cols.date),
            part(cols.authority),
            part(cols.code),
            part(cols.kind),
            part(cols.name),
            part(cols.nameKey),
            part(cols.unit),
            part(cols.category),
          ],
        );
        await progress(Math.min(at + CHUNK, cols.id.length), cols.id.length);
      }
      await m.query(
        `INSERT INTO ${SCHEMA}.record_month_counts (unit_id, month, award_code, recipient_kind, category, n)
         SELECT unit_id, date_trunc('month', decision_date)::date, award_code, recipient_kind, coalesce(category, ''), count(*)
         FROM ${SCHEMA}.records WHERE import_id = $1 GROUP BY 1, 2, 3, 4, 5
         ON CONFLICT (unit_id, month, award_code, recipient_kind, category)
         DO UPDATE SET n = ${SCHEMA}.record_month_counts.n + EXCLUDED.n`,
        [importId],
      );
      return row;
    });
    await progress(records.length, records.length);
    return this.importView(imported, false);
  }

  private importView(
    x: { id: string; file_name: string; records: number; created_at: Date },
    already: boolean,
  ): RecordImportView {
    return {
      id: x.id,
      fileName: x.file_name,
      records: x.records,
      createdAt: new Date(x.created_at).toISOString(),
      alreadyImported: already,
    };
  }

  async statisticsXlsx(r: StatisticsRequest): Promise<FileView> {
    const s = await this.statistics(r);
    const g = await this.registry
      .request(RegistryRpc.groupGet, { id: s.groupId as string })
      .catch((e: unknown) => {
        throw passOn(e);
      });
    return statisticsWorkbook(s, g.name);
  }

  /** The group's members as they were in the period's first year; counts grouped in the database. */
  async statistics(r: StatisticsRequest): Promise<AwardStatisticsView> {
    checkedPeriod(r.from, r.to);
    const members = await this.registry
      .request(RegistryRpc.memberList, { groupId: r.groupId, year: Number(r.from.slice(0, 4)) })
      .catch((e: unknown) => {
        throw passOn(e);
      });
    let units = members.members.map((m) => ({ id: m.unit.id, name: m.unit.name }));
    // Rolled up: each member's awards counted under the unit that succeeds it today.
    const successorOf = new Map<string, string>();
    if (r.rollUp) {
      const s = await this.registry
        .request(RegistryRpc.memberCurrentSuccessors, {
          groupId: r.groupId,
          year: Number(r.from.slice(0, 4)),
        })
        .catch((e: unknown) => {
          throw passOn(e);
        });
      for (const x of s.successors) for (const p of x.predecessors) successorOf.set(p.id, x.unit.id);
      units = s.successors.map((x) => ({ id: x.unit.id, name: x.unit.name }));
    }
    const memberIds = members.members.map((m) => m.unit.id);
    const counts = (await this.counts(memberIds, r.from, r.to)).map((c) => ({
      ...c,
      unitId: successorOf.get(c.unitId) ?? c.unitId,
    }));
    return {
      groupId: members.group.id,
      rolledUp: r.rollUp === true,
      from: r.from,
      to: r.to,
      ...statisticsFromCounts(counts, units),
    };
  }

  /** The provinces and cities valid on the first day of the period, as one table (the national report). */
  async national(r: NationalStatisticsRequest): Promise<AwardStatisticsView> {
    checkedPeriod(r.from, r.to);
    // Provinces and centrally governed cities (thành phố trực thuộc Trung ương).
    const pages = await Promise.all(
      [UnitKind.PROVINCE, UnitKind.CITY].map((kind) =>
        this.registry.request(RegistryRpc.unitList, { kind, on: r.from, limit: 500 }).catch((e: unknown) => {
          throw passOn(e);
        }),
      ),
    );
    const units = pages
      .flatMap((p) => p.items)
      .map((u) => ({ id: u.id, name: u.name }))
      .sort((a, b) => a.name.localeCompare(b.name, 'vi'));
    const counts = await this.counts(
      units.map((u) => u.id),
      r.from,
      r.to,
    );
    return { groupId: null, rolledUp: false, from: r.from, to: r.to, ...statisticsFromCounts(counts, units) };
  }

  /**
   * Awards per unit, type, recipient kind and category in [from, to]: whole months from the monthly
   * counts, the days of partial months at either end from the records themselves.
   */
  private async counts(unitIds: string[], from: string, to: string): Promise<AwardCount[]> {
    const { start, end } = wholeMonths(from, to);
    const rows = await this.ds.query(
      `SELECT unit_id, award_code, recipient_kind, category, sum(n)::int AS n FROM (
         SELECT unit_id, award_code, recipient_kind, nullif(category, '') AS category, n FROM ${SCHEMA}.record_month_counts
         WHERE unit_id = ANY($1::uuid[]) AND month >= $4::date AND month < $5::date
         UNION ALL
         SELECT unit_id, award_code, recipient_kind, category, 1 FROM ${SCHEMA}.records
         WHERE unit_id = ANY($1::uuid[]) AND decision_date >= $2::date AND decision_date < $4::date
         UNION ALL
         SELECT unit_id, award_code, recipient_kind, category, 1 FROM ${SCHEMA}.records
         WHERE unit_id = ANY($1::uuid[]) AND decision_date >= $5::date AND decision_date <= $3::date
       ) x GROUP BY 1, 2, 3, 4`,
      [unitIds, from, to, start, end],
    );
    return rows.map(
      (x: {
        unit_id: string;
        award_code: string;
        recipient_kind: 'COLLECTIVE' | 'INDIVIDUAL';
        category: AwardCount['category'];
        n: number;
      }) => ({
        unitId: x.unit_id,
        awardCode: x.award_code,
        recipientKind: x.recipient_kind,
        category: x.category,
        n: x.n,
      }),
    );
  }
}

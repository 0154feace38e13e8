import { Inject, Injectable } from '@nestjs/common';
import {
  ActorDto,
  ErrorCode,
  JobView,
  RecordsImportResult,
  RecordsUploadRequest,
  RecordsUploadView,
  UploadIdRequest,
  XLSX_TYPE,
} from '@tdkt/contracts';
import { importStart, mayFollowUpload, mayImportRecords, UploadStatus } from '@tdkt/domain';
import {
  AppError,
  JOB_RUNNER,
  JobContext,
  JobRow,
  JobRunner,
  ObjectStorage,
  SERVICE_STORAGE,
  toJobView,
} from '@tdkt/platform';
import { randomUUID } from 'node:crypto';
import { authorize } from '../access';
import { checkedPeriod } from '../period';
import { RecordImporter } from '../records/record-import';
import { recordFileKind } from '../records/record-reader';
import { RecordsRepository } from '../records/records.repository';
import { UploadRow, UploadsRepository } from './uploads.repository';
import { uploadError, uploadView } from './uploads.views';

/** The job that imports an uploaded file (uploads.jobs.ts registers it). */
export const RECORDS_IMPORT_JOB = 'records-import';

export interface RecordsImportInput {
  uploadId: string;
  /** Whoever asked for the import: the file's lines are theirs to import. */
  actor: ActorDto;
}

/** How long the presigned PUT of a file stays valid. */
const UPLOAD_WINDOW_MS = 15 * 60_000;

/** Errors that say "try again later": the job is retried, not failed. */
const TRANSIENT = new Set<ErrorCode>([ErrorCode.SERVICE_UNAVAILABLE, ErrorCode.TIMEOUT]);

/**
 * The stored bytes as a stream. `ObjectStorage` has no streaming read yet (`read` holds the whole
 * object in memory): until it has one (`stream`), its minio client is asked for the object.
 */
/**
 * Large files of award records (up to 100 MB) through object storage: a presigned PUT, then the
 * `records-import` job reads the file back as a stream (size and SHA-256 checked as it goes) and
 * imports it all or nothing; the upload shows its status, the lines read and the job.
 */
@Injectable()
export class UploadsService {
  constructor(
    private readonly uploads: UploadsRepository,
    private readonly records: RecordsRepository,
    private readonly importer: RecordImporter,
    @Inject(JOB_RUNNER) private readonly jobs: JobRunner,
    @Inject(SERVICE_STORAGE) private readonly storage: ObjectStorage | null,
  ) {}

  private requireStorage(): ObjectStorage {
    if (!this.storage) throw AppError.of('STORAGE_NOT_CONFIGURED');
    return this.storage;
  }

  private async jobOf(u: UploadRow): Promise<JobRow | undefined> {
    return u.job_id ? this.jobs.get(u.job_id) : undefined;
  }

  /** An upload its caller may follow: whoever may import at all is let look it up, then its sender or the board. */
  private async followed(r: UploadIdRequest): Promise<UploadRow> {
    authorize(r.actor, (grants) => mayImportRecords(grants, r.actor.unitId));
    const u = await this.uploads.byId(r.uploadId);
    if (!u) throw AppError.of('UPLOAD_NOT_FOUND', { id: r.uploadId });
    authorize(r.actor, (grants) => mayFollowUpload(grants, r.actor.userId, { createdBy: u.created_by }));
    return u;
  }

  /** A presigned PUT for a large file (exact size and type); the import reads it from storage. */
  async requestUpload(r: RecordsUploadRequest): Promise<RecordsUploadView> {
    authorize(r.actor, (grants) => mayImportRecords(grants, r.actor.unitId));
    const storage = this.requireStorage();
    checkedPeriod(r.from, r.to);
    const type = r.contentType.split(';')[0].trim();
    if (type !== XLSX_TYPE && type !== 'text/csv') throw AppError.of('RECORDS_FILE_TYPE', {}, 'contentType');
    const id = randomUUID();
    // A replay (Idempotency-Key) answers the upload made the first time.
    const u = await this.uploads.create({
      id,
      file_name: r.fileName,
      content_type: type,
      size: String(r.size),
      sha256: r.sha256,
      object_key: `awards-imports/${id}`,
      created_by: r.actor.userId,
      expires_at: new Date(Date.now() + UPLOAD_WINDOW_MS),
      period_from: r.from ?? null,
      period_to: r.to ?? null,
    });
    const put = storage.presignUpload({
      key: u.object_key,
      contentType: type,
      size: r.size,
      expires: new Date(u.expires_at),
    });
    return uploadView(u, undefined, {
      method: 'PUT',
      url: put.url,
      headers: put.headers,
      expiresAt: new Date(u.expires_at).toISOString(),
    });
  }

  async status(r: UploadIdRequest): Promise<RecordsUploadView> {
    const u = await this.followed(r);
    return uploadView(u, await this.jobOf(u));
  }

  /**
   * Queues the import of an uploaded file (QUEUED with its `records-import` job, in one
   * transaction) and answers the job; the upload's view follows it. Already imported: the job that
   * did it. Queued or running: UPLOAD_IMPORT_RUNNING. Not in storage yet: UPLOAD_NOT_UPLOADED.
   */
  async startImport(r: UploadIdRequest): Promise<JobView> {
    const u = await this.followed(r);
    const storage = this.requireStorage();
    const job = await this.jobOf(u);
    const start = importStart(u.status, job?.state ?? null);
    if (!start.start) {
      if (start.why === 'RUNNING') throw AppError.of('UPLOAD_IMPORT_RUNNING', { jobId: u.job_id });
      if (job) return toJobView(job);
      throw AppError.of('UPLOAD_ALREADY_IMPORTED', { importId: u.import_id });
    }
    if (!(await storage.stat(u.object_key)))
      throw AppError.of('UPLOAD_NOT_UPLOADED', { expiresAt: new Date(u.expires_at).toISOString() });
    const input: RecordsImportInput = { uploadId: u.id, actor: r.actor };
    const queued = await this.uploads.queue(u.id, { status: u.status, jobId: u.job_id }, (m) =>
      this.jobs.enqueue(m, RECORDS_IMPORT_JOB, input, r.actor.userId),
    );
    // Someone else queued it in between.
    if (!queued)
      throw AppError.of('UPLOAD_IMPORT_RUNNING', { jobId: (await this.uploads.byId(u.id))?.job_id });
    return toJobView(queued);
  }

  /**
   * The `records-import` job. Idempotent: the records, the import and the upload's DONE commit in
   * one transaction, so a redelivered job (after a crash) finds the upload DONE and answers that
   * import, or finds nothing committed and starts again; the same content imported meanwhile (by
   * any file) is that import. A coded refusal (size, checksum, lines, who may) fails the job and the
   * upload with its reason; what may pass (storage, registry or database away) is retried.
   */
  async runImport(input: RecordsImportInput, ctx: JobContext): Promise<RecordsImportResult> {
    const u = await this.uploads.byId(input.uploadId);
    if (!u) throw AppError.of('UPLOAD_NOT_FOUND', { id: input.uploadId });
    if (u.job_id !== ctx.id) throw AppError.of('UPLOAD_IMPORT_RUNNING', { jobId: u.job_id });
    if (u.status === UploadStatus.DONE && u.import_id) {
      const done = await this.records.importById(u.import_id);
      return { importId: u.import_id, records: done?.records ?? 0, alreadyImported: false };
    }
    await this.uploads.importing(u.id, ctx.id);
    try {
      const storage = this.requireStorage();
      const info = await storage.stat(u.object_key);
      if (!info)
        throw AppError.of('UPLOAD_NOT_UPLOADED', { expiresAt: new Date(u.expires_at).toISOString() });
      if (info.size !== Number(u.size))
        throw AppError.of('UPLOAD_SIZE_MISMATCH', { size: info.size, declared: u.size }, 'file');
      const out = await this.importer.import(
        {
          fileName: u.file_name,
          kind: recordFileKind({ fileName: u.file_name, contentType: u.content_type }),
          period: checkedPeriod(u.period_from, u.period_to),
          sha256: u.sha256.trim(),
          declaredSize: Number(u.size),
          open: () => storage.stream(u.object_key),
        },
        input.actor,
        {
          progress: async (lines) => {
            await this.uploads.progress(u.id, ctx.id, lines);
            await ctx.progress(lines, null);
          },
          commit: async (m, row, lines) => {
            if (!(await this.uploads.done(m, u.id, ctx.id, row.id, lines)))
              throw new Error(`upload ${u.id} has another import job now`);
          },
        },
      );
      if (out.already) await this.uploads.done(undefined, u.id, ctx.id, out.row.id, null);
      await ctx.progress(out.lines ?? 0, out.lines);
      return { importId: out.row.id, records: out.row.records, alreadyImported: out.already };
    } catch (e) {
      if (e instanceof AppError && TRANSIENT.has(e.code) && e.body.reason !== 'STORAGE_NOT_CONFIGURED')
        throw new Error(`${e.body.reason ?? e.code}: ${e.body.message}`);
      if (e instanceof AppError) await this.uploads.fail(u.id, ctx.id, uploadError(e.body));
      throw e;
    }
  }
}

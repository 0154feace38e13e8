import { Inject, Injectable } from '@nestjs/common';
import {
  DocumentDownloadView,
  DocumentFormat,
  DocumentIdRequest,
  DocumentType,
  DocumentVersionsRequest,
  DocumentVersionsView,
  DocumentView,
  ReceiptVerificationView,
  ReceiptVerifyRequest,
  RenderDocumentRequest,
  RenderJobRequest,
  RenderJobView,
} from '@tdkt/contracts';
import {
  FROM_LOCKED_RESULTS,
  mayFollowRenderJob,
  mayReadGroupDocuments,
  mayReadReceiptDocument,
} from '@tdkt/domain';
import {
  AppError,
  InjectConfig,
  InjectLogger,
  JOB_RUNNER,
  JobContext,
  JobRunner,
  ObjectStorage,
  passOn,
  REGISTRY_CLIENT,
  RegistryClient,
  SERVICE_STORAGE,
} from '@tdkt/platform';
import { createHash } from 'node:crypto';
import type { Logger } from 'pino';
import { authorize } from '../access';
import { DocumentsConfig } from '../config';
import { INTAKE_RECEIPTS_CLIENT, IntakeReceiptsClient } from '../data/clients';
import { DataGatherer, DocumentScope } from '../data/gather';
import { dataSha256, sha256Hex } from '../render/canonical';
import { DOCX_TYPE, PDF_TYPE, Renderer } from '../render/renderer';
import type { DocumentData } from '../templates';
import { DocumentRow, DocumentsRepository } from './documents.repository';
import { documentView, downloadView, renderJobView } from './documents.views';

/** The job that renders and stores one document (documents.jobs.ts registers it). */
export const RENDER_JOB = 'render';

/** A render job's input: everything it needs, so a redelivered job renders the same file. */
export interface RenderInput {
  type: DocumentType;
  format: DocumentFormat;
  subjectKey: string;
  scope: DocumentScope;
  templateVersion: string;
  dataSha256: string;
  /** The template's data (absent on a job answered from storage at once). */
  data?: DocumentData[DocumentType];
  createdBy: string;
  /** The row exists but its file is gone from storage: render it again under the same row. */
  restore?: boolean;
}

export interface RenderResult {
  documentId: string;
  /** Served from storage: no Chromium ran for this request. */
  fromStorage: boolean;
}

/**
 * Official papers as jobs: a request gathers the data (4xx/409 at once when the subject is wrong
 * or the results are not locked), keys it by type + template version + hash of the data, and
 * either answers the stored file (a job DONE at once, no Chromium) or queues a `render` job. The
 * job renders, writes the file to storage, then records the row in one transaction: a job that
 * dies half-way leaves at most an object without a row, which the redelivered job finds (stat)
 * and records without rendering again.
 */
@Injectable()
export class DocumentsService {
  constructor(
    private readonly repo: DocumentsRepository,
    private readonly gatherer: DataGatherer,
    private readonly renderer: Renderer,
    @Inject(JOB_RUNNER) private readonly jobs: JobRunner,
    @Inject(SERVICE_STORAGE) private readonly storage: ObjectStorage,
    @Inject(REGISTRY_CLIENT) private readonly registry: RegistryClient,
    @Inject(INTAKE_RECEIPTS_CLIENT) private readonly intake: IntakeReceiptsClient,
    @InjectConfig() private readonly config: DocumentsConfig,
    @InjectLogger() private readonly logger: Logger,
  ) {}

  private mayRead(actor: RenderDocumentRequest['actor'], scope: DocumentScope): void {
    if (scope.kind === 'group') authorize(actor, (g) => mayReadGroupDocuments(g, scope));
    else authorize(actor, (g) => mayReadReceiptDocument(g, scope));
  }

  async render(r: RenderDocumentRequest): Promise<RenderJobView> {
    const format = r.format ?? DocumentFormat.PDF;
    const subject = await this.gatherer.resolve(r);
    this.mayRead(r.actor, subject.scope);
    const data = await this.gatherer.gather(r, subject);
    const key = {
      type: r.type,
      subjectKey: subject.subjectKey,
      templateVersion: this.renderer.templateVersion(r.type),
      dataSha256: dataSha256(data),
      format,
    };
    const input: RenderInput = { ...key, scope: subject.scope, createdBy: r.actor.userId };
    const stored = await this.repo.byKey(key);
    const restore = stored !== undefined && !(await this.fileThere(stored.object_key));
    if (stored && !restore) {
      const result: RenderResult = { documentId: stored.id, fromStorage: true };
      const job = await this.repo.doneJob(RENDER_JOB, input, result, r.actor.userId);
      return renderJobView(job, stored);
    }
    if (restore)
      this.logger.warn({ document: stored?.id }, "a stored document's file is missing; rendering it again");
    const job = await this.repo.transaction((m) =>
      this.jobs.enqueue(m, RENDER_JOB, { ...input, data, ...(restore ? { restore } : {}) }, r.actor.userId),
    );
    return renderJobView(job, undefined);
  }

  async job(r: RenderJobRequest): Promise<RenderJobView> {
    const job = await this.jobs.get(r.jobId);
    if (!job || job.kind !== RENDER_JOB)
      throw AppError.of('DOCUMENT_JOB_NOT_FOUND', { id: r.jobId }, 'jobId');
    authorize(r.actor, (g) => mayFollowRenderJob(g, r.actor.userId, { createdBy: job.created_by }));
    const documentId = (job.result as RenderResult | null)?.documentId;
    return renderJobView(job, documentId ? await this.repo.byId(documentId) : undefined);
  }

  private async readable(r: DocumentIdRequest): Promise<DocumentRow> {
    const d = await this.repo.byId(r.documentId);
    if (!d) throw AppError.of('DOCUMENT_NOT_FOUND', { id: r.documentId }, 'documentId');
    this.mayRead(r.actor, d.scope as DocumentScope);
    return d;
  }

  async get(r: DocumentIdRequest): Promise<DocumentView> {
    return documentView(await this.readable(r));
  }

  /** A short-lived presigned GET of the stored file (named for the browser's save dialog). */
  async download(r: DocumentIdRequest): Promise<DocumentDownloadView> {
    const d = await this.readable(r);
    const ttl = this.config.DOWNLOAD_TTL_SECONDS;
    const url = await this.storage
      .presignGet(d.object_key, ttl, {
        'response-content-type': d.content_type,
        'response-content-disposition': `attachment; filename="${d.file_name.replace(/[^\w.-]/g, '_')}"`,
      })
      .catch(() => {
        throw AppError.of('DOCUMENT_STORAGE_UNAVAILABLE');
      });
    return downloadView(d, url, ttl);
  }

  /** Every version of a subject's document (newest first): earlier ones stay readable. */
  async versions(r: DocumentVersionsRequest): Promise<DocumentVersionsView> {
    const format = r.format ?? DocumentFormat.PDF;
    const subject = await this.gatherer.resolve(r);
    this.mayRead(r.actor, subject.scope);
    const rows = await this.repo.versions(r.type, subject.subjectKey, format);
    return { type: r.type, format, subjectKey: subject.subjectKey, versions: rows.map(documentView) };
  }

  /** Public: whether a receipt with this code exists, and what it covers (nothing more). */
  async verifyReceipt(r: ReceiptVerifyRequest): Promise<ReceiptVerificationView> {
    const x = await this.intake.byCode(r).catch((e) => {
      throw passOn(e);
    });
    const [unit, campaign] = await Promise.all([
      this.registry.unitGet({ id: x.unitId }).catch(() => null),
      this.registry.campaignGet({ groupId: x.groupId, year: x.year }).catch(() => null),
    ]);
    return {
      valid: true,
      receiptNumber: x.receiptNumber,
      unitName: unit?.name ?? '',
      campaign: campaign?.title ?? `Năm ${x.year}`,
      kind: x.kind,
      version: x.version,
      issuedAt: x.issuedAt,
      issuedAtVietnam: x.issuedAtVietnam,
      files: x.files.map((f) => ({ name: f.name, size: f.size, sha256: f.sha256 })),
    };
  }

  /**
   * Whether a recorded document's file is in storage (a bucket emptied or restored from an older
   * backup leaves rows without files). Storage that does not answer: assumed there — the download
   * then says what is wrong.
   */
  private async fileThere(objectKey: string): Promise<boolean> {
    try {
      return (await this.storage.stat(objectKey)) !== null;
    } catch {
      return true;
    }
  }

  /**
   * The `render` job. Idempotent: a row for these inputs → that document; the object in storage
   * without a row (the instance died between the two) → recorded from storage without Chromium;
   * otherwise rendered, stored, recorded. Storage away: tried again once, then FAILED with
   * DOCUMENT_STORAGE_UNAVAILABLE (retryable: nothing was recorded, asking again renders it).
   */
  async runRender(input: RenderInput, ctx: JobContext): Promise<RenderResult> {
    const done = await this.repo.byKey(input);
    if (done && !input.restore) return { documentId: done.id, fromStorage: true };
    if (!input.data) throw AppError.of('DOCUMENT_NOT_FOUND', { id: ctx.id });
    await ctx.progress(0, 3);
    const ext = input.format === DocumentFormat.DOCX ? 'docx' : 'pdf';
    const subjectHash = createHash('sha256').update(input.subjectKey).digest('hex').slice(0, 24);
    const objectKey = `documents/${input.type.toLowerCase()}/${subjectHash}/${input.templateVersion}/${input.dataSha256}.${ext}`;
    const fileName = this.renderer.fileName(input.type, input.format, input.data);
    const storage = async <T>(f: () => Promise<T>): Promise<T> => {
      try {
        return await f();
      } catch (e) {
        this.logger.warn({ err: e, job: ctx.id, attempt: ctx.attempt }, 'storage failed during a render job');
        if (ctx.attempt >= 2) throw AppError.of('DOCUMENT_STORAGE_UNAVAILABLE');
        throw new Error(`storage: ${e instanceof Error ? e.message : String(e)}`);
      }
    };
    let sha256: string;
    let size: number;
    const there = await storage(() => this.storage.stat(objectKey));
    let fromStorage = false;
    if (there) {
      // Rendered and stored by an attempt that died before recording it.
      ({ sha256, size } = await storage(() => this.storage.sha256(objectKey)));
      fromStorage = true;
    } else {
      let file;
      try {
        file = await this.renderer.render(input.type, input.format, input.data);
      } catch (e) {
        if (ctx.attempt >= 3)
          throw AppError.of('DOCUMENT_RENDER_FAILED', {
            detail: e instanceof Error ? e.message.slice(0, 200) : 'lỗi',
          });
        throw e;
      }
      await ctx.progress(1, 3);
      sha256 = sha256Hex(file.bytes);
      size = file.bytes.length;
      await storage(() =>
        this.storage.put(objectKey, file.bytes, size, {
          'content-type': file.contentType,
          'x-amz-meta-sha256': sha256,
        }),
      );
    }
    await ctx.progress(2, 3);
    if (done) {
      // Restored: the same data (its hash is the row's) printed again to the row's own key.
      await this.repo.restored(done.id, sha256, String(size));
      await ctx.progress(3, 3);
      return { documentId: done.id, fromStorage: false };
    }
    const row = await this.repo.record({
      type: input.type,
      subject_key: input.subjectKey,
      scope: input.scope,
      template_version: input.templateVersion,
      data_sha256: input.dataSha256,
      format: input.format,
      object_key: objectKey,
      file_name: fileName,
      content_type: input.format === DocumentFormat.DOCX ? DOCX_TYPE : PDF_TYPE,
      sha256,
      size: String(size),
      immutable: FROM_LOCKED_RESULTS.has(input.type),
      job_id: ctx.id,
      created_by: input.createdBy,
    });
    await ctx.progress(3, 3);
    return { documentId: row.id, fromStorage };
  }
}

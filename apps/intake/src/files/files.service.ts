import { Inject, Injectable } from '@nestjs/common';
import {
  DownloadLink,
  FileCheckOutcome,
  FileRequest,
  FileStatusView,
  IntakeEvents,
  JobState,
  RequestUploadRequest,
  SubmissionView,
  UploadTicket,
} from '@tdkt/contracts';
import {
  cleanFileName,
  confirmsInline,
  contentDisposition,
  DEFAULT_FILE_RULES,
  fileRule,
  FileState,
  mayDownload,
  maySeeFile,
} from '@tdkt/domain';
import {
  AppError,
  JOB_RUNNER,
  JobContext,
  JobRow,
  JobRunner,
  makeEnvelope,
  ObjectStorage,
  SERVICE_LOGGER,
  SERVICE_STORAGE,
} from '@tdkt/platform';
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { authorize } from '../access';
import { filesChecked } from '../metrics';
import { step } from '../states';
import type { SubmissionRow } from '../submissions/submissions.repository';
import { SubmissionsService } from '../submissions/submissions.service';
import { checkStored, Rejection } from './files.checks';
import { FileDecision, FileRow, FilesRepository } from './files.repository';
import { checkOutcome, fileStatusView, fileView } from './files.views';

export const FILE_SETTINGS = Symbol('FILE_SETTINGS');

export interface FileSettings {
  rules: Readonly<Record<string, Readonly<Record<string, number>>>>;
  uploadTtlSeconds: number;
  downloadTtlSeconds: number;
  /** Larger files are confirmed by a job (`file-confirm`), not in the request. */
  confirmInlineMaxBytes: number;
}

export function fileSettings(c: {
  INTAKE_FILE_RULES?: string;
  UPLOAD_TTL_SECONDS: number;
  DOWNLOAD_TTL_SECONDS: number;
  CONFIRM_INLINE_MAX_BYTES: number;
}): FileSettings {
  let rules = DEFAULT_FILE_RULES;
  if (c.INTAKE_FILE_RULES) {
    try {
      rules = JSON.parse(c.INTAKE_FILE_RULES);
    } catch {
      throw new Error('INTAKE_FILE_RULES: not valid JSON');
    }
  }
  return {
    rules,
    uploadTtlSeconds: c.UPLOAD_TTL_SECONDS,
    downloadTtlSeconds: c.DOWNLOAD_TTL_SECONDS,
    confirmInlineMaxBytes: c.CONFIRM_INLINE_MAX_BYTES,
  };
}

/** The job that reads a large file back and checks it (files.jobs.ts registers it). */
export const FILE_CONFIRM_JOB = 'file-confirm';

export interface FileConfirmInput {
  submissionId: string;
  fileId: string;
}

const MB = 1024 * 1024;

const objectKey = (submissionId: string, fileId: string) => `submissions/${submissionId}/${fileId}`;

/**
 * Evidence files: presigned uploads straight to storage, then our own checks (present, size,
 * type from the first bytes, SHA-256) before a file counts: in the request for a small file, by
 * the `file-confirm` job for a large one. Object keys are ours, never the user's.
 */
@Injectable()
export class FilesService {
  constructor(
    private readonly files: FilesRepository,
    private readonly submissions: SubmissionsService,
    @Inject(SERVICE_STORAGE) private readonly storage: ObjectStorage,
    @Inject(FILE_SETTINGS) private readonly settings: FileSettings,
    @Inject(JOB_RUNNER) private readonly jobs: JobRunner,
    @Inject(SERVICE_LOGGER) private readonly logger: Logger,
  ) {}

  private async file(s: SubmissionRow, fileId: string): Promise<FileRow> {
    const f = await this.files.find(s.id, fileId);
    if (!f) throw AppError.of('FILE_NOT_FOUND', { fileId, id: s.id });
    return f;
  }

  private async jobOf(f: FileRow): Promise<JobRow | undefined> {
    return f.job_id ? this.jobs.get(f.job_id) : undefined;
  }

  async requestUpload(r: RequestUploadRequest): Promise<UploadTicket> {
    const s = await this.submissions.preparable(r.id, r.actor);
    step(s.state, 'EDIT_FILES');
    const b = r.body;
    const rule = fileRule(this.settings.rules, s.kind, b.contentType);
    if ('problem' in rule)
      throw AppError.of(
        'FILE_TYPE_REFUSED',
        { kind: s.kind, contentType: b.contentType, allowed: rule.allowed.join(', ') || 'không có' },
        'contentType',
      );
    if (b.size > rule.maxBytes)
      throw AppError.of(
        'FILE_TOO_LARGE',
        {
          size: b.size,
          maxBytes: rule.maxBytes,
          maxMb: Math.round(rule.maxBytes / MB),
          contentType: b.contentType,
          kind: s.kind,
        },
        'size',
      );
    const name = cleanFileName(b.fileName);
    if (!name) throw AppError.rule('fileName', 'usableCharacters');
    const fileId = randomUUID();
    // What a replay (Idempotency-Key) answers: the file made the first time.
    const { id, expires: expiresMs } = await this.files.create({
      id: fileId,
      submissionId: s.id,
      version: s.current_version,
      objectKey: objectKey(s.id, fileId),
      name,
      contentType: b.contentType,
      size: b.size,
      sha256: b.sha256,
      expiresAt: new Date(Date.now() + this.settings.uploadTtlSeconds * 1000),
      createdBy: r.actor.userId,
    });
    const expires = new Date(expiresMs);
    const put = this.storage.presignUpload({
      key: objectKey(s.id, id),
      contentType: b.contentType,
      size: b.size,
      expires,
    });
    return {
      file: fileView(await this.file(s, id)),
      upload: {
        method: 'PUT',
        url: put.url,
        headers: put.headers,
        expiresAt: expires.toISOString(),
        maxBytes: b.size,
      },
    };
  }

  /**
   * The uploaded object is checked; it counts only if every check passes, else it is rejected and
   * removed. A file at or below CONFIRM_INLINE_MAX_BYTES is checked here (CONFIRMED, or the failed
   * check's 422); a larger one goes to VERIFYING with a `file-confirm` job queued in the same
   * transaction, and is answered with that job (the gateway answers 202).
   */
  async confirm(r: FileRequest): Promise<FileStatusView> {
    const s = await this.submissions.preparable(r.id, r.actor);
    const f = await this.file(s, r.fileId);
    switch (f.state) {
      case FileState.CONFIRMED:
        return fileStatusView(f, await this.jobOf(f));
      case FileState.REJECTED:
        throw AppError.of('FILE_REJECTED', { reason: f.rejected_reason }, 'fileId');
      case FileState.EXPIRED:
        throw AppError.of('FILE_UPLOAD_EXPIRED');
      case FileState.VERIFYING: {
        const job = await this.jobOf(f);
        // Its job gave up (storage unreachable five times, say): a confirm starts another one.
        if (job?.state === JobState.FAILED) return this.verifyLater(s, f, r.actor.userId, job.id);
        return fileStatusView(f, job);
      }
    }
    const info = await this.storage.stat(f.object_key);
    if (!info) {
      const expiresAt = new Date(f.upload_expires_at);
      if (Date.now() <= expiresAt.getTime())
        throw AppError.of('FILE_NOT_UPLOADED', { expiresAt: expiresAt.toISOString() });
      const { decided } = await this.files.decide(f.id, FileState.PENDING, {
        state: FileState.EXPIRED,
        rejection: null,
      });
      if (decided) filesChecked.inc({ outcome: 'expired' });
      throw AppError.of('FILE_UPLOAD_EXPIRED');
    }
    if (!confirmsInline(Number(f.size), this.settings.confirmInlineMaxBytes))
      return this.verifyLater(s, f, r.actor.userId);
    const rejection = await checkStored(this.storage, f, info);
    const { row, decided } = await this.decide(s, f, FileState.PENDING, rejection);
    if (row.state === FileState.CONFIRMED) return fileStatusView(row, undefined);
    // Rejected: by this check (its precise reason), or by a concurrent confirm that decided first.
    if (rejection && decided) throw AppError.of(rejection.code, rejection.params, 'fileId');
    throw AppError.of('FILE_REJECTED', { reason: row.rejected_reason }, 'fileId');
  }

  /** VERIFYING with a new `file-confirm` job (queued with the state), answered with that job. */
  private async verifyLater(
    s: SubmissionRow,
    f: FileRow,
    userId: string,
    failedJobId: string | null = null,
  ): Promise<FileStatusView> {
    const input: FileConfirmInput = { submissionId: s.id, fileId: f.id };
    const row = await this.files.startVerifying(
      f.id,
      (m) => this.jobs.enqueue(m, FILE_CONFIRM_JOB, input, userId),
      failedJobId,
    );
    return fileStatusView(row, await this.jobOf(row));
  }

  /**
   * The `file-confirm` job: reads the file back (SHA-256 over the whole object, progress in bytes)
   * and decides it, CONFIRMED or REJECTED with the reason. Idempotent: the decision and its event
   * commit together, only while the file is still VERIFYING under this job; a redelivered job
   * (after a crash, or once done) finds the file decided and changes nothing.
   */
  async checkInJob(input: FileConfirmInput, ctx: JobContext): Promise<FileCheckOutcome> {
    const s = await this.submissions.byId(input.submissionId);
    const f = await this.file(s, input.fileId);
    if (f.state !== FileState.VERIFYING || f.job_id !== ctx.id) return checkOutcome(f);
    const info = await this.storage.stat(f.object_key);
    const rejection = await checkStored(this.storage, f, info, (done, total) => ctx.progress(done, total));
    const { row } = await this.decide(s, f, FileState.VERIFYING, rejection);
    return checkOutcome(row);
  }

  /**
   * Ends a file's check (if it is still `from`): CONFIRMED, or REJECTED with the reason and
   * announced (`intake.file.rejected`); the rejected bytes are then removed from storage.
   */
  private async decide(
    s: SubmissionRow,
    f: FileRow,
    from: FileState.PENDING | FileState.VERIFYING,
    rejection: Rejection | null,
  ): Promise<{ row: FileRow; decided: boolean }> {
    const at = new Date();
    const decision: FileDecision = rejection
      ? {
          state: FileState.REJECTED,
          rejection: { code: rejection.code, message: rejection.message },
          event: makeEnvelope(
            IntakeEvents.fileRejected,
            {
              submissionId: s.id,
              fileId: f.id,
              unitId: s.unit_id,
              campaignId: s.campaign_id,
              name: f.name,
              code: rejection.code,
              reason: rejection.message,
              rejectedAt: at.toISOString(),
            },
            at,
          ),
        }
      : { state: FileState.CONFIRMED, rejection: null };
    const out = await this.files.decide(f.id, from, decision);
    if (out.decided) filesChecked.inc({ outcome: rejection ? 'rejected' : 'confirmed' });
    if (out.row.state === FileState.REJECTED)
      // Rejected bytes are not kept. If removal fails the row already says REJECTED and nothing
      // will ever hand the object out; it is logged for clean-up.
      await this.storage
        .remove(f.object_key)
        .catch((e) => this.logger.warn({ err: e, key: f.object_key }, 'could not remove a rejected object'));
    return out;
  }

  /** One file with its state, and the job that checks (or checked) it. */
  async get(r: FileRequest): Promise<FileStatusView> {
    const { s, drafts } = await this.submissions.readable(r.id, r.actor);
    const f = await this.file(s, r.fileId);
    const inSubmitted = drafts || (await this.files.inSubmittedVersion(f.id));
    // A reviewer is told nothing about a draft's files (not even their state).
    authorize(r.actor, () => maySeeFile(drafts, inSubmitted));
    return fileStatusView(f, await this.jobOf(f));
  }

  /** Takes a file out of the open draft (earlier versions keep it). */
  async remove(r: FileRequest): Promise<SubmissionView> {
    const s = await this.submissions.preparable(r.id, r.actor);
    step(s.state, 'EDIT_FILES');
    await this.file(s, r.fileId);
    if (!(await this.files.removeFromVersion(s.id, s.current_version, r.fileId)))
      throw AppError.of('FILE_NOT_IN_DRAFT', { fileId: r.fileId });
    return this.submissions.view(await this.submissions.byId(s.id), true);
  }

  /** A short-lived link; reviewers only reach files of submitted versions. */
  async download(r: FileRequest): Promise<DownloadLink> {
    const { s, drafts } = await this.submissions.readable(r.id, r.actor, mayDownload);
    const f = await this.file(s, r.fileId);
    const inSubmitted = drafts || (await this.files.inSubmittedVersion(f.id));
    // A reviewer is told nothing about a draft's files (not even their state) before this.
    authorize(r.actor, () => maySeeFile(drafts, inSubmitted));
    if (f.state !== FileState.CONFIRMED) throw AppError.of('FILE_NOT_CONFIRMED', { state: f.state });
    const ttl = this.settings.downloadTtlSeconds;
    const url = await this.storage.presignGet(f.object_key, ttl, {
      'response-content-disposition': contentDisposition(f.name),
      'response-content-type': f.content_type,
    });
    return {
      url,
      expiresAt: new Date(Date.now() + ttl * 1000).toISOString(),
      fileName: f.name,
      contentType: f.content_type,
      size: Number(f.size),
      sha256: f.sha256.trim(),
    };
  }
}

import { Inject, Injectable } from '@nestjs/common';
import {
  DownloadLink,
  FileRequest,
  FileState,
  IntakeEvents,
  RequestUploadRequest,
  SubmissionFileView,
  SubmissionView,
  UploadTicket,
} from '@tdkt/contracts';
import {
  cleanFileName,
  contentDisposition,
  DEFAULT_FILE_RULES,
  fileRule,
  mayDownload,
  mayPrepare,
  SNIFF_BYTES,
  typeMismatch,
} from '@tdkt/domain';
import {
  addToOutbox,
  allow,
  AppError,
  execute,
  makeEnvelope,
  ObjectStorage,
  writeOnce,
} from '@tdkt/platform';
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { SCHEMA } from '../database/entities';
import { filesChecked } from '../metrics';
import { grantsOf, step, SubmissionsService } from '../submissions/submissions.service';
import { FileRow, SubmissionRow, SubmissionsRepository } from '../submissions/submissions.repository';
import { fileView } from '../submissions/views';

export const STORAGE = Symbol('STORAGE');
export const FILE_SETTINGS = Symbol('FILE_SETTINGS');
export const INTAKE_LOGGER = Symbol('INTAKE_LOGGER');

export interface FileSettings {
  rules: Readonly<Record<string, Readonly<Record<string, number>>>>;
  uploadTtlSeconds: number;
  downloadTtlSeconds: number;
}

export function fileSettings(c: {
  INTAKE_FILE_RULES?: string;
  UPLOAD_TTL_SECONDS: number;
  DOWNLOAD_TTL_SECONDS: number;
}): FileSettings {
  let rules = DEFAULT_FILE_RULES;
  if (c.INTAKE_FILE_RULES) {
    try {
      rules = JSON.parse(c.INTAKE_FILE_RULES);
    } catch {
      throw new Error('INTAKE_FILE_RULES: not valid JSON');
    }
  }
  return { rules, uploadTtlSeconds: c.UPLOAD_TTL_SECONDS, downloadTtlSeconds: c.DOWNLOAD_TTL_SECONDS };
}

/** Clock skew tolerated between the storage server and us when judging "uploaded in time". */
const SKEW_MS = 5_000;

const MB = 1024 * 1024;

/**
 * Evidence files: presigned uploads straight to storage, then our own checks (present, size,
 * type from the first bytes, SHA-256) before a file counts. Object keys are ours, never the user's.
 */
@Injectable()
export class FilesService {
  constructor(
    private readonly repo: SubmissionsRepository,
    private readonly submissions: SubmissionsService,
    @Inject(STORAGE) private readonly storage: ObjectStorage,
    @Inject(FILE_SETTINGS) private readonly settings: FileSettings,
    @Inject(INTAKE_LOGGER) private readonly logger: Logger,
  ) {}

  private async owned(id: string, actor: FileRequest['actor']): Promise<SubmissionRow> {
    const s = await this.repo.find(id);
    if (!s) throw AppError.notFound(`Không tìm thấy hồ sơ ${id}`);
    allow(mayPrepare(grantsOf(actor), { unitId: s.unit_id, groupId: s.group_id, year: s.year }));
    return s;
  }

  private async file(s: SubmissionRow, fileId: string): Promise<FileRow> {
    const rows: FileRow[] = await this.repo.ds.query(
      `SELECT * FROM ${SCHEMA}.files WHERE id = $1 AND submission_id = $2`,
      [fileId, s.id],
    );
    if (!rows[0]) throw AppError.notFound(`Không tìm thấy tệp ${fileId} trong hồ sơ ${s.id}`);
    return rows[0];
  }

  async requestUpload(r: RequestUploadRequest): Promise<UploadTicket> {
    const s = await this.owned(r.id, r.actor);
    step(s.state, 'EDIT_FILES');
    const b = r.body;
    const rule = fileRule(this.settings.rules, s.kind, b.contentType);
    if ('problem' in rule) throw AppError.field('contentType', rule.problem);
    if (b.size > rule.maxBytes)
      throw AppError.field(
        'size',
        `${b.size} bytes is over the limit of ${rule.maxBytes} bytes (${Math.round(rule.maxBytes / MB)} MB) for ${b.contentType} in ${s.kind}`,
      );
    const name = cleanFileName(b.fileName);
    if (!name) throw AppError.field('fileName', 'has no usable characters');
    const made = { id: randomUUID(), expires: Date.now() + this.settings.uploadTtlSeconds * 1000 };
    // What a replay (Idempotency-Key) answers: the file made the first time.
    const { id, expires: expiresMs } = await writeOnce(this.repo.ds, async (m) => {
      const key = `submissions/${s.id}/${made.id}`;
      await m.query(
        `WITH f AS (
         INSERT INTO ${SCHEMA}.files (id, submission_id, object_key, name, content_type, size, sha256, state, upload_expires_at, created_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, 'PENDING', $8, $9) RETURNING id)
       INSERT INTO ${SCHEMA}.version_files (submission_id, version, file_id) SELECT $2, $10, id FROM f`,
        [
          made.id,
          s.id,
          key,
          name,
          b.contentType,
          b.size,
          b.sha256,
          new Date(made.expires),
          r.actor.userId,
          s.current_version,
        ],
      );
      return made;
    });
    const key = `submissions/${s.id}/${id}`;
    const expires = new Date(expiresMs);
    const put = this.storage.presignUpload({ key, contentType: b.contentType, size: b.size, expires });
    const file = await this.file(s, id);
    return {
      file: fileView(file),
      upload: {
        method: 'PUT',
        url: put.url,
        headers: put.headers,
        expiresAt: expires.toISOString(),
        maxBytes: b.size,
      },
    };
  }

  /** Checks the uploaded object; it counts only if every check passes, else it is rejected and removed. */
  async confirm(r: FileRequest): Promise<SubmissionFileView> {
    const s = await this.owned(r.id, r.actor);
    const f = await this.file(s, r.fileId);
    if (f.state === FileState.CONFIRMED) return fileView(f);
    if (f.state === FileState.REJECTED)
      throw AppError.unprocessable(`The file was rejected: ${f.rejected_reason}`, 'fileId');
    if (f.state === FileState.EXPIRED)
      throw AppError.gone('The upload window of this file closed; request a new upload');
    const info = await this.storage.stat(f.object_key);
    const expiresAt = new Date(f.upload_expires_at).getTime();
    if (!info) {
      if (Date.now() > expiresAt) {
        await this.setState(f, FileState.EXPIRED, null);
        filesChecked.inc({ outcome: 'expired' });
        throw AppError.gone('The upload window closed before the file arrived; request a new upload');
      }
      throw AppError.invalidState(
        `The file has not been uploaded yet (upload it before ${new Date(expiresAt).toISOString()})`,
      );
    }
    const declared = Number(f.size);
    let reason: string | null = null;
    if (info.lastModified.getTime() > expiresAt + SKEW_MS) reason = 'uploaded after the upload window closed';
    else if (info.size !== declared)
      reason = `the stored file has ${info.size} bytes, ${declared} were declared`;
    else {
      const mismatch = typeMismatch(f.content_type, await this.storage.head(f.object_key, SNIFF_BYTES));
      if (mismatch) reason = `${mismatch} (declared ${f.content_type})`;
      else {
        const stored = await this.storage.sha256(f.object_key);
        if (stored.sha256 !== f.sha256.trim())
          reason = `SHA-256 mismatch: the stored file hashes to ${stored.sha256}, ${f.sha256.trim()} was declared`;
        else if (stored.size !== declared)
          reason = `the stored file has ${stored.size} bytes, ${declared} were declared`;
      }
    }
    if (reason) {
      await this.reject(s, f, reason);
      filesChecked.inc({ outcome: 'rejected' });
      throw AppError.unprocessable(`File rejected: ${reason}`, 'fileId');
    }
    await this.setState(f, FileState.CONFIRMED, null);
    filesChecked.inc({ outcome: 'confirmed' });
    return fileView(await this.file(s, f.id));
  }

  private async setState(f: FileRow, state: FileState, reason: string | null): Promise<void> {
    await this.repo.ds.transaction(async (m) => {
      await m.query(
        `UPDATE ${SCHEMA}.files SET state = $2::varchar, rejected_reason = $3,
           confirmed_at = CASE WHEN $2::varchar = 'CONFIRMED' THEN now() ELSE NULL END
         WHERE id = $1 AND state = 'PENDING'`,
        [f.id, state, reason],
      );
      // A file that does not count leaves the draft it was meant for.
      if (state !== FileState.CONFIRMED)
        await m.query(
          `DELETE FROM ${SCHEMA}.version_files vf USING ${SCHEMA}.submission_versions v
           WHERE vf.file_id = $1 AND v.submission_id = vf.submission_id AND v.number = vf.version AND v.state = 'DRAFT'`,
          [f.id],
        );
    });
  }

  private async reject(s: SubmissionRow, f: FileRow, reason: string): Promise<void> {
    const at = new Date();
    await this.repo.ds.transaction(async (m) => {
      const updated = await execute(
        m,
        `UPDATE ${SCHEMA}.files SET state = 'REJECTED', rejected_reason = $2 WHERE id = $1 AND state = 'PENDING'`,
        [f.id, reason],
      );
      if (updated.affected === 0) return; // another confirm decided first
      await m.query(
        `DELETE FROM ${SCHEMA}.version_files vf USING ${SCHEMA}.submission_versions v
         WHERE vf.file_id = $1 AND v.submission_id = vf.submission_id AND v.number = vf.version AND v.state = 'DRAFT'`,
        [f.id],
      );
      await addToOutbox(m, SCHEMA, [
        makeEnvelope(
          IntakeEvents.fileRejected,
          {
            submissionId: s.id,
            fileId: f.id,
            unitId: s.unit_id,
            campaignId: s.campaign_id,
            name: f.name,
            reason,
            rejectedAt: at.toISOString(),
          },
          at,
        ),
      ]);
    });
    // Rejected bytes are not kept. If removal fails the row already says REJECTED and nothing
    // will ever hand the object out; it is logged for clean-up.
    await this.storage
      .remove(f.object_key)
      .catch((e) => this.logger.warn({ err: e, key: f.object_key }, 'could not remove a rejected object'));
  }

  /** Takes a file out of the open draft (earlier versions keep it). */
  async remove(r: FileRequest): Promise<SubmissionView> {
    const s = await this.owned(r.id, r.actor);
    step(s.state, 'EDIT_FILES');
    await this.file(s, r.fileId);
    const removed = await execute(
      this.repo.ds,
      `DELETE FROM ${SCHEMA}.version_files WHERE submission_id = $1 AND version = $2 AND file_id = $3`,
      [s.id, s.current_version, r.fileId],
    );
    if (removed.affected === 0) throw AppError.notFound('The file is not part of the open draft');
    return this.submissions.view((await this.repo.find(s.id)) as SubmissionRow, true);
  }

  /** A short-lived link; reviewers only reach files of submitted versions. */
  async download(r: FileRequest): Promise<DownloadLink> {
    const { s, drafts } = await this.submissions.readable(r.id, r.actor, mayDownload);
    const f = await this.file(s, r.fileId);
    // A reviewer is told nothing about a draft's files (not even their state) before this.
    if (!drafts) {
      const rows = await this.repo.ds.query(
        `SELECT 1 FROM ${SCHEMA}.version_files vf JOIN ${SCHEMA}.submission_versions v
           ON v.submission_id = vf.submission_id AND v.number = vf.version
         WHERE vf.file_id = $1 AND v.state <> 'DRAFT' LIMIT 1`,
        [f.id],
      );
      allow(
        rows.length
          ? { allowed: true }
          : { allowed: false, reason: 'the file belongs only to a draft, which only the unit sees' },
      );
    }
    if (f.state !== FileState.CONFIRMED) throw AppError.invalidState(`The file is ${f.state}, not confirmed`);
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

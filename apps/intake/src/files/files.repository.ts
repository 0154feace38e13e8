import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { EventEnvelope, FileRejected } from '@tdkt/contracts';
import { FileState } from '@tdkt/domain';
import { addToOutbox, execute, writeOnce } from '@tdkt/platform';
import { DataSource, EntityManager } from 'typeorm';
import { SCHEMA } from '../database/entities';

export interface FileRow {
  id: string;
  submission_id: string;
  object_key: string;
  name: string;
  content_type: string;
  size: string;
  sha256: string;
  state: string;
  rejected_reason: string | null;
  rejected_code: string | null;
  upload_expires_at: Date;
  created_by: string;
  created_at: Date;
  confirmed_at: Date | null;
  job_id: string | null;
}

/** A file a draft version is given (`create`). */
export interface NewFile {
  id: string;
  submissionId: string;
  version: number;
  objectKey: string;
  name: string;
  contentType: string;
  size: number;
  sha256: string;
  expiresAt: Date;
  createdBy: string;
}

/** How a check ends a file: the state it goes to, why (if it does not count), and what to announce. */
export interface FileDecision {
  state: FileState.CONFIRMED | FileState.REJECTED | FileState.EXPIRED;
  /** Why it does not count: the catalogue reason and its message. */
  rejection: { code: string; message: string } | null;
  /** `intake.file.rejected`, queued with the decision. */
  event?: EventEnvelope<FileRejected>;
}

/** Files of a draft version that stop counting leave it (earlier, submitted versions keep them). */
const LEAVE_DRAFTS = `DELETE FROM ${SCHEMA}.version_files vf USING ${SCHEMA}.submission_versions v
   WHERE vf.file_id = $1 AND v.submission_id = vf.submission_id AND v.number = vf.version AND v.state = 'DRAFT'`;

/** Evidence files and which versions they belong to. Only this class writes `files` and `version_files`. */
@Injectable()
export class FilesRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  async find(submissionId: string, fileId: string): Promise<FileRow | undefined> {
    const rows: FileRow[] = await this.ds.query(
      `SELECT * FROM ${SCHEMA}.files WHERE id = $1 AND submission_id = $2`,
      [fileId, submissionId],
    );
    return rows[0];
  }

  /**
   * A new PENDING file in the draft version, in one statement. Under an Idempotency-Key a replay
   * answers the file made the first time (its id and window), not `f`.
   */
  create(f: NewFile): Promise<{ id: string; expires: number }> {
    const made = { id: f.id, expires: f.expiresAt.getTime() };
    return writeOnce(this.ds, async (m) => {
      await m.query(
        `WITH f AS (
           INSERT INTO ${SCHEMA}.files (id, submission_id, object_key, name, content_type, size, sha256, state, upload_expires_at, created_by)
           VALUES ($1, $2, $3, $4, $5, $6, $7, 'PENDING', $8, $9) RETURNING id)
         INSERT INTO ${SCHEMA}.version_files (submission_id, version, file_id) SELECT $2, $10, id FROM f`,
        [
          f.id,
          f.submissionId,
          f.objectKey,
          f.name,
          f.contentType,
          f.size,
          f.sha256,
          f.expiresAt,
          f.createdBy,
          f.version,
        ],
      );
      return made;
    });
  }

  /**
   * Ends a file's check, if it is still `from` (PENDING when checked in the request, VERIFYING by
   * the job): the new state, the reason, the draft it leaves if it does not count, and the event,
   * in one transaction. Answers the file as it is after (its state is the decision of whoever
   * decided first) and whether this call decided.
   */
  decide(
    fileId: string,
    from: FileState.PENDING | FileState.VERIFYING,
    d: FileDecision,
  ): Promise<{ row: FileRow; decided: boolean }> {
    return this.ds.transaction(async (m) => {
      const { rows } = await execute<FileRow>(
        m,
        `UPDATE ${SCHEMA}.files SET state = $3::varchar, rejected_code = $4, rejected_reason = $5,
           confirmed_at = CASE WHEN $3::varchar = 'CONFIRMED' THEN now() ELSE NULL END
         WHERE id = $1 AND state = $2 RETURNING *`,
        [fileId, from, d.state, d.rejection?.code ?? null, d.rejection?.message ?? null],
      );
      if (!rows[0]) return { row: await this.byId(m, fileId), decided: false };
      if (d.state !== FileState.CONFIRMED) await m.query(LEAVE_DRAFTS, [fileId]);
      if (d.event) await addToOutbox(m, SCHEMA, [d.event]);
      return { row: rows[0], decided: true };
    });
  }

  /**
   * A PENDING file goes to VERIFYING with the job that checks it, queued in the same transaction
   * (`enqueue`: the job row and its message commit with the state or not at all). A file whose job
   * FAILED (`failedJobId`) gets a new one. Answers the file as it is after: if another confirm moved
   * it first, nothing is queued and its state and job are theirs.
   */
  startVerifying(
    fileId: string,
    enqueue: (m: EntityManager) => Promise<{ id: string }>,
    failedJobId: string | null = null,
  ): Promise<FileRow> {
    return this.ds.transaction(async (m) => {
      const [f]: FileRow[] = await m.query(`SELECT * FROM ${SCHEMA}.files WHERE id = $1 FOR UPDATE`, [
        fileId,
      ]);
      const startable =
        f.state === FileState.PENDING ||
        (f.state === FileState.VERIFYING && failedJobId !== null && f.job_id === failedJobId);
      if (!startable) return f;
      const job = await enqueue(m);
      const { rows } = await execute<FileRow>(
        m,
        `UPDATE ${SCHEMA}.files SET state = 'VERIFYING', job_id = $2 WHERE id = $1 RETURNING *`,
        [fileId, job.id],
      );
      return rows[0];
    });
  }

  /** Takes a file out of a draft version; whether it was in it (a replay answers the first time's). */
  removeFromVersion(submissionId: string, version: number, fileId: string): Promise<boolean> {
    return writeOnce(this.ds, async (m) => {
      const removed = await execute(
        m,
        `DELETE FROM ${SCHEMA}.version_files WHERE submission_id = $1 AND version = $2 AND file_id = $3`,
        [submissionId, version, fileId],
      );
      return removed.affected > 0;
    });
  }

  /** Whether a file belongs to a version that is not a draft (what reviewers may reach). */
  async inSubmittedVersion(fileId: string): Promise<boolean> {
    const rows = await this.ds.query(
      `SELECT 1 FROM ${SCHEMA}.version_files vf JOIN ${SCHEMA}.submission_versions v
         ON v.submission_id = vf.submission_id AND v.number = vf.version
       WHERE vf.file_id = $1 AND v.state <> 'DRAFT' LIMIT 1`,
      [fileId],
    );
    return rows.length > 0;
  }

  private async byId(m: EntityManager, fileId: string): Promise<FileRow> {
    const [row]: FileRow[] = await m.query(`SELECT * FROM ${SCHEMA}.files WHERE id = $1`, [fileId]);
    return row;
  }
}

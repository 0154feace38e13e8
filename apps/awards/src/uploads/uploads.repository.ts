import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { UploadStatus } from '@tdkt/domain';
import { execute, JobRow, writeOnce } from '@tdkt/platform';
import { DataSource, EntityManager } from 'typeorm';
import { SCHEMA } from '../database/entities';

/** A large records file sent to storage, and its import's progress (`awards.record_uploads`). */
export interface UploadRow {
  id: string;
  file_name: string;
  content_type: string;
  size: string;
  sha256: string;
  object_key: string;
  status: UploadStatus;
  processed_rows: number;
  total_rows: number | null;
  import_id: string | null;
  error: string | null;
  created_by: string;
  period_from: string | null;
  period_to: string | null;
  /** End of the upload window (the presigned PUT's expiry). */
  expires_at: Date;
  /** The `records-import` job that imports (or imported) it. */
  job_id: string | null;
}

export type NewUpload = Pick<
  UploadRow,
  'id' | 'file_name' | 'content_type' | 'size' | 'sha256' | 'object_key' | 'created_by' | 'expires_at'
> &
  Pick<UploadRow, 'period_from' | 'period_to'>;

/** Thrown inside `queue`'s transaction to roll the job back when the upload changed meanwhile. */
class UploadMoved extends Error {}

/** Every statement on record uploads. */
@Injectable()
export class UploadsRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /** A new upload, PENDING (one statement: a retry of its Idempotency-Key answers the same row). */
  async create(u: NewUpload): Promise<UploadRow> {
    const [row] = await writeOnce(
      this.ds,
      (m) =>
        m.query(
          `INSERT INTO ${SCHEMA}.record_uploads (id, file_name, content_type, size, sha256, object_key, status, created_by,
           expires_at, period_from, period_to)
         VALUES ($1, $2, $3, $4, $5, $6, 'PENDING', $7, $8, $9, $10) RETURNING *`,
          [
            u.id,
            u.file_name,
            u.content_type,
            u.size,
            u.sha256,
            u.object_key,
            u.created_by,
            u.expires_at,
            u.period_from,
            u.period_to,
          ],
        ) as Promise<UploadRow[]>,
    );
    return row;
  }

  async byId(id: string): Promise<UploadRow | undefined> {
    const rows: UploadRow[] = await this.ds.query(`SELECT * FROM ${SCHEMA}.record_uploads WHERE id = $1`, [
      id,
    ]);
    return rows[0];
  }

  /**
   * QUEUED with a new job, in one transaction with the job (its row and work-queue message): only
   * while the upload is still as it was seen (`seen`: status and job), else nothing (null).
   */
  async queue(
    id: string,
    seen: { status: UploadStatus; jobId: string | null },
    enqueue: (m: EntityManager) => Promise<JobRow>,
  ): Promise<JobRow | null> {
    try {
      return await this.ds.transaction(async (m) => {
        const job = await enqueue(m);
        const { affected } = await execute(
          m,
          `UPDATE ${SCHEMA}.record_uploads SET status = 'QUEUED', job_id = $2, error = NULL, processed_rows = 0,
             total_rows = NULL, import_id = NULL
           WHERE id = $1 AND status = $3 AND job_id IS NOT DISTINCT FROM $4::uuid`,
          [id, job.id, seen.status, seen.jobId],
        );
        if (!affected) throw new UploadMoved();
        return job;
      });
    } catch (e) {
      if (e instanceof UploadMoved) return null;
      throw e;
    }
  }

  /** IMPORTING under its job (again, after a redelivery). */
  async importing(id: string, jobId: string): Promise<void> {
    await this.ds.query(
      `UPDATE ${SCHEMA}.record_uploads SET status = 'IMPORTING', processed_rows = 0, total_rows = NULL
       WHERE id = $1 AND job_id = $2 AND status IN ('QUEUED', 'IMPORTING')`,
      [id, jobId],
    );
  }

  /** Lines read so far (its own statement: pollers see it while the import's transaction runs). */
  async progress(id: string, jobId: string, lines: number): Promise<void> {
    await this.ds.query(
      `UPDATE ${SCHEMA}.record_uploads SET processed_rows = $3 WHERE id = $1 AND job_id = $2 AND status = 'IMPORTING'`,
      [id, jobId, lines],
    );
  }

  /**
   * DONE with its import, in the import's own transaction (`m`), so that the records and this
   * marker commit together; a redelivered job finds it. False when the upload has another job now.
   */
  async done(
    m: EntityManager | undefined,
    id: string,
    jobId: string,
    importId: string,
    lines: number | null,
  ): Promise<boolean> {
    const { affected } = await execute(
      m ?? this.ds,
      `UPDATE ${SCHEMA}.record_uploads SET status = 'DONE', import_id = $3, error = NULL,
         processed_rows = coalesce($4, processed_rows), total_rows = coalesce($4, total_rows)
       WHERE id = $1 AND job_id = $2`,
      [id, jobId, importId, lines],
    );
    return affected > 0;
  }

  /** FAILED with why (unless it is DONE, or has another job now). */
  async fail(id: string, jobId: string, error: string): Promise<void> {
    await this.ds.query(
      `UPDATE ${SCHEMA}.record_uploads SET status = 'FAILED', error = $3
       WHERE id = $1 AND job_id = $2 AND status <> 'DONE'`,
      [id, jobId, error],
    );
  }
}

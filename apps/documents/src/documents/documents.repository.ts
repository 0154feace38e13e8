import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { JobRow } from '@tdkt/platform';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { SCHEMA } from '../database/entities';

/** A stored document (`documents.documents`). */
export interface DocumentRow {
  id: string;
  type: string;
  subject_key: string;
  scope: unknown;
  template_version: string;
  data_sha256: string;
  format: string;
  version: number;
  object_key: string;
  file_name: string;
  content_type: string;
  sha256: string;
  size: string;
  immutable: boolean;
  job_id: string | null;
  created_by: string | null;
  created_at: Date;
}

export type NewDocument = Omit<DocumentRow, 'id' | 'version' | 'created_at'>;

/** The key a rendered file is found by: the same inputs, the same file. */
export interface DocumentKey {
  type: string;
  subjectKey: string;
  templateVersion: string;
  dataSha256: string;
  format: string;
}

const T = `"${SCHEMA}"."documents"`;
const JOBS = `"${SCHEMA}"."jobs"`;

/** Every statement on documents (and the jobs answered at once, from storage). */
@Injectable()
export class DocumentsRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  async byKey(k: DocumentKey): Promise<DocumentRow | undefined> {
    const rows: DocumentRow[] = await this.ds.query(
      `SELECT * FROM ${T} WHERE type = $1 AND subject_key = $2 AND template_version = $3
         AND data_sha256 = $4 AND format = $5`,
      [k.type, k.subjectKey, k.templateVersion, k.dataSha256, k.format],
    );
    return rows[0];
  }

  async byId(id: string): Promise<DocumentRow | undefined> {
    const rows: DocumentRow[] = await this.ds.query(`SELECT * FROM ${T} WHERE id = $1`, [id]);
    return rows[0];
  }

  /** Every version of a subject's document in a format, newest first. */
  async versions(type: string, subjectKey: string, format: string): Promise<DocumentRow[]> {
    return this.ds.query(
      `SELECT * FROM ${T} WHERE type = $1 AND subject_key = $2 AND format = $3 ORDER BY version DESC`,
      [type, subjectKey, format],
    );
  }

  /**
   * Records a file already in storage, with the next version number of its subject, in one
   * transaction (serialised per subject by an advisory lock). The same inputs recorded meanwhile
   * (another instance, a redelivery) answer that row: one row per inputs, never two versions.
   */
  async record(d: NewDocument): Promise<DocumentRow> {
    return this.ds.transaction(async (m: EntityManager) => {
      await m.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [
        `documents:${d.type}:${d.subject_key}:${d.format}`,
      ]);
      const same: DocumentRow[] = await m.query(
        `SELECT * FROM ${T} WHERE type = $1 AND subject_key = $2 AND template_version = $3
           AND data_sha256 = $4 AND format = $5`,
        [d.type, d.subject_key, d.template_version, d.data_sha256, d.format],
      );
      if (same[0]) return same[0];
      const rows: DocumentRow[] = await m.query(
        `INSERT INTO ${T} (id, type, subject_key, scope, template_version, data_sha256, format, version,
            object_key, file_name, content_type, sha256, size, immutable, job_id, created_by)
         VALUES ($1, $2::varchar, $3::varchar, $4, $5, $6, $7::varchar,
            (SELECT COALESCE(MAX(version), 0) + 1 FROM ${T} WHERE type = $2::varchar AND subject_key = $3::varchar AND format = $7::varchar),
            $8, $9, $10, $11, $12, $13, $14, $15)
         RETURNING *`,
        [
          randomUUID(),
          d.type,
          d.subject_key,
          JSON.stringify(d.scope),
          d.template_version,
          d.data_sha256,
          d.format,
          d.object_key,
          d.file_name,
          d.content_type,
          d.sha256,
          d.size,
          d.immutable,
          d.job_id,
          d.created_by,
        ],
      );
      return rows[0];
    });
  }

  /** A document whose lost file was printed again: its new checksum and size. */
  async restored(id: string, sha256: string, size: string): Promise<void> {
    await this.ds.query(`UPDATE ${T} SET sha256 = $2, size = $3 WHERE id = $1`, [id, sha256, size]);
  }

  /**
   * A render request whose file is stored already: a job row that is DONE from the start (so
   * every request has a job to follow), with the document as its result.
   */
  async doneJob(kind: string, input: unknown, result: unknown, createdBy: string): Promise<JobRow> {
    const rows: JobRow[] = await this.ds.query(
      `INSERT INTO ${JOBS} (id, kind, state, input, progress, result, created_by)
       VALUES ($1, $2, 'DONE', $3, '{"done": 1, "total": 1}'::jsonb, $4, $5) RETURNING *`,
      [randomUUID(), kind, JSON.stringify(input), JSON.stringify(result), createdBy],
    );
    return rows[0];
  }

  /** Runs `f` in a transaction (the job and its work-queue message commit together). */
  transaction<R>(f: (m: EntityManager) => Promise<R>): Promise<R> {
    return this.ds.transaction(f);
  }
}

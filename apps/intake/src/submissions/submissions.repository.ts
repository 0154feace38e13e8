import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  EventEnvelope,
  ListSubmissionsRequest,
  SubmissionAccepted,
  SubmissionReturned,
  SubmissionSubmitted,
} from '@tdkt/contracts';
import { addToOutbox, asError, Batcher, prepared, writeOnce } from '@tdkt/platform';
import { DataSource, EntityManager } from 'typeorm';
import { SCHEMA } from '../database/entities';
import type { FileRow } from '../files/files.repository';
import { groupCommits, groupCommitSeconds } from '../metrics';
import type { ReceiptRow } from '../receipts/receipts.repository';

export interface SubmissionRow {
  id: string;
  campaign_id: string;
  group_id: string;
  year: number;
  unit_id: string;
  kind: string;
  title: string | null;
  state: string;
  late: boolean;
  current_version: number;
  ever_submitted: boolean;
  created_by: string;
  created_at: Date;
  updated_at: Date;
}

export interface VersionRow {
  submission_id: string;
  number: number;
  state: string;
  created_at: Date;
  submitted_at: Date | null;
  submitted_by: string | null;
  late: boolean;
  receipt_number: string | null;
  returned_reason: string | null;
  returned_at: Date | null;
  returned_by: string | null;
  accepted_at: Date | null;
  accepted_by: string | null;
}

/** What submit needs, read in one round trip. */
export interface SubmitFacts extends SubmissionRow {
  version_state: string;
  /** The files of the version being submitted. */
  files: (Pick<FileRow, 'id' | 'object_key' | 'name' | 'content_type' | 'sha256' | 'state'> & {
    size: number;
  })[];
  /** The receipt this Idempotency-Key was answered with already, if any. */
  receipt: (Omit<ReceiptRow, 'issued_at'> & { issued_at: string }) | null;
}

/** A file of a version, with the version's number. */
export type VersionFileRow = FileRow & { version: number };

/** A submission as listed: with its latest submitted version's time and receipt. */
export type SubmissionListRow = SubmissionRow & { submitted_at: Date | null; receipt_number: string | null };

type Db = EntityManager | DataSource;

/** What sealing a version needs (see `submitMany`). */
interface SealRequest {
  idempotencyKey: string;
  /**
   * The submission, version, year, time, submitter and lateness are read from its `data`; its
   * `data.files` (without `objectKey`) become the receipt's file list.
   */
  event: EventEnvelope<SubmissionSubmitted>;
  /** The subject the event is published on (`publishSubject`: routed by kind). */
  subject: string;
}

const observe = (stage: string) => (size: number, seconds: number) => {
  groupCommits.observe({ stage }, size);
  groupCommitSeconds.observe({ stage }, seconds);
};

/**
 * Submissions and their versions (and, in submit's one statement, the receipt and the event).
 * Files are written by FilesRepository, receipts read by ReceiptsRepository.
 */
@Injectable()
export class SubmissionsRepository {
  private readonly log = new Logger(SubmissionsRepository.name);
  /** Submit's read and write go in group commits: at a deadline peak N submits cost one statement. */
  private readonly factsBatch = new Batcher<{ id: string; key: string }, SubmitFacts | undefined>(
    (items) => this.submitFactsMany(items),
    {
      maxBatch: 64,
      concurrency: 2,
      observe: observe('read'),
      // If the batched read fails, each submit is read alone.
      alone: true,
      onSplit: (size, e) =>
        this.log.warn(`batched read of ${size} submits failed (${e.message}); one by one`),
    },
  );
  private readonly sealBatch = new Batcher<SealRequest, string | undefined>(
    (items) => this.sealInBatch(items),
    {
      maxBatch: 64,
      concurrency: 2,
      observe: observe('seal'),
      alone: (x) => this.submitMany([x]).then((r) => r[0]),
      onSplit: (size, e) => this.log.warn(`batched submit of ${size} failed (${e.message}); one by one`),
    },
  );

  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /** Everything submit checks, read together with the other submits of the moment. */
  factsForSubmit(id: string, idempotencyKey: string): Promise<SubmitFacts | undefined> {
    return this.factsBatch.add({ id, key: idempotencyKey });
  }

  /** `submit`, written together with the other submits of the moment (one statement, one commit). */
  seal(p: SealRequest): Promise<string | undefined> {
    return this.sealBatch.add(p);
  }

  /**
   * Distinct submissions go in one statement; a second call for the same submission in the batch
   * (a retry racing its original) runs after it, alone, and sees what the first one did. If the
   * statement fails as a whole (a deadlock with another instance's batch, say), it throws and the
   * Batcher retries each call alone (`alone`) so that one bad call never fails the others.
   */
  private async sealInBatch(items: SealRequest[]): Promise<(string | undefined | Error)[]> {
    const out: (string | undefined | Error)[] = items.map(() => undefined);
    const first = new Map<string, number>();
    const later: number[] = [];
    items.forEach((x, i) => {
      const id = x.event.data.submissionId;
      if (first.has(id)) later.push(i);
      else first.set(id, i);
    });
    const batch = [...first.values()];
    try {
      const numbers = await this.submitMany(batch.map((i) => items[i]));
      batch.forEach((i, k) => (out[i] = numbers[k]));
    } catch (e) {
      if (batch.length > 1) throw e;
      out[batch[0]] = asError(e);
    }
    for (const i of later) out[i] = await this.submitMany([items[i]]).then((r) => r[0], asError);
    return out;
  }

  async find(id: string, m: Db = this.ds): Promise<SubmissionRow | undefined> {
    const rows: SubmissionRow[] = await m.query(`SELECT * FROM ${SCHEMA}.submissions WHERE id = $1`, [id]);
    return rows[0];
  }

  /**
   * `work` in one transaction, with the submission locked (undefined: there is none): a reviewer's
   * step is judged and written while nobody else can change the submission.
   */
  locked<T>(id: string, work: (s: SubmissionRow | undefined, m: EntityManager) => Promise<T>): Promise<T> {
    return this.ds.transaction(async (m) => {
      const rows: SubmissionRow[] = await m.query(
        `SELECT * FROM ${SCHEMA}.submissions WHERE id = $1 FOR UPDATE`,
        [id],
      );
      return work(rows[0], m);
    });
  }

  /**
   * Back to the member (in `locked`'s transaction): version `event.data.version` RETURNED with the
   * reason, a new draft version with the same files, the submission RETURNED, and the event.
   */
  async returnForRevision(m: EntityManager, event: EventEnvelope<SubmissionReturned>): Promise<void> {
    const { submissionId: id, version: v, reason, returnedBy, returnedAt } = event.data;
    await m.query(
      `UPDATE ${SCHEMA}.submission_versions SET state = 'RETURNED', returned_reason = $3, returned_at = $4, returned_by = $5
       WHERE submission_id = $1 AND number = $2`,
      [id, v, reason, returnedAt, returnedBy],
    );
    await m.query(
      `INSERT INTO ${SCHEMA}.submission_versions (submission_id, number, state, created_at) VALUES ($1, $2, 'DRAFT', $3)`,
      [id, v + 1, returnedAt],
    );
    await m.query(
      `INSERT INTO ${SCHEMA}.version_files (submission_id, version, file_id)
       SELECT submission_id, $2, file_id FROM ${SCHEMA}.version_files WHERE submission_id = $1 AND version = $3`,
      [id, v + 1, v],
    );
    await m.query(
      `UPDATE ${SCHEMA}.submissions SET state = 'RETURNED', current_version = $2, updated_at = $3 WHERE id = $1`,
      [id, v + 1, returnedAt],
    );
    await addToOutbox(m, SCHEMA, [event]);
  }

  /** Accepted (in `locked`'s transaction): the version, the submission, and the event. */
  async accept(m: EntityManager, event: EventEnvelope<SubmissionAccepted>): Promise<void> {
    const { submissionId: id, version, acceptedBy, acceptedAt } = event.data;
    await m.query(
      `UPDATE ${SCHEMA}.submission_versions SET state = 'ACCEPTED', accepted_at = $3, accepted_by = $4
       WHERE submission_id = $1 AND number = $2`,
      [id, version, acceptedAt, acceptedBy],
    );
    await m.query(`UPDATE ${SCHEMA}.submissions SET state = 'ACCEPTED', updated_at = $2 WHERE id = $1`, [
      id,
      acceptedAt,
    ]);
    await addToOutbox(m, SCHEMA, [event]);
  }

  /** A unit's existing submission of a (single-per-campaign) kind. */
  async findOne(campaignId: string, unitId: string, kind: string): Promise<SubmissionRow | undefined> {
    const rows: SubmissionRow[] = await this.ds.query(
      `SELECT * FROM ${SCHEMA}.submissions WHERE campaign_id = $1 AND unit_id = $2 AND kind = $3`,
      [campaignId, unitId, kind],
    );
    return rows[0];
  }

  async versions(id: string, m: Db = this.ds): Promise<VersionRow[]> {
    return m.query(
      `SELECT * FROM ${SCHEMA}.submission_versions WHERE submission_id = $1 ORDER BY number DESC`,
      [id],
    );
  }

  /** Files with the versions they belong to. */
  async filesByVersion(id: string, m: Db = this.ds): Promise<VersionFileRow[]> {
    return m.query(
      `SELECT f.*, vf.version FROM ${SCHEMA}.version_files vf JOIN ${SCHEMA}.files f ON f.id = vf.file_id
       WHERE vf.submission_id = $1 ORDER BY f.created_at, f.id`,
      [id],
    );
  }

  /** Draft and its first version, in one statement. */
  async create(s: {
    id: string;
    campaignId: string;
    groupId: string;
    year: number;
    unitId: string;
    kind: string;
    title: string | null;
    createdBy: string;
  }): Promise<string> {
    const sql = `WITH s AS (
         INSERT INTO ${SCHEMA}.submissions (id, campaign_id, group_id, year, unit_id, kind, title, state, created_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, 'DRAFT', $8) RETURNING id)
       INSERT INTO ${SCHEMA}.submission_versions (submission_id, number, state) SELECT id, 1, 'DRAFT' FROM s`;
    const params = [s.id, s.campaignId, s.groupId, s.year, s.unitId, s.kind, s.title, s.createdBy];
    // The id is what a replay (Idempotency-Key) answers.
    return writeOnce(
      this.ds,
      async (m) => (await m.query(sql, params), s.id),
      async () => (await prepared(this.ds, 'intake_submission_create', sql, params), s.id),
    );
  }

  async list(q: ListSubmissionsRequest & { groupIds?: string[] }): Promise<{
    rows: SubmissionListRow[];
    total: number;
  }> {
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (sql: (p: string) => string, v: unknown) => {
      params.push(v);
      where.push(sql(`$${params.length}`));
    };
    if (q.unitId) add((p) => `s.unit_id = ${p}`, q.unitId);
    if (q.groupIds) add((p) => `s.group_id = ANY(${p}::uuid[])`, q.groupIds);
    if (q.year) add((p) => `s.year = ${p}`, q.year);
    if (q.kind) add((p) => `s.kind = ${p}`, q.kind);
    if (q.state) add((p) => `s.state = ${p}`, q.state);
    const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
    params.push(q.limit ?? 50, q.offset ?? 0);
    const rows = await this.ds.query(
      `SELECT s.*, lv.submitted_at, lv.receipt_number, count(*) OVER ()::int AS total
       FROM ${SCHEMA}.submissions s
       LEFT JOIN LATERAL (SELECT v.submitted_at, v.receipt_number FROM ${SCHEMA}.submission_versions v
         WHERE v.submission_id = s.id AND v.submitted_at IS NOT NULL ORDER BY v.number DESC LIMIT 1) lv ON true
       ${clause} ORDER BY s.updated_at DESC, s.id LIMIT $${params.length - 1} OFFSET $${params.length}`,
      params,
    );
    return { rows, total: rows[0]?.total ?? 0 };
  }

  /**
   * Everything submit checks, for one or many submissions in one statement (a named prepared
   * statement: it carries the peak): one answer per item, in order (undefined: no such submission).
   */
  private async submitFactsMany(items: { id: string; key: string }[]): Promise<(SubmitFacts | undefined)[]> {
    const rows = await prepared<SubmitFacts & { ord: string }>(
      this.ds,
      'intake_submit_facts_many',
      `SELECT i.ord, s.*, v.state AS version_state,
         (SELECT coalesce(json_agg(json_build_object('id', f.id, 'object_key', f.object_key, 'name', f.name,
             'content_type', f.content_type, 'size', f.size, 'sha256', f.sha256, 'state', f.state)
             ORDER BY f.created_at, f.id), '[]'::json)
          FROM ${SCHEMA}.version_files vf JOIN ${SCHEMA}.files f ON f.id = vf.file_id
          WHERE vf.submission_id = s.id AND vf.version = s.current_version) AS files,
         (SELECT row_to_json(r) FROM ${SCHEMA}.receipts r WHERE r.submission_id = s.id AND r.idempotency_key = i.key) AS receipt
       FROM unnest($1::uuid[], $2::text[]) WITH ORDINALITY AS i(sid, key, ord)
       JOIN ${SCHEMA}.submissions s ON s.id = i.sid
       JOIN ${SCHEMA}.submission_versions v ON v.submission_id = s.id AND v.number = s.current_version`,
      [items.map((x) => x.id), items.map((x) => x.key)],
    );
    const out: (SubmitFacts | undefined)[] = items.map(() => undefined);
    for (const { ord, ...row } of rows) out[Number(ord) - 1] = row;
    return out;
  }

  /**
   * Seals the current version of each submission (distinct ids), issues its receipt and queues its
   * event, in one statement (one round trip, one commit, atomic). Answers one receipt number per
   * item, in order, or undefined where the submission was no longer open (a concurrent submit won).
   */
  private async submitMany(items: SealRequest[]): Promise<(string | undefined)[]> {
    // The batch as one JSON document: the envelopes travel as nested objects, encoded once by
    // JSON.stringify and parsed once by Postgres (as array elements they were escaped into an
    // array literal, then parsed twice).
    const batch = JSON.stringify(
      items.map(({ idempotencyKey, event, subject }) => ({
        id: event.data.submissionId,
        version: event.data.version,
        at: event.data.submittedAt, // already an ISO string, as JSON.stringify writes a Date
        by: event.data.submittedBy,
        late: event.data.late,
        year: String(event.data.year),
        key: idempotencyKey,
        event_id: event.id,
        subject,
        envelope: event,
      })),
    );
    const rows = await prepared<{ id: string; number: string }>(
      this.ds,
      'intake_submit_many',
      `WITH i AS MATERIALIZED (
         SELECT i.*, nextval('${SCHEMA}.receipt_seq') AS seq
         FROM jsonb_to_recordset($1::jsonb) AS i(id uuid, version int, at timestamptz, by uuid, late bool,
           year text, key text, event_id uuid, subject text, envelope jsonb)),
       n AS MATERIALIZED (
         SELECT i.*, i.year || '-' || lpad(i.seq::text, greatest(6, length(i.seq::text)), '0') AS number FROM i),
       v AS (
         UPDATE ${SCHEMA}.submission_versions sv
         SET state = 'SUBMITTED', submitted_at = n.at, submitted_by = n.by, late = n.late, receipt_number = n.number
         FROM n WHERE sv.submission_id = n.id AND sv.number = n.version AND sv.state = 'DRAFT'
         RETURNING sv.submission_id),
       s AS (
         UPDATE ${SCHEMA}.submissions s
         SET state = 'SUBMITTED', late = n.late, ever_submitted = true, updated_at = n.at
         FROM n WHERE s.id = n.id AND s.current_version = n.version AND s.state IN ('DRAFT', 'RETURNED')
           AND n.id IN (SELECT submission_id FROM v)
         RETURNING s.id, s.campaign_id),
       r AS (
         INSERT INTO ${SCHEMA}.receipts (number, campaign_id, submission_id, version, idempotency_key, issued_at, issued_by, late, files)
         SELECT n.number, s.campaign_id, n.id, n.version, n.key, n.at, n.by, n.late,
           -- the receipt lists the event's files without their storage keys (sent once, not twice)
           (SELECT jsonb_agg(f - 'objectKey' ORDER BY k) FROM jsonb_array_elements(n.envelope->'data'->'files') WITH ORDINALITY AS x(f, k))
         FROM n JOIN s ON s.id = n.id
         RETURNING number, submission_id),
       o AS (
         INSERT INTO ${SCHEMA}.outbox (id, subject, envelope)
         SELECT n.event_id, n.subject, jsonb_set(n.envelope, '{data,receiptNumber}', to_jsonb(n.number))
         FROM n JOIN r ON r.submission_id = n.id
         RETURNING id)
       SELECT r.submission_id AS id, r.number FROM r JOIN n ON n.id = r.submission_id JOIN o ON o.id = n.event_id`,
      [batch],
    );
    const byId = new Map(rows.map((r) => [r.id, r.number]));
    return items.map((x) => byId.get(x.event.data.submissionId));
  }
}

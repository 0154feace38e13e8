import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { EventEnvelope, ListSubmissionsRequest, SubmissionSubmitted } from '@tdkt/contracts';
import { asError, Batcher, prepared, writeOnce } from '@tdkt/platform';
import { DataSource, EntityManager } from 'typeorm';
import { SCHEMA } from '../database/entities';
import { groupCommits, groupCommitSeconds } from '../metrics';

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
  upload_expires_at: Date;
  created_by: string;
  created_at: Date;
  confirmed_at: Date | null;
}

export interface ReceiptRow {
  number: string;
  campaign_id: string;
  submission_id: string;
  version: number;
  idempotency_key: string;
  issued_at: Date;
  issued_by: string;
  late: boolean;
  files: { fileId: string; name: string; contentType: string; size: number; sha256: string }[];
}

/** What submit needs, read in one round trip. */
export interface SubmitFacts extends SubmissionRow {
  version_state: string;
  files: (Omit<FileRow, 'size' | 'upload_expires_at' | 'created_at' | 'confirmed_at'> & { size: number })[];
  receipt: (Omit<ReceiptRow, 'issued_at'> & { issued_at: string }) | null;
}

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

/** Only this class touches intake's tables. */
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

  constructor(@InjectDataSource() readonly ds: DataSource) {}

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

  async lock(m: EntityManager, id: string): Promise<SubmissionRow | undefined> {
    const rows: SubmissionRow[] = await m.query(
      `SELECT * FROM ${SCHEMA}.submissions WHERE id = $1 FOR UPDATE`,
      [id],
    );
    return rows[0];
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
  async filesByVersion(id: string, m: Db = this.ds): Promise<(FileRow & { version: number })[]> {
    return m.query(
      `SELECT f.*, vf.version FROM ${SCHEMA}.version_files vf JOIN ${SCHEMA}.files f ON f.id = vf.file_id
       WHERE vf.submission_id = $1 ORDER BY f.created_at, f.id`,
      [id],
    );
  }

  async receipts(id: string): Promise<ReceiptRow[]> {
    return this.ds.query(`SELECT * FROM ${SCHEMA}.receipts WHERE submission_id = $1 ORDER BY version DESC`, [
      id,
    ]);
  }

  async receiptOfVersion(id: string, version: number): Promise<ReceiptRow | undefined> {
    const rows: ReceiptRow[] = await this.ds.query(
      `SELECT * FROM ${SCHEMA}.receipts WHERE submission_id = $1 AND version = $2`,
      [id, version],
    );
    return rows[0];
  }

  async receiptByKey(id: string, key: string): Promise<ReceiptRow | undefined> {
    const rows: ReceiptRow[] = await this.ds.query(
      `SELECT * FROM ${SCHEMA}.receipts WHERE submission_id = $1 AND idempotency_key = $2`,
      [id, key],
    );
    return rows[0];
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
    rows: (SubmissionRow & { submitted_at: Date | null; receipt_number: string | null })[];
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

  /** Submissions of a campaign that were submitted at least once, with their latest receipt. */
  async ofCampaign(
    campaignId: string,
    kind?: string,
  ): Promise<(SubmissionRow & { submitted_at: Date | null; receipt_number: string | null })[]> {
    return this.ds.query(
      `SELECT s.*, lv.submitted_at, lv.receipt_number FROM ${SCHEMA}.submissions s
       LEFT JOIN LATERAL (SELECT v.submitted_at, v.receipt_number FROM ${SCHEMA}.submission_versions v
         WHERE v.submission_id = s.id AND v.submitted_at IS NOT NULL ORDER BY v.number DESC LIMIT 1) lv ON true
       WHERE s.campaign_id = $1 AND s.ever_submitted AND ($2::text IS NULL OR s.kind = $2)
       ORDER BY s.unit_id, s.kind, s.created_at`,
      [campaignId, kind ?? null],
    );
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

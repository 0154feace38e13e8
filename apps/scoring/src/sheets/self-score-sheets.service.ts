import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  ChangesRequest,
  EventEnvelope,
  FileView,
  IntakeEvents,
  IntakeStream,
  MemberRequest,
  PutScoresRequest,
  Role,
  RpcErrorBody,
  SelfScoreSheetView,
  SubmissionKind,
  SubmissionSubmitted,
  XLSX_TYPE,
} from '@tdkt/contracts';
import {
  capProblems,
  clip,
  mayReadScores,
  Grant,
  Scheme,
  SELF_SCORE_COLUMNS,
  selfScoreEntries,
  selfScoreRows,
  slugify,
} from '@tdkt/domain';
import {
  allow,
  AppError,
  asError,
  ensureStream,
  jetStreamManager,
  ObjectStorage,
  insertOnce,
  InsertOnceSpec,
  processOnce,
  RunningConsumer,
  startConsumer,
} from '@tdkt/platform';
import ExcelJS from 'exceljs';
import { NatsConnection } from 'nats';
import type { Logger } from 'pino';
import { DataSource, EntityManager } from 'typeorm';
import { SCHEMA } from '../database/entities';
import { SchemesService } from '../schemes/schemes.service';
import { readSheet } from '../schemes/scheme-xlsx';
import { ScoresService } from '../scores/scores.service';

export const SCORING_STORAGE = Symbol('SCORING_STORAGE');
const SHEET = 'Tự chấm điểm';
const CONSUMER = 'scoring-self-score-sheets';
const NO_SHEET_DETAIL =
  'No Excel self-score sheet in the submission (a scan cannot be read): scores are entered through the API';
const NO_SHEET_NOTE: InsertOnceSpec = {
  insert: `INSERT INTO ${SCHEMA}.self_score_sheets (submission_id, version, group_id, year, member_id, receipt_number, status, detail, entries)`,
  columns: [
    ['submission_id', 'uuid'],
    ['version', 'int'],
    ['group_id', 'uuid'],
    ['year', 'int'],
    ['member_id', 'uuid'],
    ['receipt_number', 'text'],
    ['detail', 'text'],
  ],
  select: `e.submission_id, e.version, e.group_id, e.year, e.member_id, e.receipt_number, 'NO_SHEET', e.detail, 0`,
};
const MAX_SHEET_BYTES = 10 * 1024 * 1024;

/**
 * Self-score sheets: the Excel template a member fills in, and the sheets that arrive through
 * intake (`intake.submission.submitted.SELF_SCORE`: scoring is sent that kind only): the values become the member's
 * self-scores, once per event (processed ids in the same transaction as the entries). A sheet that
 * cannot be used is recorded with the reason for the chair and the member; nothing is retried
 * forever.
 */
@Injectable()
export class SelfScoreSheetsService {
  private consumer?: RunningConsumer;

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly schemes: SchemesService,
    private readonly scores: ScoresService,
    @Inject(SCORING_STORAGE) private readonly storage: ObjectStorage,
  ) {}

  async template(r: MemberRequest): Promise<FileView> {
    const current = await this.scores.get(r); // also checks who may read it
    const scheme = await this.schemes.published(current.groupId, r.year);
    const gy = await this.schemes.groupYear(r.groupId, r.year);
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet(SHEET);
    ws.addRow([...SELF_SCORE_COLUMNS]);
    ws.getRow(1).font = { bold: true };
    const values = new Map(
      current.entries.map((e) => [e.criterion, { value: e.selfValue, evidence: e.evidence }]),
    );
    for (const row of selfScoreRows(scheme.body as Scheme, values)) ws.addRow(row);
    ws.columns.forEach((c, i) => (c.width = i === 1 ? 60 : i === 3 ? 40 : 14));
    const unit = gy.members.find((m) => m.unitId === r.memberId)?.unitName ?? r.memberId;
    return {
      fileName: `tu-cham-diem-${slugify(unit)}-${r.year}-v${scheme.version}.xlsx`,
      contentType: XLSX_TYPE,
      base64: Buffer.from(await wb.xlsx.writeBuffer()).toString('base64'),
    };
  }

  async list(r: ChangesRequest): Promise<SelfScoreSheetView[]> {
    const gy = await this.schemes.groupYear(r.groupId, r.year);
    allow(
      mayReadScores(
        r.actor.roles as Grant[],
        { memberId: r.memberId ?? '', groupId: gy.groupId, year: r.year },
        false,
        false,
      ),
    );
    const rows = await this.ds.query(
      `SELECT * FROM ${SCHEMA}.self_score_sheets WHERE group_id = $1 AND year = $2 AND ($3::uuid IS NULL OR member_id = $3)
       ORDER BY received_at`,
      [gy.groupId, r.year, r.memberId ?? null],
    );
    return rows.map((x: Record<string, unknown>) => ({
      submissionId: x.submission_id as string,
      version: x.version as number,
      memberId: x.member_id as string,
      receiptNumber: x.receipt_number as string,
      status: x.status as SelfScoreSheetView['status'],
      detail: x.detail as string | null,
      entries: x.entries as number,
      receivedAt: new Date(x.received_at as string).toISOString(),
    }));
  }

  async start(nc: NatsConnection, prefix: string, logger: Logger): Promise<void> {
    // Intake owns the stream; ensuring it here lets scoring start first (same definition).
    await ensureStream(await jetStreamManager(nc), prefix, IntakeStream);
    this.consumer = await startConsumer({
      nc,
      prefix,
      event: IntakeEvents.submissionSubmitted,
      // only self-score submissions are sent to scoring (the subject carries the kind)
      only: SubmissionKind.SELF_SCORE,
      durable: CONSUMER,
      logger,
      handler: (e) => this.receive(e, logger),
      batchHandler: (events) => this.receiveMany(events, logger),
    });
  }

  async stop(): Promise<void> {
    await this.consumer?.stop();
  }

  /**
   * Events delivered together: those without a sheet (the common case at a deadline peak: scans)
   * are noted in one statement, the sheets are read and imported one by one.
   */
  private async receiveMany(
    events: EventEnvelope<SubmissionSubmitted>[],
    logger: Logger,
  ): Promise<(void | Error)[]> {
    const noSheet = new Set(
      events.filter((e) => e.data.kind === SubmissionKind.SELF_SCORE && !sheetOf(e.data)),
    );
    await this.noteNoSheet([...noSheet]);
    const out: (void | Error)[] = [];
    for (const e of events)
      out.push(
        noSheet.has(e) ? undefined : await this.receive(e, logger).catch((err: unknown) => asError(err)),
      );
    return out;
  }

  /** Records the events and a NO_SHEET note for each, in one statement. */
  private noteNoSheet(events: EventEnvelope<SubmissionSubmitted>[]): Promise<void> {
    return insertOnce(
      this.ds,
      SCHEMA,
      CONSUMER,
      NO_SHEET_NOTE,
      events.map(({ id, data: d }) => ({
        eventId: id,
        values: [d.submissionId, d.version, d.groupId, d.year, d.unitId, d.receiptNumber, NO_SHEET_DETAIL],
      })),
    );
  }

  private async receive(e: EventEnvelope<SubmissionSubmitted>, logger: Logger): Promise<void> {
    const d = e.data;
    if (d.kind !== SubmissionKind.SELF_SCORE) return;
    const file = sheetOf(d);
    const note = (m: EntityManager, status: string, detail: string | null, entries = 0) =>
      m.query(
        `INSERT INTO ${SCHEMA}.self_score_sheets (submission_id, version, group_id, year, member_id, receipt_number, status, detail, entries)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT DO NOTHING`,
        [d.submissionId, d.version, d.groupId, d.year, d.unitId, d.receiptNumber, status, detail, entries],
      );
    if (!file) {
      await this.noteNoSheet([e]);
      return;
    }
    // Read and parse outside the transaction (a storage outage is retried by redelivery).
    const bytes = await this.storage.read(file.objectKey, MAX_SHEET_BYTES);
    const parsed = await parseSheet(bytes);
    // The officer who submitted, acting for its unit.
    const actor = {
      userId: d.submittedBy,
      unitId: d.unitId,
      roles: [{ role: Role.UNIT_OFFICER, unitId: d.unitId }],
    };
    try {
      if ('problems' in parsed)
        throw AppError.validation(
          parsed.problems.map((p) => ({ field: `row ${p.row} (${p.column})`, message: p.message })),
          `The sheet has ${parsed.problems.length} problem(s)`,
        );
      await processOnce(this.ds, SCHEMA, CONSUMER, e.id, async (m) => {
        const request: PutScoresRequest = {
          actor,
          groupId: d.groupId,
          year: d.year,
          memberId: d.unitId,
          body: { entries: parsed.entries },
        };
        const n = await this.scores.record(m, request);
        await note(m, 'IMPORTED', `${file.name}: ${n} entries`, n);
      });
    } catch (err) {
      if (!(err instanceof AppError)) throw err; // a fault: retried by redelivery
      const b: RpcErrorBody = err.body;
      // Kept and shown to the chair and the member: the first problems and how many more.
      const listed = capProblems(
        (b.errors ?? []).map((x) => `${x.field}: ${x.message}`),
        (n) => `and ${n} more`,
        20,
      );
      const detail = clip([b.message, ...listed].join('; '), 4000);
      logger.warn({ submissionId: d.submissionId, detail }, 'self-score sheet not imported');
      await processOnce(this.ds, SCHEMA, CONSUMER, e.id, (m) =>
        note(m, 'REJECTED', `${file.name}: ${detail}`),
      );
    }
  }
}

/** The submission's Excel self-score sheet, if it has one (a scan cannot be read). */
function sheetOf(d: SubmissionSubmitted) {
  return d.files.find((f) => f.contentType === XLSX_TYPE);
}

async function parseSheet(bytes: Buffer): Promise<ReturnType<typeof selfScoreEntries>> {
  const sheet = await readSheet(bytes, SHEET, SELF_SCORE_COLUMNS.length);
  if ('problem' in sheet) return { problems: [{ row: 1, column: 'file', message: sheet.problem }] };
  return selfScoreEntries(sheet.rows);
}

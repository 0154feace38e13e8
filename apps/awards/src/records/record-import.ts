import { Injectable } from '@nestjs/common';
import { ActorDto } from '@tdkt/contracts';
import {
  ALREADY_STORED_MESSAGE,
  checkRecordRow,
  duplicateInFileMessage,
  headerProblem,
  IMPORT_PROGRESS_ROWS,
  isEmptyRow,
  mayImportRecordsOf,
  Period,
  RECORD_COLUMNS,
  RecordProblems,
  RecordRowProblem,
  unitCellOf,
} from '@tdkt/domain';
import { AppError } from '@tdkt/platform';
import { createHash, randomUUID } from 'node:crypto';
import { pipeline, Readable, Transform, TransformCallback } from 'node:stream';
import { EntityManager } from 'typeorm';
import { authorize } from '../access';
import { RegistryLookups } from '../registry/registry-lookups';
import { FileLine, readRecordLines, RecordFileKind } from './record-reader';
import { LineRecord, MonthCount, RecordImportRow, RecordsRepository } from './records.repository';
import { problemsError } from './records.views';

/** A file of records to import: its bytes are opened (again) from the start when needed. */
export interface RecordFile {
  fileName: string;
  kind: RecordFileKind;
  /** The period the file states (a decision outside it is a problem). */
  period: Period | undefined;
  /**
   * The content's SHA-256: computed from the bytes in hand, or declared for a file in storage. A
   * declared one (with `declaredSize`) is checked against the bytes as they are read, before
   * anything commits.
   */
  sha256: string;
  declaredSize?: number;
  open(): Promise<Readable>;
}

export interface ImportHooks {
  /** Lines read so far, after every IMPORT_PROGRESS_ROWS (outside the import's transaction). */
  progress?(lines: number): Promise<void>;
  /** In the import's transaction once every line is in: the caller's own marker (an upload DONE). */
  commit?(m: EntityManager, row: RecordImportRow, lines: number): Promise<void>;
}

export interface ImportOutcome {
  row: RecordImportRow;
  /** The same content had been imported before: nothing new was written. */
  already: boolean;
  /** Lines read after the header (null when the content was imported before). */
  lines: number | null;
}

/**
 * Lines checked and stored together. Small enough that a batch rarely outlives a young-generation
 * collection (what outlives two is copied to the old generation, where it waits for a full one),
 * large enough that a statement carries many rows.
 */
const STORE_LINES = 2_000;

/** Distinct unit cells looked up per import: beyond this a file names garbage (the rest are unknown). */
const UNIT_CELLS_MAX = 10_000;
/** Unit cells asked of the registry at once. */
const UNIT_LOOKUPS_AT_ONCE = 16;

/** Another import of the same content committed while this one waited for it. */
class ContentTaken extends Error {}

/** SHA-256 and length of the bytes that flow through. */
class ContentMeter extends Transform {
  private readonly hash = createHash('sha256');
  bytes = 0;

  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    this.hash.update(chunk);
    this.bytes += chunk.length;
    done(null, chunk);
  }

  digest(): string {
    return this.hash.digest('hex');
  }
}

/** The bytes of `source` through a meter (its errors reach whoever reads the meter). */
function metered(source: Readable): ContentMeter {
  const meter = new ContentMeter();
  pipeline(source, meter, () => undefined);
  return meter;
}

/** Reads what is left (a zip reader stops before the archive's central directory). */
async function drain(s: Readable): Promise<void> {
  if (s.readableEnded || s.destroyed) return;
  for await (const _ of s as AsyncIterable<Buffer>) {
    // counted by the meter
  }
}

/** What one import keeps while it reads a file: bounded by the units and months, not the lines. */
class ImportRun {
  readonly units = new Map<string, string | null>();
  readonly problems = new RecordProblems();
  readonly months = new Map<string, MonthCount>();
  readonly unitIds = new Set<string>();
  lines = 0;
  stored = 0;

  constructor(readonly importId: string) {}

  count(x: LineRecord): void {
    const r = x.record;
    const month = `${r.decisionDate.slice(0, 7)}-01`;
    const category = r.category ?? '';
    const key = `${r.unitId}|${month}|${r.awardCode}|${r.recipientKind}|${category}`;
    const c = this.months.get(key);
    if (c) c.n += 1;
    else
      this.months.set(key, {
        unitId: r.unitId,
        month,
        awardCode: r.awardCode,
        recipientKind: r.recipientKind,
        category,
        n: 1,
      });
    this.unitIds.add(r.unitId);
  }
}

/**
 * Imports a file of award records, all or nothing and once per content, reading it as a stream:
 * lines are checked and stored in batches inside one transaction (memory holds a batch, never
 * the file), progress is reported every IMPORT_PROGRESS_ROWS lines, duplicates are found by the database (within the file too:
 * each record keeps its line), problems are kept up to the first 100 with a count, and whoever
 * imports must be allowed every unit the file names. Anything wrong rolls the whole import back.
 */
@Injectable()
export class RecordImporter {
  constructor(
    private readonly records: RecordsRepository,
    private readonly registry: RegistryLookups,
  ) {}

  /** The caller was allowed to import records at all (`mayImportRecords`) before this is called. */
  async import(file: RecordFile, actor: ActorDto, hooks: ImportHooks = {}): Promise<ImportOutcome> {
    for (let attempt = 1; ; attempt += 1) {
      const earlier = await this.records.importBySha(file.sha256);
      if (earlier) return { row: await this.earlier(file, actor, earlier), already: true, lines: null };
      try {
        return await this.records.transaction((m) => this.importNew(m, file, actor, hooks));
      } catch (e) {
        if (e instanceof ContentTaken && attempt === 1) continue;
        throw e;
      }
    }
  }

  /**
   * The same content imported before: shown only to whoever may import every unit it named. A
   * declared checksum is checked against the stored bytes first (a wrong file is not that import).
   */
  private async earlier(file: RecordFile, actor: ActorDto, row: RecordImportRow): Promise<RecordImportRow> {
    if (file.declaredSize !== undefined) {
      const meter = metered(await file.open());
      await drain(meter);
      this.checkDeclared(file, meter);
    }
    const units = row.unit_ids ?? (await this.records.importUnits(row.id));
    authorize(actor, (grants) => mayImportRecordsOf(grants, actor.unitId, units));
    return row;
  }

  private checkDeclared(file: RecordFile, meter: ContentMeter): void {
    if (file.declaredSize === undefined) return;
    if (meter.bytes !== file.declaredSize)
      throw AppError.of('UPLOAD_SIZE_MISMATCH', { size: meter.bytes, declared: file.declaredSize }, 'file');
    if (meter.digest() !== file.sha256) throw AppError.of('UPLOAD_CHECKSUM_MISMATCH', {}, 'file');
  }

  private async importNew(
    m: EntityManager,
    file: RecordFile,
    actor: ActorDto,
    hooks: ImportHooks,
  ): Promise<ImportOutcome> {
    const claimed = await this.records.claimImport(m, {
      id: randomUUID(),
      sha256: file.sha256,
      fileName: file.fileName,
      createdBy: actor.userId,
    });
    if (!claimed) throw new ContentTaken();
    const run = new ImportRun(claimed.id);
    const meter = metered(await file.open());
    const lines = readRecordLines(file.kind, meter);
    try {
      const first = await lines.next();
      const header = !first.done && first.value.line === 1 ? first.value.cells : [];
      const wrong = headerProblem(header);
      if (wrong)
        throw AppError.of(
          'RECORDS_COLUMNS_WRONG',
          { expected: RECORD_COLUMNS.join(' | '), column: wrong.column, found: wrong.found },
          'dòng 1',
        );
      let batch: FileLine[] = [];
      if (!first.done && first.value.line !== 1) batch.push(first.value);
      let reported = 0;
      for await (const line of lines) {
        run.lines += 1;
        if (!isEmptyRow(line.cells)) batch.push(line);
        if (batch.length >= STORE_LINES) {
          await this.store(m, run, batch, file.period, actor);
          batch = [];
        }
        if (run.lines - reported >= IMPORT_PROGRESS_ROWS) {
          reported = run.lines;
          await hooks.progress?.(run.lines);
        }
      }
      await this.store(m, run, batch, file.period, actor);
    } finally {
      await lines.return(undefined);
    }
    await drain(meter);
    this.checkDeclared(file, meter);
    if (run.problems.total) throw problemsError(run.problems, file.period);
    const row = await this.records.finishImport(m, run.importId, run.stored, [...run.unitIds]);
    await this.records.addMonthCounts(m, [...run.months.values()]);
    await hooks.commit?.(m, row, run.lines);
    return { row, already: false, lines: run.lines };
  }

  /** Checks a batch of lines and stores the good ones; duplicates are the database's to find. */
  private async store(
    m: EntityManager,
    run: ImportRun,
    batch: readonly FileLine[],
    period: Period | undefined,
    actor: ActorDto,
  ): Promise<void> {
    if (!batch.length) return;
    await this.resolveUnits(run, batch);
    const good: LineRecord[] = [];
    const found: RecordRowProblem[] = [];
    for (const l of batch) {
      const checked = checkRecordRow(l.cells, l.line, run.units, period);
      found.push(...checked.problems);
      if (checked.record && !checked.problems.length) good.push({ line: l.line, record: checked.record });
    }
    authorize(actor, (grants) =>
      mayImportRecordsOf(grants, actor.unitId, new Set(good.map((x) => x.record.unitId))),
    );
    const stored = await this.records.insertNew(m, run.importId, good);
    const left = good.filter((x) => !stored.has(x.line));
    if (left.length) {
      const conflicts = new Map((await this.records.conflicts(m, left)).map((c) => [c.line, c]));
      for (const x of left) {
        const c = conflicts.get(x.line);
        found.push(
          c && c.import_id === run.importId && c.source_line
            ? {
                row: x.line,
                column: RECORD_COLUMNS[0],
                kind: 'DUPLICATE_IN_FILE',
                message: duplicateInFileMessage(c.source_line),
              }
            : { row: x.line, column: '', kind: 'ALREADY_STORED', message: ALREADY_STORED_MESSAGE },
        );
      }
    }
    for (const x of good) if (stored.has(x.line)) run.count(x);
    run.stored += stored.size;
    found.sort((a, b) => a.row - b.row);
    for (const p of found) run.problems.add(p);
  }

  /** The unit cells of a batch that the import has not looked up yet, asked of the registry. */
  private async resolveUnits(run: ImportRun, batch: readonly FileLine[]): Promise<void> {
    const asked = [...new Set(batch.map((l) => unitCellOf(l.cells)))].filter((c) => !run.units.has(c));
    for (let at = 0; at < asked.length; at += UNIT_LOOKUPS_AT_ONCE) {
      const part = asked.slice(at, at + UNIT_LOOKUPS_AT_ONCE);
      const ids = await Promise.all(
        part.map((code) => (run.units.size < UNIT_CELLS_MAX ? this.registry.unitId(code) : null)),
      );
      part.forEach((code, i) => {
        if (run.units.size < UNIT_CELLS_MAX) run.units.set(code, ids[i]);
      });
    }
  }
}

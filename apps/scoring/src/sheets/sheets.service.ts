import { Inject, Injectable } from '@nestjs/common';
import {
  ChangesRequest,
  errorMessage,
  EventEnvelope,
  FileView,
  MemberRequest,
  PutScoresRequest,
  RpcErrorBody,
  SelfScoreSheetView,
  SubmissionKind,
  SubmissionSubmitted,
} from '@tdkt/contracts';
import { capProblems, clip } from '@tdkt/domain';
import {
  AppError,
  asError,
  ObjectStorage,
  REGISTRY_CLIENT,
  RegistryClient,
  SERVICE_STORAGE,
} from '@tdkt/platform';
import type { Logger } from 'pino';
import { Access } from '../access';
import { problemsError } from '../problems';
import { GroupDirectory } from '../registry/group-directory';
import { SchemesService } from '../schemes/schemes.service';
import { ScoresService } from '../scores/scores.service';
import { parseSheet, selfScoreSheet, sheetOf } from './sheet-xlsx';
import { SheetsRepository } from './sheets.repository';
import { sheetView } from './sheets.views';

const MAX_SHEET_BYTES = 10 * 1024 * 1024;

/**
 * Self-score sheets: the Excel template a member fills in, and the sheets that arrive through
 * intake (`intake.submission.submitted.SELF_SCORE`: scoring is sent that kind only): the values
 * become the member's self-scores, once per event (processed ids in the same transaction as the
 * entries). A sheet that cannot be used is recorded with the reason for the chair and the member;
 * nothing is retried forever.
 */
@Injectable()
export class SheetsService {
  constructor(
    private readonly repo: SheetsRepository,
    private readonly schemes: SchemesService,
    private readonly scores: ScoresService,
    private readonly groups: GroupDirectory,
    @Inject(SERVICE_STORAGE) private readonly storage: ObjectStorage,
    @Inject(REGISTRY_CLIENT) private readonly registry: RegistryClient,
  ) {}

  async template(r: MemberRequest): Promise<FileView> {
    const current = await this.scores.get(r); // also checks who may read it
    const scheme = await this.schemes.published(current.groupId, r.year);
    const gy = await this.groups.get(r.groupId, r.year);
    // The year's campaign names the sheet when there is one (a group-year may have none).
    const campaign = await this.registry
      .campaignGet({ groupId: gy.groupId, year: r.year })
      .then((c) => c.title)
      .catch(() => null);
    return selfScoreSheet(
      {
        unitName: gy.members.find((m) => m.unitId === r.memberId)?.unitName ?? r.memberId,
        year: r.year,
        schemeVersion: scheme.version,
        groupName: gy.groupName,
        campaignTitle: campaign,
      },
      scheme.body,
      new Map(current.entries.map((e) => [e.criterion, { value: e.selfValue, evidence: e.evidence }])),
    );
  }

  async list(r: ChangesRequest): Promise<SelfScoreSheetView[]> {
    const gy = await this.groups.get(r.groupId, r.year);
    Access.readTrail(r.actor, gy, r.memberId ?? null);
    return (await this.repo.list(gy.groupId, r.year, r.memberId ?? null)).map(sheetView);
  }

  /**
   * Events delivered together: those without a sheet (the common case at a deadline peak: scans)
   * are noted in one statement, the sheets are read and imported one by one.
   */
  async receiveMany(events: EventEnvelope<SubmissionSubmitted>[], logger: Logger): Promise<(void | Error)[]> {
    const noSheet = new Set(
      events.filter((e) => e.data.kind === SubmissionKind.SELF_SCORE && !sheetOf(e.data)),
    );
    await this.repo.noteNoSheet([...noSheet], errorMessage('SELF_SCORE_SHEET_MISSING'));
    const out: (void | Error)[] = [];
    for (const e of events)
      out.push(
        noSheet.has(e) ? undefined : await this.receive(e, logger).catch((err: unknown) => asError(err)),
      );
    return out;
  }

  async receive(e: EventEnvelope<SubmissionSubmitted>, logger: Logger): Promise<void> {
    const d = e.data;
    if (d.kind !== SubmissionKind.SELF_SCORE) return;
    const file = sheetOf(d);
    if (!file) return this.repo.noteNoSheet([e], errorMessage('SELF_SCORE_SHEET_MISSING'));
    // Read and parse outside the transaction (a storage outage is retried by redelivery).
    const bytes = await this.storage.read(file.objectKey, MAX_SHEET_BYTES);
    const parsed = await parseSheet(bytes);
    try {
      if ('problems' in parsed)
        throw problemsError(
          'SELF_SCORE_SHEET_INVALID',
          {},
          parsed.problems.map((p) => ({ field: `row ${p.row} (${p.column})`, message: p.message })),
          'file',
        );
      await this.repo.processOnce(e.id, async (m) => {
        const request: PutScoresRequest = {
          // The officer who submitted, acting for its unit.
          actor: Access.officerOf(d.submittedBy, d.unitId),
          groupId: d.groupId,
          year: d.year,
          memberId: d.unitId,
          body: { entries: parsed.entries },
        };
        const n = await this.scores.record(m, request);
        await this.repo.note(m, d, 'IMPORTED', `${file.name}: ${n} entries`, n);
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
      logger.warn(
        { submissionId: d.submissionId, reason: b.reason, detail },
        'self-score sheet not imported',
      );
      await this.repo.processOnce(e.id, (m) => this.repo.note(m, d, 'REJECTED', `${file.name}: ${detail}`));
    }
  }
}

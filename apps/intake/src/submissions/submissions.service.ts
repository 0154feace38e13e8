import { Inject, Injectable } from '@nestjs/common';
import {
  ActorDto,
  CreateSubmissionRequest,
  IntakeEvents,
  ListSubmissionsRequest,
  Page,
  publishSubject,
  ReceiptView,
  ReturnRequest,
  SubmissionKind,
  SubmissionRequest,
  SubmissionSummary,
  SubmissionView,
  SubmitRequest,
} from '@tdkt/contracts';
import {
  capProblems,
  Grant,
  judgeTiming,
  KindDeadline,
  mayListSubmissions,
  mayPrepare,
  mayRead,
  mayReview,
  nfc,
  ReaderDecision,
  SubmissionScope,
  submitBlockers,
} from '@tdkt/domain';
import { AppError, makeEnvelope, mapPgError } from '@tdkt/platform';
import { randomUUID } from 'node:crypto';
import { authorize } from '../access';
import { CAMPAIGNS, CampaignDirectory } from '../campaigns/campaign-directory';
import { receiptsIssued } from '../metrics';
import { ReceiptsRepository } from '../receipts/receipts.repository';
import { receiptView } from '../receipts/receipts.views';
import { step } from '../states';
import { SubmissionRow, SubmissionsRepository } from './submissions.repository';
import { factsOf, submissionView, summaryView } from './submissions.views';

const scopeOf = (s: SubmissionRow): SubmissionScope => ({
  unitId: s.unit_id,
  groupId: s.group_id,
  year: s.year,
});

/** The campaign is open for `kind` at `at` by the server's clock, else SUBMISSION_CAMPAIGN_CLOSED. */
function campaignOpen(kind: string, deadline: KindDeadline | null, at: Date): { late: boolean } {
  const timing = judgeTiming(deadline, at);
  if (!timing.accepted)
    throw AppError.of('SUBMISSION_CAMPAIGN_CLOSED', {
      kind,
      milestone: timing.milestoneCode,
      dueAt: timing.dueAt,
    });
  return timing;
}

/** Names of files, at most ten and a count of the rest. */
const listed = (names: string[]) => capProblems(names, (n) => `và ${n} tệp khác`, 10).join(', ');

/** Submissions: drafts, versions, submit with receipt, return and accept. */
@Injectable()
export class SubmissionsService {
  constructor(
    private readonly repo: SubmissionsRepository,
    private readonly receipts: ReceiptsRepository,
    @Inject(CAMPAIGNS) private readonly campaigns: CampaignDirectory,
  ) {}

  /** The submission, or SUBMISSION_NOT_FOUND (no access check: for work already authorised, e.g. a job). */
  async byId(id: string): Promise<SubmissionRow> {
    const s = await this.repo.find(id);
    if (!s) throw AppError.of('SUBMISSION_NOT_FOUND', { id });
    return s;
  }

  /** The submission, if the caller may prepare it (the unit's officers, the board). */
  async preparable(id: string, actor: ActorDto): Promise<SubmissionRow> {
    const s = await this.byId(id);
    authorize(actor, (grants) => mayPrepare(grants, scopeOf(s)));
    return s;
  }

  /**
   * The submission, if the caller may read it, or do what `may` judges instead (`mayDownload`:
   * fetch its files); and whether they see drafts.
   */
  async readable(
    id: string,
    actor: ActorDto,
    may: (grants: readonly Grant[], s: SubmissionScope, everSubmitted: boolean) => ReaderDecision = mayRead,
  ): Promise<{ s: SubmissionRow; drafts: boolean }> {
    const s = await this.byId(id);
    const { drafts } = authorize(actor, (grants) => may(grants, scopeOf(s), s.ever_submitted));
    return { s, drafts };
  }

  async view(s: SubmissionRow, drafts: boolean): Promise<SubmissionView> {
    const [versions, files] = await Promise.all([this.repo.versions(s.id), this.repo.filesByVersion(s.id)]);
    return submissionView(s, versions, files, drafts);
  }

  async create(r: CreateSubmissionRequest): Promise<SubmissionView> {
    const unitId = r.unitId ?? r.actor.unitId;
    if (!unitId) throw AppError.rule('unitId', 'unitRequired');
    // Who may prepare comes before the campaign is looked at (its deadlines, its members).
    const groupId = await this.campaigns.groupId(r.groupId);
    authorize(r.actor, (grants) => mayPrepare(grants, { unitId, groupId, year: r.year }));
    const ctx = await this.campaigns.get(r.groupId, r.year);
    if (!ctx.members.has(unitId)) throw AppError.of('SUBMISSION_UNIT_NOT_MEMBER', { year: r.year }, 'unitId');
    campaignOpen(r.kind, ctx.deadline(r.kind), new Date());
    let id: string;
    try {
      id = await this.repo.create({
        id: randomUUID(),
        campaignId: ctx.campaign.id,
        groupId: ctx.campaign.groupId,
        year: r.year,
        unitId,
        kind: r.kind,
        title: r.title ? nfc(r.title) : null,
        createdBy: r.actor.userId,
      });
    } catch (e) {
      const existing = await this.repo.findOne(ctx.campaign.id, unitId, r.kind);
      if (existing) throw AppError.of('SUBMISSION_ALREADY_EXISTS', { kind: r.kind, id: existing.id }, 'kind');
      throw mapPgError(e);
    }
    return this.view(await this.byId(id), true);
  }

  async get(r: SubmissionRequest): Promise<SubmissionView> {
    const { s, drafts } = await this.readable(r.id, r.actor);
    return this.view(s, drafts);
  }

  /**
   * A unit's own submissions (unit officers: their unit only), or anything for the board. Chairs
   * see their campaign through `intake.campaign.submissions`.
   */
  async list(r: ListSubmissionsRequest): Promise<Page<SubmissionSummary>> {
    const { unitId } = authorize(r.actor, (grants) => mayListSubmissions(grants, r.unitId, r.actor.unitId));
    const groupIds = r.groupId ? [await this.campaigns.groupId(r.groupId)] : undefined;
    const { rows, total } = await this.repo.list({ ...r, unitId, groupIds });
    return { items: rows.map(summaryView), total, limit: r.limit ?? 50, offset: r.offset ?? 0 };
  }

  /**
   * Seals the draft with a receipt. The hot path of the deadline peak: one batched read of what it
   * checks and one batched statement that writes version, receipt and event (SubmissionsRepository).
   */
  async submit(r: SubmitRequest): Promise<ReceiptView> {
    const f = await this.repo.factsForSubmit(r.id, r.idempotencyKey);
    if (!f) throw AppError.of('SUBMISSION_NOT_FOUND', { id: r.id });
    authorize(r.actor, (grants) => mayPrepare(grants, scopeOf(f)));
    // The same key again: the same receipt, nothing new.
    if (f.receipt) return receiptView(f.receipt, f);
    step(f.state, 'SUBMIT');
    // The server's clock decides, before anything else is looked at.
    const ctx = await this.campaigns.get(f.group_id, f.year);
    const at = new Date();
    const { late } = campaignOpen(f.kind, ctx.deadline(f.kind as SubmissionKind), at);
    const blockers = submitBlockers(f.files);
    if (blockers.verifying.length)
      throw AppError.of('SUBMISSION_FILES_VERIFYING', { files: listed(blockers.verifying) });
    if (blockers.unconfirmed.length)
      throw AppError.of('SUBMISSION_FILES_UNCONFIRMED', { files: listed(blockers.unconfirmed) });
    if (blockers.confirmed === 0) throw AppError.of('SUBMISSION_NO_FILES');
    const files = f.files.filter((x) => x.state === 'CONFIRMED');
    const receiptFiles = files.map((x) => ({
      fileId: x.id,
      name: x.name,
      contentType: x.content_type,
      size: Number(x.size),
      sha256: x.sha256.trim(),
    }));
    const event = makeEnvelope(
      IntakeEvents.submissionSubmitted,
      {
        ...factsOf(f, f.current_version),
        receiptNumber: '', // set by the statement from the number it issues
        submittedAt: at.toISOString(),
        submittedBy: r.actor.userId,
        late,
        files: files.map((x, i) => ({ ...receiptFiles[i], objectKey: x.object_key })),
      },
      at,
    );
    const number = await this.repo.seal({
      idempotencyKey: r.idempotencyKey,
      event,
      subject: publishSubject(IntakeEvents.submissionSubmitted, event.data),
    });
    if (!number) {
      // Lost a race: the same key answered by the winner, else the submission is no longer open.
      const again = await this.receipts.byKey(f.id, r.idempotencyKey);
      if (again) return receiptView(again, f);
      throw AppError.of('SUBMISSION_SUBMITTED_MEANWHILE');
    }
    receiptsIssued.inc({ kind: f.kind, late: String(late) });
    return receiptView(
      {
        number,
        campaign_id: f.campaign_id,
        submission_id: f.id,
        version: f.current_version,
        idempotency_key: r.idempotencyKey,
        issued_at: at,
        issued_by: r.actor.userId,
        late,
        files: receiptFiles,
      },
      f,
    );
  }

  /** Back to the member with a reason; a new draft version opens with the same files. */
  async returnForRevision(r: ReturnRequest): Promise<SubmissionView> {
    const reason = nfc(r.reason);
    if (reason.length < 3) throw AppError.rule('reason', 'reasonRequired', [3]);
    const at = new Date();
    await this.repo.locked(r.id, async (s, m) => {
      if (!s) throw AppError.of('SUBMISSION_NOT_FOUND', { id: r.id });
      authorize(r.actor, (grants) => mayReview(grants, s.group_id, s.year));
      step(s.state, 'RETURN');
      await this.repo.returnForRevision(
        m,
        makeEnvelope(
          IntakeEvents.submissionReturned,
          {
            ...factsOf(s, s.current_version),
            reason,
            returnedBy: r.actor.userId,
            returnedAt: at.toISOString(),
          },
          at,
        ),
      );
    });
    return this.get(r);
  }

  async accept(r: SubmissionRequest): Promise<SubmissionView> {
    const at = new Date();
    await this.repo.locked(r.id, async (s, m) => {
      if (!s) throw AppError.of('SUBMISSION_NOT_FOUND', { id: r.id });
      authorize(r.actor, (grants) => mayReview(grants, s.group_id, s.year));
      step(s.state, 'ACCEPT');
      await this.repo.accept(
        m,
        makeEnvelope(
          IntakeEvents.submissionAccepted,
          {
            ...factsOf(s, s.current_version),
            acceptedBy: r.actor.userId,
            acceptedAt: at.toISOString(),
            late: s.late,
          },
          at,
        ),
      );
    });
    return this.get(r);
  }
}

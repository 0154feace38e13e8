import { Inject, Injectable } from '@nestjs/common';
import {
  ActorDto,
  CampaignSubmissionsRequest,
  CampaignSubmissionsView,
  CreateSubmissionRequest,
  IntakeEvents,
  ListSubmissionsRequest,
  MemberSubmissionsRow,
  Page,
  ReceiptView,
  ReturnRequest,
  SubmissionKind,
  SubmissionRequest,
  SubmissionState,
  SubmissionSummary,
  SubmissionView,
  SubmitRequest,
  LatePolicy,
  publishSubject,
} from '@tdkt/contracts';
import {
  capProblems,
  Grant,
  judgeTiming,
  mayListCampaign,
  mayPrepare,
  mayRead,
  mayReview,
  nfc,
  SubmissionAction,
  transition,
} from '@tdkt/domain';
import { addToOutbox, allow, AppError, makeEnvelope, mapPgError } from '@tdkt/platform';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { CampaignDirectory } from '../campaigns/campaign-directory';
import { SCHEMA } from '../database/entities';
import { SubmissionRow, SubmissionsRepository } from './submissions.repository';
import { receiptsIssued } from '../metrics';
import { factsOf, receiptView, submissionView, summaryView } from './views';

export const CAMPAIGNS = Symbol('CAMPAIGNS');

export const grantsOf = (actor: ActorDto): Grant[] => actor.roles as Grant[];

export function step(state: string, action: SubmissionAction): SubmissionState {
  const t = transition(state as SubmissionState, action);
  if ('refused' in t) throw AppError.invalidState(t.refused);
  return t.to as SubmissionState;
}

const scopeOf = (s: SubmissionRow) => ({ unitId: s.unit_id, groupId: s.group_id, year: s.year });

/** Submissions: drafts, versions, submit with receipt, return and accept. */
@Injectable()
export class SubmissionsService {
  constructor(
    private readonly repo: SubmissionsRepository,
    @Inject(CAMPAIGNS) private readonly campaigns: CampaignDirectory,
  ) {}

  /**
   * The submission, or 404; and whether the caller may read it (403 otherwise), or do what `may`
   * judges instead (`mayDownload`: fetch its files).
   */
  async readable(
    id: string,
    actor: ActorDto,
    may: typeof mayRead = mayRead,
  ): Promise<{ s: SubmissionRow; drafts: boolean }> {
    const s = await this.repo.find(id);
    if (!s) throw AppError.notFound(`Không tìm thấy hồ sơ ${id}`);
    const d = may(grantsOf(actor), scopeOf(s), s.ever_submitted);
    allow(d);
    return { s, drafts: d.allowed && d.drafts === true };
  }

  async view(s: SubmissionRow, drafts: boolean): Promise<SubmissionView> {
    const [versions, files] = await Promise.all([this.repo.versions(s.id), this.repo.filesByVersion(s.id)]);
    return submissionView(s, versions, files, drafts);
  }

  async create(r: CreateSubmissionRequest): Promise<SubmissionView> {
    const unitId = r.unitId ?? r.actor.unitId;
    if (!unitId) throw AppError.field('unitId', 'is required (the caller has no unit of their own)');
    // Who may prepare comes before the campaign is looked at (its deadlines, its members).
    allow(
      mayPrepare(grantsOf(r.actor), {
        unitId,
        groupId: await this.campaigns.groupId(r.groupId),
        year: r.year,
      }),
    );
    const ctx = await this.campaigns.get(r.groupId, r.year);
    const groupId = ctx.campaign.groupId;
    if (!ctx.members.has(unitId)) throw AppError.field('unitId', `is not a member of the group in ${r.year}`);
    const timing = judgeTiming(ctx.deadline(r.kind), new Date());
    if (!timing.accepted)
      throw AppError.invalidState(`The campaign is closed for ${r.kind}: ${timing.reason}`);
    let id: string;
    try {
      id = await this.repo.create({
        id: randomUUID(),
        campaignId: ctx.campaign.id,
        groupId,
        year: r.year,
        unitId,
        kind: r.kind,
        title: r.title ? nfc(r.title) : null,
        createdBy: r.actor.userId,
      });
    } catch (e) {
      const existing = await this.repo.findOne(ctx.campaign.id, unitId, r.kind);
      if (existing)
        throw AppError.conflict(
          `This unit already has a ${r.kind} submission for this campaign (id ${existing.id}); add a new version to it`,
          'kind',
        );
      throw mapPgError(e);
    }
    return this.view((await this.repo.find(id)) as SubmissionRow, true);
  }

  async get(r: SubmissionRequest): Promise<SubmissionView> {
    const { s, drafts } = await this.readable(r.id, r.actor);
    return this.view(s, drafts);
  }

  /**
   * A unit's own submissions (unit officers: their unit only), or anything for the board. Chairs
   * see their campaign through `campaignSubmissions`.
   */
  async list(r: ListSubmissionsRequest): Promise<Page<SubmissionSummary>> {
    const grants = grantsOf(r.actor);
    const board = grants.some((g) => g.role === 'BOARD');
    let unitId = r.unitId;
    if (!board) {
      unitId ??= r.actor.unitId ?? undefined;
      if (!unitId) throw AppError.field('unitId', 'is required');
      allow(mayPrepare(grants, { unitId, groupId: '', year: 0 }));
    }
    const groupIds = r.groupId ? [await this.campaigns.groupId(r.groupId)] : undefined;
    const { rows, total } = await this.repo.list({ ...r, unitId, groupIds });
    return { items: rows.map(summaryView), total, limit: r.limit ?? 50, offset: r.offset ?? 0 };
  }

  async submit(r: SubmitRequest): Promise<ReceiptView> {
    const f = await this.repo.factsForSubmit(r.id, r.idempotencyKey);
    if (!f) throw AppError.notFound(`Không tìm thấy hồ sơ ${r.id}`);
    allow(mayPrepare(grantsOf(r.actor), scopeOf(f)));
    // The same key again: the same receipt, nothing new.
    if (f.receipt) return receiptView(f.receipt, f);
    step(f.state, 'SUBMIT');
    // The server's clock decides, before anything else is looked at.
    const ctx = await this.campaigns.get(f.group_id, f.year);
    const at = new Date();
    const timing = judgeTiming(ctx.deadline(f.kind as SubmissionKind), at);
    if (!timing.accepted)
      throw AppError.invalidState(`The campaign is closed for ${f.kind}: ${timing.reason}`);
    const pending = f.files.filter((x) => x.state === 'PENDING');
    if (pending.length)
      throw AppError.invalidState(
        `Files not confirmed yet: ${capProblems(
          pending.map((x) => x.name),
          (n) => `${n} more`,
          10,
        ).join(', ')} (confirm or remove them first)`,
      );
    const files = f.files.filter((x) => x.state === 'CONFIRMED');
    if (files.length === 0) throw AppError.invalidState('A submission needs at least one confirmed file');
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
        late: timing.late,
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
      const again = await this.repo.receiptByKey(f.id, r.idempotencyKey);
      if (again) return receiptView(again, f);
      throw AppError.invalidState(
        'The submission was submitted meanwhile; send a new version after a return',
      );
    }
    receiptsIssued.inc({ kind: f.kind, late: String(timing.late) });
    return receiptView(
      {
        number,
        campaign_id: f.campaign_id,
        submission_id: f.id,
        version: f.current_version,
        idempotency_key: r.idempotencyKey,
        issued_at: at,
        issued_by: r.actor.userId,
        late: timing.late,
        files: receiptFiles,
      },
      f,
    );
  }

  async receipts(r: SubmissionRequest): Promise<ReceiptView[]> {
    const { s } = await this.readable(r.id, r.actor);
    return (await this.repo.receipts(s.id)).map((x) => receiptView(x, s));
  }

  /** A reviewer's step: in one transaction, with the submission locked, allowed and in a state that permits it. */
  private review(
    r: SubmissionRequest,
    action: 'RETURN' | 'ACCEPT',
    apply: (m: EntityManager, s: SubmissionRow) => Promise<void>,
  ): Promise<void> {
    return this.repo.ds.transaction(async (m) => {
      const s = await this.repo.lock(m, r.id);
      if (!s) throw AppError.notFound(`Không tìm thấy hồ sơ ${r.id}`);
      allow(mayReview(grantsOf(r.actor), s.group_id, s.year));
      step(s.state, action);
      await apply(m, s);
    });
  }

  /** Back to the member with a reason; a new draft version opens with the same files. */
  async returnForRevision(r: ReturnRequest): Promise<SubmissionView> {
    const reason = nfc(r.reason);
    if (reason.length < 3) throw AppError.field('reason', 'must say why (at least 3 characters)');
    const at = new Date();
    await this.review(r, 'RETURN', async (m, s) => {
      const v = s.current_version;
      await m.query(
        `UPDATE ${SCHEMA}.submission_versions SET state = 'RETURNED', returned_reason = $3, returned_at = $4, returned_by = $5
         WHERE submission_id = $1 AND number = $2`,
        [s.id, v, reason, at, r.actor.userId],
      );
      await m.query(
        `INSERT INTO ${SCHEMA}.submission_versions (submission_id, number, state, created_at) VALUES ($1, $2, 'DRAFT', $3)`,
        [s.id, v + 1, at],
      );
      await m.query(
        `INSERT INTO ${SCHEMA}.version_files (submission_id, version, file_id)
         SELECT submission_id, $2, file_id FROM ${SCHEMA}.version_files WHERE submission_id = $1 AND version = $3`,
        [s.id, v + 1, v],
      );
      await m.query(
        `UPDATE ${SCHEMA}.submissions SET state = 'RETURNED', current_version = $2, updated_at = $3 WHERE id = $1`,
        [s.id, v + 1, at],
      );
      await addToOutbox(m, SCHEMA, [
        makeEnvelope(
          IntakeEvents.submissionReturned,
          {
            ...factsOf(s, v),
            reason,
            returnedBy: r.actor.userId,
            returnedAt: at.toISOString(),
          },
          at,
        ),
      ]);
    });
    return this.get(r);
  }

  async accept(r: SubmissionRequest): Promise<SubmissionView> {
    const at = new Date();
    await this.review(r, 'ACCEPT', async (m, s) => {
      await m.query(
        `UPDATE ${SCHEMA}.submission_versions SET state = 'ACCEPTED', accepted_at = $3, accepted_by = $4
         WHERE submission_id = $1 AND number = $2`,
        [s.id, s.current_version, at, r.actor.userId],
      );
      await m.query(`UPDATE ${SCHEMA}.submissions SET state = 'ACCEPTED', updated_at = $2 WHERE id = $1`, [
        s.id,
        at,
      ]);
      await addToOutbox(m, SCHEMA, [
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
      ]);
    });
    return this.get(r);
  }

  /** The chair's list: every member of the year, what it submitted, what is missing or late. */
  async campaignSubmissions(r: CampaignSubmissionsRequest): Promise<CampaignSubmissionsView> {
    // Who may see the list comes before the campaign is looked at.
    allow(mayListCampaign(grantsOf(r.actor), await this.campaigns.groupId(r.groupId), r.year));
    const ctx = await this.campaigns.get(r.groupId, r.year);
    const { campaign } = ctx;
    const rows = await this.repo.ofCampaign(campaign.id, r.kind);
    const now = new Date();
    const kinds = r.kind ? [r.kind] : ctx.expectedKinds;
    const deadlines = kinds.map((kind) => {
      const d = ctx.deadline(kind);
      return {
        kind,
        milestoneCode: d?.milestoneCode ?? '',
        dueAt: d?.dueAt ?? null,
        latePolicy: (d?.latePolicy ?? campaign.latePolicy) as LatePolicy,
      };
    });
    const byUnit = new Map<string, SubmissionSummary[]>();
    for (const row of rows) {
      const list = byUnit.get(row.unit_id) ?? [];
      list.push(summaryView(row));
      byUnit.set(row.unit_id, list);
    }
    const counts = {
      members: ctx.members.size,
      notSubmitted: 0,
      submitted: 0,
      returned: 0,
      accepted: 0,
      late: 0,
      overdue: 0,
    };
    const members: MemberSubmissionsRow[] = [...ctx.members.values()]
      .sort((a, b) => a.unitName.localeCompare(b.unitName, 'vi'))
      .map((m) => {
        const submissions = byUnit.get(m.unitId) ?? [];
        const have = new Set(submissions.map((x) => x.kind));
        const notSubmitted = kinds.filter((k) => !have.has(k));
        const overdue = notSubmitted.filter((k) => {
          const due = ctx.deadline(k)?.dueAt;
          return due !== null && due !== undefined && now.getTime() > Date.parse(due);
        });
        for (const x of submissions) {
          if (x.state === SubmissionState.SUBMITTED) counts.submitted += 1;
          else if (x.state === SubmissionState.RETURNED) counts.returned += 1;
          else if (x.state === SubmissionState.ACCEPTED) counts.accepted += 1;
          if (x.late) counts.late += 1;
        }
        counts.notSubmitted += notSubmitted.length;
        counts.overdue += overdue.length;
        return {
          unitId: m.unitId,
          unitName: m.unitName,
          subgroupId: m.subgroupId,
          submissions,
          notSubmitted,
          late: submissions.some((x) => x.late) || overdue.length > 0,
          overdue,
        };
      });
    return {
      campaignId: campaign.id,
      groupId: campaign.groupId,
      year: campaign.year,
      deadlines,
      counts,
      members,
    };
  }
}

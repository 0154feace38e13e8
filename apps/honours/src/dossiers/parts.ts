import { Inject, Injectable } from '@nestjs/common';
import {
  ActorDto,
  DocumentsRpc,
  DocumentType,
  DossierPartView,
  ErrorCode,
  HonoursView,
  IntakeRpc,
  ScoringRpc,
  SubmissionKind,
  SubmissionState,
  SubmissionSummary,
} from '@tdkt/contracts';
import { DOSSIER_PART_TITLES, DossierPartKind, Grant, mayManageDossiers } from '@tdkt/domain';
import { AppError, passOn, RpcCallError, RpcClient, SERVICE_RPC } from '@tdkt/platform';

/** The group-year and member a dossier's parts are gathered for. */
export interface PartsScope {
  groupId: string;
  year: number;
  memberUnitId: string;
}

const part = (
  kind: DossierPartKind,
  present: boolean,
  more: Partial<DossierPartView> = {},
): DossierPartView => ({
  kind,
  title: DOSSIER_PART_TITLES[kind],
  present,
  documentId: null,
  documentVersion: null,
  submissionId: null,
  receiptNumber: null,
  note: null,
  ...more,
});

/** Submitted (or accepted): what a dossier can carry; a returned report must be sent again. */
const isSent = (x: SubmissionSummary) =>
  x.state === SubmissionState.SUBMITTED || x.state === SubmissionState.ACCEPTED;

/** A remote 404 means "not there" (a missing part); anything else is passed on (403, 503, 504…). */
const absent = (e: unknown): null => {
  if (e instanceof RpcCallError && e.body.code === ErrorCode.NOT_FOUND) return null;
  throw passOn(e);
};

/**
 * Asks the other services, on behalf of the caller, for the parts of a dossier: the proposal
 * letter and the minutes (the documents service's latest PDF versions of the group-year), the
 * ranking (scoring: the group-year locked and ranked), the member's achievement report (intake:
 * an ACHIEVEMENT_REPORT submission of that unit in the group-year's campaign, submitted or
 * accepted). Every request has the service's RPC timeout.
 */
@Injectable()
export class DossierParts {
  constructor(@Inject(SERVICE_RPC) private readonly rpc: RpcClient) {}

  /** Scoring's honours of a locked group-year (a 409 from scoring: not locked yet). */
  async honours(actor: ActorDto, groupId: string, year: number): Promise<HonoursView> {
    try {
      return await this.rpc.request(ScoringRpc.honoursGet, { actor, groupId, year });
    } catch (e) {
      if (e instanceof RpcCallError && e.body.code === ErrorCode.INVALID_STATE)
        throw AppError.of('DOSSIER_HONOURS_NOT_READY', { year, detail: e.body.message });
      throw passOn(e);
    }
  }

  /** Every part, in the listed order. */
  async gather(actor: ActorDto, s: PartsScope): Promise<DossierPartView[]> {
    const [shared, report] = await Promise.all([
      this.groupParts(actor, s.groupId, s.year),
      this.achievementReport(actor, s),
    ]);
    return [...shared, report];
  }

  /** The parts every dossier of the group-year shares: proposal letter, minutes, ranking. */
  groupParts(actor: ActorDto, groupId: string, year: number): Promise<DossierPartView[]> {
    const s = { groupId, year };
    return Promise.all([
      this.document(actor, s, DocumentType.PROPOSAL, DossierPartKind.PROPOSAL_LETTER),
      this.document(actor, s, DocumentType.MINUTES, DossierPartKind.MINUTES),
      this.ranking(actor, s),
    ]);
  }

  private async document(
    actor: ActorDto,
    s: Omit<PartsScope, 'memberUnitId'>,
    type: DocumentType,
    kind: DossierPartKind,
  ): Promise<DossierPartView> {
    const v = await this.rpc
      .request(DocumentsRpc.versions, { actor, type, groupId: s.groupId, year: s.year })
      .catch(absent);
    const latest = v?.versions[0];
    if (!latest) return part(kind, false, { note: 'Chưa được lập (chưa in từ hệ thống)' });
    return part(kind, true, {
      documentId: latest.id,
      documentVersion: latest.version,
      note: latest.fileName,
    });
  }

  private async ranking(actor: ActorDto, s: Omit<PartsScope, 'memberUnitId'>): Promise<DossierPartView> {
    const state = await this.rpc
      .request(ScoringRpc.groupYearGet, { actor, groupId: s.groupId, year: s.year })
      .catch(absent);
    if (!state?.locked)
      return part(DossierPartKind.RANKING, false, { note: 'Kết quả chấm điểm chưa được khóa' });
    return part(DossierPartKind.RANKING, true, { note: 'Kết quả đã khóa, xếp hạng đã thống nhất' });
  }

  /**
   * The member's achievement report: a member reading its own dossier lists its own submissions
   * (even when it leads another group or year); the chair, vice-chair of that group-year and the
   * board read the campaign's list of who submitted (intake lets them
   * see submitted ones only, which is what a dossier needs).
   */
  async achievementReport(actor: ActorDto, s: PartsScope): Promise<DossierPartView> {
    return (await this.achievementReports(actor, s.groupId, s.year, [s.memberUnitId]))[0];
  }

  /** The achievement report part of each of these members (one request to intake for a reviewer). */
  async achievementReports(
    actor: ActorDto,
    groupId: string,
    year: number,
    unitIds: string[],
  ): Promise<DossierPartView[]> {
    // The campaign's list only for the board or a leader of THIS group-year: an officer who leads
    // another group or year (e.g. next year's chair) reads its own unit's submissions.
    const manager = mayManageDossiers(actor.roles as Grant[], { groupId, year }).allowed;
    const own = unitIds.every((u) => actor.roles.some((g) => g.role === 'UNIT_OFFICER' && g.unitId === u));
    let sent: Map<string, SubmissionSummary>;
    if (own && !manager) {
      const pages = await Promise.all(
        unitIds.map((unitId) =>
          this.rpc
            .request(IntakeRpc.submissionList, {
              actor,
              groupId,
              year,
              unitId,
              kind: SubmissionKind.ACHIEVEMENT_REPORT,
              limit: 20,
              offset: 0,
            })
            .catch(absent),
        ),
      );
      sent = new Map(
        pages.flatMap((p) => (p?.items ?? []).filter(isSent).map((x) => [x.unitId, x] as const)),
      );
    } else {
      const campaign = await this.rpc
        .request(IntakeRpc.campaignSubmissions, {
          actor,
          groupId,
          year,
          kind: SubmissionKind.ACHIEVEMENT_REPORT,
        })
        .catch(absent);
      sent = new Map(
        (campaign?.members ?? []).flatMap((m) =>
          m.submissions
            .filter((x) => x.kind === SubmissionKind.ACHIEVEMENT_REPORT && isSent(x))
            .map((x) => [m.unitId, x] as const),
        ),
      );
    }
    return unitIds.map((u) => {
      const x = sent.get(u);
      if (!x)
        return part(DossierPartKind.ACHIEVEMENT_REPORT, false, {
          note: 'Đơn vị chưa gửi báo cáo thành tích',
        });
      return part(DossierPartKind.ACHIEVEMENT_REPORT, true, {
        submissionId: x.id,
        receiptNumber: x.receiptNumber,
        note: x.late ? 'Gửi muộn' : null,
      });
    });
  }
}

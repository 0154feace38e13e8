import { Inject, Injectable } from '@nestjs/common';
import {
  ActorDto,
  CampaignView,
  ConferenceView,
  DocumentType,
  GroupView,
  HonoursView,
  LeadershipView,
  MEMBERS_PAGE_MAX,
  NominationView,
  MembersView,
  RANKING_PAGE_MAX,
  RankingView,
  RenderDocumentRequest,
  SchemeView,
  SectionView,
  SubgroupView,
  TieBreakView,
  UnitView,
  YEAR_MAX,
} from '@tdkt/contracts';
import { todayInVietnam, VN_TIME_ZONE } from '@tdkt/domain';
import {
  AppError,
  InjectConfig,
  passOn,
  REGISTRY_CLIENT,
  RegistryClient,
  RpcCallError,
} from '@tdkt/platform';
import { DocumentsConfig } from '../config';
import { dateShort, pad2 } from '../templates/format';
import type {
  AwardStatistics,
  Conference,
  ConferencePlanData,
  DocumentData,
  Duty,
  DocumentHead,
  GroupReportData,
  GroupYear,
  HonourProposal,
  HonourUndecided,
  InvitationData,
  LeadUnit,
  MemberScores,
  MinutesData,
  Nomination,
  ProposalData,
  RankingBlock,
  ReceiptData,
  ResultsTableData,
  ScoreSection,
  Signer,
} from '../templates';
import {
  AWARDS_CLIENT,
  AwardsClient,
  INTAKE_RECEIPTS_CLIENT,
  IntakeReceiptsClient,
  SCORING_CLIENT,
  ScoringClient,
} from './clients';

/** Who may read a document (checked by the documents policy, stored with each file). */
export type DocumentScope =
  | { kind: 'group'; groupId: string; year: number; memberUnitIds: string[] }
  | { kind: 'receipt'; unitId: string; groupId: string; year: number };

/** A subject resolved: its key, its scope, and (later) its data. */
export interface ResolvedSubject {
  type: DocumentType;
  subjectKey: string;
  scope: DocumentScope;
}

export interface Gathered<T extends DocumentType = DocumentType> extends ResolvedSubject {
  data: DocumentData[T];
}

const ORGANISER = {
  CENTRAL_COUNCIL: 'Hội đồng Thi đua - Khen thưởng Trung ương',
  PROVINCIAL_COUNCIL: 'Hội đồng Thi đua - Khen thưởng tỉnh',
} as const;

const TYPE_WORDS: Record<DocumentType, string> = {
  [DocumentType.CONFERENCE_PLAN]: 'Kế hoạch tổ chức hội nghị',
  [DocumentType.GROUP_REPORT]: 'Báo cáo tổng kết',
  [DocumentType.MINUTES]: 'Biên bản hội nghị trù bị',
  [DocumentType.INVITATION]: 'Giấy mời',
  [DocumentType.PROPOSAL]: 'Tờ trình đề nghị khen thưởng',
  [DocumentType.RECEIPT]: 'Phiếu tiếp nhận',
  [DocumentType.RESULTS_TABLE]: 'Bảng tổng hợp kết quả chấm điểm',
};

const SYMBOL: Record<DocumentType, string> = {
  [DocumentType.CONFERENCE_PLAN]: 'KH',
  [DocumentType.GROUP_REPORT]: 'BC',
  [DocumentType.MINUTES]: 'BB',
  [DocumentType.INVITATION]: 'GM',
  [DocumentType.PROPOSAL]: 'TTr',
  [DocumentType.RECEIPT]: 'PTN',
  [DocumentType.RESULTS_TABLE]: 'BTH',
};

const KIND_WORDS: Record<string, string> = {
  SELF_SCORE: 'Bảng tự chấm điểm',
  ANNUAL_REPORT: 'Báo cáo tổng kết năm',
  SIX_MONTH_REPORT: 'Báo cáo sơ kết 6 tháng',
  ACHIEVEMENT_REPORT: 'Báo cáo thành tích',
  EVIDENCE: 'Tài liệu minh chứng',
};

/** A tie-break rule in words (what the minutes and the proposal print). */
function tieBreakWords(t: TieBreakView, sections: Map<string, string>): string {
  if (t.kind === 'MORE_AT_MAXIMUM') return 'nhiều tiêu chí đạt điểm tối đa hơn';
  if (t.kind === 'SECTION') return `điểm phần "${sections.get(t.section) ?? t.section}" cao hơn`;
  return `điểm tiêu chí ${t.criterion} cao hơn`;
}

/** The domain's English reason (ranking.ts `describeTieBreak`) in Vietnamese. */
function aheadWords(s: string | null, sections: Map<string, string>): string | null {
  if (!s) return null;
  if (s === 'higher total') return 'tổng điểm cao hơn';
  if (s === 'more criteria at maximum') return 'nhiều tiêu chí đạt điểm tối đa hơn';
  let m = /^higher total in section (.+)$/.exec(s);
  if (m) return `điểm phần "${sections.get(m[1]) ?? m[1]}" cao hơn`;
  m = /^higher score in criterion (.+)$/.exec(s);
  if (m) return `điểm tiêu chí ${m[1]} cao hơn`;
  return s;
}

/** A province's leadership as printed ("UBND tỉnh Bình Định"). */
function bodyOf(u: UnitView): string {
  if (u.kind === 'PROVINCE') return `UBND tỉnh ${u.name}`;
  if (u.kind === 'CITY') return `UBND thành phố ${u.name}`;
  return u.name;
}

function placeOf(u: UnitView): string {
  return u.name;
}

const VN_CLOCK = new Intl.DateTimeFormat('en-GB', {
  timeZone: VN_TIME_ZONE,
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** An instant's time of day in Vietnam: "08 giờ 00" (the plan's way) or "08h00" (a programme's). */
function clockOf(instant: string, short = false): string {
  const [h, m] = VN_CLOCK.format(new Date(instant)).split(':');
  return short ? `${h}h${m}` : `${h} giờ ${m}`;
}

/** A conference's invitees as the plan lists them: under their role, in the order given. */
function participantsOf(c: ConferenceView): { label: string; items: string[] }[] {
  const groups = new Map<string, string[]>();
  for (const i of c.invitees) {
    const label = i.role ?? 'Khách mời';
    const item = i.unit && !i.title.includes(i.unit.name) ? `${i.title} (${i.unit.name})` : i.title;
    groups.set(label, [...(groups.get(label) ?? []), item]);
  }
  return [...groups].map(([label, items]) => ({ label, items }));
}

/** "Cụm trưởng"/"Cụm phó" (a block: "Trưởng khối"/"Phó trưởng khối"). */
function leaderWords(gy?: GroupYear): { chair: string; vice: string; group: string } {
  return gy?.kind === 'BLOCK'
    ? { chair: 'Trưởng khối', vice: 'Phó trưởng khối', group: 'Khối thi đua' }
    : { chair: 'Cụm trưởng', vice: 'Cụm phó', group: 'Cụm thi đua' };
}

/** A unit named in a conference as printed: a member's body ("UBND tỉnh Bình Định"), else its name. */
function unitWords(u: { id: string; name: string }, gy?: GroupYear): string {
  return gy?.members.find((m) => m.id === u.id)?.fullName ?? u.name;
}

/**
 * Seed 000 §IV as the chair planned it with the conferences: one heading per unit — the chair's,
 * the vice-chair's, each other unit's in the members' order, then every member's — each duty with
 * its due date (stated, or counted from its conference). None planned: undefined (the template
 * writes the seed's duties with the milestones' dates).
 */
export function dutiesOf(planned: readonly ConferenceView[], gy: GroupYear): { duties: Duty[] } | undefined {
  const w = leaderWords(gy);
  const headings = new Map<string, { rank: number; heading: string; items: string[] }>();
  const order = new Map(gy.members.map((m, i) => [m.id, i]));
  const add = (key: string, rank: number, heading: string, item: string) => {
    const h = headings.get(key) ?? { rank, heading, items: [] };
    h.items.push(item);
    headings.set(key, h);
  };
  for (const c of [...planned].sort((a, b) => (a.kind === b.kind ? 0 : a.kind === 'PREPARATORY' ? -1 : 1))) {
    const at = c.kind === 'PREPARATORY' ? 'Hội nghị trù bị' : 'Hội nghị tổng kết';
    for (const d of c.duties) {
      const text = /[.;]$/.test(d.text.trim()) ? d.text.trim().slice(0, -1) : d.text.trim();
      // Undated: the offset, unless the text already says it ("sau Hội nghị tổng kết 07 ngày").
      const days = d.offsetDays === null ? null : Math.abs(d.offsetDays);
      const due = d.dueOn
        ? ` (thời hạn: ${dateShort(d.dueOn)})`
        : days !== null && !new RegExp(`\\b0*${days} ngày`).test(text)
          ? ` (${pad2(days)} ngày ${(d.offsetDays as number) < 0 ? 'trước' : 'sau'} ${at})`
          : '';
      const item = `${text}${due}.`;
      const unitId = d.unit?.id ?? null;
      if (d.holder === 'CHAIR' || (unitId && unitId === gy.chair?.unitId))
        add('CHAIR', 0, gy.chair ? `${gy.chair.name} - Đơn vị ${w.chair}` : `Đơn vị ${w.chair}`, item);
      else if (d.holder === 'VICE_CHAIR' || (unitId && unitId === gy.viceChair?.unitId))
        add(
          'VICE_CHAIR',
          1,
          gy.viceChair ? `${gy.viceChair.name} - Đơn vị ${w.vice}` : `Đơn vị ${w.vice}`,
          item,
        );
      else if (d.unit)
        add(d.unit.id, 2 + (order.get(d.unit.id) ?? gy.members.length), unitWords(d.unit, gy), item);
      else add('MEMBERS', 3 + gy.members.length, `Các đơn vị trong ${w.group}`, item);
    }
  }
  if (headings.size === 0) return undefined;
  return {
    duties: [...headings.values()]
      .sort((a, b) => a.rank - b.rank)
      .map(({ heading, items }) => ({ heading, items })),
  };
}

function maxOf(s: SectionView): number {
  let total = 0;
  for (const c of s.children) {
    if (c.type === 'SECTION') total += maxOf(c);
    else if (c.method.kind !== 'PENALTY') total += c.max;
  }
  return total;
}

function criteriaOf(s: SectionView, out: string[] = []): string[] {
  for (const c of s.children) {
    if (c.type === 'SECTION') criteriaOf(c, out);
    else out.push(c.code);
  }
  return out;
}

/**
 * Builds each template's data from the services that own it (registry, scoring, awards, intake),
 * over NATS only, on behalf of the caller (their grants go with every read, so each service
 * applies its own rules too). A subject that does not exist is a 4xx naming the field; minutes and
 * the proposal before the results are locked are a 409 with the reason.
 */
@Injectable()
export class DataGatherer {
  constructor(
    @Inject(REGISTRY_CLIENT) private readonly registry: RegistryClient,
    @Inject(SCORING_CLIENT) private readonly scoring: ScoringClient,
    @Inject(AWARDS_CLIENT) private readonly awards: AwardsClient,
    @Inject(INTAKE_RECEIPTS_CLIENT) private readonly intake: IntakeReceiptsClient,
    @InjectConfig() private readonly config: DocumentsConfig,
  ) {}

  /** The subject's key and who may read it (no document data read yet). */
  async resolve(
    r: RenderDocumentRequest,
  ): Promise<ResolvedSubject & { group?: GroupView; members?: MembersView }> {
    if (r.type === DocumentType.RECEIPT) {
      const submissionId = required(r, 'submissionId');
      const version = required(r, 'version');
      const receipt = await this.call('hồ sơ', submissionId, 'submissionId', () =>
        this.intake.forDocument({ submissionId, version, actor: r.actor }),
      );
      return {
        type: r.type,
        subjectKey: `receipt:${receipt.submissionId}:${receipt.version}`,
        scope: { kind: 'receipt', unitId: receipt.unitId, groupId: receipt.groupId, year: receipt.year },
      };
    }
    const groupRef = required(r, 'groupId');
    const year = required(r, 'year');
    const group = await this.call('cụm, khối', groupRef, 'groupId', () =>
      this.registry.groupGet({ id: groupRef }),
    );
    const members = await this.members(group.id, year);
    const scope: DocumentScope = {
      kind: 'group',
      groupId: group.id,
      year,
      memberUnitIds: members.members.map((m) => m.unit.id),
    };
    if (r.type === DocumentType.INVITATION) {
      const conference = required(r, 'conference');
      const unitRef = required(r, 'unitId');
      const unit = await this.call('đơn vị', unitRef, 'unitId', () => this.registry.unitGet({ id: unitRef }));
      if (!members.members.some((m) => m.unit.id === unit.id))
        throw AppError.of('DOCUMENT_UNIT_NOT_MEMBER', { unit: unit.name, year }, 'unitId');
      return {
        type: r.type,
        subjectKey: `invitation:${group.id}:${year}:${conference}:${unit.id}`,
        scope,
        group,
        members,
      };
    }
    return { type: r.type, subjectKey: `group:${group.id}:${year}`, scope, group, members };
  }

  /** The template's data for a resolved subject. */
  async gather(
    r: RenderDocumentRequest,
    s: ResolvedSubject & { group?: GroupView; members?: MembersView },
  ): Promise<DocumentData[DocumentType]> {
    const today = todayInVietnam();
    if (r.type === DocumentType.RECEIPT) return this.receipt(r, today);
    const group = s.group as GroupView;
    const members = s.members as MembersView;
    const year = r.year as number;
    const actor = r.actor;
    const [subgroups, leadership, campaign] = await Promise.all([
      this.registry.subgroupList({ id: group.id }),
      this.registry.leadershipGet({ groupId: group.id, year }),
      this.registry.campaignGet({ groupId: group.id, year }).catch((e) => {
        if (e instanceof RpcCallError && e.body.code === 'NOT_FOUND') return null;
        throw passOn(e);
      }),
    ]);
    const gy = await this.groupYear(group, year, members, subgroups, leadership);
    const head = this.head(r.type, gy, leadership, today);
    const signer = this.signer(gy, leadership);
    const recipients = this.recipients(r.type, gy);
    switch (r.type) {
      case DocumentType.CONFERENCE_PLAN: {
        const planned = await this.plannedConferences(group.id, year, actor);
        const data: ConferencePlanData = {
          head,
          recipients,
          signer,
          group: gy,
          bases: [
            `Quy chế tổ chức hoạt động và bình xét thi đua của ${gy.name}`,
            `Giao ước thi đua năm ${year} giữa các đơn vị trong ${gy.name}`,
          ],
          preparatory: this.conference('PREPARATORY', campaign, leadership, planned, gy),
          official: this.conference('OFFICIAL', campaign, leadership, planned, gy),
          milestones: (campaign?.milestones ?? []).map((m) => ({ label: m.title, date: m.dueOn })),
          // The duties as the chair planned them with the conferences (else the seed's, in the template).
          ...(dutiesOf(planned, gy) ?? {}),
        };
        return data;
      }
      case DocumentType.INVITATION: {
        const unit = await this.registry.unitGet({ id: r.unitId as string });
        const data: InvitationData = {
          head,
          recipients: [`Như trên`, `Lưu: VT, ${gy.shortName ?? 'Cụm'}`],
          signer,
          group: gy,
          conference: this.conference(
            r.conference as 'PREPARATORY' | 'OFFICIAL',
            campaign,
            leadership,
            await this.plannedConferences(group.id, year, actor),
            gy,
          ),
          addressee: `Lãnh đạo ${bodyOf(unit)}`,
        };
        return data;
      }
      case DocumentType.MINUTES:
      case DocumentType.PROPOSAL: {
        const state = await this.scoring.groupYearGet({ groupId: group.id, year, actor }).catch((e) => {
          throw passOn(e);
        });
        if (!state.locked)
          throw AppError.of('DOCUMENT_RESULTS_NOT_LOCKED', { document: TYPE_WORDS[r.type], year });
        const results = await this.results(group.id, year, actor, true);
        const lockedAt = [...state.history].reverse().find((h) => h.action === 'LOCK')?.at ?? null;
        if (r.type === DocumentType.MINUTES) {
          const chairUnit = leadership.chair?.unit;
          const next =
            year < YEAR_MAX
              ? await this.registry.leadershipGet({ groupId: group.id, year: year + 1 }).catch(() => null)
              : null;
          const nominated = await this.nominated(group.id, year, actor);
          const planned = await this.plannedConferences(group.id, year, actor);
          // Who came, when the preparatory conference's attendance is recorded (else every member).
          const attendance = planned.find((c) => c.kind === 'PREPARATORY')?.attendance ?? [];
          const came = new Map(attendance.filter((a) => a.present).map((a) => [a.unit.id, a.representative]));
          const data: MinutesData = {
            head: { ...head, date: lockedAt ? todayInVietnam(new Date(lockedAt)) : today },
            group: gy,
            conference: this.conference('PREPARATORY', campaign, leadership, planned, gy),
            chairPerson: { name: null, position: 'Cụm trưởng', unit: chairUnit ? bodyOf(chairUnit) : null },
            secretary: {
              name: null,
              position: 'Thư ký hội nghị',
              unit: chairUnit ? bodyOf(chairUnit) : null,
            },
            attendees: gy.members
              .filter((m) => attendance.length === 0 || came.has(m.id))
              .map((m) => {
                const who = came.get(m.id);
                return { unit: m.fullName ?? m.name, people: who ? [{ name: null, position: who }] : [] };
              }),
            // Members the recorded attendance does not show present (none recorded: everyone came).
            ...(attendance.length > 0 && gy.members.some((m) => !came.has(m.id))
              ? { absentMemberIds: gy.members.filter((m) => !came.has(m.id)).map((m) => m.id) }
              : {}),
            ...results,
            // Nominated for next year: as the preparatory conference nominated them (issue 15), else
            // the registry's leadership of year + 1, when recorded.
            nextChair:
              nominated.chair?.lead ??
              (next?.chair ? { unitId: next.chair.unit.id, name: bodyOf(next.chair.unit) } : null),
            nextViceChair:
              nominated.viceChair?.lead ??
              (next?.viceChair
                ? { unitId: next.viceChair.unit.id, name: bodyOf(next.viceChair.unit) }
                : null),
            ...(nominated.chair || nominated.viceChair
              ? {
                  nominations: {
                    chair: nominated.chair?.how ?? null,
                    viceChair: nominated.viceChair?.how ?? null,
                  },
                }
              : {}),
            lockedAt,
          };
          return data;
        }
        const data: ProposalData = {
          head,
          recipients,
          signer,
          group: gy,
          addressee: gy.organiser,
          bases: [
            'Luật Thi đua, khen thưởng số 06/2022/QH15 ngày 15/6/2022',
            'Nghị định số 98/2023/NĐ-CP ngày 31/12/2023 của Chính phủ quy định chi tiết thi hành một số điều của Luật Thi đua, khen thưởng',
            `Kết quả chấm điểm, bình xét thi đua năm ${year} của ${gy.name} (đã khóa)`,
          ],
          ...results,
        };
        return data;
      }
      case DocumentType.GROUP_REPORT: {
        const results = await this.results(group.id, year, actor, true);
        const data: GroupReportData = {
          head,
          recipients,
          signer,
          group: gy,
          period: 'YEAR',
          ...results,
          awards: await this.awardStatistics(gy, actor),
        };
        return data;
      }
      case DocumentType.RESULTS_TABLE: {
        const results = await this.results(group.id, year, actor, false);
        const state = await this.scoring.groupYearGet({ groupId: group.id, year, actor }).catch((e) => {
          throw passOn(e);
        });
        const data: ResultsTableData = {
          head,
          recipients,
          signer,
          group: gy,
          sections: results.sections,
          scores: results.scores,
          rankings: results.rankings,
          locked: state.locked,
          asOf: await this.asOf(group.id, year, actor, state, today),
        };
        return data;
      }
      default:
        throw AppError.of('DOCUMENT_TEMPLATE_MISSING', { type: r.type }, 'type');
    }
  }

  private async receipt(r: RenderDocumentRequest, today: string): Promise<ReceiptData> {
    const x = await this.intake.forDocument({
      submissionId: r.submissionId as string,
      version: r.version as number,
      actor: r.actor,
    });
    const [unit, group, campaign] = await Promise.all([
      this.registry.unitGet({ id: x.unitId }),
      this.registry.groupGet({ id: x.groupId }),
      this.registry.campaignGet({ groupId: x.groupId, year: x.year }).catch(() => null),
    ]);
    const base = this.config.PUBLIC_BASE_URL.replace(/\/$/, '');
    // Issued where the organiser sits: a province's council, or the central one (Hà Nội).
    const organiser =
      group.organiserKind === 'PROVINCIAL_COUNCIL' && group.organiserUnitId
        ? await this.registry.unitGet({ id: group.organiserUnitId }).catch(() => null)
        : null;
    return {
      head: {
        issuer: { parent: ORGANISER[group.organiserKind], name: group.name },
        number: null,
        symbol: `${SYMBOL[DocumentType.RECEIPT]}-${shortOf(group)}`,
        place: organiser?.name ?? 'Hà Nội',
        date: todayInVietnam(new Date(x.issuedAt)) ?? today,
      },
      receiptNumber: x.receiptNumber,
      receivedAt: x.issuedAt,
      unit: { id: unit.id, name: unit.name },
      campaign: {
        id: x.campaignId,
        name: campaign?.title ?? `Giao ước thi đua năm ${x.year}`,
        groupName: group.name,
        year: x.year,
      },
      kind: { code: x.kind, label: KIND_WORDS[x.kind] ?? x.kind },
      version: x.version,
      late: x.late,
      files: x.files.map((f) => ({
        name: f.name,
        size: f.size,
        sha256: f.sha256,
        contentType: f.contentType,
      })),
      verificationCode: x.verificationCode,
      verifyUrl: `${base}/api/v1/receipts/verify/${x.verificationCode}`,
      signer: { authority: null, position: 'NƠI TIẾP NHẬN', signerTitle: null, name: null },
    };
  }

  private async groupYear(
    group: GroupView,
    year: number,
    members: MembersView,
    subgroups: SubgroupView[],
    leadership: LeadershipView,
  ): Promise<GroupYear> {
    let organiser: string = ORGANISER[group.organiserKind];
    if (group.organiserKind === 'PROVINCIAL_COUNCIL' && group.organiserUnitId) {
      const u = await this.registry.unitGet({ id: group.organiserUnitId }).catch(() => null);
      if (u) organiser = `${organiser} ${u.name}`;
    }
    // A unit may hold two memberships in a year (moved subgroup): printed once, latest subgroup.
    const seen = new Map<string, GroupYear['members'][number]>();
    for (const m of members.members)
      seen.set(m.unit.id, {
        id: m.unit.id,
        name: m.unit.name,
        fullName: bodyOf(m.unit),
        subgroupId: m.subgroup?.id ?? null,
      });
    const lead = (l: LeadershipView['chair']) => (l ? { unitId: l.unit.id, name: bodyOf(l.unit) } : null);
    return {
      id: group.id,
      name: group.name,
      shortName: shortOf(group),
      kind: group.kind,
      year,
      organiser,
      members: [...seen.values()],
      subgroups: subgroups.map((s) => ({ id: s.id, name: s.name })),
      chair: lead(leadership.chair),
      viceChair: lead(leadership.viceChair),
    };
  }

  private head(type: DocumentType, gy: GroupYear, leadership: LeadershipView, today: string): DocumentHead {
    const chair = leadership.chair?.unit;
    return {
      issuer: { parent: chair ? bodyOf(chair) : gy.organiser, name: gy.name },
      number: null,
      symbol: `${SYMBOL[type]}-${gy.shortName}`,
      place: chair ? placeOf(chair) : 'Hà Nội',
      date: today,
    };
  }

  private signer(gy: GroupYear, leadership: LeadershipView): Signer {
    const word = gy.kind === 'BLOCK' ? 'KHỐI' : 'CỤM';
    const chair = leadership.chair?.unit;
    return {
      authority: `TM. ${word} THI ĐUA`,
      position: `${word} TRƯỞNG`,
      signerTitle: chair ? `CHỦ TỊCH ${bodyOf(chair).toLocaleUpperCase('vi')}` : null,
      name: null,
    };
  }

  private recipients(type: DocumentType, gy: GroupYear): string[] {
    const members = gy.kind === 'BLOCK' ? 'Các đơn vị trong Khối thi đua' : 'Các tỉnh trong Cụm thi đua';
    const lines =
      type === DocumentType.PROPOSAL
        ? [gy.organiser, 'Ban Thi đua - Khen thưởng Trung ương']
        : ['Ban Thi đua - Khen thưởng Trung ương', members];
    return [...lines, `Lưu: VT, ${gy.shortName}`];
  }

  /**
   * A conference as the documents print it: as the group-year's chair planned it in the registry
   * (issue 15: time, place, programme, invitees), else from the campaign's milestone and the
   * chair's province, with the seed's wording for the rest (the templates' defaults).
   */
  private conference(
    kind: 'PREPARATORY' | 'OFFICIAL',
    campaign: CampaignView | null,
    leadership: LeadershipView,
    planned: readonly ConferenceView[] = [],
    gy?: GroupYear,
  ): Conference {
    const code = kind === 'PREPARATORY' ? 'preparatory-conference' : 'official-conference';
    const m = campaign?.milestones.find((x) => x.code === code);
    const host = leadership.chair?.unit;
    const c = planned.find((x) => x.kind === kind);
    const date = c?.date ?? m?.startsOn ?? m?.dueOn ?? null;
    return {
      kind,
      date,
      endDate: c?.lastDay && c.lastDay !== c.date ? c.lastDay : null,
      startTime: c?.startsAt ? clockOf(c.startsAt) : null,
      timeText: date ? null : (m?.title ?? null),
      place: c?.place ?? (host ? `tỉnh ${host.name}` : null),
      host: c?.hostUnit ? unitWords(c.hostUnit, gy) : host ? bodyOf(host) : null,
      ...(c?.chairs.length
        ? {
            chairs: c.chairs.map(
              (x) =>
                `${unitWords(x.unit, gy)} - ${x.role === 'CHAIR' ? leaderWords(gy).chair : leaderWords(gy).vice}`,
            ),
          }
        : {}),
      ...(c?.programme.length
        ? {
            programme: [...c.programme]
              .sort((a, b) => a.order - b.order)
              .map((i) => ({
                time: i.at ? clockOf(i.at, true) : null,
                text: i.title,
                by: i.presenter ?? i.presenterUnit?.name ?? null,
              })),
          }
        : {}),
      ...(c?.invitees.length ? { participants: participantsOf(c) } : {}),
    };
  }

  /** Next year's chair and vice-chair as the preparatory conference nominated them (none: null). */
  private async nominated(
    groupId: string,
    year: number,
    actor: ActorDto,
  ): Promise<Record<'chair' | 'viceChair', { lead: LeadUnit; how: Nomination } | null>> {
    const n = await this.registry.nominationsGet({ groupId, year, actor }).catch((e) => {
      if (e instanceof RpcCallError && (e.body.code === 'NOT_FOUND' || e.body.code === 'FORBIDDEN'))
        return null;
      throw passOn(e);
    });
    const names = new Map<string, string>();
    const nameOf = async (id: string) => {
      if (!names.has(id)) names.set(id, bodyOf(await this.registry.unitGet({ id })));
      return names.get(id) as string;
    };
    const one = async (x: NominationView | null | undefined) => {
      if (!x) return null;
      const candidates: Nomination['candidates'] = [];
      for (const c of x.candidates) candidates.push({ name: await nameOf(c.unit.id), votes: c.votes });
      return {
        lead: { unitId: x.unit.id, name: await nameOf(x.unit.id) },
        how: { method: x.method, candidates },
      };
    };
    return { chair: await one(n?.chair), viceChair: await one(n?.viceChair) };
  }

  /**
   * The group-year's conferences as planned in the registry, on the caller's behalf; none when
   * none is planned or the caller may not see them (the milestones then date the documents).
   */
  private async plannedConferences(
    groupId: string,
    year: number,
    actor: ActorDto,
  ): Promise<ConferenceView[]> {
    return this.registry.conferenceList({ groupId, year, actor }).catch((e) => {
      if (e instanceof RpcCallError && (e.body.code === 'NOT_FOUND' || e.body.code === 'FORBIDDEN'))
        return [];
      throw passOn(e);
    });
  }

  /** Sections, points per member (self and appraised), rankings per subgroup, honours. */
  private async results(
    groupId: string,
    year: number,
    actor: ActorDto,
    withHonours: boolean,
  ): Promise<{
    sections: ScoreSection[];
    scores: MemberScores[];
    rankings: RankingBlock[];
    honours: HonourProposal[];
    undecided: HonourUndecided[];
  }> {
    const t = this.config.GATHER_TIMEOUT_MS;
    let scheme: SchemeView;
    try {
      scheme = await this.scoring.schemeGet({ groupId, year, actor }, t);
    } catch (e) {
      if (e instanceof RpcCallError && e.body.code === 'NOT_FOUND')
        throw AppError.of('DOCUMENT_NO_SCHEME', { year, document: 'văn bản này' });
      throw passOn(e);
    }
    const [ranking, honours] = await Promise.all([
      this.rankingInPages(groupId, year, actor),
      withHonours
        ? this.scoring.honoursGet({ groupId, year, actor }, t).catch((e) => {
            if (e instanceof RpcCallError && (e.body.code === 'NOT_FOUND' || e.body.code === 'INVALID_STATE'))
              return null;
            throw passOn(e);
          })
        : Promise.resolve(null),
    ]).catch((e) => {
      throw passOn(e);
    });
    const top = scheme.scheme.sections;
    const titles = new Map(top.map((s) => [s.code, s.title]));
    const sectionOfCriterion = new Map<string, string>();
    for (const s of top) for (const c of criteriaOf(s)) sectionOfCriterion.set(c, s.code);
    const sections: ScoreSection[] = top.map((s) => ({ code: s.code, name: s.title, max: maxOf(s) }));
    const scores: MemberScores[] = [];
    for (const scope of (ranking as RankingView).scopes)
      for (const row of scope.rows) {
        const self: Record<string, number | null> = {};
        const appraised: Record<string, number | null> = {};
        for (const s of sections) {
          self[s.code] = 0;
          appraised[s.code] = row.bySection[s.code] ?? 0;
        }
        for (const c of row.criteria) {
          const sec = sectionOfCriterion.get(c.criterion);
          if (sec) self[sec] = round2((self[sec] ?? 0) + c.selfPoints);
        }
        scores.push({
          memberId: row.memberId,
          self,
          appraised,
          selfTotal: row.selfTotal,
          appraisedTotal: row.total,
        });
      }
    const rankings: RankingBlock[] = (ranking as RankingView).scopes.map((scope) => ({
      subgroupId: scope.subgroupId,
      tieBreaks: (ranking as RankingView).tieBreaks.map((tb) => tieBreakWords(tb, titles)),
      rows: scope.rows.map((row) => ({
        memberId: row.memberId,
        rank: row.rank,
        total: row.total,
        tied: row.tied,
        aheadOfNextBy: aheadWords(row.aheadOfNextBy, titles),
      })),
    }));
    const h = honours as HonoursView | null;
    return {
      sections,
      scores,
      rankings,
      honours: (h?.scopes ?? []).flatMap((s) =>
        s.proposals.map((p) => ({
          subgroupId: s.subgroupId,
          award: p.award,
          memberId: p.memberId,
          rank: p.rank,
          total: p.total,
        })),
      ),
      undecided: (h?.scopes ?? []).flatMap((s) =>
        s.undecided.map((u) => ({
          subgroupId: s.subgroupId,
          award: u.award,
          candidates: u.candidates,
          reason: u.reason,
        })),
      ),
    };
  }

  /**
   * When the figures were as printed: the lock, or the latest score entry or appraisal — a moment
   * of the data itself, so the same figures give the same file (not the time of the request).
   */
  private async asOf(
    groupId: string,
    year: number,
    actor: ActorDto,
    state: { locked: boolean; history: { action: string; at: string }[] },
    today: string,
  ): Promise<string> {
    const lock = [...state.history].reverse().find((h) => h.action === 'LOCK');
    if (state.locked && lock) return lock.at;
    // The latest change: the first of the trail newest first.
    const latest = await this.scoring
      .changesList({ groupId, year, actor, sort: '-at', limit: 1 }, this.config.GATHER_TIMEOUT_MS)
      .then((page) => page.items[0]?.at ?? null)
      .catch(() => null);
    return latest ?? `${today}T00:00:00+07:00`;
  }

  private async awardStatistics(gy: GroupYear, actor: ActorDto): Promise<AwardStatistics> {
    const stats = await this.awards
      .statistics(
        { groupId: gy.id, from: `${gy.year}-01-01`, to: `${gy.year}-12-31`, actor },
        this.config.GATHER_TIMEOUT_MS,
      )
      .catch((e) => {
        throw passOn(e);
      });
    // The table's columns are unit names in its own order; the appendix prints the members' order.
    const column = new Map(stats.table.units.map((name, i) => [name, i]));
    return {
      periodLabel: `năm ${gy.year}`,
      rows: stats.table.rows.map((row) => ({
        code: row.code,
        cells: gy.members.map((m) => {
          const i = column.get(m.name);
          return i === undefined ? 0 : (row.cells[i] ?? null);
        }),
      })),
    };
  }

  /**
   * The group's members in the year, page by page (`MEMBERS_PAGE_MAX` a reply, each read bounded
   * by GATHER_TIMEOUT_MS): a group of 10,000 is ~5 MB, over NATS max_payload in one reply. More
   * than DOCUMENT_MAX_MEMBERS is refused from the first page (413 naming the group), not rendered.
   */
  private async members(groupId: string, year: number): Promise<MembersView> {
    const t = this.config.GATHER_TIMEOUT_MS;
    const page = (offset: number) =>
      this.registry.memberList({ groupId, year, offset, limit: MEMBERS_PAGE_MAX }, t).catch((e) => {
        throw passOn(e);
      });
    const first = await page(0);
    const total = first.total ?? first.members.length;
    if (total > this.config.DOCUMENT_MAX_MEMBERS)
      throw AppError.of(
        'DOCUMENT_TOO_LARGE',
        { members: total, year, max: this.config.DOCUMENT_MAX_MEMBERS },
        'groupId',
      );
    const members = [...first.members];
    for (let next = first.nextOffset ?? null; next !== null;) {
      const p = await page(next);
      members.push(...p.members);
      next = p.members.length ? (p.nextOffset ?? null) : null;
    }
    return { group: first.group, from: first.from, to: first.to, members };
  }

  /**
   * The ranking with its breakdown, page by page (GATHER_PAGE_ROWS rows a reply, halved when a
   * page is over NATS max_payload — a row holds every criterion), every read bounded.
   */
  private async rankingInPages(groupId: string, year: number, actor: ActorDto): Promise<RankingView> {
    const t = this.config.GATHER_TIMEOUT_MS;
    let limit = Math.min(this.config.GATHER_PAGE_ROWS, RANKING_PAGE_MAX);
    let whole: RankingView | undefined;
    for (let offset: number | null = 0; offset !== null;) {
      let page: RankingView;
      try {
        page = await this.scoring.ranking(
          { groupId, year, actor, scope: 'SUBGROUP', breakdown: true, offset, limit },
          t,
        );
      } catch (e) {
        if (e instanceof RpcCallError && e.body.code === 'PAYLOAD_TOO_LARGE' && limit > 1) {
          limit = Math.max(1, Math.floor(limit / 2));
          continue;
        }
        throw passOn(e);
      }
      if (!whole) whole = { ...page, scopes: [] };
      for (const s of page.scopes) {
        const last = whole.scopes[whole.scopes.length - 1];
        // A scope split across pages continues where the previous page stopped.
        if (last && last.subgroupId === s.subgroupId && last.name === s.name) {
          last.rows.push(...s.rows);
          last.ties.push(...s.ties);
        } else whole.scopes.push({ ...s, rows: [...s.rows] });
      }
      const next = page.page?.nextOffset ?? null;
      offset = page.scopes.length === 0 ? null : next;
    }
    const view = whole as RankingView;
    delete view.page;
    return view;
  }

  /** A call whose NOT_FOUND names the request's field. */
  private async call<T>(what: string, id: string | number, field: string, f: () => Promise<T>): Promise<T> {
    try {
      return await f();
    } catch (e) {
      if (e instanceof RpcCallError && e.body.code === 'NOT_FOUND')
        throw AppError.of('DOCUMENT_SUBJECT_UNKNOWN', { what, id: String(id) }, field);
      throw passOn(e);
    }
  }
}

function required<K extends keyof RenderDocumentRequest>(
  r: RenderDocumentRequest,
  field: K,
): NonNullable<RenderDocumentRequest[K]> {
  const v = r[field];
  if (v === undefined || v === null)
    throw AppError.of('DOCUMENT_SUBJECT_MISSING', { type: r.type, field }, field);
  return v as NonNullable<RenderDocumentRequest[K]>;
}

/**
 * The group's short name in symbols ("KH-CTN&DHMT"): the initial of each word of its code, and the
 * words without a vowel (abbreviations such as "tn", "dhmt") whole, joined by "&".
 */
export function shortOf(group: Pick<GroupView, 'code'>): string {
  const parts = group.code.split('-').filter(Boolean);
  const initials = parts.filter((p) => /[aeiouy]/i.test(p)).map((p) => p[0].toUpperCase());
  const abbreviations = parts.filter((p) => !/[aeiouy]/i.test(p)).map((p) => p.toUpperCase());
  return initials.join('') + abbreviations.join('&') || group.code.toUpperCase();
}

function round2(n: number): number {
  return Math.round(n * 100) / 100;
}

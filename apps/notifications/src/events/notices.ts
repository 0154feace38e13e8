import {
  CampaignChanged,
  FileRejected,
  GroupYearLocked,
  GroupYearReopened,
  HonoursProposed,
  LeadershipChanged,
  NoticeKind,
  SubmissionAccepted,
  SubmissionReturned,
  SubmissionSubmitted,
} from '@tdkt/contracts';
import type { Notice } from '../messages/notice';

/** Names the messages show, looked up in the registry (absent when it does not answer). */
export interface Names {
  unitName?: string;
  groupName?: string;
  /** Member id → unit name (honours). */
  units?: Record<string, string>;
  chairName?: string;
  viceChairName?: string;
  campaignTitle?: string;
  /** A receipt's verification code (intake), for the public check link. */
  verificationCode?: string;
  milestones?: { name: string; dueDate: string | null }[];
}

type Env<P> = { id: string; occurredAt: string; data: P };

/**
 * Which people each event concerns (pure):
 * - a unit's receipt, return, acceptance, rejected file → that unit's officers;
 * - results locked (announced) and reopened → every member of the group-year, its chair and vice;
 * - honours proposed → the chair and vice-chair of the group-year, and the central board;
 * - a group-year's leadership or campaign changed → its chair and vice-chair of that year.
 * The source key is the event id (`:board` for the board's copy).
 */
/** A notice to the officers of the event's unit about one of its submissions. */
function toUnitOfficers(
  e: Env<{ unitId: string; submissionId: string }>,
  kind: NoticeKind,
  at: string | undefined,
  params: Record<string, unknown>,
): Notice {
  return {
    sourceKey: e.id,
    kind,
    audience: { unitOfficers: [e.data.unitId] },
    occurredAt: at ?? e.occurredAt,
    params: { submissionId: e.data.submissionId, ...params },
  };
}

export const Notices = {
  submitted: (e: Env<SubmissionSubmitted>, n: Names): Notice =>
    toUnitOfficers(e, NoticeKind.SUBMISSION_RECEIPTED, e.data.submittedAt, {
      submissionKind: e.data.kind,
      unitName: n.unitName,
      groupName: n.groupName,
      year: e.data.year,
      receiptNumber: e.data.receiptNumber,
      submittedAt: e.data.submittedAt,
      late: e.data.late,
      fileCount: e.data.files?.length ?? 0,
      verificationCode: n.verificationCode,
    }),

  returned: (e: Env<SubmissionReturned>, n: Names): Notice =>
    toUnitOfficers(e, NoticeKind.SUBMISSION_RETURNED, e.data.returnedAt, {
      submissionKind: e.data.kind,
      unitName: n.unitName,
      year: e.data.year,
      reason: e.data.reason,
      returnedAt: e.data.returnedAt,
    }),

  accepted: (e: Env<SubmissionAccepted>, n: Names): Notice =>
    toUnitOfficers(e, NoticeKind.SUBMISSION_ACCEPTED, e.data.acceptedAt, {
      submissionKind: e.data.kind,
      unitName: n.unitName,
      year: e.data.year,
      acceptedAt: e.data.acceptedAt,
      late: e.data.late,
    }),

  fileRejected: (e: Env<FileRejected>, n: Names): Notice =>
    toUnitOfficers(e, NoticeKind.FILE_REJECTED, e.data.rejectedAt, {
      fileName: e.data.name,
      reason: e.data.reason,
      code: e.data.code,
      rejectedAt: e.data.rejectedAt,
      unitName: n.unitName,
    }),

  locked: (e: Env<GroupYearLocked>, n: Names): Notice => ({
    sourceKey: e.id,
    kind: NoticeKind.SCORES_LOCKED,
    audience: {
      groupYear: { groupId: e.data.groupId, year: e.data.year },
      roles: ['MEMBERS', 'CHAIR', 'VICE_CHAIR'],
    },
    occurredAt: e.data.lockedAt ?? e.occurredAt,
    params: {
      groupId: e.data.groupId,
      groupName: n.groupName,
      year: e.data.year,
      lockedAt: e.data.lockedAt,
      memberCount: e.data.totals?.length ?? 0,
    },
  }),

  reopened: (e: Env<GroupYearReopened>, n: Names): Notice => ({
    sourceKey: e.id,
    kind: NoticeKind.SCORES_REOPENED,
    audience: {
      groupYear: { groupId: e.data.groupId, year: e.data.year },
      roles: ['MEMBERS', 'CHAIR', 'VICE_CHAIR'],
    },
    occurredAt: e.data.at ?? e.occurredAt,
    params: {
      groupId: e.data.groupId,
      groupName: n.groupName,
      year: e.data.year,
      reason: e.data.reason,
      at: e.data.at,
    },
  }),

  /** Two notices: the chair and vice-chair, and the board. */
  honours: (e: Env<HonoursProposed>, n: Names): Notice[] => {
    const params = {
      groupId: e.data.groupId,
      groupName: n.groupName,
      year: e.data.year,
      proposals: (e.data.proposals ?? []).map((p) => ({
        award: p.award,
        memberId: p.memberId,
        unitName: n.units?.[p.memberId],
        rank: p.rank,
      })),
      undecided: e.data.undecided?.length ?? 0,
    };
    const base = { kind: NoticeKind.HONOURS_PROPOSED, occurredAt: e.occurredAt, params };
    return [
      {
        ...base,
        sourceKey: e.id,
        audience: {
          groupYear: { groupId: e.data.groupId, year: e.data.year },
          roles: ['CHAIR', 'VICE_CHAIR'],
        },
      },
      { ...base, sourceKey: `${e.id}:board`, audience: { board: true } },
    ];
  },

  leadership: (e: Env<LeadershipChanged>, n: Names): Notice => ({
    sourceKey: e.id,
    kind: NoticeKind.LEADERSHIP_CHANGED,
    audience: { groupYear: { groupId: e.data.groupId, year: e.data.year }, roles: ['CHAIR', 'VICE_CHAIR'] },
    occurredAt: e.occurredAt,
    params: {
      groupId: e.data.groupId,
      groupName: n.groupName,
      year: e.data.year,
      chairName: n.chairName,
      viceChairName: n.viceChairName,
    },
  }),

  campaign: (e: Env<CampaignChanged>, n: Names): Notice => ({
    sourceKey: e.id,
    kind: NoticeKind.CAMPAIGN_CHANGED,
    audience: { groupYear: { groupId: e.data.groupId, year: e.data.year }, roles: ['CHAIR', 'VICE_CHAIR'] },
    occurredAt: e.occurredAt,
    params: {
      groupId: e.data.groupId,
      groupName: n.groupName,
      year: e.data.year,
      title: n.campaignTitle,
      milestones: n.milestones ?? [],
    },
  }),
};

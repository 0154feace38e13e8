/**
 * The life of a submission and its deadline. Pure: intake passes the campaign's milestones (from
 * the registry) and the server's clock.
 *
 *   DRAFT ──submit──▶ SUBMITTED ──accept──▶ ACCEPTED
 *                       │   ▲
 *                  return   submit (a new version)
 *                       ▼   │
 *                     RETURNED
 */

import type { SubmissionState } from './states';

export type SubmissionStateName = `${SubmissionState}`;
export type SubmissionAction = 'SUBMIT' | 'RETURN' | 'ACCEPT' | 'EDIT_FILES';

const ALLOWED: Record<SubmissionAction, readonly SubmissionStateName[]> = {
  SUBMIT: ['DRAFT', 'RETURNED'],
  RETURN: ['SUBMITTED'],
  ACCEPT: ['SUBMITTED'],
  EDIT_FILES: ['DRAFT', 'RETURNED'],
};

const NEXT: Partial<Record<SubmissionAction, SubmissionStateName>> = {
  SUBMIT: 'SUBMITTED',
  RETURN: 'RETURNED',
  ACCEPT: 'ACCEPTED',
};

const WHY: Record<SubmissionAction, string> = {
  SUBMIT: 'only a draft or a returned submission can be submitted',
  RETURN: 'only a submitted submission can be returned for revision',
  ACCEPT: 'only a submitted submission can be accepted',
  EDIT_FILES: 'files can change only while the submission is a draft or returned for revision',
};

/** The state after `action`, or why it is refused. */
export function transition(
  from: SubmissionStateName,
  action: SubmissionAction,
): { to: SubmissionStateName } | { refused: string } {
  if (!ALLOWED[action].includes(from)) return { refused: `${WHY[action]} (it is ${from})` };
  return { to: NEXT[action] ?? from };
}

export type LatePolicyName = 'REFUSE' | 'ACCEPT_LATE';

export interface MilestoneDeadline {
  code: string;
  /** End of the due day in Asia/Ho_Chi_Minh (ISO instant), or null while the date is unknown. */
  dueAt: string | null;
  latePolicy: LatePolicyName | null;
  submissionKinds: readonly string[];
}

export interface KindDeadline {
  milestoneCode: string;
  dueAt: string | null;
  latePolicy: LatePolicyName;
}

/**
 * The deadline of a kind in a campaign: the milestone that lists the kind (the latest dated one if
 * several do), with its own late policy or else the campaign's. `null`: the campaign sets none.
 */
export function deadlineOf(
  kind: string,
  milestones: readonly MilestoneDeadline[],
  campaignPolicy: LatePolicyName,
): KindDeadline | null {
  const mine = milestones.filter((m) => m.submissionKinds.includes(kind));
  if (mine.length === 0) return null;
  // An undated milestone (e.g. relative to a conference not yet dated) sets no deadline yet.
  const dated = mine
    .filter((m) => m.dueAt !== null)
    .sort((a, b) => (a.dueAt as string).localeCompare(b.dueAt as string));
  const m = dated.length ? dated[dated.length - 1] : mine[0];
  return { milestoneCode: m.code, dueAt: m.dueAt, latePolicy: m.latePolicy ?? campaignPolicy };
}

export type Timing =
  | { accepted: true; late: boolean }
  | { accepted: false; reason: string; milestoneCode: string; dueAt: string };

/** Whether a submission made at `now` is taken, and whether it is late. The server's clock decides. */
export function judgeTiming(deadline: KindDeadline | null, now: Date): Timing {
  if (!deadline || deadline.dueAt === null) return { accepted: true, late: false };
  if (now.getTime() <= Date.parse(deadline.dueAt)) return { accepted: true, late: false };
  if (deadline.latePolicy === 'ACCEPT_LATE') return { accepted: true, late: true };
  return {
    accepted: false,
    milestoneCode: deadline.milestoneCode,
    dueAt: deadline.dueAt,
    reason: `the deadline (${deadline.milestoneCode}) passed at ${deadline.dueAt} and this campaign does not accept late submissions`,
  };
}

/** A receipt number, unique within its campaign: `<year>-<sequence>`, e.g. 2023-000042. */
export function receiptNumber(year: number, sequence: number): string {
  return `${year}-${String(sequence).padStart(6, '0')}`;
}

import { councilOf, isBoard, leaderOf, officerOf } from './grants';
import { Grant } from './policy';

/**
 * Who may do what with a member's submissions and their evidence files (the intake service's
 * policy; its one entry point is `authorize` in apps/intake/src/access.ts).
 *
 * - a unit's own officers create, edit, submit and read their unit's submissions, in any state;
 * - the group's chair and vice-chair of that year read a submission once it has been submitted
 *   (never a draft, nor the draft of a revision), return it with a reason or accept it;
 * - a council member assigned to the group reads submitted ones (but does not fetch their files);
 * - the central board does anything.
 *
 * A refusal names its reason in the error catalogue (`refusal`, libs/contracts errors/intake.ts)
 * besides the rule in words (`reason`).
 */

/** Why intake refuses a caller: each one a reason of the error catalogue (403). */
export type IntakeRefusal =
  | 'SUBMISSION_PREPARE_REFUSED'
  | 'SUBMISSION_READ_REFUSED'
  | 'SUBMISSION_DRAFT_HIDDEN'
  | 'SUBMISSION_LIST_REFUSED'
  | 'SUBMISSION_LIST_UNIT_REQUIRED'
  | 'SUBMISSION_REVIEW_REFUSED'
  | 'FILE_DOWNLOAD_REFUSED'
  | 'FILE_DRAFT_ONLY'
  | 'CAMPAIGN_SUBMISSIONS_REFUSED';

export type IntakeRefused = { allowed: false; reason: string; refusal: IntakeRefusal };

/** A `Decision` (policy.ts) that also names its reason for the catalogue. */
export type IntakeDecision = { allowed: true } | IntakeRefused;

const refuse = (refusal: IntakeRefusal, reason: string): IntakeRefused => ({
  allowed: false,
  reason,
  refusal,
});

export interface SubmissionScope {
  unitId: string;
  groupId: string;
  year: number;
}

const ALLOW: IntakeDecision = { allowed: true };

/** Create, change files, submit: the unit's own officers (or the board). */
export function mayPrepare(grants: readonly Grant[], s: SubmissionScope): IntakeDecision {
  if (isBoard(grants) || officerOf(grants, s.unitId)) return ALLOW;
  return refuse('SUBMISSION_PREPARE_REFUSED', "only the unit's own officers prepare its submissions");
}

/** A reader's decision: whether they also see drafts (the unit's officers and the board do). */
export type ReaderDecision = { allowed: true; drafts: boolean } | IntakeRefused;

/**
 * Read a submission. `everSubmitted`: at least one version was submitted. Those who are not the
 * unit's officers see only submitted versions.
 */
export function mayRead(
  grants: readonly Grant[],
  s: SubmissionScope,
  everSubmitted: boolean,
): ReaderDecision {
  if (isBoard(grants) || officerOf(grants, s.unitId)) return { allowed: true, drafts: true };
  if (everSubmitted && (leaderOf(grants, s.groupId, s.year) || councilOf(grants, s.groupId)))
    return { allowed: true, drafts: false };
  return everSubmitted
    ? refuse(
        'SUBMISSION_READ_REFUSED',
        "only the unit's officers, the group's chair and vice-chair of that year, its council members and the central board",
      )
    : refuse('SUBMISSION_DRAFT_HIDDEN', "a draft is seen only by the unit's own officers");
}

/**
 * Download evidence: the unit's officers; the group's chair and vice-chair of that year once the
 * submission was submitted (files of submitted versions only: `maySeeFile`); the board.
 * Council members see the submissions but do not fetch the files.
 */
export function mayDownload(
  grants: readonly Grant[],
  s: SubmissionScope,
  everSubmitted: boolean,
): ReaderDecision {
  if (isBoard(grants) || officerOf(grants, s.unitId)) return { allowed: true, drafts: true };
  if (everSubmitted && leaderOf(grants, s.groupId, s.year)) return { allowed: true, drafts: false };
  return refuse(
    'FILE_DOWNLOAD_REFUSED',
    "only the unit's officers, the group's chair and vice-chair of that year (once submitted) and the central board",
  );
}

/**
 * One file of a submission the caller may read (`mayRead`/`mayDownload` said whether they see
 * drafts): a reader who does not see drafts reaches only files of a submitted version, and learns
 * nothing (not even the state) of a file that belongs to a draft only.
 */
export function maySeeFile(seesDrafts: boolean, inSubmittedVersion: boolean): IntakeDecision {
  if (seesDrafts || inSubmittedVersion) return ALLOW;
  return refuse('FILE_DRAFT_ONLY', 'the file belongs only to a draft, which only the unit sees');
}

/** Return for revision or accept: the group's chair or vice-chair of that year (or the board). */
export function mayReview(grants: readonly Grant[], groupId: string, year: number): IntakeDecision {
  if (isBoard(grants) || leaderOf(grants, groupId, year)) return ALLOW;
  return refuse(
    'SUBMISSION_REVIEW_REFUSED',
    "only the group's chair or vice-chair of that year, or the central board",
  );
}

/** See a campaign's list of who submitted: the reviewers and the group's council members. */
export function mayListCampaign(grants: readonly Grant[], groupId: string, year: number): IntakeDecision {
  if (isBoard(grants) || leaderOf(grants, groupId, year) || councilOf(grants, groupId)) return ALLOW;
  return refuse(
    'CAMPAIGN_SUBMISSIONS_REFUSED',
    "only the group's chair or vice-chair of that year, its council members, or the central board",
  );
}

/**
 * Whose submissions a caller lists: the board anyone's (the unit asked for, or every unit); anyone
 * else one unit they are an officer of, the one asked for or else their own. Answers that unit.
 */
export function mayListSubmissions(
  grants: readonly Grant[],
  requested: string | undefined,
  own: string | null | undefined,
): { allowed: true; unitId: string | undefined } | IntakeRefused {
  if (isBoard(grants)) return { allowed: true, unitId: requested };
  const unitId = requested ?? own ?? undefined;
  if (unitId && officerOf(grants, unitId)) return { allowed: true, unitId };
  return unitId
    ? refuse('SUBMISSION_LIST_REFUSED', "only the unit's own officers list its submissions")
    : refuse('SUBMISSION_LIST_UNIT_REQUIRED', 'name a unit: only the central board lists every unit');
}

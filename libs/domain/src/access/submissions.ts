import { councilOf, isBoard, leaderOf, officerOf } from './grants';
import { Decision, Grant } from './policy';

/**
 * Who may do what with a member's submissions (issue: intake).
 *
 * - a unit's own officers create, edit, submit and read their unit's submissions, in any state;
 * - the group's chair and vice-chair of that year read a submission once it has been submitted
 *   (never a draft, nor the draft of a revision), return it with a reason or accept it;
 * - a council member assigned to the group reads submitted ones;
 * - the central board does anything.
 */

export interface SubmissionScope {
  unitId: string;
  groupId: string;
  year: number;
}

const ALLOW: Decision = { allowed: true };

/** Create, change files, submit: the unit's own officers (or the board). */
export function mayPrepare(grants: readonly Grant[], s: SubmissionScope): Decision {
  if (isBoard(grants) || officerOf(grants, s.unitId)) return ALLOW;
  return { allowed: false, reason: "only the unit's own officers prepare its submissions" };
}

/**
 * Read a submission. `everSubmitted`: at least one version was submitted. Those who are not the
 * unit's officers see only submitted versions.
 */
export function mayRead(
  grants: readonly Grant[],
  s: SubmissionScope,
  everSubmitted: boolean,
): Decision & { drafts?: boolean } {
  if (isBoard(grants) || officerOf(grants, s.unitId)) return { allowed: true, drafts: true };
  if (everSubmitted && (leaderOf(grants, s.groupId, s.year) || councilOf(grants, s.groupId)))
    return { allowed: true, drafts: false };
  return {
    allowed: false,
    reason: everSubmitted
      ? "only the unit's officers, the group's chair and vice-chair of that year and the central board"
      : "a draft is seen only by the unit's own officers",
  };
}

/**
 * Download evidence: the unit's officers; the group's chair and vice-chair of that year once the
 * submission was submitted (files of submitted versions only, checked by the caller); the board.
 * Council members see the submissions but do not fetch the files.
 */
export function mayDownload(
  grants: readonly Grant[],
  s: SubmissionScope,
  everSubmitted: boolean,
): Decision & { drafts?: boolean } {
  if (isBoard(grants) || officerOf(grants, s.unitId)) return { allowed: true, drafts: true };
  if (everSubmitted && leaderOf(grants, s.groupId, s.year)) return { allowed: true, drafts: false };
  return {
    allowed: false,
    reason:
      "only the unit's officers, the group's chair and vice-chair of that year (once submitted) and the central board",
  };
}

/** Return for revision or accept: the group's chair or vice-chair of that year (or the board). */
export function mayReview(grants: readonly Grant[], groupId: string, year: number): Decision {
  if (isBoard(grants) || leaderOf(grants, groupId, year)) return ALLOW;
  return {
    allowed: false,
    reason: "only the group's chair or vice-chair of that year, or the central board",
  };
}

/** See a campaign's list of who submitted: the reviewers and the group's council members. */
export function mayListCampaign(grants: readonly Grant[], groupId: string, year: number): Decision {
  if (isBoard(grants) || leaderOf(grants, groupId, year) || councilOf(grants, groupId)) return ALLOW;
  return {
    allowed: false,
    reason: "only the group's chair or vice-chair of that year, its council members, or the central board",
  };
}

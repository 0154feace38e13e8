import type { Scorer } from '../scoring/scheme';
import type { Author } from '../scoring/scores';
import { councilOf, isBoard, leaderOf, officerOf } from './grants';
import { decide, Decision, Grant, Permission } from './policy';

/**
 * Who may do what with a group-year's scores (issue: scoring).
 *
 * - the chair of that year (or the board) writes and publishes the scheme and locks the year;
 * - only the central board reopens a locked year (with a reason);
 * - a member's own officers enter its self-scores; the chair and vice-chair of that year appraise
 *   other members (their own unit's entries are self-scores); an outside body's criteria are
 *   entered by that body (a unit officer of the body's unit) or by the central board for it;
 * - a member sees its own scores; the other members' only once the year is locked; the chair,
 *   vice, the group's council members and the board see all.
 */

const ALLOW: Decision = { allowed: true };

/** The chair of that year or the board: what the registry calls managing the campaign. */
export function mayManageScheme(grants: readonly Grant[], groupId: string, year: number): Decision {
  return decide(grants, Permission.MANAGE_CAMPAIGN, { groupId, year });
}

export const mayLock = mayManageScheme;

export function mayReopen(grants: readonly Grant[]): Decision {
  return isBoard(grants) ? ALLOW : { allowed: false, reason: 'only the central board reopens a locked year' };
}

/** The ranking of a whole year across every group (the national table): the central board. */
export function mayRankYear(grants: readonly Grant[]): Decision {
  return isBoard(grants)
    ? ALLOW
    : { allowed: false, reason: 'only the central board reads the national ranking' };
}

export type EntryKind = 'SELF' | 'APPRAISAL' | 'OUTSIDE';

/**
 * Whether the caller could enter any score of this member at all, asked before anything about the
 * group-year is looked at (published scheme, lock): the member's officers, the group's chair and
 * vice of that year, the board, or a unit officer (whose unit may be an outside body of the scheme:
 * `entryCapacity` decides per criterion once the scheme is read). Read-only callers (viewers,
 * council members) are refused here and learn nothing about the year's state.
 */
export function mayEnterScores(
  grants: readonly Grant[],
  s: { memberId: string; groupId: string; year: number },
): Decision {
  if (isBoard(grants) || leaderOf(grants, s.groupId, s.year) || officerOf(grants, s.memberId)) return ALLOW;
  if (grants.some((g) => g.role === 'UNIT_OFFICER' && g.unitId)) return ALLOW;
  return {
    allowed: false,
    reason:
      "only the member's own officers, the group's chair or vice-chair of that year, an outside body that scores a criterion, or the central board",
  };
}

/** In which capacity the caller enters a member's criterion, or why they may not. */
export function entryCapacity(
  grants: readonly Grant[],
  s: { memberId: string; groupId: string; year: number },
  scoredBy: Scorer,
): { kind: EntryKind; author: Author } | { refused: string } {
  if (scoredBy.kind === 'OUTSIDE_BODY') {
    if (isBoard(grants) || officerOf(grants, scoredBy.body))
      return { kind: 'OUTSIDE', author: { kind: 'OUTSIDE_BODY', body: scoredBy.body } };
    return { refused: `this criterion is scored by the outside body "${scoredBy.body}"` };
  }
  if (officerOf(grants, s.memberId)) return { kind: 'SELF', author: { kind: 'MEMBER' } };
  if (isBoard(grants) || leaderOf(grants, s.groupId, s.year))
    return { kind: 'APPRAISAL', author: { kind: 'LEADERSHIP' } };
  return {
    refused:
      "only the member's own officers, the group's chair or vice-chair of that year, or the central board",
  };
}

/** Read one member's scores. `callerIsMember`: the caller's unit is a member of the group that year. */
export function mayReadScores(
  grants: readonly Grant[],
  s: { memberId: string; groupId: string; year: number },
  locked: boolean,
  callerIsMember: boolean,
): Decision {
  if (isBoard(grants) || leaderOf(grants, s.groupId, s.year) || councilOf(grants, s.groupId)) return ALLOW;
  if (officerOf(grants, s.memberId)) return ALLOW;
  if (locked && callerIsMember) return ALLOW;
  // Only a member is told that the year is not locked yet: the reason never tells anyone else
  // whether it is.
  return {
    allowed: false,
    reason: callerIsMember
      ? "other members' scores are visible once the year is locked"
      : "only the group's members (once the year is locked), its leaders and council members, and the central board",
  };
}

/**
 * Whether the group-year is locked, and its lock history: those who take part in it (its members'
 * officers, leaders and council members) and the board.
 */
export function mayReadGroupYear(
  grants: readonly Grant[],
  groupId: string,
  year: number,
  callerIsMember: boolean,
): Decision {
  if (isBoard(grants) || leaderOf(grants, groupId, year) || councilOf(grants, groupId) || callerIsMember)
    return ALLOW;
  return {
    allowed: false,
    reason: "only the group's members, leaders and council members, and the central board",
  };
}

/** The ranking and honours of the group-year: as for another member's scores. */
export function mayReadResults(
  grants: readonly Grant[],
  groupId: string,
  year: number,
  locked: boolean,
  callerIsMember: boolean,
): Decision {
  return mayReadScores(grants, { memberId: '', groupId, year }, locked, callerIsMember);
}

/** Import a group's award statistics: the central board, or the group's chair of that year. */
export const mayImportAwards = mayManageScheme;

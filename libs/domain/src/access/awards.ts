import { councilOf, isBoard, leaderOf, officerOf } from './grants';
import { Grant } from './policy';

/**
 * Who may do what with award statistics (the awards service's policy; its one entry point is
 * `authorize` in apps/awards/src/access.ts). Each rule is asked before anything is looked up that
 * its answer could reveal (an earlier import of the same content, a table, the counts).
 *
 * - award records: the central board imports for any unit; a unit's officers for their own unit
 *   only (every line of the file, and an earlier import of the same content is shown to them only
 *   if it names their unit alone); a large file's upload is followed by whoever sent it, or the board;
 * - a report's aggregate table: imported by the group's chair of that year, or the board;
 * - a group's statistics and its aggregate tables are read by those who take part in the group
 *   that year: its members' officers, its chair and vice-chair, its council members, and the board;
 * - the national table (every province): the central board.
 *
 * A refusal names its reason in the error catalogue (`refusal`, libs/contracts errors/awards.ts)
 * besides the rule in words (`reason`).
 */

/** Why awards refuses a caller: each one a reason of the error catalogue (403). */
export type AwardsRefusal =
  | 'RECORDS_IMPORT_REFUSED'
  | 'RECORDS_OTHER_UNIT_REFUSED'
  | 'UPLOAD_FOLLOW_REFUSED'
  | 'AGGREGATE_IMPORT_REFUSED'
  | 'AWARDS_GROUP_READ_REFUSED'
  | 'AWARDS_NATIONAL_READ_REFUSED';

export type AwardsRefused = { allowed: false; reason: string; refusal: AwardsRefusal };

/** A `Decision` (policy.ts) that also names its reason for the catalogue. */
export type AwardsDecision = { allowed: true } | AwardsRefused;

const ALLOW: AwardsDecision = { allowed: true };

const refuse = (refusal: AwardsRefusal, reason: string): AwardsRefused => ({
  allowed: false,
  reason,
  refusal,
});

const OWN_UNIT_ONLY = 'một đơn vị chỉ nhập khen thưởng của chính mình; Ban TĐKT nhập cho mọi đơn vị';

/** Import records at all (before the file is read): the board, or an officer of the caller's unit. */
export function mayImportRecords(
  grants: readonly Grant[],
  callerUnitId: string | null | undefined,
): AwardsDecision {
  if (isBoard(grants) || (callerUnitId && officerOf(grants, callerUnitId))) return ALLOW;
  return refuse('RECORDS_IMPORT_REFUSED', OWN_UNIT_ONLY);
}

/** Import (or be shown an earlier import of) records of these units. */
export function mayImportRecordsOf(
  grants: readonly Grant[],
  callerUnitId: string | null | undefined,
  unitIds: Iterable<string>,
): AwardsDecision {
  if (isBoard(grants)) return ALLOW;
  if (!callerUnitId || !officerOf(grants, callerUnitId))
    return refuse('RECORDS_IMPORT_REFUSED', OWN_UNIT_ONLY);
  for (const u of unitIds) if (u !== callerUnitId) return refuse('RECORDS_OTHER_UNIT_REFUSED', OWN_UNIT_ONLY);
  return ALLOW;
}

/** Follow (and start the import of) a large file: whoever sent it, or the board. */
export function mayFollowUpload(
  grants: readonly Grant[],
  callerUserId: string,
  upload: { createdBy: string },
): AwardsDecision {
  if (isBoard(grants) || upload.createdBy === callerUserId) return ALLOW;
  return refuse('UPLOAD_FOLLOW_REFUSED', 'only whoever sent the file, or the central board');
}

/** Import a report's aggregate table for a group: its chair of that year, or the board. */
export function mayImportAggregate(grants: readonly Grant[], groupId: string, year: number): AwardsDecision {
  if (isBoard(grants) || grants.some((g) => g.role === 'CHAIR' && g.groupId === groupId && g.year === year))
    return ALLOW;
  return refuse(
    'AGGREGATE_IMPORT_REFUSED',
    "only the group's chair of that year or the central board imports its award statistics",
  );
}

/**
 * Whether the caller could read award statistics of some group at all (asked before a table is
 * looked up by its id): anyone who takes part in groups (a unit's officer, a chair or vice-chair,
 * a council member) or the board. A viewer reads the registry only.
 */
export function mayReadAnyGroupAwards(grants: readonly Grant[]): AwardsDecision {
  if (
    isBoard(grants) ||
    grants.some(
      (g) =>
        (g.role === 'UNIT_OFFICER' && g.unitId) ||
        g.role === 'CHAIR' ||
        g.role === 'VICE_CHAIR' ||
        g.role === 'COUNCIL_MEMBER',
    )
  )
    return ALLOW;
  return refuse('AWARDS_GROUP_READ_REFUSED', GROUP_READERS);
}

const GROUP_READERS =
  "only the group's members, its chair and vice-chair of that year, its council members and the central board";

/**
 * A group's award statistics (and its aggregate tables) for a period starting in `year`: officers
 * of its members that year (`memberUnitIds`), its chair and vice-chair of that year, its council
 * members, the board.
 */
export function mayReadGroupAwards(
  grants: readonly Grant[],
  s: { groupId: string; year: number; memberUnitIds: Iterable<string> },
): AwardsDecision {
  if (isBoard(grants) || leaderOf(grants, s.groupId, s.year) || councilOf(grants, s.groupId)) return ALLOW;
  for (const u of s.memberUnitIds) if (officerOf(grants, u)) return ALLOW;
  return refuse('AWARDS_GROUP_READ_REFUSED', GROUP_READERS);
}

/** The national table (every province and city): the central board. */
export function mayReadNationalAwards(grants: readonly Grant[]): AwardsDecision {
  if (isBoard(grants)) return ALLOW;
  return refuse('AWARDS_NATIONAL_READ_REFUSED', 'only the central board reads the national award statistics');
}

import { isBoard, officerOf } from './grants';
import { Decision, Grant } from './policy';

/**
 * Who may import award records (issue: awards): the central board for any unit; a unit's officers
 * for their own unit only. Asked before anything is looked up (an earlier import of the same
 * content, the units named in the file), so a caller without the right learns nothing.
 */

const ALLOW: Decision = { allowed: true };
const OWN_UNIT_ONLY = 'một đơn vị chỉ nhập khen thưởng của chính mình; Ban TĐKT nhập cho mọi đơn vị';

/** Import records at all (before the file is read): the board, or an officer of the caller's unit. */
export function mayImportRecords(
  grants: readonly Grant[],
  callerUnitId: string | null | undefined,
): Decision {
  if (isBoard(grants) || (callerUnitId && officerOf(grants, callerUnitId))) return ALLOW;
  return { allowed: false, reason: OWN_UNIT_ONLY };
}

/** Import (or be shown an earlier import of) records of these units. */
export function mayImportRecordsOf(
  grants: readonly Grant[],
  callerUnitId: string | null | undefined,
  unitIds: Iterable<string>,
): Decision {
  if (isBoard(grants)) return ALLOW;
  if (!callerUnitId || !officerOf(grants, callerUnitId)) return { allowed: false, reason: OWN_UNIT_ONLY };
  for (const u of unitIds) if (u !== callerUnitId) return { allowed: false, reason: OWN_UNIT_ONLY };
  return ALLOW;
}

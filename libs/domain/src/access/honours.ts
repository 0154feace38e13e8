import { isBoard, leaderOf, officerOf } from './grants';
import { Grant } from './policy';

/**
 * Who may do what with proposal dossiers and decisions (the honours service's policy; its one
 * entry point is `authorize` in apps/honours/src/access.ts).
 *
 * - a dossier is assembled and submitted by its group's chair or vice-chair of that year;
 * - it is read by them, by the officers of the honoured member unit (their own only) and by the board;
 * - the board (the central council's standing office) returns, accepts and decides;
 * - decisions are recorded by the board only, and read by the board and by the officers of a
 *   unit they grant an award to (the list shows a unit officer only those).
 *
 * A refusal names its reason in the error catalogue (`refusal`, libs/contracts errors/honours.ts).
 */
export type HonoursRefusal =
  | 'DOSSIER_MANAGE_REFUSED'
  | 'DOSSIER_READ_REFUSED'
  | 'DOSSIER_REVIEW_REFUSED'
  | 'DECISION_RECORD_REFUSED'
  | 'DECISION_READ_REFUSED';

export type HonoursDecision = { allowed: true } | { allowed: false; reason: string; refusal: HonoursRefusal };

const ALLOW: HonoursDecision = { allowed: true };
const refuse = (refusal: HonoursRefusal, reason: string): HonoursDecision => ({
  allowed: false,
  reason,
  refusal,
});

export interface DossierScope {
  groupId: string;
  year: number;
  memberUnitId: string;
}

/** Assemble and submit: the group's chair or vice-chair of that year (or the board). */
export function mayManageDossiers(
  grants: readonly Grant[],
  s: Omit<DossierScope, 'memberUnitId'>,
): HonoursDecision {
  if (isBoard(grants) || leaderOf(grants, s.groupId, s.year)) return ALLOW;
  return refuse('DOSSIER_MANAGE_REFUSED', 'only the chair or vice-chair of the group that year');
}

/** Read one dossier: its managers, the officers of its member unit, the board. */
export function mayReadDossier(grants: readonly Grant[], s: DossierScope): HonoursDecision {
  if (isBoard(grants) || leaderOf(grants, s.groupId, s.year) || officerOf(grants, s.memberUnitId))
    return ALLOW;
  return refuse('DOSSIER_READ_REFUSED', "the group's chair and vice-chair, the member's officers, the board");
}

/** Which units' dossiers of a group-year a caller lists: all (null) or only its own units. */
export function dossierListScope(
  grants: readonly Grant[],
  s: Omit<DossierScope, 'memberUnitId'>,
): { all: true } | { all: false; unitIds: string[] } {
  if (isBoard(grants) || leaderOf(grants, s.groupId, s.year)) return { all: true };
  return {
    all: false,
    unitIds: grants.filter((g) => g.role === 'UNIT_OFFICER' && g.unitId).map((g) => g.unitId as string),
  };
}

/** Return or accept a submitted dossier (the central council's office). */
export function mayReviewDossiers(grants: readonly Grant[]): HonoursDecision {
  return isBoard(grants) ? ALLOW : refuse('DOSSIER_REVIEW_REFUSED', 'only the central board');
}

/** Record a decision. */
export function mayRecordDecisions(grants: readonly Grant[]): HonoursDecision {
  return isBoard(grants) ? ALLOW : refuse('DECISION_RECORD_REFUSED', 'only the central board');
}

/** Read a decision: the board, or an officer of a unit it grants an award to. */
export function mayReadDecision(
  grants: readonly Grant[],
  recipientUnitIds: readonly string[],
): HonoursDecision {
  if (isBoard(grants) || recipientUnitIds.some((u) => officerOf(grants, u))) return ALLOW;
  return refuse('DECISION_READ_REFUSED', 'the board and the units it grants an award to');
}

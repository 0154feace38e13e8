import { councilOf, isBoard, leaderOf, officerOf } from './grants';
import { Grant } from './policy';

/**
 * Who may ask for and read the official papers (the documents service's policy; its one entry
 * point is `authorize` in apps/documents/src/access.ts). Asked before anything is gathered that
 * the answer could reveal.
 *
 * - a group-year's papers (plan, report, minutes, invitation, proposal, results table): the
 *   group's chair and vice-chair of that year, the officers of its member units that year, its
 *   council members, and the central board;
 * - a submission's receipt: the officers of the submitting unit, the group's chair of that year,
 *   and the central board;
 * - a render job: whoever asked for it, or the board (the file itself is read by the rules above).
 */

export type DocumentsRefusal = 'DOCUMENT_GROUP_REFUSED' | 'DOCUMENT_RECEIPT_REFUSED' | 'DOCUMENT_JOB_REFUSED';

export type DocumentsDecision =
  { allowed: true } | { allowed: false; reason: string; refusal: DocumentsRefusal };

const ALLOW: DocumentsDecision = { allowed: true };

/** The papers of a group-year. */
export function mayReadGroupDocuments(
  grants: readonly Grant[],
  s: { groupId: string; year: number; memberUnitIds: Iterable<string> },
): DocumentsDecision {
  if (isBoard(grants) || leaderOf(grants, s.groupId, s.year) || councilOf(grants, s.groupId)) return ALLOW;
  for (const u of s.memberUnitIds) if (officerOf(grants, u)) return ALLOW;
  return {
    allowed: false,
    refusal: 'DOCUMENT_GROUP_REFUSED',
    reason:
      "only the group's chair and vice-chair of that year, its members, its council and the central board",
  };
}

/** A submission's receipt. */
export function mayReadReceiptDocument(
  grants: readonly Grant[],
  s: { unitId: string; groupId: string; year: number },
): DocumentsDecision {
  if (
    isBoard(grants) ||
    officerOf(grants, s.unitId) ||
    grants.some((g) => g.role === 'CHAIR' && g.groupId === s.groupId && g.year === s.year)
  )
    return ALLOW;
  return {
    allowed: false,
    refusal: 'DOCUMENT_RECEIPT_REFUSED',
    reason: "only the submitting unit's officers, the group's chair of that year and the central board",
  };
}

/** A render job's progress: whoever asked for it, or the board. */
export function mayFollowRenderJob(
  grants: readonly Grant[],
  callerUserId: string,
  job: { createdBy: string | null },
): DocumentsDecision {
  if (isBoard(grants) || (job.createdBy !== null && job.createdBy === callerUserId)) return ALLOW;
  return {
    allowed: false,
    refusal: 'DOCUMENT_JOB_REFUSED',
    reason: 'only whoever asked for the document, or the central board',
  };
}

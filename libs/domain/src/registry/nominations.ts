/**
 * Next year's chair or vice-chair as the preparatory conference nominates them (seed 000 "Đề cử
 * đơn vị Cụm trưởng, Cụm phó năm 2024"; seed 004 "Bầu Cụm trưởng và Cụm phó năm 2020"): by rotation,
 * or by election among candidates, with their votes when there was a vote. Pure rules; the units
 * are already known to be members of the year they will lead.
 */

export type NominationRule = 'ROTATION' | 'ELECTION';

export interface NominationCandidate {
  unitId: string;
  /** null: no vote was held (or not recorded). */
  votes: number | null;
}

/** What is wrong with a nomination, naming the candidate it is about (its index), or null. */
export type NominationIssue =
  | { issue: 'CANDIDATES_REQUIRED' }
  | { issue: 'CANDIDATE_TWICE'; index: number }
  | { issue: 'NOT_A_CANDIDATE' }
  | { issue: 'NOT_MOST_VOTED'; votes: number; leaderIndex: number; most: number };

/**
 * An election names its candidates; a candidate is listed once; when candidates are listed the
 * nominee is one of them; when every candidate has votes the nominee has the most (a tie at the
 * top is the conference's to settle: any of the tied may be nominated).
 */
export function nominationIssue(
  method: NominationRule,
  nomineeId: string,
  candidates: readonly NominationCandidate[],
): NominationIssue | null {
  const seen = new Set<string>();
  for (const [index, c] of candidates.entries()) {
    if (seen.has(c.unitId)) return { issue: 'CANDIDATE_TWICE', index };
    seen.add(c.unitId);
  }
  if (method === 'ELECTION' && candidates.length === 0) return { issue: 'CANDIDATES_REQUIRED' };
  if (candidates.length === 0) return null;
  const own = candidates.find((c) => c.unitId === nomineeId);
  if (!own) return { issue: 'NOT_A_CANDIDATE' };
  if (candidates.some((c) => c.votes === null)) return null;
  let leaderIndex = 0;
  candidates.forEach((c, i) => {
    if ((c.votes as number) > (candidates[leaderIndex].votes as number)) leaderIndex = i;
  });
  const most = candidates[leaderIndex].votes as number;
  return (own.votes as number) < most
    ? { issue: 'NOT_MOST_VOTED', votes: own.votes as number, leaderIndex, most }
    : null;
}

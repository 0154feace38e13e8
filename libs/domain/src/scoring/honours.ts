import type { Ranking } from './ranking';

/**
 * Honour rules of a group-year, as data. Seed 000: in each subgroup the leader is proposed for the
 * Government emulation flag and the next-ranked for the Prime Minister's certificate of merit.
 */
export interface HonourRule {
  /** Ranked per subgroup, or across the whole group. */
  scope: 'GROUP' | 'SUBGROUP';
  /** In order of precedence; each member receives at most one. */
  awards: { award: string; places: number }[];
  /** No honour below this total. */
  minimumTotal?: number | null;
}

export const SEED_000_HONOURS: HonourRule = {
  scope: 'SUBGROUP',
  awards: [
    { award: 'GOVERNMENT_FLAG', places: 1 },
    { award: 'PM_CERTIFICATE', places: 1 },
  ],
  minimumTotal: null,
};

export interface Proposal {
  award: string;
  memberId: string;
  rank: number;
  total: number;
  /** Lead over the next-ranked member (null when last). */
  margin: number | null;
  rationale: string;
}

export interface Undecided {
  award: string;
  /** Members the rules cannot separate at the place this award ends. */
  candidates: string[];
  reason: string;
}

export interface HonoursResult {
  proposals: Proposal[];
  undecided: Undecided[];
  /** Members who would have been reached but are below the minimum total. */
  belowMinimum: string[];
}

/**
 * Proposals for one ranking (a group or a subgroup). An award whose last place falls inside a tie
 * the rules cannot break is not given: it, and every award after it, is reported as undecided
 * with the tied members (the conference decides; later awards follow from that decision).
 */
export function proposeHonours(ranking: Ranking, rule: HonourRule): HonoursResult {
  const result: HonoursResult = { proposals: [], undecided: [], belowMinimum: [] };
  const min = rule.minimumTotal ?? null;
  const rows = ranking.rows;
  let pos = 0;
  for (let a = 0; a < rule.awards.length; a += 1) {
    const { award, places } = rule.awards[a];
    let given = 0;
    while (given < places && pos < rows.length) {
      const row = rows[pos];
      if (min !== null && row.total < min) {
        result.belowMinimum.push(
          ...rows
            .slice(pos)
            .filter((r) => r.total < min)
            .map((r) => r.memberId),
        );
        pos = rows.length;
        break;
      }
      const tieGroup = rows.filter((r) => r.rank === row.rank);
      if (tieGroup.length > places - given) {
        // The tie straddles the cut: nothing is chosen by order.
        const candidates = tieGroup.map((r) => r.memberId);
        const reason = `${candidates.length} members tie at rank ${row.rank} with ${row.total} points and no tie-break rule separates them`;
        for (const later of rule.awards.slice(a))
          result.undecided.push({ award: later.award, candidates, reason });
        return result;
      }
      for (const r of tieGroup) {
        result.proposals.push({
          award,
          memberId: r.memberId,
          rank: r.rank,
          total: r.total,
          margin: r.margin,
          rationale:
            `rank ${r.rank} with ${r.total} points` +
            (r.margin !== null
              ? `, ${r.aheadOfNextBy ? `ahead of the next by ${r.aheadOfNextBy}` : 'tied'} (margin ${r.margin})`
              : '') +
            (min !== null ? `; minimum ${min} reached` : '') +
            `; ${award}: place ${given + 1} of ${places}`,
        });
        given += 1;
      }
      pos += tieGroup.length;
    }
  }
  return result;
}

import { awardByCode } from '../awards/catalogue';
import type { Ranking } from './ranking';

/** The two honours of seed 000 by their rule codes; any other by its catalogue code. */
const HONOUR_NAMES: Record<string, string> = {
  GOVERNMENT_FLAG: 'Cờ thi đua của Chính phủ',
  PM_CERTIFICATE: 'Bằng khen của Thủ tướng Chính phủ',
};

/** An honour's Vietnamese name (the rule's code when it names none we know). */
export function honourName(award: string): string {
  return HONOUR_NAMES[award] ?? awardByCode(award)?.name ?? award;
}

/** Points as officials write them: a decimal comma (39,5). */
const points = (n: number): string => String(n).replace('.', ',');

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
        const reason = `${candidates.length} đơn vị cùng xếp thứ ${row.rank} với ${points(row.total)} điểm, không tiêu chí phụ nào phân định được`;
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
            `xếp thứ ${r.rank} với ${points(r.total)} điểm` +
            (r.margin !== null
              ? r.aheadOfNextBy
                ? r.margin > 0
                  ? `, hơn đơn vị xếp sau ${points(r.margin)} điểm`
                  : ', bằng điểm đơn vị xếp sau, xếp trên theo tiêu chí phụ'
                : ', đồng hạng với đơn vị xếp sau'
              : '') +
            (min !== null ? `; đạt mức tối thiểu ${points(min)} điểm` : '') +
            `; ${honourName(award)}: suất ${given + 1}/${places}`,
        });
        given += 1;
      }
      pos += tieGroup.length;
    }
  }
  return result;
}

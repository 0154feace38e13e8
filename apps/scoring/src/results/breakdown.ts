import { criteriaOf, MemberTotals, Scheme } from '@tdkt/domain';
import type { Results } from '../scores/computation';

/**
 * What one group's ranking with the per-criterion breakdown needs, in a compact form kept with the
 * stored results (`scoring.ranking_breakdowns`, text): the scheme's criteria once, then per member
 * its totals and four arrays aligned with the criteria instead of 600 entry rows. Computed from the
 * entries on the first read after a change and read back as long as nothing it depends on changed:
 * an entry of the group-year (a trigger on `entries` moves the row's generation), the published
 * scheme version, or the set of members (checked on reading).
 *
 * Ranking, unit names and scopes are not kept: they are applied on each read (the registry's names
 * and the tie-break rules may change without a score changing).
 */
export interface Breakdown {
  /** Encoding version (a reader that does not know it recomputes). */
  v: 1;
  schemeVersion: number;
  /** The scheme's criterion codes, in the scheme's order. */
  criteria: string[];
  members: BreakdownMember[];
}

export interface BreakdownMember {
  id: string;
  /** As appraised (appraisal and outside values replacing self-scores). */
  total: number;
  atMaximum: number;
  /** Kept as computed (its key order is the answer's). */
  bySection: Record<string, number>;
  selfTotal: number;
  /** Per criterion: appraised points, self-scored points, the member's value, the value that counts. */
  points: number[];
  selfPoints: number[];
  self: (number | null)[];
  final: (number | null)[];
}

export const BREAKDOWN_ENCODING = 1;

/** The breakdown of `res` (computed with `scheme`, version `schemeVersion`). */
export function encodeBreakdown(scheme: Scheme, schemeVersion: number, res: Results): Breakdown {
  const criteria = criteriaOf(scheme).map((c) => c.criterion.code);
  const members: BreakdownMember[] = [];
  for (const [id, f] of res.final) {
    const s = res.self.get(id) as MemberTotals;
    const v = res.values.get(id);
    members.push({
      id,
      total: f.total,
      atMaximum: f.atMaximum,
      bySection: f.bySection,
      selfTotal: s.total,
      points: criteria.map((c) => f.byCriterion[c] ?? 0),
      selfPoints: criteria.map((c) => s.byCriterion[c] ?? 0),
      self: criteria.map((c) => v?.get(c)?.self_value ?? null),
      final: criteria.map((c) => {
        const e = v?.get(c);
        return e ? (e.appraised_value ?? e.self_value) : null;
      }),
    });
  }
  return { v: BREAKDOWN_ENCODING, schemeVersion, criteria, members };
}

/**
 * The stored breakdown, if it still answers for `schemeVersion` and exactly these members (a
 * membership change re-places RANK criteria, so it is recomputed); else undefined.
 */
export function usableBreakdown(
  text: string | null | undefined,
  schemeVersion: number,
  memberIds: readonly string[],
): Breakdown | undefined {
  if (!text) return undefined;
  const b = JSON.parse(text) as Breakdown;
  if (b.v !== BREAKDOWN_ENCODING || b.schemeVersion !== schemeVersion) return undefined;
  if (b.members.length !== memberIds.length) return undefined;
  const kept = new Set(b.members.map((m) => m.id));
  return memberIds.every((id) => kept.has(id)) ? b : undefined;
}

/** A member's totals as ranking reads them (every criterion's points, as computed). */
export function breakdownTotals(b: Breakdown, m: BreakdownMember): MemberTotals {
  const byCriterion: Record<string, number> = {};
  b.criteria.forEach((c, i) => (byCriterion[c] = m.points[i]));
  return { memberId: m.id, total: m.total, byCriterion, bySection: m.bySection, atMaximum: m.atMaximum };
}

/**
 * `SCORING_BREAKDOWN_CACHE=off` computes the breakdown from the entries on every read, as before it
 * was kept: only for bench/scoring.bench.ts, which measures both in the same run.
 */
export const BREAKDOWN_CACHE = process.env.SCORING_BREAKDOWN_CACHE !== 'off';

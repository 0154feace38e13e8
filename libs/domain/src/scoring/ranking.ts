import { MemberTotals, round2 } from './scores';

/**
 * Tie-break rules, applied in order to members with the same total. Data of the campaign, with a
 * default a user can see and change (`DEFAULT_TIE_BREAKS`).
 */
export type TieBreak =
  /** More criteria scored at their maximum ranks first. */
  | { kind: 'MORE_AT_MAXIMUM' }
  /** A higher total in the named section ranks first (e.g. the emulation-work section). */
  | { kind: 'SECTION'; section: string }
  /** A higher score in the named criterion ranks first. */
  | { kind: 'CRITERION'; criterion: string };

export const DEFAULT_TIE_BREAKS: readonly TieBreak[] = [{ kind: 'MORE_AT_MAXIMUM' }];

export function describeTieBreak(t: TieBreak | 'TOTAL'): string {
  if (t === 'TOTAL') return 'higher total';
  if (t.kind === 'MORE_AT_MAXIMUM') return 'more criteria at maximum';
  if (t.kind === 'SECTION') return `higher total in section ${t.section}`;
  return `higher score in criterion ${t.criterion}`;
}

export interface RankedMember {
  memberId: string;
  /** 1 = first. Members the rules cannot separate share a rank (the next rank is skipped). */
  rank: number;
  total: number;
  /** Part of a tie that the rules cannot break. */
  tied: boolean;
  /** What puts this member ahead of the next one (null for the last and inside a tie). */
  aheadOfNextBy: string | null;
  /** Its total minus the next member's (null for the last). */
  margin: number | null;
  /** The values compared: total, then one per tie-break rule. */
  keys: number[];
}

export interface Ranking {
  rows: RankedMember[];
  /** Groups of members the rules cannot separate (each sorted by id), best first. */
  ties: string[][];
}

function keysOf(m: MemberTotals, rules: readonly TieBreak[]): number[] {
  return [
    m.total,
    ...rules.map((r) =>
      r.kind === 'MORE_AT_MAXIMUM'
        ? m.atMaximum
        : r.kind === 'SECTION'
          ? (m.bySection[r.section] ?? 0)
          : (m.byCriterion[r.criterion] ?? 0),
    ),
  ];
}

/** Index of the first key that differs, or -1 when all are equal. */
function firstDifference(a: number[], b: number[]): number {
  for (let i = 0; i < a.length; i += 1) if (a[i] !== b[i]) return i;
  return -1;
}

/**
 * Ranks members by total, then by each tie-break rule in order. Never orders a tie silently: members
 * still equal after every rule share a rank and are reported in `ties` (listed by id only so the
 * output does not depend on the input order).
 */
export function rank(
  members: readonly MemberTotals[],
  rules: readonly TieBreak[] = DEFAULT_TIE_BREAKS,
): Ranking {
  const keyed = members.map((m) => ({ m, k: keysOf(m, rules) }));
  keyed.sort((a, b) => {
    const i = firstDifference(a.k, b.k);
    if (i >= 0) return b.k[i] - a.k[i];
    return a.m.memberId < b.m.memberId ? -1 : a.m.memberId > b.m.memberId ? 1 : 0;
  });
  const rows: RankedMember[] = [];
  const ties: string[][] = [];
  let i = 0;
  while (i < keyed.length) {
    let j = i + 1;
    while (j < keyed.length && firstDifference(keyed[i].k, keyed[j].k) === -1) j += 1;
    const group = keyed.slice(i, j);
    if (group.length > 1) ties.push(group.map((g) => g.m.memberId));
    const next = keyed[j];
    for (const g of group) {
      const d = next ? firstDifference(g.k, next.k) : -1;
      rows.push({
        memberId: g.m.memberId,
        rank: i + 1,
        total: g.m.total,
        tied: group.length > 1,
        aheadOfNextBy: next && group.length === 1 ? describeTieBreak(d === 0 ? 'TOTAL' : rules[d - 1]) : null,
        margin: next ? round2(g.m.total - next.m.total) : null,
        keys: g.k,
      });
    }
    i = j;
  }
  return { rows, ties };
}

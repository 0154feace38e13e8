import { computeTotals, Entry, HonourRule, MemberTotals, Scheme, TieBreak } from '@tdkt/domain';
import type { GroupYear } from '../registry/group-directory';
import type { EntryRow, MemberResultRow } from './scores.repository';

/**
 * From a group-year's entries to its members' totals (the rules are libs/domain scoring/), and the
 * shapes the results are kept and ranked in.
 */

export interface Results {
  /** With appraisal and outside values replacing self-scores. */
  final: Map<string, MemberTotals>;
  /** Self-scores only. */
  self: Map<string, MemberTotals>;
  /** Each member's entries by criterion (members of the year only; each member has a map). */
  values: Map<string, Map<string, EntryRow>>;
}

/**
 * Totals of every member of the group-year, as appraised and as self-scored. Entries of units that
 * are not members that year are left out; a member without entries has all its criteria at 0 (RANK
 * criteria are placed across the members).
 */
export function results(scheme: Scheme, gy: GroupYear, rows: EntryRow[]): Results {
  const values = new Map<string, Map<string, EntryRow>>(gy.members.map((m) => [m.unitId, new Map()]));
  for (const r of rows) values.get(r.member_id)?.set(r.criterion, r);
  const final = new Map<string, Record<string, Entry>>();
  const self = new Map<string, Record<string, Entry>>();
  for (const [member, byCode] of values) {
    const f: Record<string, Entry> = {};
    const s: Record<string, Entry> = {};
    for (const [code, r] of byCode) {
      const v = r.appraised_value ?? r.self_value;
      if (v !== null) f[code] = { value: v, reason: r.reason, evidence: r.evidence };
      if (r.self_value !== null) s[code] = { value: r.self_value, evidence: r.evidence };
    }
    final.set(member, f);
    self.set(member, s);
  }
  const byId = (list: MemberTotals[]) => new Map(list.map((t) => [t.memberId, t]));
  return { final: byId(computeTotals(scheme, final)), self: byId(computeTotals(scheme, self)), values };
}

/**
 * What is kept of each member's results for ranking without the entries: totals, criteria at
 * maximum, section totals, and the points of the criteria the tie-break rules name.
 */
export function storedResults(res: Results, tieBreaks: readonly TieBreak[]): MemberResultRow[] {
  const named = tieBreaks.flatMap((t) => (t.kind === 'CRITERION' ? [t.criterion] : []));
  return [...res.final.values()].map((t) => ({
    member_id: t.memberId,
    total: t.total,
    self_total: res.self.get(t.memberId)?.total ?? 0,
    at_maximum: t.atMaximum,
    by_section: t.bySection,
    tie_criteria: Object.fromEntries(named.map((c) => [c, t.byCriterion[c] ?? 0])),
  }));
}

export type Scope = 'GROUP' | 'SUBGROUP';

/** The scope asked for, or by default the honour rule's (per subgroup only where there are some). */
export function defaultScope(requested: Scope | undefined, honours: HonourRule, gy: GroupYear): Scope {
  return requested ?? (honours.scope === 'SUBGROUP' && gy.subgroups.size ? 'SUBGROUP' : 'GROUP');
}

/**
 * The members of each ranking scope, by subgroup id (null: the whole group, or the members
 * without a subgroup), in the registry's order.
 */
export function scopesOf(gy: GroupYear, scope: Scope): Map<string | null, GroupYear['members']> {
  const parts = new Map<string | null, GroupYear['members']>();
  for (const m of gy.members) {
    const key = scope === 'SUBGROUP' ? m.subgroupId : null;
    const part = parts.get(key);
    if (part) part.push(m);
    else parts.set(key, [m]);
  }
  return parts;
}

/** A scope's name: its subgroup's, or the group's. */
export function scopeName(gy: GroupYear, subgroupId: string | null): string {
  return subgroupId ? (gy.subgroups.get(subgroupId) ?? subgroupId) : gy.groupName;
}

/** Scopes in Vietnamese order of their names. */
export function byScopeName(a: { name: string }, b: { name: string }): number {
  return a.name.localeCompare(b.name, 'vi');
}

/** What ranking needs of a member's stored result (zero without one). */
export function storedTotals(
  memberId: string,
  x: Pick<MemberResultRow, 'total' | 'at_maximum' | 'by_section' | 'tie_criteria'> | undefined,
): MemberTotals {
  return {
    memberId,
    total: x?.total ?? 0,
    atMaximum: x?.at_maximum ?? 0,
    bySection: x?.by_section ?? {},
    byCriterion: x?.tie_criteria ?? {},
  };
}

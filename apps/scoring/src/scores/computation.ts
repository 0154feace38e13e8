import { RankingScopeView } from '@tdkt/contracts';
import {
  computeTotals,
  criteriaOf,
  Entry,
  HonourRule,
  MemberTotals,
  rank,
  round2,
  Scheme,
  TieBreak,
} from '@tdkt/domain';
import type { GroupYear } from '../registry/group-directory';

export interface EntryRow {
  member_id: string;
  criterion: string;
  self_value: number | null;
  evidence: boolean;
  appraised_value: number | null;
  appraised_kind: string | null;
  reason: string | null;
  scheme_version: number;
  updated_at: Date;
}

/** A member's row of `member_results`, kept on each write. */
export interface StoredResult {
  member_id: string;
  total: number;
  self_total: number;
  at_maximum: number;
  by_section: Record<string, number>;
  tie_criteria: Record<string, number>;
}

export interface Results {
  /** With appraisal and outside values replacing self-scores. */
  final: Map<string, MemberTotals>;
  /** Self-scores only. */
  self: Map<string, MemberTotals>;
  values: Map<string, Map<string, EntryRow>>;
}

/** Totals of every member of the group-year, as appraised and as self-scored. */
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

type Scope = 'GROUP' | 'SUBGROUP';

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
    parts.set(key, [...(parts.get(key) ?? []), m]);
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
  x: Pick<StoredResult, 'total' | 'at_maximum' | 'by_section' | 'tie_criteria'> | undefined,
): MemberTotals {
  return {
    memberId,
    total: x?.total ?? 0,
    atMaximum: x?.at_maximum ?? 0,
    bySection: x?.by_section ?? {},
    byCriterion: x?.tie_criteria ?? {},
  };
}

/** Ranking scopes: the whole group, or each subgroup (members without one form their own scope). */
export function rankScopes(
  scheme: Scheme,
  gy: GroupYear,
  res: Results,
  scope: Scope,
  tieBreaks: TieBreak[],
): RankingScopeView[] {
  const names = new Map(gy.members.map((m) => [m.unitId, m.unitName]));
  const criteria = criteriaOf(scheme).map((c) => c.criterion.code);
  return [...scopesOf(gy, scope).entries()]
    .map(([subgroupId, members]) => {
      const r = rank(
        members.map((m) => res.final.get(m.unitId) as MemberTotals),
        tieBreaks,
      );
      return {
        subgroupId,
        name: scopeName(gy, subgroupId),
        ties: r.ties,
        rows: r.rows.map((row) => {
          const f = res.final.get(row.memberId) as MemberTotals;
          const s = res.self.get(row.memberId) as MemberTotals;
          const v = res.values.get(row.memberId);
          return {
            memberId: row.memberId,
            unitName: names.get(row.memberId) ?? row.memberId,
            rank: row.rank,
            total: row.total,
            selfTotal: s.total,
            difference: round2(row.total - s.total),
            tied: row.tied,
            aheadOfNextBy: row.aheadOfNextBy,
            margin: row.margin,
            bySection: f.bySection,
            criteria: criteria.map((code) => {
              const e = v?.get(code);
              return {
                criterion: code,
                self: e?.self_value ?? null,
                final: e ? (e.appraised_value ?? e.self_value) : null,
                points: f.byCriterion[code] ?? 0,
                selfPoints: s.byCriterion[code] ?? 0,
                difference: round2((f.byCriterion[code] ?? 0) - (s.byCriterion[code] ?? 0)),
              };
            }),
          };
        }),
      };
    })
    .sort(byScopeName);
}

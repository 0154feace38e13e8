import { RankingScopeView } from '@tdkt/contracts';
import { computeTotals, criteriaOf, Entry, MemberTotals, rank, Scheme, TieBreak } from '@tdkt/domain';
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

/** Ranking scopes: the whole group, or each subgroup (members without one form their own scope). */
export function rankScopes(
  scheme: Scheme,
  gy: GroupYear,
  res: Results,
  scope: 'GROUP' | 'SUBGROUP',
  tieBreaks: TieBreak[],
): RankingScopeView[] {
  const names = new Map(gy.members.map((m) => [m.unitId, m.unitName]));
  const parts = new Map<string | null, string[]>();
  for (const m of gy.members) {
    const key = scope === 'SUBGROUP' ? m.subgroupId : null;
    parts.set(key, [...(parts.get(key) ?? []), m.unitId]);
  }
  const criteria = criteriaOf(scheme).map((c) => c.criterion.code);
  return [...parts.entries()]
    .map(([subgroupId, ids]) => {
      const r = rank(
        ids.map((id) => res.final.get(id) as MemberTotals),
        tieBreaks,
      );
      return {
        subgroupId,
        name: subgroupId ? (gy.subgroups.get(subgroupId) ?? subgroupId) : gy.groupName,
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
            difference: Math.round((row.total - s.total) * 100) / 100,
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
                difference: Math.round(((f.byCriterion[code] ?? 0) - (s.byCriterion[code] ?? 0)) * 100) / 100,
              };
            }),
          };
        }),
      };
    })
    .sort((a, b) => a.name.localeCompare(b.name, 'vi'));
}

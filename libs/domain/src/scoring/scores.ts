import { CriterionNode, criteriaOf, Scheme, Scorer } from './scheme';

/**
 * One entry for one criterion of one member: points (MANUAL, BONUS, PENALTY), the achieved
 * value (TARGET) or the measured value (RANK).
 */
export interface Entry {
  value: number;
  /** Mandatory for bonus and penalty points and for every appraisal change. */
  reason?: string | null;
  /** Whether evidence was attached (criteria that require it). */
  evidence?: boolean;
}

/** Who is entering: the member, the group's chair/vice, or an outside body by name. */
export type Author = Scorer;

/** Rounded to two decimals (points are kept to the hundredth). */
export const round2 = (x: number): number => Math.round(x * 100) / 100;

function owner(s: Scorer): string {
  return s.kind === 'OUTSIDE_BODY'
    ? `cơ quan ngoài "${s.body}"`
    : s.kind === 'MEMBER'
      ? 'đơn vị thành viên'
      : 'Cụm trưởng, Cụm phó';
}

/**
 * Whether `author` may enter this criterion: members their own criteria; the chair/vice members'
 * and their own (appraisal); an outside body only the criteria it owns.
 */
export function mayEnter(c: CriterionNode, author: Author): string | null {
  const s = c.scoredBy;
  if (s.kind === 'OUTSIDE_BODY')
    return author.kind === 'OUTSIDE_BODY' && author.body === s.body
      ? null
      : `tiêu chí ${c.code} do ${owner(s)} chấm`;
  if (author.kind === 'OUTSIDE_BODY') return `tiêu chí ${c.code} do ${owner(s)} chấm`;
  if (s.kind === 'LEADERSHIP' && author.kind === 'MEMBER') return `tiêu chí ${c.code} do ${owner(s)} chấm`;
  return null;
}

/** What is wrong with an entry (empty when it can be recorded). */
export function entryProblems(c: CriterionNode, e: Entry, author: Author): string[] {
  const out: string[] = [];
  const who = mayEnter(c, author);
  if (who) out.push(who);
  if (!Number.isFinite(e.value)) return [...out, 'giá trị phải là số'];
  const m = c.method;
  switch (m.kind) {
    case 'MANUAL':
      if (e.value < 0 || e.value > c.max) out.push(`giá trị phải từ 0 đến điểm tối đa ${c.max}`);
      break;
    case 'TARGET':
      if (e.value < 0) out.push('giá trị đạt được không được âm');
      break;
    case 'RANK':
      break;
    case 'BONUS':
    case 'PENALTY':
      if (e.value < 0 || e.value > m.cap) out.push(`giá trị phải từ 0 đến mức trần ${m.cap}`);
      if (e.value > 0 && !e.reason?.trim())
        out.push(`${m.kind === 'BONUS' ? 'điểm thưởng' : 'điểm trừ'} cần nêu lý do`);
      break;
  }
  if (c.evidenceRequired && author.kind === 'MEMBER' && !e.evidence)
    out.push('tiêu chí này cần có minh chứng');
  return out;
}

export interface MemberTotals {
  memberId: string;
  total: number;
  byCriterion: Record<string, number>;
  bySection: Record<string, number>;
  /** Criteria (bonus and penalty aside) scored at their maximum. */
  atMaximum: number;
}

/** Points of a TARGET criterion for an achieved value. */
export function targetPoints(
  c: CriterionNode & { method: { kind: 'TARGET'; target: number; floor: number } },
  achieved: number,
): number {
  if (achieved >= c.method.target) return c.max;
  if (achieved <= 0) return 0;
  return round2(Math.max(c.method.floor, (c.max * achieved) / c.method.target));
}

/**
 * Every member's points per criterion and section and their total. RANK criteria are placed
 * across the members given (equal values share a place; a member without a value gets 0).
 */
export function computeTotals(
  scheme: Scheme,
  entries: ReadonlyMap<string, Readonly<Record<string, Entry>>>,
): MemberTotals[] {
  const criteria = criteriaOf(scheme);
  const members = [...entries.keys()];
  const rankPoints = new Map<string, Map<string, number>>();
  for (const { criterion: c } of criteria) {
    if (c.method.kind !== 'RANK') continue;
    const { step, lowerIsBetter } = c.method;
    const values = members
      .map((m) => ({ m, v: entries.get(m)?.[c.code]?.value }))
      .filter((x): x is { m: string; v: number } => typeof x.v === 'number' && Number.isFinite(x.v));
    const points = new Map<string, number>();
    for (const x of values) {
      const better = values.filter((y) => (lowerIsBetter ? y.v < x.v : y.v > x.v)).length;
      points.set(x.m, round2(Math.max(0, c.max - step * better)));
    }
    rankPoints.set(c.code, points);
  }
  return members.map((memberId) => {
    const mine = entries.get(memberId) ?? {};
    const byCriterion: Record<string, number> = {};
    const bySection: Record<string, number> = {};
    let atMaximum = 0;
    let total = 0;
    for (const { criterion: c, sections } of criteria) {
      const e = mine[c.code];
      const m = c.method;
      let p = 0;
      if (m.kind === 'RANK') p = rankPoints.get(c.code)?.get(memberId) ?? 0;
      else if (e) {
        if (m.kind === 'MANUAL') p = Math.min(c.max, Math.max(0, e.value));
        else if (m.kind === 'TARGET') p = targetPoints(c as Parameters<typeof targetPoints>[0], e.value);
        else if (m.kind === 'BONUS') p = Math.min(m.cap, Math.max(0, e.value));
        else p = -Math.min(m.cap, Math.max(0, e.value));
      }
      p = round2(p);
      byCriterion[c.code] = p;
      if (m.kind !== 'BONUS' && m.kind !== 'PENALTY' && p === c.max) atMaximum += 1;
      for (const s of sections) bySection[s] = round2((bySection[s] ?? 0) + p);
      total += p;
    }
    return { memberId, total: round2(total), byCriterion, bySection, atMaximum };
  });
}

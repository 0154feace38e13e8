import { addDays, endOfDayInVietnam } from '../time/periods';

export interface MilestoneDates {
  code: string;
  startsOn: string | null;
  dueOn: string | null;
  anchorCode: string | null;
  offsetDays: number | null;
}

export interface ResolvedMilestone {
  code: string;
  /** The deadline date (in Vietnam), stated or derived from its anchor; null while unknown. */
  dueOn: string | null;
  /** The deadline instant: the end of `dueOn` in Asia/Ho_Chi_Minh. */
  dueAt: Date | null;
}

/**
 * Works out each milestone's deadline. A milestone stated relative to another ("07 days after the
 * conference", seed 000) takes the anchor's date (its due date, else its start) plus the offset;
 * it stays unknown while the anchor has no date. Anchor chains are followed; cycles give null.
 */
export function resolveMilestones(milestones: readonly MilestoneDates[]): Map<string, ResolvedMilestone> {
  const byCode = new Map(milestones.map((m) => [m.code, m]));
  const memo = new Map<string, string | null>();
  const visiting = new Set<string>();

  const dueOf = (code: string): string | null => {
    if (memo.has(code)) return memo.get(code) as string | null;
    const m = byCode.get(code);
    if (!m || visiting.has(code)) return null;
    visiting.add(code);
    let due: string | null = m.dueOn;
    if (due === null && m.anchorCode !== null) {
      const anchor = byCode.get(m.anchorCode);
      const anchorDate = anchor ? (dueOf(anchor.code) ?? anchor.startsOn) : null;
      due = anchorDate === null ? null : addDays(anchorDate, m.offsetDays ?? 0);
    }
    visiting.delete(code);
    memo.set(code, due);
    return due;
  };

  const out = new Map<string, ResolvedMilestone>();
  for (const m of milestones) {
    const dueOn = dueOf(m.code);
    out.set(m.code, { code: m.code, dueOn, dueAt: dueOn === null ? null : endOfDayInVietnam(dueOn) });
  }
  return out;
}

/** A relative milestone whose anchor points nowhere, or whose anchors lead back to itself. */
export interface MilestoneAnchorIssue {
  code: string;
  anchorCode: string;
  issue: 'MISSING_ANCHOR' | 'CYCLE';
}

/** Anchors that would make a cycle or point nowhere; empty when the set is consistent. */
export function milestoneAnchorIssues(milestones: readonly MilestoneDates[]): MilestoneAnchorIssue[] {
  const byCode = new Map(milestones.map((m) => [m.code, m]));
  const issues: MilestoneAnchorIssue[] = [];
  for (const m of milestones) {
    if (m.anchorCode === null) continue;
    if (!byCode.has(m.anchorCode)) {
      issues.push({ code: m.code, anchorCode: m.anchorCode, issue: 'MISSING_ANCHOR' });
      continue;
    }
    const seen = new Set<string>([m.code]);
    let cur = byCode.get(m.anchorCode);
    while (cur) {
      if (seen.has(cur.code)) {
        issues.push({ code: m.code, anchorCode: m.anchorCode, issue: 'CYCLE' });
        break;
      }
      seen.add(cur.code);
      cur = cur.anchorCode === null ? undefined : byCode.get(cur.anchorCode);
    }
  }
  return issues;
}

/** The same issues as text (`code: anchor x does not exist`, `code: anchors form a cycle`). */
export function milestoneAnchorProblems(milestones: readonly MilestoneDates[]): string[] {
  return milestoneAnchorIssues(milestones).map((i) =>
    i.issue === 'MISSING_ANCHOR'
      ? `${i.code}: anchor ${i.anchorCode} does not exist`
      : `${i.code}: anchors form a cycle`,
  );
}

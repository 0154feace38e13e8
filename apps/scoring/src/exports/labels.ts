import { HonourRuleView, SchemeBody, SectionView, TieBreakView } from '@tdkt/contracts';
import { describeTieBreak, honourName, SchemeState } from '@tdkt/domain';

/**
 * The words printed in place of the codes the API speaks: awards, tie-break rules, the reason one
 * member ranks ahead of the next, a scheme's state. What officials read on paper.
 */

export function awardLabel(award: string): string {
  return honourName(award);
}

export const SCHEME_STATE_LABEL: Record<SchemeState, string> = {
  [SchemeState.DRAFT]: 'bản dự thảo',
  [SchemeState.PUBLISHED]: 'đã công bố',
  [SchemeState.SUPERSEDED]: 'dự thảo đã được thay thế',
};

/** Every section's and criterion's title by code. */
export function titlesOf(scheme: SchemeBody): Map<string, string> {
  const titles = new Map<string, string>();
  const visit = (n: SectionView | SectionView['children'][number]): void => {
    titles.set(n.code, n.title);
    if (n.type === 'SECTION') n.children.forEach(visit);
  };
  scheme.sections.forEach(visit);
  return titles;
}

/** A tie-break rule in words, e.g. "có nhiều tiêu chí đạt điểm tối đa hơn". */
export function tieBreakLabel(
  t: TieBreakView | 'TOTAL',
  titles: ReadonlyMap<string, string> = new Map(),
): string {
  if (t === 'TOTAL') return 'tổng điểm cao hơn';
  if (t.kind === 'MORE_AT_MAXIMUM') return 'có nhiều tiêu chí đạt điểm tối đa hơn';
  if (t.kind === 'SECTION') return `tổng điểm mục “${titles.get(t.section) ?? t.section}” cao hơn`;
  return `điểm tiêu chí “${titles.get(t.criterion) ?? t.criterion}” cao hơn`;
}

/** The rules in order, as a sentence: "Khi bằng tổng điểm, xét lần lượt: …". */
export function tieBreakSentence(
  rules: readonly TieBreakView[],
  titles: ReadonlyMap<string, string>,
): string {
  if (!rules.length) return 'Khi bằng tổng điểm: đồng hạng, do Hội nghị xem xét, quyết định.';
  return `Khi bằng tổng điểm, xét lần lượt: ${rules.map((r, i) => `(${i + 1}) ${tieBreakLabel(r, titles)}`).join('; ')}.`;
}

/**
 * Why a member ranks ahead of the next (the ranking's `aheadOfNextBy`, the domain's description of
 * the rule that separated them) in words; null when nothing separates it (last, or inside a tie).
 */
export function aheadLabel(
  aheadOfNextBy: string | null,
  rules: readonly TieBreakView[],
  titles: ReadonlyMap<string, string>,
): string | null {
  if (!aheadOfNextBy) return null;
  for (const r of ['TOTAL' as const, ...rules])
    if (describeTieBreak(r) === aheadOfNextBy) return `Hơn đơn vị xếp sau: ${tieBreakLabel(r, titles)}`;
  return null;
}

/** The honour rule in words (who is proposed for what). */
export function honourRuleLines(rule: HonourRuleView): string[] {
  const scope = rule.scope === 'SUBGROUP' ? 'trong mỗi nhóm' : 'trong toàn cụm, khối';
  let place = 0;
  const lines = rule.awards.map((a) => {
    const from = place + 1;
    place += a.places;
    const at = a.places === 1 ? `xếp thứ ${from}` : `xếp thứ ${from} đến thứ ${place}`;
    return `${awardLabel(a.award)}: đơn vị ${at} ${scope} (${a.places} đơn vị)`;
  });
  if (rule.minimumTotal !== null && rule.minimumTotal !== undefined)
    lines.push(`Chỉ đề nghị khen thưởng đơn vị đạt từ ${rule.minimumTotal} điểm trở lên`);
  return lines;
}

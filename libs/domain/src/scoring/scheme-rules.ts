import { clip } from '../text/vietnamese';
import { HonourRule, SEED_000_HONOURS } from './honours';
import { DEFAULT_TIE_BREAKS, TieBreak } from './ranking';
import { criteriaOf, Scheme, SchemeNode, SchemeProblem } from './scheme';

/**
 * The rules stored with a scheme: its tie-breaks and its honour rule. Given ones are kept to their
 * fields; missing ones take the visible defaults (more criteria at maximum; seed 000's one flag
 * and one certificate, per subgroup where the group has subgroups).
 */

/** The tie-break rules as stored: only their fields (the default when none were given). */
export function normaliseTieBreaks(given: readonly TieBreak[] | undefined): TieBreak[] {
  return (given ?? DEFAULT_TIE_BREAKS).map((t): TieBreak =>
    t.kind === 'SECTION'
      ? { kind: 'SECTION', section: t.section }
      : t.kind === 'CRITERION'
        ? { kind: 'CRITERION', criterion: t.criterion }
        : { kind: 'MORE_AT_MAXIMUM' },
  );
}

/** The honour rule as stored: only its fields; by default seed 000's, per subgroup where there are some. */
export function normaliseHonourRule(given: HonourRule | undefined, hasSubgroups: boolean): HonourRule {
  const rule = given ?? { ...SEED_000_HONOURS, scope: hasSubgroups ? 'SUBGROUP' : 'GROUP' };
  return {
    scope: rule.scope,
    awards: rule.awards.map((a) => ({ award: a.award, places: a.places })),
    minimumTotal: rule.minimumTotal ?? null,
  };
}

function sectionCodes(scheme: Scheme): Set<string> {
  const codes = new Set<string>();
  const visit = (n: SchemeNode) => {
    if (n.type !== 'SECTION') return;
    codes.add(n.code);
    n.children.forEach(visit);
  };
  scheme.sections.forEach(visit);
  return codes;
}

/**
 * What is wrong with the rules of a (valid) scheme: a tie-break naming a section or criterion the
 * scheme does not have, an honour rule without awards or with places under 1. Paths are relative to
 * the rules (`tieBreaks[0].section`, `honours.awards[1].places`).
 */
export function schemeRulesProblems(
  scheme: Scheme,
  tieBreaks: readonly TieBreak[],
  honours: HonourRule,
): SchemeProblem[] {
  const problems: SchemeProblem[] = [];
  const sections = sectionCodes(scheme);
  const criteria = new Set(criteriaOf(scheme).map((c) => c.criterion.code));
  tieBreaks.forEach((t, i) => {
    const at = `tieBreaks[${i}]`;
    if (t?.kind === 'MORE_AT_MAXIMUM') return;
    if (t?.kind === 'SECTION') {
      if (!sections.has(t.section))
        problems.push({
          path: `${at}.section`,
          message: `không có mục "${clip(String(t.section))}" trong bảng điểm`,
        });
    } else if (t?.kind === 'CRITERION') {
      if (!criteria.has(t.criterion))
        problems.push({
          path: `${at}.criterion`,
          message: `không có tiêu chí "${clip(String(t.criterion))}" trong bảng điểm`,
        });
    } else problems.push({ path: `${at}.kind`, message: 'phải là MORE_AT_MAXIMUM, SECTION hoặc CRITERION' });
  });
  if (!['GROUP', 'SUBGROUP'].includes(honours?.scope))
    problems.push({ path: 'honours.scope', message: 'phải là GROUP hoặc SUBGROUP' });
  if (!Array.isArray(honours?.awards) || honours.awards.length === 0)
    problems.push({ path: 'honours.awards', message: 'phải nêu ít nhất một hình thức khen thưởng' });
  else
    honours.awards.forEach((a, i) => {
      if (typeof a?.award !== 'string' || !a.award.trim())
        problems.push({ path: `honours.awards[${i}].award`, message: 'bắt buộc' });
      if (!Number.isInteger(a?.places) || a.places < 1)
        problems.push({
          path: `honours.awards[${i}].places`,
          message: 'phải là số nguyên từ 1 trở lên',
        });
    });
  if (honours?.minimumTotal != null && !Number.isFinite(honours.minimumTotal))
    problems.push({ path: 'honours.minimumTotal', message: 'phải là số hoặc null' });
  return problems;
}

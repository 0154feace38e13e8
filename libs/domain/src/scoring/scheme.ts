/**
 * A covenant's points table (thang bảng điểm): a tree of sections and criteria, each criterion with
 * its maximum, how its points are computed and who scores it. Nothing here is a national rule:
 * every number comes from the scheme a group adopted (the cluster guidance 1819/HD-BTĐKT is not
 * available to us), so a scheme is data, validated here.
 */

/** How a criterion's points come about. */
export type Method =
  /** The scorer gives points from 0 to the maximum. */
  | { kind: 'MANUAL' }
  /**
   * The scorer gives the achieved value: the maximum at or beyond `target`, proportionally less
   * below it, never less than `floor` points (once anything was achieved).
   */
  | { kind: 'TARGET'; target: number; floor: number }
  /**
   * The scorer gives a measured value; members are ranked on it across the group (higher is
   * better unless `lowerIsBetter`): the best gets the maximum, each next place `step` points less
   * (never below 0). Equal values share a place.
   */
  | { kind: 'RANK'; step: number; lowerIsBetter?: boolean }
  /** Extra points with a mandatory reason, up to `cap`. */
  | { kind: 'BONUS'; cap: number }
  /** Points taken off with a mandatory reason, up to `cap`. */
  | { kind: 'PENALTY'; cap: number };

/** Who enters a criterion: the member itself, the group's chair/vice, or a named outside body. */
export type Scorer =
  | { kind: 'MEMBER' }
  | { kind: 'LEADERSHIP' }
  /** e.g. the central board (emulation work), the national traffic-safety committee. */
  | { kind: 'OUTSIDE_BODY'; body: string };

export interface CriterionNode {
  type: 'CRITERION';
  code: string;
  title: string;
  /** Points at most (for BONUS/PENALTY: 0; their cap is in the method). */
  max: number;
  method: Method;
  scoredBy: Scorer;
  evidenceRequired: boolean;
}

export interface SectionNode {
  type: 'SECTION';
  code: string;
  title: string;
  children: SchemeNode[];
}

export type SchemeNode = SectionNode | CriterionNode;

export interface Scheme {
  sections: SectionNode[];
}

export interface SchemeProblem {
  /** Where, e.g. `sections[1].children[0].max`. */
  path: string;
  message: string;
}

const CODE = /^[a-z0-9][a-z0-9.-]{0,63}$/;

/** Everything wrong with a scheme (empty when it can be published). */
export function schemeProblems(scheme: Scheme): SchemeProblem[] {
  const problems: SchemeProblem[] = [];
  const seen = new Map<string, string>();
  const add = (path: string, message: string) => problems.push({ path, message });
  if (!Array.isArray(scheme.sections) || scheme.sections.length === 0)
    add('sections', 'a scheme has at least one section');
  const visit = (n: SchemeNode, path: string): void => {
    if (!CODE.test(n.code ?? '')) add(`${path}.code`, 'must be lower-case letters, digits, dots or hyphens');
    else if (seen.has(n.code)) add(`${path}.code`, `"${n.code}" is already used at ${seen.get(n.code)}`);
    else seen.set(n.code, path);
    if (!n.title?.trim()) add(`${path}.title`, 'is required');
    if (n.type === 'SECTION') {
      if (!n.children?.length) add(`${path}.children`, 'a section has at least one criterion or section');
      n.children?.forEach((c, i) => visit(c, `${path}.children[${i}]`));
      return;
    }
    const m = n.method;
    const bonusLike = m?.kind === 'BONUS' || m?.kind === 'PENALTY';
    if (bonusLike) {
      if (n.max !== 0) add(`${path}.max`, `must be 0 for ${m.kind} (the cap is in the method)`);
      if (!(m.cap > 0)) add(`${path}.method.cap`, 'must be more than 0');
    } else if (!(Number.isFinite(n.max) && n.max > 0)) add(`${path}.max`, 'must be more than 0');
    if (m?.kind === 'TARGET') {
      if (!(m.target > 0)) add(`${path}.method.target`, 'must be more than 0');
      if (!(m.floor >= 0 && m.floor <= n.max))
        add(`${path}.method.floor`, 'must be between 0 and the maximum');
    }
    if (m?.kind === 'RANK' && !(m.step > 0)) add(`${path}.method.step`, 'must be more than 0');
    if (!m || !['MANUAL', 'TARGET', 'RANK', 'BONUS', 'PENALTY'].includes(m.kind))
      add(`${path}.method.kind`, 'must be MANUAL, TARGET, RANK, BONUS or PENALTY');
    if (n.scoredBy?.kind === 'OUTSIDE_BODY' && !n.scoredBy.body?.trim())
      add(`${path}.scoredBy.body`, 'names the outside body');
  };
  scheme.sections?.forEach((s, i) => {
    if (s.type !== 'SECTION') add(`sections[${i}].type`, 'a top-level node is a SECTION');
    visit(s, `sections[${i}]`);
  });
  return problems;
}

/** Every criterion with the codes of the sections above it (outermost first). */
export function criteriaOf(scheme: Scheme): { criterion: CriterionNode; sections: string[] }[] {
  const out: { criterion: CriterionNode; sections: string[] }[] = [];
  const visit = (n: SchemeNode, above: string[]): void => {
    if (n.type === 'CRITERION') out.push({ criterion: n, sections: above });
    else n.children.forEach((c) => visit(c, [...above, n.code]));
  };
  scheme.sections.forEach((s) => visit(s, []));
  return out;
}

/** The most a member can total: every maximum plus every bonus cap. */
export function maximumTotal(scheme: Scheme): number {
  return criteriaOf(scheme).reduce(
    (sum, { criterion: c }) => sum + (c.method.kind === 'BONUS' ? c.method.cap : c.max),
    0,
  );
}

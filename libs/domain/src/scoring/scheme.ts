import { clip, isWellFormed, nfc } from '../text/vietnamese';

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

/** Limits of a scheme as data: a tree a person keeps in one table. */
export const SCHEME_LIMITS = {
  /** Sections and criteria in all. */
  nodes: 2000,
  /** Sections inside sections (a criterion is one level more). */
  depth: 8,
  title: 2000,
  body: 300,
  /** Largest maximum, target, floor, step or cap. */
  number: 1e9,
} as const;

const METHOD_KINDS = ['MANUAL', 'TARGET', 'RANK', 'BONUS', 'PENALTY'] as const;
const SCORER_KINDS = ['MEMBER', 'LEADERSHIP', 'OUTSIDE_BODY'] as const;
const SECTION_KEYS = new Set(['type', 'code', 'title', 'children']);
const CRITERION_KEYS = new Set(['type', 'code', 'title', 'max', 'method', 'scoredBy', 'evidenceRequired']);
const METHOD_KEYS: Record<string, Set<string>> = {
  MANUAL: new Set(['kind']),
  TARGET: new Set(['kind', 'target', 'floor']),
  RANK: new Set(['kind', 'step', 'lowerIsBetter']),
  BONUS: new Set(['kind', 'cap']),
  PENALTY: new Set(['kind', 'cap']),
};
const SCORER_KEYS: Record<string, Set<string>> = {
  MEMBER: new Set(['kind']),
  LEADERSHIP: new Set(['kind']),
  OUTSIDE_BODY: new Set(['kind', 'body']),
};

type Plain = Record<string, unknown>;
const isPlain = (v: unknown): v is Plain => typeof v === 'object' && v !== null && !Array.isArray(v);
const isText = (v: unknown): v is string => typeof v === 'string';
const isNumber = (v: unknown): v is number => typeof v === 'number';

/**
 * Everything wrong with a scheme (empty when it can be published). Anything may be passed (a
 * request body): nothing is assumed about types, every problem is named by its path, and an empty
 * answer means `scheme` has exactly the shape of `Scheme`.
 */
export function schemeProblems(scheme: unknown): SchemeProblem[] {
  const problems: SchemeProblem[] = [];
  const seen = new Map<string, string>();
  let nodes = 0;
  const add = (path: string, message: string) => problems.push({ path, message });
  const unknownKeys = (o: Plain, allowed: Set<string>, path: string) => {
    for (const k of Object.keys(o))
      if (!allowed.has(k)) add(`${path}.${clip(k, 64)}`, 'không phải một trường ở đây');
  };
  /** A number of the scheme: finite, above (or from) 0, at most SCHEME_LIMITS.number. */
  const amount = (v: unknown, path: string, zeroAllowed: boolean, message: string): boolean => {
    if (!isNumber(v)) {
      add(path, 'phải là số');
      return false;
    }
    if (!Number.isFinite(v) || (zeroAllowed ? v < 0 : v <= 0)) {
      add(path, message);
      return false;
    }
    if (v > SCHEME_LIMITS.number) {
      add(path, `tối đa ${SCHEME_LIMITS.number}`);
      return false;
    }
    return true;
  };
  const criterion = (n: Plain, path: string): void => {
    const m = n.method;
    const kind = isPlain(m) ? m.kind : undefined;
    const bonusLike = kind === 'BONUS' || kind === 'PENALTY';
    if (bonusLike) {
      if (n.max !== 0) add(`${path}.max`, `phải là 0 với ${String(kind)} (mức trần nằm trong cách tính)`);
      amount((m as Plain).cap, `${path}.method.cap`, false, 'phải lớn hơn 0');
    } else amount(n.max, `${path}.max`, false, 'phải lớn hơn 0');
    if (!isPlain(m)) add(`${path}.method`, 'phải là một đối tượng có kind');
    else {
      if (kind === 'TARGET') {
        amount(m.target, `${path}.method.target`, false, 'phải lớn hơn 0');
        if (
          amount(m.floor, `${path}.method.floor`, true, 'phải từ 0 đến điểm tối đa') &&
          isNumber(n.max) &&
          (m.floor as number) > n.max
        )
          add(`${path}.method.floor`, 'phải từ 0 đến điểm tối đa');
      }
      if (kind === 'RANK') {
        amount(m.step, `${path}.method.step`, false, 'phải lớn hơn 0');
        if (m.lowerIsBetter !== undefined && typeof m.lowerIsBetter !== 'boolean')
          add(`${path}.method.lowerIsBetter`, 'phải là true hoặc false');
      }
      if (!METHOD_KINDS.includes(kind as (typeof METHOD_KINDS)[number]))
        add(`${path}.method.kind`, 'phải là MANUAL, TARGET, RANK, BONUS hoặc PENALTY');
      else unknownKeys(m, METHOD_KEYS[kind as string], `${path}.method`);
    }
    const by = n.scoredBy;
    if (!isPlain(by)) add(`${path}.scoredBy`, 'phải là một đối tượng có kind');
    else if (!SCORER_KINDS.includes(by.kind as (typeof SCORER_KINDS)[number]))
      add(`${path}.scoredBy.kind`, 'phải là MEMBER, LEADERSHIP hoặc OUTSIDE_BODY');
    else {
      if (by.kind === 'OUTSIDE_BODY') {
        if (!isText(by.body) || !by.body.trim()) add(`${path}.scoredBy.body`, 'phải nêu tên cơ quan ngoài');
        else if (!isWellFormed(by.body)) add(`${path}.scoredBy.body`, 'phải là văn bản Unicode hợp lệ');
        else if (by.body.length > SCHEME_LIMITS.body)
          add(`${path}.scoredBy.body`, `dài tối đa ${SCHEME_LIMITS.body} ký tự`);
      }
      unknownKeys(by, SCORER_KEYS[by.kind as string], `${path}.scoredBy`);
    }
    if (typeof n.evidenceRequired !== 'boolean') add(`${path}.evidenceRequired`, 'phải là true hoặc false');
    unknownKeys(n, CRITERION_KEYS, path);
  };
  const visit = (n: unknown, path: string, depth: number): void => {
    nodes += 1;
    if (nodes > SCHEME_LIMITS.nodes) {
      if (nodes === SCHEME_LIMITS.nodes + 1)
        add(path, `một bảng điểm có tối đa ${SCHEME_LIMITS.nodes} mục và tiêu chí`);
      return;
    }
    if (!isPlain(n)) {
      add(path, 'phải là một mục hoặc một tiêu chí (một đối tượng)');
      return;
    }
    if (n.type !== 'SECTION' && n.type !== 'CRITERION') {
      add(`${path}.type`, 'phải là SECTION hoặc CRITERION');
      return;
    }
    if (!isText(n.code) || !CODE.test(n.code))
      add(`${path}.code`, 'chỉ gồm chữ thường không dấu, chữ số, dấu chấm, gạch ngang');
    else if (seen.has(n.code)) add(`${path}.code`, `"${n.code}" đã dùng ở ${seen.get(n.code)}`);
    else seen.set(n.code, path);
    if (!isText(n.title) || !n.title.trim()) add(`${path}.title`, 'bắt buộc');
    else if (!isWellFormed(n.title)) add(`${path}.title`, 'phải là văn bản Unicode hợp lệ');
    else if (n.title.length > SCHEME_LIMITS.title)
      add(`${path}.title`, `dài tối đa ${SCHEME_LIMITS.title} ký tự`);
    if (n.type === 'CRITERION') {
      criterion(n, path);
      return;
    }
    unknownKeys(n, SECTION_KEYS, path);
    if (!Array.isArray(n.children)) {
      add(`${path}.children`, 'phải là một danh sách tiêu chí hoặc mục');
      return;
    }
    if (n.children.length === 0) add(`${path}.children`, 'một mục có ít nhất một tiêu chí hoặc mục con');
    if (depth >= SCHEME_LIMITS.depth && n.children.some((c) => isPlain(c) && c.type === 'SECTION')) {
      add(`${path}.children`, `các mục lồng nhau tối đa ${SCHEME_LIMITS.depth} cấp`);
      return;
    }
    n.children.forEach((c, i) => visit(c, `${path}.children[${i}]`, depth + 1));
  };
  if (!isPlain(scheme)) {
    add('sections', 'bảng điểm là một đối tượng có danh sách các mục (sections)');
    return problems;
  }
  unknownKeys(scheme, new Set(['sections']), '');
  const sections = scheme.sections;
  if (!Array.isArray(sections)) {
    add('sections', 'phải là danh sách các mục (ít nhất một)');
    return fixRoot(problems);
  }
  if (sections.length === 0) add('sections', 'bảng điểm có ít nhất một mục');
  sections.forEach((s, i) => {
    if (isPlain(s) && s.type === 'CRITERION') add(`sections[${i}].type`, 'nút cấp cao nhất phải là SECTION');
    visit(s, `sections[${i}]`, 1);
  });
  return fixRoot(problems);
}

/** Unknown keys at the root are named without the leading dot. */
function fixRoot(problems: SchemeProblem[]): SchemeProblem[] {
  return problems.map((p) => (p.path.startsWith('.') ? { ...p, path: p.path.slice(1) } : p));
}

/**
 * The scheme as stored: only the fields of the shape, titles and outside bodies' names in NFC. Call
 * once `schemeProblems` found nothing.
 */
export function normaliseScheme(scheme: Scheme): Scheme {
  const node = (n: SchemeNode): SchemeNode => {
    if (n.type === 'SECTION')
      return { type: 'SECTION', code: n.code, title: nfc(n.title), children: n.children.map(node) };
    const m = n.method;
    const method: Method =
      m.kind === 'TARGET'
        ? { kind: 'TARGET', target: m.target, floor: m.floor }
        : m.kind === 'RANK'
          ? { kind: 'RANK', step: m.step, ...(m.lowerIsBetter ? { lowerIsBetter: true } : {}) }
          : m.kind === 'BONUS' || m.kind === 'PENALTY'
            ? { kind: m.kind, cap: m.cap }
            : { kind: 'MANUAL' };
    const by = n.scoredBy;
    return {
      type: 'CRITERION',
      code: n.code,
      title: nfc(n.title),
      max: n.max,
      method,
      scoredBy: by.kind === 'OUTSIDE_BODY' ? { kind: 'OUTSIDE_BODY', body: nfc(by.body) } : { kind: by.kind },
      evidenceRequired: n.evidenceRequired,
    };
  };
  return { sections: scheme.sections.map((s) => node(s) as SectionNode) };
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

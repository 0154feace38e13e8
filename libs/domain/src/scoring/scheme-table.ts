import { clip, nfc } from '../text/vietnamese';
import {
  CriterionNode,
  Method,
  Scheme,
  SCHEME_LIMITS,
  SchemeNode,
  schemeProblems,
  Scorer,
  SectionNode,
} from './scheme';

/**
 * A scheme as the table officials keep in Excel: one row per section or criterion, in order, each
 * naming its parent section. Pure: the service reads and writes the workbook; this maps rows.
 */

export const SCHEME_COLUMNS = [
  'Mã',
  'Thuộc mục',
  'Loại',
  'Nội dung',
  'Điểm tối đa',
  'Cách chấm',
  'Chỉ tiêu',
  'Điểm sàn',
  'Bước',
  'Thấp hơn là tốt hơn',
  'Mức trần',
  'Người chấm',
  'Cơ quan chấm',
  'Cần minh chứng',
] as const;

export type Cell = string | number | boolean | null | undefined;

export interface RowProblem {
  /** The worksheet row (1 is the header). */
  row: number;
  column: string;
  message: string;
}

const KINDS: Record<string, 'SECTION' | 'CRITERION'> = {
  mục: 'SECTION',
  section: 'SECTION',
  'tiêu chí': 'CRITERION',
  criterion: 'CRITERION',
};
const METHODS: Record<string, Method['kind']> = {
  manual: 'MANUAL',
  'chấm trực tiếp': 'MANUAL',
  target: 'TARGET',
  'theo chỉ tiêu': 'TARGET',
  rank: 'RANK',
  'theo thứ hạng': 'RANK',
  bonus: 'BONUS',
  'điểm thưởng': 'BONUS',
  penalty: 'PENALTY',
  'điểm trừ': 'PENALTY',
};
const METHOD_LABEL: Record<Method['kind'], string> = {
  MANUAL: 'Chấm trực tiếp',
  TARGET: 'Theo chỉ tiêu',
  RANK: 'Theo thứ hạng',
  BONUS: 'Điểm thưởng',
  PENALTY: 'Điểm trừ',
};
const SCORERS: Record<string, Scorer['kind']> = {
  member: 'MEMBER',
  'đơn vị tự chấm': 'MEMBER',
  leadership: 'LEADERSHIP',
  'cụm trưởng, cụm phó': 'LEADERSHIP',
  outside_body: 'OUTSIDE_BODY',
  'cơ quan ngoài': 'OUTSIDE_BODY',
};
const SCORER_LABEL: Record<Scorer['kind'], string> = {
  MEMBER: 'Đơn vị tự chấm',
  LEADERSHIP: 'Cụm trưởng, cụm phó',
  OUTSIDE_BODY: 'Cơ quan ngoài',
};

const text = (c: Cell): string => (c === null || c === undefined ? '' : nfc(String(c)));
const key = (c: Cell): string => text(c).toLowerCase();
/** A number as typed in Excel, a decimal comma allowed (NaN when it is not one). */
const decimal = (c: Cell): number => (typeof c === 'number' ? c : Number(String(c).replace(',', '.')));
const yes = (c: Cell) => c === true || ['có', 'x', 'yes', 'true', '1'].includes(key(c));

/** The table of a scheme (rows without the header), sections before their children. */
export function schemeToRows(scheme: Scheme): Cell[][] {
  const rows: Cell[][] = [];
  const visit = (n: SchemeNode, parent: string | null): void => {
    if (n.type === 'SECTION') {
      rows.push([n.code, parent, 'Mục', n.title, null, null, null, null, null, null, null, null, null, null]);
      n.children.forEach((c) => visit(c, n.code));
      return;
    }
    const m = n.method;
    rows.push([
      n.code,
      parent,
      'Tiêu chí',
      n.title,
      n.max,
      METHOD_LABEL[m.kind],
      m.kind === 'TARGET' ? m.target : null,
      m.kind === 'TARGET' ? m.floor : null,
      m.kind === 'RANK' ? m.step : null,
      m.kind === 'RANK' ? (m.lowerIsBetter ? 'Có' : 'Không') : null,
      m.kind === 'BONUS' || m.kind === 'PENALTY' ? m.cap : null,
      SCORER_LABEL[n.scoredBy.kind],
      n.scoredBy.kind === 'OUTSIDE_BODY' ? n.scoredBy.body : null,
      n.evidenceRequired ? 'Có' : 'Không',
    ]);
  };
  scheme.sections.forEach((s) => visit(s, null));
  return rows;
}

/**
 * A scheme from table rows (`rows[0]` is worksheet row 2), or every problem by row and column:
 * the cells themselves, then what schemeProblems finds in the tree they make.
 */
export function rowsToScheme(rows: Cell[][]): { scheme: Scheme } | { problems: RowProblem[] } {
  const problems: RowProblem[] = [];
  const col = (i: number) => SCHEME_COLUMNS[i];
  const sections = new Map<string, SectionNode>();
  const rowOf = new Map<SchemeNode, number>();
  const top: SectionNode[] = [];
  const num = (r: Cell[], i: number, row: number, required: boolean): number => {
    const v = r[i];
    if (v === null || v === undefined || v === '') {
      if (required) problems.push({ row, column: col(i), message: 'bắt buộc' });
      return NaN;
    }
    const n = decimal(v);
    if (!Number.isFinite(n))
      problems.push({ row, column: col(i), message: `"${clip(text(v))}" không phải là số` });
    return n;
  };
  rows.forEach((r, index) => {
    const row = index + 2;
    if (r.every((c) => c === null || c === undefined || c === '')) return;
    const code = text(r[0]);
    const parentCode = text(r[1]);
    const kind = KINDS[key(r[2])];
    if (!kind) {
      problems.push({ row, column: col(2), message: 'phải là "Mục" hoặc "Tiêu chí"' });
      return;
    }
    const title = text(r[3]);
    let node: SchemeNode;
    if (kind === 'SECTION') {
      node = { type: 'SECTION', code, title, children: [] };
      sections.set(code, node);
    } else {
      const methodKind = METHODS[key(r[5])];
      if (!methodKind)
        problems.push({
          row,
          column: col(5),
          message: 'phải là một trong: Chấm trực tiếp, Theo chỉ tiêu, Theo thứ hạng, Điểm thưởng, Điểm trừ',
        });
      const scorerKind = SCORERS[key(r[11])] ?? (r[11] ? undefined : 'MEMBER');
      if (!scorerKind)
        problems.push({
          row,
          column: col(11),
          message: 'phải là Đơn vị tự chấm, Cụm trưởng, cụm phó hoặc Cơ quan ngoài',
        });
      const bonusLike = methodKind === 'BONUS' || methodKind === 'PENALTY';
      const max = bonusLike ? num(r, 4, row, false) || 0 : num(r, 4, row, true);
      let method: Method = { kind: 'MANUAL' };
      if (methodKind === 'TARGET')
        method = { kind: 'TARGET', target: num(r, 6, row, true), floor: num(r, 7, row, false) || 0 };
      else if (methodKind === 'RANK')
        method = { kind: 'RANK', step: num(r, 8, row, true), ...(yes(r[9]) ? { lowerIsBetter: true } : {}) };
      else if (methodKind === 'BONUS' || methodKind === 'PENALTY')
        method = { kind: methodKind, cap: num(r, 10, row, true) };
      const scoredBy: Scorer =
        scorerKind === 'OUTSIDE_BODY'
          ? { kind: 'OUTSIDE_BODY', body: text(r[12]) }
          : { kind: scorerKind ?? 'MEMBER' };
      const c: CriterionNode = {
        type: 'CRITERION',
        code,
        title,
        max,
        method,
        scoredBy,
        evidenceRequired: yes(r[13]),
      };
      node = c;
    }
    rowOf.set(node, row);
    if (!parentCode) {
      if (node.type === 'SECTION') top.push(node);
      else problems.push({ row, column: col(1), message: 'một tiêu chí phải thuộc một mục' });
      return;
    }
    const parent = sections.get(parentCode);
    if (!parent)
      problems.push({ row, column: col(1), message: `không có mục "${clip(parentCode)}" ở trên dòng này` });
    else parent.children.push(node);
  });
  if (problems.length) return { problems };
  const scheme: Scheme = { sections: top };
  // Problems of the tree, placed on the row of the node they are about.
  const byPath = new Map<string, SchemeNode>();
  const walk = (n: SchemeNode, path: string): void => {
    byPath.set(path, n);
    if (n.type === 'SECTION') n.children.forEach((c, i) => walk(c, `${path}.children[${i}]`));
  };
  top.forEach((s, i) => walk(s, `sections[${i}]`));
  const column: Record<string, string> = {
    code: 'Mã',
    title: 'Nội dung',
    max: 'Điểm tối đa',
    children: 'Loại',
    target: 'Chỉ tiêu',
    floor: 'Điểm sàn',
    step: 'Bước',
    cap: 'Mức trần',
    body: 'Cơ quan chấm',
    kind: 'Cách chấm',
  };
  for (const p of schemeProblems(scheme)) {
    let path = p.path;
    while (path && !byPath.has(path)) path = path.slice(0, Math.max(0, path.lastIndexOf('.')));
    const node = byPath.get(path);
    const last = p.path.split('.').pop() ?? '';
    problems.push({
      row: node ? (rowOf.get(node) ?? 1) : 1,
      column: column[last] ?? last,
      message: p.message,
    });
  }
  return problems.length ? { problems } : { scheme };
}

/** The self-score sheet a member fills in (and sends through intake as a SELF_SCORE submission). */
export const SELF_SCORE_COLUMNS = [
  'Mã',
  'Nội dung',
  'Điểm tối đa',
  'Cách chấm',
  'Giá trị tự chấm',
  'Có minh chứng',
  'Ghi chú',
] as const;

/** One row per criterion the member scores itself, with its current values when given. */
export function selfScoreRows(
  scheme: Scheme,
  current: ReadonlyMap<string, { value: number | null; evidence: boolean }> = new Map(),
): Cell[][] {
  const rows: Cell[][] = [];
  const visit = (n: SchemeNode): void => {
    if (n.type === 'SECTION') return n.children.forEach(visit);
    if (n.scoredBy.kind !== 'MEMBER') return;
    const c = current.get(n.code);
    const hint =
      n.method.kind === 'TARGET'
        ? `giá trị đạt được (chỉ tiêu ${n.method.target})`
        : n.method.kind === 'RANK'
          ? 'giá trị đo được'
          : 'số điểm';
    rows.push([
      n.code,
      n.title,
      n.max,
      `${METHOD_LABEL[n.method.kind]}: ${hint}`,
      c?.value ?? null,
      c?.evidence ? 'Có' : 'Không',
      null,
    ]);
  };
  scheme.sections.forEach(visit);
  return rows;
}

/** The longest note (reason) of an entry, as through the API. */
const NOTE_MAX = 2000;

/** The entries of a filled self-score sheet (`rows[0]` is worksheet row 2); blank values are skipped. */
export function selfScoreEntries(
  rows: Cell[][],
):
  | { entries: { criterion: string; value: number; evidence: boolean; reason?: string }[] }
  | { problems: RowProblem[] } {
  const problems: RowProblem[] = [];
  const entries: { criterion: string; value: number; evidence: boolean; reason?: string }[] = [];
  rows.forEach((r, i) => {
    const row = i + 2;
    const code = text(r[0]);
    const raw = r[4];
    if (!code || raw === null || raw === undefined || raw === '') return;
    const value = decimal(raw);
    if (!Number.isFinite(value)) {
      problems.push({ row, column: SELF_SCORE_COLUMNS[4], message: `"${clip(text(raw))}" không phải là số` });
      return;
    }
    if (Math.abs(value) > SCHEME_LIMITS.number) {
      problems.push({
        row,
        column: SELF_SCORE_COLUMNS[4],
        message: `tối đa ${SCHEME_LIMITS.number}`,
      });
      return;
    }
    if (code.length > 64) {
      problems.push({
        row,
        column: SELF_SCORE_COLUMNS[0],
        message: `"${clip(code)}" không phải mã tiêu chí`,
      });
      return;
    }
    const note = text(r[6]);
    if (note.length > NOTE_MAX) {
      problems.push({
        row,
        column: SELF_SCORE_COLUMNS[6],
        message: `dài tối đa ${NOTE_MAX} ký tự`,
      });
      return;
    }
    entries.push({ criterion: code, value, evidence: yes(r[5]), ...(note ? { reason: note } : {}) });
  });
  return problems.length ? { problems } : { entries };
}

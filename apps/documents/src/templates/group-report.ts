import { appendixRows } from './award-forms';
import type { Appendix, Block, Cell, Doc } from './doc';
import { h1, h2, p, t, table } from './doc';
import {
  count,
  dateShort,
  upper,
  fileBase,
  groupShort,
  groupWords,
  memberIndex,
  numberSymbol,
  points,
} from './format';
import { renderDocx } from '../docx/render';
import { renderHtml } from './frame';
import type { DocumentTemplate } from './index';
import type { GroupReportData } from './model';
import { honourSentences, rankingTables } from './scores';

/**
 * 2. Báo cáo tổng kết (năm) / sơ kết (6 tháng) of a group-year: seed 000's outline, seed 002's
 * structure, and seed 000's awards appendix (landscape; the fixed forms in the seed's order and
 * numbering; rows with no awards shown; numbering restarting per section; one column per member
 * in the seed's order; totals). What the platform knows (members, scores, ranking, honours, award
 * counts) is written out; the narrative the platform cannot know comes from `narrative` or is left
 * as a dotted line to fill in the Word draft.
 */

/** Narrative keys, in outline order. */
export const OUTLINE = [
  'situation',
  'conditions',
  'awards',
  'strengths',
  'weaknesses',
  'directions',
  'solutions',
  'proposals',
] as const;

const BLANK = '.'.repeat(150);

const centre = (text: string): Block => ({
  kind: 'para',
  runs: [t(text, { bold: true })],
  align: 'center',
  keepWithNext: true,
});

/** At most this many member columns in one appendix table; wider groups are split into tables of this many. */
export const APPENDIX_COLUMNS = 10;

function narrative(d: GroupReportData, key: string, fallback: Block[] = [p(BLANK)]): Block[] {
  const paras = d.narrative?.[key];
  return paras && paras.length > 0 ? paras.map((x) => p(x)) : fallback;
}

/** Above this many members the appendix turns: one row per member, one column per fixed form. */
export const TRANSPOSE_ABOVE = 20;

/** Member names are written out in the text up to this many members. */
export const LIST_NAMES_UP_TO = 30;

/** The appendix of a large group: members as rows (a table that paginates), the forms as numbered columns with a legend. */
function transposed(d: GroupReportData, sections: ReturnType<typeof appendixRows>, blocks: Block[]): boolean {
  const g = d.group;
  for (const s of sections)
    blocks.push(
      p(
        t(`${s.numeral}. ${s.label}: `, { bold: true }),
        s.rows.map((r) => `${r.no}. ${r.label}`).join('; ') + '.',
      ),
    );
  const forms = sections.flatMap((s) => s.rows);
  const colTotals = forms.map((f) => f.total);
  let lost = false;
  const body: Cell[][] = g.members.map((m, i) => {
    const cells = forms.map((f) => f.cells[i]);
    if (cells.some((c) => c === null)) lost = true;
    return [
      { text: String(i + 1) },
      { text: m.name },
      ...cells.map((c) => ({ text: c === null ? '…' : count(c) })),
      { text: count(cells.reduce<number>((a, c) => a + (c ?? 0), 0)), bold: true },
    ];
  });
  body.push([
    { text: '' },
    { text: 'Tổng cộng', bold: true, align: 'center' },
    ...colTotals.map((c) => ({ text: count(c), bold: true })),
    { text: count(colTotals.reduce((a, c) => a + c, 0)), bold: true },
  ]);
  blocks.push(
    table({
      widths: [5, 20, ...forms.map(() => 4.2), 7],
      aligns: ['center', 'left', ...forms.map(() => 'center' as const), 'center'],
      head: [
        [
          { text: 'TT', rowSpan: 2 },
          { text: 'Đơn vị', rowSpan: 2 },
          ...sections.map((s) => ({ text: `${s.numeral}. ${s.label}`, colSpan: s.rows.length })),
          { text: 'Tổng cộng', rowSpan: 2 },
        ],
        sections.flatMap((s) => s.rows.map((r) => ({ text: r.no }))),
      ],
      body,
      size: 9,
    }),
  );
  return lost;
}

function appendix(d: GroupReportData): Appendix {
  const g = d.group;
  const sections = appendixRows(d.awards, g.members.length);
  const chunks: number[][] = [];
  const all = g.members.map((_, i) => i);
  for (let i = 0; i < all.length; i += APPENDIX_COLUMNS) chunks.push(all.slice(i, i + APPENDIX_COLUMNS));
  const single = chunks.length <= 1;
  const blocks: Block[] = [];
  const tableFor = (
    cols: number[],
    totalLabel: string,
    totalOf: (cells: (number | null)[], rowTotal: number) => number,
  ) => {
    const head: Cell[][] = [
      [
        { text: 'TT' },
        { text: 'Các danh hiệu, hình thức khen thưởng' },
        ...cols.map((i) => ({ text: g.members[i].name })),
        { text: totalLabel },
      ],
    ];
    const body: Cell[][] = [];
    const colSums = cols.map(() => 0);
    let grand = 0;
    let lost = false;
    for (const s of sections) {
      body.push([
        { text: s.numeral, bold: true, align: 'center' },
        { text: s.label, bold: true, align: 'left' },
        ...cols.map(() => ({ text: '' })),
        { text: '' },
      ]);
      for (const r of s.rows) {
        const cells = cols.map((i) => r.cells[i]);
        cells.forEach((c, j) => (colSums[j] += c ?? 0));
        const tot = totalOf(cells, r.total);
        grand += tot;
        if (cells.some((c) => c === null)) lost = true;
        body.push([
          { text: r.no },
          { text: r.label },
          ...cells.map((c) => ({ text: c === null ? '…' : count(c) })),
          { text: count(tot), bold: true },
        ]);
      }
    }
    body.push([
      { text: '' },
      { text: 'Tổng cộng', bold: true, align: 'center' },
      ...colSums.map((c) => ({ text: count(c), bold: true })),
      { text: count(grand), bold: true },
    ]);
    blocks.push(
      table({
        widths: [4, 26, ...cols.map(() => 6.4), 8],
        aligns: ['center', 'left', ...cols.map(() => 'center' as const), 'center'],
        head,
        body,
        size: 11,
      }),
    );
    return lost;
  };
  let lost = false;
  if (single) lost = tableFor(chunks[0] ?? [], 'Tổng cộng', (_c, total) => total);
  else if (g.members.length <= TRANSPOSE_ABOVE) {
    chunks.forEach((cols) => {
      lost = tableFor(cols, 'Cộng', (cells) => cells.reduce<number>((a, c) => a + (c ?? 0), 0)) || lost;
    });
    blocks.push(
      p(
        t('Tổng cộng toàn ' + groupWords(g).group + ': ', { bold: true }),
        'cộng cột "Cộng" của các bảng trên.',
      ),
    );
  } else lost = transposed(d, sections, blocks);
  if (lost)
    blocks.push(
      p(
        t('Ghi chú: ', { bold: true, italic: true }),
        t(
          '"…" là ô số liệu bị thiếu trong báo cáo gốc (không tính là 0); tổng cộng chỉ cộng các ô có số liệu.',
          { italic: true },
        ),
      ),
    );
  const ref = numberSymbol(d.head).replace('Số: ', '');
  return {
    orientation: 'landscape',
    label: 'Phụ lục',
    title: [`Kết quả khen thưởng ${d.awards.periodLabel}`, g.name],
    note: `(Kèm theo Báo cáo số ${ref} ngày ${d.head.date ? dateShort(d.head.date) : `${BLANK}/${BLANK}/${g.year}`} của ${g.name})`,
    blocks,
  };
}

export function groupReportDoc(d: GroupReportData): Doc {
  const g = d.group;
  const y = g.year;
  const w = groupWords(g);
  const name = memberIndex(g);
  const h1y = d.period === 'H1';
  const periodText = h1y ? `6 tháng đầu năm ${y}` : `năm ${y}`;
  const nextText = h1y ? `6 tháng cuối năm ${y}` : `năm ${y + 1}`;
  const summary =
    d.summary ??
    `Kết quả thực hiện giao ước thi đua ${periodText}; phương hướng, nhiệm vụ trọng tâm ${nextText} của ${g.name}`;

  // Names are listed while the list is readable; a large group's members are in the tables.
  const listed = g.members.length <= LIST_NAMES_UP_TO;
  const names = (ms: typeof g.members) => (listed ? ` (${ms.map((m) => m.name).join(', ')})` : '');
  const situation: Block[] = [
    p(
      `${g.name} gồm ${count(g.members.length, '0').padStart(2, '0')} đơn vị${names(g.members)}` +
        (g.subgroups.length > 0
          ? `, chia thành ${String(g.subgroups.length).padStart(2, '0')} nhóm: ${g.subgroups
              .map((s) => `${s.name}${names(g.members.filter((m) => m.subgroupId === s.id))}`)
              .join('; ')}`
          : '') +
        `. ${w.chair} năm ${y}: ${g.chair?.name ?? '…'}; ${w.vice}: ${g.viceChair?.name ?? '…'}.`,
    ),
  ];

  const results: Block[] = [];
  d.sections.forEach((s, i) => {
    results.push(h2(`${i + 1}. ${s.name}`));
    const vals = d.scores
      .map((x) => ({ id: x.memberId, v: x.appraised[s.code] }))
      .filter((x): x is { id: string; v: number } => typeof x.v === 'number');
    const fallback: Block[] = [];
    if (vals.length > 0) {
      const avg = vals.reduce((a, x) => a + x.v, 0) / vals.length;
      const best = Math.max(...vals.map((x) => x.v));
      const all = vals.filter((x) => x.v === best).map((x) => name(x.id).name);
      const leaders = all.length > 5 ? [...all.slice(0, 5), `và ${count(all.length - 5)} đơn vị khác`] : all;
      fallback.push(
        p(
          `Điểm thẩm định bình quân của các đơn vị: ${points(avg)}/${points(s.max)} điểm; cao nhất: ${leaders.join(', ')} (${points(best)} điểm).`,
        ),
      );
    }
    fallback.push(p(BLANK));
    results.push(...narrative(d, s.code, fallback));
  });
  if (d.rankings.length > 0 && d.rankings.some((r) => r.rows.length > 0)) {
    results.push(h2(`${d.sections.length + 1}. Kết quả chấm điểm, xếp hạng thi đua`));
    results.push(...rankingTables(g, d.rankings, d.honours, d.undecided));
    results.push(...honourSentences(g, d.honours, d.undecided));
  }

  // Award totals (state / province) for the text of part III.
  const rows = appendixRows(d.awards, g.members.length);
  const sectionTotal = (i: number) => rows[i]?.rows.reduce((a, r) => a + r.total, 0) ?? 0;
  const awardText = p(
    `Trong ${d.awards.periodLabel}, các đơn vị trong ${w.group} được khen thưởng cấp nhà nước ${count(sectionTotal(0), '0')} lượt tập thể, cá nhân` +
      `; khen thưởng cấp tỉnh ${count(sectionTotal(1), '0')} lượt tập thể, cá nhân (chi tiết tại Phụ lục kèm theo).`,
  );

  const body: Block[] = [
    centre('Phần thứ nhất'),
    centre(`KẾT QUẢ THỰC HIỆN GIAO ƯỚC THI ĐUA ${upper(periodText)}`),
    h1('I. TÌNH HÌNH CHUNG'),
    h2('1. Đặc điểm, tình hình'),
    ...narrative(d, 'situation', []),
    ...situation,
    h2('2. Thuận lợi, khó khăn'),
    ...narrative(d, 'conditions'),
    h1('II. KẾT QUẢ THỰC HIỆN GIAO ƯỚC THI ĐUA'),
    ...results,
    h1('III. KẾT QUẢ CÔNG TÁC KHEN THƯỞNG'),
    awardText,
    ...narrative(d, 'awards', [
      p(
        'Đánh giá tỷ lệ khen thưởng cho công nhân, nông dân, người lao động trực tiếp; cán bộ lãnh đạo, quản lý (kể cả khen cao): ' +
          BLANK.slice(0, 40),
      ),
    ]),
    h1('IV. ĐÁNH GIÁ CHUNG'),
    h2('1. Ưu điểm'),
    ...narrative(d, 'strengths'),
    h2('2. Tồn tại, hạn chế'),
    ...narrative(d, 'weaknesses'),
    centre('Phần thứ hai'),
    centre(`PHƯƠNG HƯỚNG, NHIỆM VỤ TRỌNG TÂM ${upper(nextText)}`),
    h2('1. Phương hướng, nhiệm vụ'),
    ...narrative(d, 'directions'),
    h2('2. Giải pháp thực hiện'),
    ...narrative(d, 'solutions'),
    h1('V. ĐỀ XUẤT, KIẾN NGHỊ'),
    ...narrative(d, 'proposals'),
    p(
      `Trên đây là Báo cáo kết quả thực hiện giao ước thi đua ${periodText}, phương hướng, nhiệm vụ trọng tâm ${nextText} của ${g.name}, kính báo cáo ${d.reportTo ?? g.organiser} để theo dõi, chỉ đạo./.`,
    ),
  ];
  return {
    name: `Báo cáo ${summary}`,
    orientation: 'portrait',
    head: d.head,
    kind: 'Báo cáo',
    summary: [summary],
    bases: [],
    body,
    closing: { recipients: d.recipients, signer: d.signer },
    appendices: [appendix(d)],
  };
}

export const groupReportTemplate: DocumentTemplate<GroupReportData> = {
  version: '2',
  orientation: 'portrait',
  html: (d) => renderHtml(groupReportDoc(d)),
  docx: (d) => renderDocx(groupReportDoc(d)),
  fileName: (d) =>
    fileBase('BC', d.head.number, groupShort(d.group), d.period === 'H1' ? '6T' : null, d.group.year),
};

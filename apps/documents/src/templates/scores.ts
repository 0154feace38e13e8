import type { Block, Cell } from './doc';
import { h3, p, roman, t, table } from './doc';
import { honourName, memberIndex, pad2, points, subgroupName } from './format';
import type {
  GroupYear,
  HonourProposal,
  HonourUndecided,
  MemberScores,
  RankingBlock,
  RankingRow,
  ScoreSection,
} from './model';

/**
 * Score, ranking and honour tables shared by the minutes, the proposal letter, the report and the
 * results table. Rows follow the ranking (best first); members without a ranking row follow in the
 * group's order. One table per subgroup.
 */

interface Block_ {
  subgroupId: string | null;
  title: string | null;
  rows: { memberId: string; rank: RankingRow | null }[];
}

/** Members grouped as ranked (per subgroup), every member of the block included once. */
export function rankedBlocks(g: GroupYear, rankings: RankingBlock[]): Block_[] {
  const blocks: Block_[] = [];
  const ids = (sub: string | null) =>
    g.members.filter((m) => (sub === null ? true : m.subgroupId === sub)).map((m) => m.id);
  const scopes: (string | null)[] =
    rankings.length > 0
      ? rankings.map((r) => r.subgroupId)
      : g.subgroups.length > 0
        ? g.subgroups.map((s) => s.id)
        : [null];
  for (const sub of scopes) {
    const ranking = rankings.find((r) => r.subgroupId === sub);
    const seen = new Set<string>();
    const rows: Block_['rows'] = [];
    for (const r of ranking?.rows ?? []) {
      seen.add(r.memberId);
      rows.push({ memberId: r.memberId, rank: r });
    }
    for (const id of ids(sub)) if (!seen.has(id)) rows.push({ memberId: id, rank: null });
    blocks.push({ subgroupId: sub, title: subgroupName(g, sub), rows });
  }
  return blocks;
}

function rankText(r: RankingRow | null): string {
  if (!r) return '';
  return `${pad2(r.rank)}${r.tied ? ' (đồng hạng)' : ''}`;
}

const sectionHead = (s: ScoreSection, i: number): string =>
  `${roman(i + 1)}. ${s.name} (${points(s.max)} điểm)`;

/** Above this many members, tables carry section numerals in their (repeated) header and a legend above. */
export const SHORT_HEADS_ABOVE = 60;

export function sectionLegend(sections: ScoreSection[]): Block {
  return p(
    t('Các nhóm tiêu chí: ', { bold: true }),
    sections.map((s, i) => `${roman(i + 1)}. ${s.name} (${points(s.max)} điểm)`).join('; ') + '.',
  );
}

/** The results table of seed 004's kind: per section self vs appraised, totals, rank. */
export function selfVsAppraisedTables(
  g: GroupYear,
  sections: ScoreSection[],
  scores: MemberScores[],
  rankings: RankingBlock[],
): Block[] {
  const name = memberIndex(g);
  const byMember = new Map(scores.map((s) => [s.memberId, s]));
  const out: Block[] = [];
  const maxTotal = sections.reduce((a, s) => a + s.max, 0);
  // A long table repeats its header on every page: keep it short and name the sections once above.
  const short = g.members.length > SHORT_HEADS_ABOVE;
  if (short) out.push(sectionLegend(sections));
  for (const b of rankedBlocks(g, rankings)) {
    if (b.title) out.push(h3(b.title));
    const head1: Cell[] = [
      { text: 'STT', rowSpan: 2 },
      { text: 'Đơn vị', rowSpan: 2 },
      ...sections.map((s, i) => ({
        text: short ? `${roman(i + 1)} (${points(s.max)})` : sectionHead(s, i),
        colSpan: 2,
      })),
      { text: `Tổng điểm (${points(maxTotal)})`, colSpan: 2 },
      { text: 'Xếp hạng', rowSpan: 2 },
    ];
    const head2: Cell[] = [
      ...sections.flatMap(() => [{ text: 'Tự chấm' }, { text: 'Thẩm định' }]),
      { text: 'Tự chấm' },
      { text: 'Thẩm định' },
    ];
    const body = b.rows.map((r, i) => {
      const s = byMember.get(r.memberId);
      return [
        { text: String(i + 1) },
        { text: name(r.memberId).name },
        ...sections.flatMap((sec) => [
          { text: points(s?.self[sec.code]) },
          { text: points(s?.appraised[sec.code]) },
        ]),
        { text: points(s?.selfTotal) },
        { text: points(s?.appraisedTotal), bold: true },
        { text: rankText(r.rank) },
      ];
    });
    out.push(
      table({
        // Three-digit ranks ("155 (đồng hạng)") need a wider rank column.
        widths:
          g.members.length > 99
            ? [5, 20, ...sections.flatMap(() => [5.5, 5.5]), 7, 7, 15]
            : [5, 22, ...sections.flatMap(() => [6, 6]), 7, 7, 10],
        aligns: [
          'center',
          'left',
          ...sections.flatMap(() => ['right', 'right'] as const),
          'right',
          'right',
          'center',
        ],
        head: [head1, head2],
        body,
        size: sections.length > 5 ? 9 : 10,
      }),
    );
  }
  return out;
}

/** The agreed (appraised) points per section, total and rank: the minutes' table. */
export function agreedScoreTables(
  g: GroupYear,
  sections: ScoreSection[],
  scores: MemberScores[],
  rankings: RankingBlock[],
): Block[] {
  const name = memberIndex(g);
  const byMember = new Map(scores.map((s) => [s.memberId, s]));
  const out: Block[] = [];
  for (const b of rankedBlocks(g, rankings)) {
    if (b.title) out.push(h3(b.title));
    out.push(
      table({
        widths: [6, 22, ...sections.map(() => 9), 10, 13],
        aligns: ['center', 'left', ...sections.map(() => 'right' as const), 'right', 'center'],
        head: [
          [
            { text: 'STT' },
            { text: 'Đơn vị' },
            ...sections.map((s, i) => ({ text: `${roman(i + 1)} (${points(s.max)})` })),
            { text: 'Tổng điểm' },
            { text: 'Xếp hạng' },
          ],
        ],
        body: b.rows.map((r, i) => {
          const s = byMember.get(r.memberId);
          return [
            { text: String(i + 1) },
            { text: name(r.memberId).name },
            ...sections.map((sec) => ({ text: points(s?.appraised[sec.code]) })),
            { text: points(s?.appraisedTotal ?? r.rank?.total ?? null), bold: true },
            { text: rankText(r.rank) },
          ];
        }),
        size: 11,
      }),
    );
  }
  if (sections.length > 0)
    out.push(
      p(
        t('Ghi chú: ', { italic: true, bold: true }),
        t(sections.map((s, i) => `${roman(i + 1)}. ${s.name}`).join('; ') + '.', { italic: true }),
      ),
    );
  return out;
}

/** Ranking with the honour proposed for each place. */
export function rankingTables(
  g: GroupYear,
  rankings: RankingBlock[],
  honours: HonourProposal[],
  undecided: HonourUndecided[],
): Block[] {
  const name = memberIndex(g);
  const out: Block[] = [];
  for (const b of rankedBlocks(g, rankings)) {
    if (b.title) out.push(h3(b.title));
    out.push(
      table({
        widths: [6, 28, 10, 13, 25],
        aligns: ['center', 'left', 'right', 'center', 'left'],
        head: [
          [
            { text: 'STT' },
            { text: 'Đơn vị' },
            { text: 'Tổng điểm' },
            { text: 'Xếp hạng' },
            { text: 'Đề nghị khen thưởng' },
          ],
        ],
        body: b.rows.map((r, i) => {
          const h = honours.find((x) => x.memberId === r.memberId && x.subgroupId === b.subgroupId);
          const u = undecided.filter(
            (x) => x.subgroupId === b.subgroupId && x.candidates.includes(r.memberId),
          );
          const note = h
            ? honourName(h.award)
            : u.length > 0
              ? `Đồng điểm, Hội nghị quyết định: ${u.map((x) => honourName(x.award)).join(', ')}`
              : '';
          return [
            { text: String(i + 1) },
            { text: name(r.memberId).name },
            { text: points(r.rank?.total ?? null) },
            { text: rankText(r.rank) },
            { text: note },
          ];
        }),
        size: 12,
      }),
    );
  }
  return out;
}

/** Honours proposed, in sentences, per subgroup; ties left to the conference said plainly. */
export function honourSentences(
  g: GroupYear,
  honours: HonourProposal[],
  undecided: HonourUndecided[],
): Block[] {
  const name = memberIndex(g);
  const out: Block[] = [];
  const scopes = [...new Set([...honours.map((h) => h.subgroupId), ...undecided.map((u) => u.subgroupId)])];
  for (const sub of scopes) {
    const label = subgroupName(g, sub);
    for (const h of honours.filter((x) => x.subgroupId === sub))
      out.push(
        p(
          `- ${label ? `${label}: ` : ''}đề nghị tặng "${honourName(h.award)}" cho `,
          t(name(h.memberId).fullName ?? name(h.memberId).name, { bold: true }),
          ` (xếp hạng ${pad2(h.rank)}, ${points(h.total)} điểm);`,
        ),
      );
    for (const u of undecided.filter((x) => x.subgroupId === sub))
      out.push(
        p(
          `- ${label ? `${label}: ` : ''}"${honourName(u.award)}" chưa xác định được do các đơn vị `,
          t(u.candidates.map((c) => name(c).name).join(', '), { bold: true }),
          ` bằng điểm (${u.reason}); đề nghị Hội nghị xem xét, quyết định;`,
        ),
      );
  }
  return out;
}

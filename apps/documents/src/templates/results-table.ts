import type { Block, Doc } from './doc';
import { p, t } from './doc';
import { roman } from './doc';
import { fileBase, groupShort, instantWords } from './format';
import { renderDocx } from '../docx/render';
import { renderHtml } from './frame';
import type { DocumentTemplate } from './index';
import type { ResultsTableData } from './model';
import { selfVsAppraisedTables } from './scores';

/** 7. Bảng tổng hợp kết quả chấm điểm (landscape): per subgroup, points per section, self vs appraised. */

export function resultsTableDoc(d: ResultsTableData): Doc {
  const g = d.group;
  const summary = d.summary ?? `Kết quả chấm điểm thi đua năm ${g.year} của ${g.name}`;
  const tieBreaks = d.rankings.find((r) => r.tieBreaks.length > 0)?.tieBreaks ?? [];
  const body: Block[] = [
    {
      kind: 'para',
      runs: [
        t(
          d.locked
            ? `(Kết quả đã được Hội nghị trù bị thống nhất; số liệu tại thời điểm ${instantWords(d.asOf)})`
            : `(Kết quả tạm thời, chưa được Hội nghị thống nhất; số liệu tại thời điểm ${instantWords(d.asOf)})`,
          { italic: true },
        ),
      ],
      align: 'center',
    },
    ...selfVsAppraisedTables(g, d.sections, d.scores, d.rankings),
    p(
      t('Ghi chú: ', { bold: true, italic: true }),
      t(
        `các nhóm tiêu chí ${d.sections.map((s, i) => `${roman(i + 1)}`).join(', ')} theo thang bảng điểm của giao ước thi đua năm ${g.year}; "Tự chấm" là điểm đơn vị tự chấm, "Thẩm định" là điểm sau thẩm định; xếp hạng theo tổng điểm thẩm định` +
          (tieBreaks.length ? `, khi bằng điểm xét lần lượt: ${tieBreaks.join('; ')}` : '') +
          '; "đồng hạng" là trường hợp bằng điểm chưa phân định được theo quy chế.',
        { italic: true },
      ),
    ),
  ];
  return {
    name: `Bảng tổng hợp ${summary}`,
    orientation: 'landscape',
    head: d.head,
    kind: 'Bảng tổng hợp',
    summary: [summary],
    bases: [],
    body,
    closing: { recipients: d.recipients, signer: d.signer },
    appendices: [],
  };
}

export const resultsTableTemplate: DocumentTemplate<ResultsTableData> = {
  version: '2',
  orientation: 'landscape',
  html: (d) => renderHtml(resultsTableDoc(d)),
  docx: (d) => renderDocx(resultsTableDoc(d)),
  fileName: (d) => fileBase('BTH', d.head.number, groupShort(d.group), d.group.year),
};

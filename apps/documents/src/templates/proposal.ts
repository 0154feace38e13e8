import type { Block, Doc } from './doc';
import { dash, h1, p, t } from './doc';
import {
  dateShort,
  fileBase,
  groupShort,
  groupWords,
  honourName,
  memberIndex,
  pad2,
  points,
  subgroupName,
} from './format';
import { renderDocx } from '../docx/render';
import { renderHtml } from './frame';
import type { DocumentTemplate } from './index';
import type { ProposalData } from './model';
import { rankingTables } from './scores';

/**
 * 5. Tờ trình (chair → central council): the Government flag and the PM certificate proposed for
 * the leaders of each subgroup, with the ranking that justifies them (made from locked results).
 */

export function proposalDoc(d: ProposalData): Doc {
  const g = d.group;
  const y = g.year;
  const w = groupWords(g);
  const name = memberIndex(g);
  const summary = `Về việc đề nghị tặng Cờ thi đua của Chính phủ và Bằng khen của Thủ tướng Chính phủ năm ${y} cho các đơn vị dẫn đầu ${g.name}`;
  const minutes = d.minutes
    ? ` (Biên bản số ${d.minutes.number}${d.minutes.date ? ` ngày ${dateShort(d.minutes.date)}` : ''})`
    : '';
  const body: Block[] = [
    p(
      `Thực hiện giao ước thi đua năm ${y}, ${g.name} gồm ${pad2(g.members.length)} đơn vị đã tổ chức đánh giá, chấm điểm, bình xét thi đua. Tại Hội nghị trù bị${minutes}, các đơn vị trong ${w.group} đã thống nhất kết quả chấm điểm, xếp hạng và suy tôn các đơn vị dẫn đầu như sau:`,
    ),
    h1('I. KẾT QUẢ CHẤM ĐIỂM, XẾP HẠNG THI ĐUA'),
    ...rankingTables(g, d.rankings, d.honours, d.undecided),
    h1('II. ĐỀ NGHỊ KHEN THƯỞNG'),
  ];
  const awards = [...new Set(d.honours.map((h) => h.award))];
  awards.forEach((a, i) => {
    const list = d.honours.filter((h) => h.award === a);
    body.push(p(t(`${i + 1}. ${honourName(a)}`, { bold: true }), ` (${pad2(list.length)} đơn vị):`));
    for (const h of list) {
      const sub = subgroupName(g, h.subgroupId);
      body.push(
        dash(
          `${name(h.memberId).fullName ?? name(h.memberId).name}: xếp hạng ${pad2(h.rank)}${sub ? ` trong nhóm ${sub}` : ''}, ${points(h.total)} điểm;`,
        ),
      );
    }
  });
  for (const u of d.undecided)
    body.push(
      p(
        t(
          `${honourName(u.award)}${u.subgroupId ? ` (${subgroupName(g, u.subgroupId)})` : ''}: các đơn vị ${u.candidates.map((c) => name(c).name).join(', ')} bằng điểm (${u.reason}); ${w.group} sẽ trình bổ sung sau khi Hội nghị quyết định.`,
          { italic: true },
        ),
      ),
    );
  if (d.attachments && d.attachments.length > 0) {
    body.push(h1('III. HỒ SƠ KÈM THEO'));
    for (const a of d.attachments) body.push(dash(`${a};`));
  }
  body.push(
    p(
      `${w.chair} ${g.name} kính trình ${d.addressee} xem xét, trình Thủ tướng Chính phủ khen thưởng cho các đơn vị nêu trên./.`,
    ),
  );
  return {
    name: `Tờ trình ${summary}`,
    orientation: 'portrait',
    head: d.head,
    kind: 'Tờ trình',
    summary: [summary],
    addressees: [`Kính gửi: ${d.addressee}.`],
    bases: d.bases,
    body,
    closing: { recipients: d.recipients, signer: d.signer },
    appendices: [],
  };
}

export const proposalTemplate: DocumentTemplate<ProposalData> = {
  version: '2',
  orientation: 'portrait',
  html: (d) => renderHtml(proposalDoc(d)),
  docx: (d) => renderDocx(proposalDoc(d)),
  fileName: (d) => fileBase('TTR', d.head.number, groupShort(d.group), d.group.year),
};

import type { Block, Doc } from './doc';
import { dash, h1, h2, p, t } from './doc';
import { dateWords, fileBase, groupShort, groupWords, memberIndex, pad2 } from './format';
import { renderDocx } from '../docx/render';
import { renderHtml } from './frame';
import type { DocumentTemplate } from './index';
import type { MinutesData, Nomination, Person } from './model';
import { agreedScoreTables, honourSentences, rankingTables } from './scores';

/**
 * 3. Biên bản Hội nghị trù bị (made from locked results): attendees, the agreed scores per member,
 * the ranking per subgroup, the honours proposed (a tie the rules cannot break is left to the
 * conference, said plainly), the nominated chair and vice-chair for next year, signatures of the
 * secretary (left) and the chair (right).
 */

const person = (x: Person): string =>
  [x.name ? `Ông (Bà) ${x.name}` : null, x.position, x.unit].filter((v): v is string => !!v).join(', ');

/** How a nominee was chosen, after the name: " (theo hình thức luân phiên)", " (bầu chọn: A - 07 phiếu; B - 03 phiếu)". */
function how(n: Nomination | null | undefined): string {
  if (!n) return '';
  const among = n.candidates.map((c) => (c.votes === null ? c.name : `${c.name} - ${pad2(c.votes)} phiếu`));
  if (n.method === 'ROTATION')
    return among.length > 1
      ? ` (theo hình thức luân phiên; các đơn vị được đề cử: ${among.join('; ')})`
      : ' (theo hình thức luân phiên)';
  return among.length > 0
    ? ` (bầu chọn trong số các đơn vị được đề cử: ${among.join('; ')})`
    : ' (theo hình thức bầu chọn)';
}

export function minutesDoc(d: MinutesData): Doc {
  const g = d.group;
  const y = g.year;
  const w = groupWords(g);
  const name = memberIndex(g);
  const c = d.conference;
  const summary = `Hội nghị trù bị tổng kết thực hiện giao ước thi đua năm ${y} của ${g.name}`;
  const opening = `Vào hồi ${c.startTime ?? '…'}, ${dateWords(c.date)}, tại ${c.place ?? '…'}, ${g.name} tổ chức Hội nghị trù bị tổng kết thực hiện giao ước thi đua năm ${y}.`;
  const body: Block[] = [p(opening), h1('I. THÀNH PHẦN THAM DỰ')];
  body.push(p(t('1. Chủ trì Hội nghị: ', { bold: true }), person(d.chairPerson) + '.'));
  body.push(p(t('2. Thư ký Hội nghị: ', { bold: true }), person(d.secretary) + '.'));
  body.push(p(t('3. Đại biểu tham dự:', { bold: true })));
  for (const a of d.attendees) {
    const people = a.people.map(person).filter((x) => x.length > 0);
    body.push(
      dash(`${a.unit[0].toUpperCase()}${a.unit.slice(1)}${people.length ? `: ${people.join('; ')}` : ''};`),
    );
  }
  if (d.absentMemberIds && d.absentMemberIds.length > 0)
    body.push(
      p(t('Vắng mặt: ', { bold: true }), d.absentMemberIds.map((id) => name(id).name).join(', ') + '.'),
    );
  else
    body.push(
      p(
        `Các đơn vị thành viên ${w.group} có mặt đầy đủ (${pad2(g.members.length)}/${pad2(g.members.length)} đơn vị).`,
      ),
    );

  body.push(h1('II. NỘI DUNG HỘI NGHỊ'));
  body.push(h2(`1. Thống nhất kết quả chấm điểm thi đua năm ${y}`));
  body.push(
    p(
      `Hội nghị đã xem xét, rà soát bảng tự chấm điểm và kết quả thẩm định của ${w.chair}, ${w.vice} đối với từng đơn vị; thống nhất kết quả chấm điểm thi đua năm ${y} của các đơn vị trong ${w.group} như sau:`,
    ),
  );
  body.push(...agreedScoreTables(g, d.sections, d.scores, d.rankings));
  body.push(h2('2. Xếp hạng thi đua và suy tôn đơn vị dẫn đầu'));
  const tieBreaks = d.rankings.find((r) => r.tieBreaks.length > 0)?.tieBreaks ?? [];
  body.push(
    p(
      `Căn cứ tổng điểm đã thống nhất, Hội nghị xếp hạng thi đua ${g.subgroups.length > 0 ? 'theo từng nhóm' : ''}` +
        (tieBreaks.length ? ` (khi bằng điểm, xét lần lượt: ${tieBreaks.join('; ')})` : '') +
        ':',
    ),
  );
  body.push(...rankingTables(g, d.rankings, d.honours, d.undecided));
  body.push(p('Hội nghị thống nhất suy tôn, đề nghị khen thưởng:'));
  body.push(...honourSentences(g, d.honours, d.undecided));
  if (d.undecided.length > 0)
    body.push(
      p(
        t(
          'Các trường hợp bằng điểm chưa phân định được theo quy chế, Hội nghị thống nhất báo cáo Hội nghị tổng kết (chính thức) xem xét, quyết định.',
          { italic: true },
        ),
      ),
    );
  body.push(h2(`3. Đề cử ${w.chair}, ${w.vice} năm ${y + 1}`));
  body.push(dash(`${w.chair}: ${d.nextChair?.name ?? 'chưa thống nhất'}${how(d.nominations?.chair)};`));
  body.push(
    dash(`${w.vice}: ${d.nextViceChair?.name ?? 'chưa thống nhất'}${how(d.nominations?.viceChair)}.`),
  );
  if (d.conclusions && d.conclusions.length > 0) {
    body.push(h2('4. Các nội dung khác'));
    for (const x of d.conclusions) body.push(dash(x));
  }
  body.push(
    p(
      `Hội nghị kết thúc vào hồi ${d.endTime ?? '…'} cùng ngày. Biên bản đã được đọc lại cho Hội nghị nghe, các đại biểu thống nhất thông qua và cùng ký tên./.`,
    ),
  );
  return {
    name: `Biên bản ${summary}`,
    orientation: 'portrait',
    head: d.head,
    kind: 'Biên bản',
    summary: [summary],
    bases: [],
    body,
    closing: {
      recipients: null,
      leftSigner: { authority: null, position: 'Thư ký', signerTitle: null, name: d.secretary.name },
      signer: { authority: null, position: 'Chủ trì', signerTitle: null, name: d.chairPerson.name },
    },
    appendices: [],
  };
}

export const minutesTemplate: DocumentTemplate<MinutesData> = {
  // 3: how next year's chair and vice-chair were nominated (issue 15).
  version: '3',
  orientation: 'portrait',
  html: (d) => renderHtml(minutesDoc(d)),
  docx: (d) => renderDocx(minutesDoc(d)),
  fileName: (d) => fileBase('BB', d.head.number, 'HNTB', groupShort(d.group), d.group.year),
};

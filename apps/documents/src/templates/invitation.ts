import type { Block, Doc } from './doc';
import { dash, p, t } from './doc';
import { dateShort, dateWords, fileBase, groupShort, groupWords, inProse } from './format';
import { renderDocx } from '../docx/render';
import { renderHtml } from './frame';
import type { DocumentTemplate } from './index';
import type { InvitationData } from './model';

/** 4. Giấy mời: the leadership of one member to the preparatory or the official conference. */

const WEEKDAYS = ['Chủ nhật', 'thứ Hai', 'thứ Ba', 'thứ Tư', 'thứ Năm', 'thứ Sáu', 'thứ Bảy'];

function weekday(date: string): string {
  return WEEKDAYS[new Date(`${date}T00:00:00Z`).getUTCDay()];
}

export function invitationDoc(d: InvitationData): Doc {
  const g = d.group;
  const y = g.year;
  const w = groupWords(g);
  const c = d.conference;
  const conf =
    c.kind === 'PREPARATORY'
      ? `Hội nghị trù bị tổng kết thực hiện giao ước thi đua năm ${y}`
      : `Hội nghị tổng kết thực hiện giao ước thi đua năm ${y}`;
  const attendees =
    d.attendeesRequested ??
    (c.kind === 'PREPARATORY'
      ? [
          'Lãnh đạo, công chức Văn phòng UBND tỉnh phân công theo dõi công tác thi đua, khen thưởng',
          'Lãnh đạo Sở Nội vụ, Ban (Phòng) Thi đua - Khen thưởng thuộc Sở Nội vụ',
        ]
      : [
          'Đại diện lãnh đạo UBND tỉnh',
          'Đại diện lãnh đạo Sở Nội vụ, lãnh đạo Văn phòng UBND tỉnh',
          'Lãnh đạo và chuyên viên Ban (Phòng) Thi đua - Khen thưởng',
        ]);
  const content =
    c.content ??
    (c.kind === 'PREPARATORY'
      ? [
          `Thống nhất kết quả chấm điểm, xếp hạng thi đua năm ${y}; bình xét, suy tôn các đơn vị dẫn đầu; đề cử ${w.chair}, ${w.vice} năm ${y + 1}.`,
        ]
      : [
          `Tổng kết thực hiện giao ước thi đua năm ${y}, triển khai phương hướng, nhiệm vụ năm ${y + 1}; thông báo kết quả chấm điểm, xếp hạng và suy tôn các đơn vị dẫn đầu; giới thiệu ${w.chair}, ${w.vice} năm ${y + 1}; ký kết giao ước thi đua năm ${y + 1}.`,
        ]);
  const time = c.date
    ? `${c.startTime ? `${c.startTime}, ` : ''}${weekday(c.date)}, ${dateWords(c.date)}${c.endDate && c.endDate !== c.date ? ` đến ${dateWords(c.endDate)}` : ''}`
    : (c.timeText ?? 'sẽ thông báo sau');
  const who = g.chair
    ? `${inProse(g.chair.name)} - Đơn vị ${w.chair} ${g.name} năm ${y}`
    : `${w.chair} ${g.name}`;
  const body: Block[] = [
    p(
      `Thực hiện Kế hoạch tổ chức Hội nghị tổng kết thực hiện giao ước thi đua năm ${y} của ${g.name}, ${who} trân trọng kính mời:`,
    ),
    { kind: 'para', runs: [t(d.addressee, { bold: true })], align: 'center' },
    p(t('Thành phần: ', { bold: true })),
    ...attendees.map((a) => dash(`${a};`)),
    p(t('Đến dự: ', { bold: true }), `${conf} của ${g.name}.`),
    p(t('Nội dung: ', { bold: true }), content.join(' ')),
    p(t('Thời gian: ', { bold: true }), `${time}.`),
    p(t('Địa điểm: ', { bold: true }), `${c.place ?? 'sẽ thông báo sau'}.`),
  ];
  // The programme as planned in the registry (issue 15); none planned: no programme, as before.
  if (c.programme && c.programme.length > 0) {
    body.push(p(t('Chương trình: ', { bold: true })));
    for (const i of c.programme)
      body.push(dash(`${i.time ? `${i.time}: ` : ''}${i.text}${i.by ? ` (${i.by})` : ''};`));
  }
  if (d.replyBy || d.contact)
    body.push(
      p(
        `Đề nghị đơn vị gửi danh sách đại biểu tham dự${d.replyBy ? ` trước ngày ${dateShort(d.replyBy)}` : ''}${d.contact ? ` về ${d.contact}` : ''} để tổng hợp, phục vụ Hội nghị.`,
      ),
    );
  body.push(p('Rất mong được đón tiếp./.'));
  return {
    name: `Giấy mời ${conf}`,
    orientation: 'portrait',
    head: d.head,
    kind: 'Giấy mời',
    summary: [`Dự ${conf}`, `của ${g.name}`],
    bases: [],
    body,
    closing: { recipients: d.recipients, signer: d.signer },
    appendices: [],
  };
}

export const invitationTemplate: DocumentTemplate<InvitationData> = {
  // 3: the planned programme (issue 15).
  version: '3',
  orientation: 'portrait',
  html: (d) => renderHtml(invitationDoc(d)),
  docx: (d) => renderDocx(invitationDoc(d)),
  fileName: (d) =>
    fileBase(
      'GM',
      d.head.number,
      d.conference.kind === 'PREPARATORY' ? 'HNTB' : 'HNTK',
      groupShort(d.group),
      d.group.year,
      d.addressee,
    ),
};

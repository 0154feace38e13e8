import { compose, str } from './compose';
import type { Template } from './template';

/** SCORES_REOPENED — params: groupId, groupName, year, reason, at. */
export const scoresReopened: Template = (p, ctx) =>
  compose(ctx, {
    subject: `Mở lại bảng điểm thi đua năm ${str(p.year)} – ${str(p.groupName, 'cụm/khối')}`,
    paragraphs: [
      `Bảng điểm thi đua năm ${str(p.year)} của ${str(p.groupName, 'cụm/khối')} đã được mở lại ` +
        `lúc ${ctx.dateTime(str(p.at))} để điều chỉnh.`,
      `Lý do: ${str(p.reason)}`,
    ],
    link: { href: ctx.link(`groups/${str(p.groupId)}/years/${str(p.year)}/scores`), label: 'Xem bảng điểm' },
  });

import { compose, str } from './compose';
import type { Template } from './template';

/** LEADERSHIP_CONFIRMED — params: groupId, groupName, year, chairName, viceChairName, decidedOn. */
export const leadershipConfirmed: Template = (p, ctx) => {
  const group = str(p.groupName, 'Cụm/khối');
  return compose(ctx, {
    subject: `Xác nhận Cụm trưởng, Cụm phó năm ${str(p.year)} – ${str(p.groupName, 'cụm/khối')}`,
    paragraphs: [
      `Hội nghị tổng kết ngày ${ctx.date(str(p.decidedOn))} đã xác nhận: ${group} năm ${str(p.year)} do ` +
        `${str(p.chairName, 'chưa xác định')} làm Cụm trưởng (Khối trưởng), ` +
        `${str(p.viceChairName, 'chưa xác định')} làm Cụm phó (Khối phó), kể từ ngày 01/01/${str(p.year)}.`,
    ],
    link: {
      href: ctx.link(`groups/${str(p.groupId)}/years/${str(p.year)}/leadership`),
      label: 'Xem cụm/khối',
    },
  });
};

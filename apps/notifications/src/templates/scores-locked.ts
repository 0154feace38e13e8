import { compose, str } from './compose';
import type { Template } from './template';

/** SCORES_LOCKED — params: groupId, groupName, year, lockedAt, memberCount. */
export const scoresLocked: Template = (p, ctx) =>
  compose(ctx, {
    subject: `Công bố kết quả chấm điểm thi đua năm ${str(p.year)} – ${str(p.groupName, 'cụm/khối')}`,
    paragraphs: [
      `Kết quả chấm điểm, xếp hạng thi đua năm ${str(p.year)} của ${str(p.groupName, 'cụm/khối')} ` +
        `đã được thống nhất và khoá lúc ${ctx.dateTime(str(p.lockedAt))}.`,
      'Các đơn vị thành viên có thể xem điểm và thứ hạng của mình và của các đơn vị khác.',
    ],
    link: { href: ctx.link(`groups/${str(p.groupId)}/years/${str(p.year)}/ranking`), label: 'Xem kết quả' },
  });

import { compose, kindName, str } from './compose';
import type { Template } from './template';

/**
 * DEADLINE_REMINDER — params: unitName (when the notice is for one unit), groupId, year, milestoneTitle, submissionKinds (still
 * missing), deadlineOn (YYYY-MM-DD), deadlineAt, daysLeft, offset.
 */
export const deadlineReminder: Template = (p, ctx) => {
  const kinds = (Array.isArray(p.submissionKinds) ? p.submissionKinds : []).map((k) => kindName(k));
  const days = typeof p.daysLeft === 'number' ? p.daysLeft : undefined;
  const when =
    days === undefined || days < 0
      ? `hạn ${ctx.date(str(p.deadlineOn))}`
      : days === 0
        ? `hôm nay (${ctx.date(str(p.deadlineOn))}) là ngày cuối cùng`
        : `còn ${days} ngày (hạn ${ctx.date(str(p.deadlineOn))})`;
  return compose(ctx, {
    subject: `Nhắc hạn nộp: ${str(p.milestoneTitle, 'hồ sơ thi đua')} – ${when}`,
    paragraphs: [
      `${str(p.unitName, 'Đơn vị của đồng chí')} chưa nộp: ${kinds.join(', ') || 'hồ sơ'} (năm ${str(p.year)}).`,
      `Mốc "${str(p.milestoneTitle)}" hết hạn vào cuối ngày ${ctx.date(str(p.deadlineOn))} (23:59 giờ Việt Nam)` +
        (days === undefined || days < 0
          ? '.'
          : days === 0
            ? ': hôm nay là ngày cuối cùng.'
            : `: còn ${days} ngày.`),
      'Nếu đơn vị đã nộp sau khi thư này được gửi, xin bỏ qua thư này.',
    ],
    link: { href: ctx.link(`campaigns/${str(p.groupId)}/${str(p.year)}`), label: 'Nộp hồ sơ' },
  });
};

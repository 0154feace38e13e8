import { compose, str } from './compose';
import type { Template } from './template';

/** CAMPAIGN_CHANGED — params: groupId, groupName, year, title, milestones: [{ name, dueDate }]. */
export const campaignChanged: Template = (p, ctx) => {
  const milestones = Array.isArray(p.milestones) ? (p.milestones as Record<string, unknown>[]) : [];
  return compose(ctx, {
    subject: `Kế hoạch thi đua năm ${str(p.year)} đã được cập nhật – ${str(p.groupName, 'cụm/khối')}`,
    paragraphs: [
      `Kế hoạch "${str(p.title, 'đợt thi đua')}" năm ${str(p.year)} của ${str(p.groupName, 'cụm/khối')} đã được cập nhật.`,
      ...milestones.map(
        (m) => `– ${str(m.name)}: ${m.dueDate ? `hạn ${ctx.date(str(m.dueDate))}` : 'chưa có hạn'}`,
      ),
    ],
    link: { href: ctx.link(`groups/${str(p.groupId)}/years/${str(p.year)}/campaign`), label: 'Xem kế hoạch' },
  });
};

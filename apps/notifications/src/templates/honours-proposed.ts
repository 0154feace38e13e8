import { compose, str } from './compose';
import type { Template } from './template';

/**
 * HONOURS_PROPOSED — params: groupId, groupName, year, proposals: [{ award, unitName, rank }],
 * undecided (count).
 */
export const honoursProposed: Template = (p, ctx) => {
  const proposals = Array.isArray(p.proposals) ? (p.proposals as Record<string, unknown>[]) : [];
  return compose(ctx, {
    subject: `Đề nghị khen thưởng năm ${str(p.year)} – ${str(p.groupName, 'cụm/khối')}`,
    paragraphs: [
      `Căn cứ kết quả xếp hạng, ${str(p.groupName, 'cụm/khối')} đề nghị khen thưởng năm ${str(p.year)}:`,
      ...proposals.map((x) => `– ${str(x.award)}: ${str(x.unitName, str(x.memberId))} (hạng ${str(x.rank)})`),
      ...(Number(p.undecided) > 0
        ? [`Còn ${str(p.undecided)} danh hiệu chưa xác định được (đồng hạng).`]
        : []),
    ],
    link: { href: ctx.link(`groups/${str(p.groupId)}/years/${str(p.year)}/honours`), label: 'Xem đề nghị' },
  });
};

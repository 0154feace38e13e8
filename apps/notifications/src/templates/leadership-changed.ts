import { compose, str } from './compose';
import type { Template } from './template';

/** LEADERSHIP_CHANGED — params: groupId, groupName, year, chairName, viceChairName. */
export const leadershipChanged: Template = (p, ctx) =>
  compose(ctx, {
    subject: `Cụm trưởng, Cụm phó năm ${str(p.year)} – ${str(p.groupName, 'cụm/khối')}`,
    paragraphs: [
      `${str(p.groupName, 'Cụm/khối')} năm ${str(p.year)}: đơn vị Cụm trưởng (Khối trưởng) là ` +
        `${str(p.chairName, 'chưa xác định')}; đơn vị Cụm phó (Khối phó) là ${str(p.viceChairName, 'chưa xác định')}.`,
    ],
    link: { href: ctx.link(`groups/${str(p.groupId)}`), label: 'Xem cụm/khối' },
  });

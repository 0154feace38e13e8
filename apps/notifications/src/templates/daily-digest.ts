import { compose, str } from './compose';
import type { Template } from './template';

/** DAILY_DIGEST — params: date (YYYY-MM-DD), dateText, lines (one per group-year). */
export const dailyDigest: Template = (p, ctx) => {
  const lines = (Array.isArray(p.lines) ? p.lines : []).map((l) => str(l));
  return compose(ctx, {
    subject: `Tổng hợp nộp hồ sơ ${ctx.date(str(p.date))}`,
    paragraphs: [`Tình hình nộp hồ sơ trong ngày ${ctx.date(str(p.date))}:`, ...lines.map((l) => `• ${l}`)],
    link: { href: ctx.link('campaigns'), label: 'Xem danh sách nộp hồ sơ' },
  });
};

import { compose, str } from './compose';
import type { Template } from './template';

/** Any kind without its own template — params: title, body (or lines: string[]), path. */
export const generic: Template = (p, ctx) =>
  compose(ctx, {
    subject: str(p.title, 'Thông báo từ Hệ thống Thi đua – Khen thưởng'),
    paragraphs: [
      ...(p.body ? [str(p.body)] : []),
      ...(Array.isArray(p.lines) ? (p.lines as unknown[]).map((l) => str(l)) : []),
    ],
    ...(p.path ? { link: { href: ctx.link(str(p.path)), label: 'Xem chi tiết' } } : {}),
  });

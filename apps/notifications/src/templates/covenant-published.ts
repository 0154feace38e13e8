import { compose, str } from './compose';
import type { Template } from './template';

/**
 * COVENANT_PUBLISHED — params: groupId, groupName, year, version, publishedAt, signed (count),
 * withoutSignatures, reason, missing: [unit name] (the units that did not sign).
 */
export const covenantPublished: Template = (p, ctx) => {
  const missing = Array.isArray(p.missing) ? (p.missing as unknown[]).map((m) => str(m)) : [];
  return compose(ctx, {
    subject: `Ban hành giao ước thi đua năm ${str(p.year)} – ${str(p.groupName, 'cụm/khối')}`,
    paragraphs: [
      `Giao ước thi đua năm ${str(p.year)} của ${str(p.groupName, 'cụm/khối')} (bản ${str(p.version)}) ` +
        `đã được ban hành lúc ${ctx.dateTime(str(p.publishedAt))} với chữ ký của ${str(p.signed, '0')} đơn vị.`,
      ...(missing.length
        ? [
            `Các đơn vị chưa ký: ${missing.join(', ')}.` +
              (p.withoutSignatures
                ? ` Ban TĐKT Trung ương ban hành khi chưa đủ chữ ký; lý do: ${str(p.reason)}.`
                : ''),
          ]
        : []),
    ],
    link: { href: ctx.link(`groups/${str(p.groupId)}/years/${str(p.year)}/scheme`), label: 'Xem giao ước' },
  });
};

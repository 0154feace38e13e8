import { compose, str } from './compose';
import type { Template } from './template';

/**
 * DECISION_RECORDED — params: decisionId, number, signedOn, authority, signerName, signerTitle,
 * corrects, awards: [{ line, awardName, recipientName, unitName }].
 */
export const decisionRecorded: Template = (p, ctx) => {
  const awards = Array.isArray(p.awards) ? (p.awards as Record<string, unknown>[]) : [];
  const signer = [str(p.signerTitle), str(p.signerName)].filter(Boolean).join(' ');
  return compose(ctx, {
    subject: `Quyết định khen thưởng số ${str(p.number)} ngày ${ctx.date(str(p.signedOn))}`,
    paragraphs: [
      `${str(p.authority)} đã ban hành Quyết định số ${str(p.number)} ngày ${ctx.date(str(p.signedOn))}` +
        (signer ? ` (${signer} ký)` : '') +
        (p.corrects ? ', đính chính quyết định trước đó' : '') +
        ', khen thưởng:',
      ...awards.map((a) => {
        const who = str(a.recipientName) || str(a.unitName);
        return `– ${str(a.awardName)}: ${who}`;
      }),
    ],
    link: { href: ctx.link(`decisions/${str(p.decisionId)}`), label: 'Xem quyết định' },
  });
};

import { compose, str } from './compose';
import type { Rendered, Template, TemplateContext } from './template';

/**
 * DOSSIER_SUBMITTED, DOSSIER_RETURNED, DOSSIER_ACCEPTED — params: dossierId, groupId, groupName,
 * year, unitName, award, awardName, reason (returned), at.
 */
const step =
  (subject: string, said: (p: Record<string, unknown>, ctx: TemplateContext) => string[]): Template =>
  (p, ctx): Rendered => {
    const what = `Hồ sơ đề nghị ${str(p.awardName, str(p.award))} cho ${str(p.unitName, 'đơn vị')}`;
    return compose(ctx, {
      subject: `${subject}: ${what} (năm ${str(p.year)})`,
      paragraphs: [`${what} – ${str(p.groupName, 'cụm/khối')}, năm ${str(p.year)}:`, ...said(p, ctx)],
      link: { href: ctx.link(`dossiers/${str(p.dossierId)}`), label: 'Xem hồ sơ' },
    });
  };

export const dossierSubmitted = step('Hồ sơ trình khen thưởng', (p, ctx) => [
  `đã được trình Hội đồng Thi đua – Khen thưởng Trung ương lúc ${ctx.dateTime(str(p.at))}, chờ thẩm định.`,
]);

export const dossierReturned = step('Hồ sơ bị trả lại', (p, ctx) => [
  `đã bị trả lại lúc ${ctx.dateTime(str(p.at))} để bổ sung, hoàn thiện.`,
  `Lý do: ${str(p.reason, 'không nêu')}`,
]);

export const dossierAccepted = step('Hồ sơ được tiếp nhận', (p, ctx) => [
  `đã được Ban Thi đua – Khen thưởng Trung ương tiếp nhận lúc ${ctx.dateTime(str(p.at))}, chờ quyết định khen thưởng.`,
]);

import { compose, str } from './compose';
import type { Template, TemplateContext } from './template';

/** "08:00" as is; an instant as "08:00 ngày 27/02/2024" (Vietnam). */
const when = (v: unknown, ctx: TemplateContext): string => {
  const s = str(v);
  return /T\d{2}:\d{2}/.test(s) ? ctx.dateTime(s) : s;
};

/**
 * CONFERENCE_PLANNED — params: groupId, groupName, year, kind, conferenceName, startsAt, endsAt,
 * place, hostUnitName, chairs: [{ role, unitName }], programme: [{ order, at, title, presenter }],
 * invitees: [text]. An invitation: date and time in Asia/Ho_Chi_Minh, place, programme.
 */
export const conferencePlanned: Template = (p, ctx) => {
  const name = str(p.conferenceName, 'Hội nghị');
  const group = str(p.groupName, 'cụm/khối');
  const programme = Array.isArray(p.programme) ? (p.programme as Record<string, unknown>[]) : [];
  const invitees = Array.isArray(p.invitees) ? (p.invitees as unknown[]).map((i) => str(i)) : [];
  const chairs = Array.isArray(p.chairs) ? (p.chairs as Record<string, unknown>[]) : [];
  const start = str(p.startsAt);
  const end = str(p.endsAt);
  const time = end ? `từ ${ctx.dateTime(start)} đến ${ctx.dateTime(end)}` : `${ctx.dateTime(start)}`;
  return compose(ctx, {
    subject: `Giấy mời dự ${name} năm ${str(p.year)} – ${group} (${ctx.date(start)})`,
    paragraphs: [
      `${group} trân trọng kính mời đại biểu dự ${name} năm ${str(p.year)}.`,
      `Thời gian: ${time} (giờ Việt Nam).`,
      `Địa điểm: ${str(p.place, 'sẽ thông báo sau')}.`,
      ...(p.hostUnitName ? [`Đơn vị đăng cai: ${str(p.hostUnitName)}.`] : []),
      ...(chairs.length
        ? [
            `Chủ trì: ${chairs
              .map((c) => `${str(c.unitName)} (${c.role === 'CHAIR' ? 'Cụm trưởng' : 'Cụm phó'})`)
              .join(', ')}.`,
          ]
        : []),
      ...(programme.length
        ? [
            'Chương trình:',
            ...programme.map(
              (x) =>
                `${str(x.order)}. ${x.at ? `${when(x.at, ctx)} – ` : ''}${str(x.title)}` +
                (x.presenter ? ` (${str(x.presenter)})` : ''),
            ),
          ]
        : []),
      ...(invitees.length ? ['Thành phần mời:', ...invitees.map((i) => `– ${i}`)] : []),
    ],
    link: {
      href: ctx.link(`groups/${str(p.groupId)}/years/${str(p.year)}/conferences/${str(p.kind)}`),
      label: 'Xem hội nghị',
    },
  });
};

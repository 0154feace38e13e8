import { compose, kindOfYear, str } from './compose';
import type { Template } from './template';

/** SUBMISSION_ACCEPTED — params: submissionId, submissionKind, unitName, year, acceptedAt, late. */
export const submissionAccepted: Template = (p, ctx) =>
  compose(ctx, {
    subject: `Hồ sơ đã được chấp nhận – ${kindOfYear(p.submissionKind, p.year)}`,
    paragraphs: [
      `${kindOfYear(p.submissionKind, p.year)} của ${str(p.unitName, 'đơn vị')} đã được chấp nhận ` +
        `lúc ${ctx.dateTime(str(p.acceptedAt))}.`,
      ...(p.late === true ? ['Hồ sơ được ghi nhận là nộp muộn.'] : []),
    ],
    link: { href: ctx.link(`submissions/${str(p.submissionId)}`), label: 'Mở hồ sơ' },
  });

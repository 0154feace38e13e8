import { compose, kindOfYear, str } from './compose';
import type { Template } from './template';

/** SUBMISSION_RETURNED — params: submissionId, submissionKind, unitName, year, reason, returnedAt. */
export const submissionReturned: Template = (p, ctx) =>
  compose(ctx, {
    subject: `Hồ sơ bị trả lại để bổ sung – ${kindOfYear(p.submissionKind, p.year)}`,
    paragraphs: [
      `${kindOfYear(p.submissionKind, p.year)} của ${str(p.unitName, 'đơn vị')} đã được trả lại ` +
        `lúc ${ctx.dateTime(str(p.returnedAt))} để chỉnh sửa, bổ sung.`,
      `Lý do: ${str(p.reason)}`,
      'Đề nghị đơn vị hoàn thiện và nộp lại hồ sơ trong thời hạn của đợt thi đua.',
    ],
    link: { href: ctx.link(`submissions/${str(p.submissionId)}`), label: 'Mở hồ sơ' },
  });

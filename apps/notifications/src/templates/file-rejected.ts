import { compose, str } from './compose';
import type { Template } from './template';

/** FILE_REJECTED — params: submissionId, fileName, reason, rejectedAt, unitName. */
export const fileRejected: Template = (p, ctx) =>
  compose(ctx, {
    subject: `Tệp minh chứng bị từ chối: ${str(p.fileName)}`,
    paragraphs: [
      `Tệp "${str(p.fileName)}" của ${str(p.unitName, 'đơn vị')} không được chấp nhận ` +
        `(${ctx.dateTime(str(p.rejectedAt))}).`,
      `Lý do: ${str(p.reason)}`,
      'Đề nghị tải lên lại tệp đúng quy định.',
    ],
    link: { href: ctx.link(`submissions/${str(p.submissionId)}`), label: 'Mở hồ sơ' },
  });

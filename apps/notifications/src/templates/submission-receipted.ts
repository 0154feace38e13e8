import { compose, kindOfYear, str } from './compose';
import type { Template } from './template';

/**
 * SUBMISSION_RECEIPTED — params: submissionId, submissionKind, unitName, groupName, year,
 * receiptNumber, submittedAt (ISO), late (boolean), fileCount, verificationCode (optional: the
 * public check of the printed receipt, /api/v1/receipts/verify/{code}).
 */
export const submissionReceipted: Template = (p, ctx) =>
  compose(ctx, {
    subject: `Biên nhận hồ sơ số ${str(p.receiptNumber)} – ${kindOfYear(p.submissionKind, p.year)}`,
    paragraphs: [
      `Hệ thống đã nhận ${kindOfYear(p.submissionKind, p.year)} của ${str(p.unitName, 'đơn vị')}` +
        (p.groupName ? ` (${str(p.groupName)})` : '') +
        ` lúc ${ctx.dateTime(str(p.submittedAt))} (giờ Việt Nam).`,
      `Số biên nhận: ${str(p.receiptNumber)}; số tệp đính kèm: ${str(p.fileCount, '0')}.`,
      ...(p.late === true ? ['Hồ sơ được nộp sau thời hạn và được ghi nhận là nộp muộn.'] : []),
      ...(p.verificationCode
        ? [
            `Mã kiểm tra biên nhận: ${str(p.verificationCode)} – kiểm tra tại ` +
              ctx.link(`api/v1/receipts/verify/${str(p.verificationCode)}`),
          ]
        : []),
    ],
    link: { href: ctx.link(`submissions/${str(p.submissionId)}/receipts`), label: 'Xem biên nhận' },
  });

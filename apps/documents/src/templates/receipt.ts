import type { Block, Doc, Run } from './doc';
import { h2, p, t, table } from './doc';
import { fileBase, fileSize, instantWords, pad2 } from './format';
import { renderDocx } from '../docx/render';
import { renderHtml } from './frame';
import type { DocumentTemplate } from './index';
import type { ReceiptData } from './model';

/**
 * 6. Phiếu tiếp nhận hồ sơ: receipt number, the server time in Asia/Ho_Chi_Minh, the unit, the
 * campaign, the kind and version, every file with its size and SHA-256, and the verification code
 * with the public URL that confirms the receipt exists and what it covers.
 */

const pSized = (size: number, ...runs: Run[]): Block => ({ kind: 'para', runs, size });

export function receiptDoc(d: ReceiptData): Doc {
  const kv = (k: string, v: string, bold = false) => [
    { text: k, bold: true },
    { text: v, bold },
  ];
  // Body at 13 pt (Decree 30 allows 13–14): a receipt of a few files fits one page.
  const body: Block[] = (
    [
      p(`${d.signer.signerTitle ?? 'Đơn vị tiếp nhận'} xác nhận đã tiếp nhận hồ sơ điện tử như sau:`),
      table({
        widths: [30, 70],
        aligns: ['left', 'left'],
        head: [],
        body: [
          kv('Số phiếu', d.receiptNumber, true),
          kv('Thời điểm tiếp nhận', instantWords(d.receivedAt)),
          kv('Đơn vị nộp', d.unit.name),
          ...(d.submittedBy ? [kv('Người nộp', d.submittedBy)] : []),
          kv('Đợt thi đua', `${d.campaign.name} - ${d.campaign.groupName}, năm ${d.campaign.year}`),
          kv('Loại hồ sơ', d.kind.label),
          kv('Lần nộp', `Phiên bản ${pad2(d.version)}`),
          kv(
            'Tình trạng',
            d.late ? 'Nộp sau thời hạn (được chấp nhận theo quy định của đợt thi đua)' : 'Nộp đúng thời hạn',
          ),
        ],
        size: 12,
      }),
      h2(`Danh mục tệp (${pad2(d.files.length)} tệp)`),
      table({
        widths: [6, 34, 18, 42],
        aligns: ['center', 'left', 'right', 'left'],
        head: [
          [{ text: 'STT' }, { text: 'Tên tệp' }, { text: 'Dung lượng' }, { text: 'Mã kiểm tra SHA-256' }],
        ],
        body: d.files.map((f, i) => [
          { text: String(i + 1) },
          { text: f.name },
          { text: fileSize(f.size) },
          { text: f.sha256 },
        ]),
        size: 10.5,
      }),
      p(t('Mã xác thực phiếu: ', { bold: true }), t(d.verificationCode, { bold: true })),
      p(t('Tra cứu: ', { bold: true }), d.verifyUrl),
      pSized(
        11.5,
        t(
          'Bất kỳ ai có mã xác thực đều có thể kiểm tra tại địa chỉ trên việc phiếu tiếp nhận này có tồn tại và phạm vi hồ sơ mà phiếu xác nhận. Mã SHA-256 xác định đúng nội dung từng tệp đã nộp: tệp bị thay đổi dù chỉ một ký tự sẽ cho mã khác.',
          { italic: true },
        ),
      ),
    ] as Block[]
  ).map((b) => (b.kind === 'para' && !b.size ? { ...b, size: 13 } : b));
  return {
    name: `Phiếu tiếp nhận ${d.receiptNumber}`,
    orientation: 'portrait',
    head: d.head,
    kind: 'Phiếu tiếp nhận hồ sơ',
    summary: [`${d.kind.label} - ${d.unit.name}`, d.campaign.name],
    bases: [],
    body,
    closing: { recipients: [d.unit.name, 'Lưu: hồ sơ điện tử'], signer: d.signer },
    appendices: [],
  };
}

export const receiptTemplate: DocumentTemplate<ReceiptData> = {
  version: '2',
  orientation: 'portrait',
  html: (d) => renderHtml(receiptDoc(d)),
  docx: (d) => renderDocx(receiptDoc(d)),
  fileName: (d) => fileBase('PTN', d.receiptNumber, `V${d.version}`),
};

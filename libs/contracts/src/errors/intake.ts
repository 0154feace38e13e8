import { ErrorCode } from '../rpc';
import { defineErrors } from './define';

const BOARD = 'Ban Thi đua – Khen thưởng';
const LEADERS = 'Cụm trưởng, Khối trưởng hoặc phó';

/**
 * The intake service's errors, one code per reason (the catalogue of its messages). The access
 * refusals are named by libs/domain access/intake.ts (`IntakeRefusal`).
 */
export const IntakeErrors = defineErrors({
  // ---- who may (403)
  SUBMISSION_PREPARE_REFUSED: {
    kind: ErrorCode.FORBIDDEN,
    message: `Chỉ cán bộ của chính đơn vị (hoặc ${BOARD}) được lập, sửa và nộp hồ sơ của đơn vị`,
  },
  SUBMISSION_READ_REFUSED: {
    kind: ErrorCode.FORBIDDEN,
    message: `Chỉ cán bộ của đơn vị, ${LEADERS} năm đó, thành viên Hội đồng của cụm/khối và ${BOARD} được xem hồ sơ`,
  },
  SUBMISSION_DRAFT_HIDDEN: {
    kind: ErrorCode.FORBIDDEN,
    message: 'Bản nháp chỉ cán bộ của chính đơn vị được xem',
  },
  SUBMISSION_LIST_REFUSED: {
    kind: ErrorCode.FORBIDDEN,
    message: 'Chỉ cán bộ của chính đơn vị được xem danh sách hồ sơ của đơn vị',
  },
  SUBMISSION_LIST_UNIT_REQUIRED: {
    kind: ErrorCode.FORBIDDEN,
    message: `Hãy chọn đơn vị: chỉ ${BOARD} xem được hồ sơ của mọi đơn vị`,
  },
  SUBMISSION_REVIEW_REFUSED: {
    kind: ErrorCode.FORBIDDEN,
    message: `Chỉ ${LEADERS} năm đó hoặc ${BOARD} được trả lại hay chấp nhận hồ sơ`,
  },
  FILE_DOWNLOAD_REFUSED: {
    kind: ErrorCode.FORBIDDEN,
    message: `Chỉ cán bộ của đơn vị, ${LEADERS} năm đó (khi hồ sơ đã nộp) và ${BOARD} được tải tệp minh chứng`,
  },
  FILE_DRAFT_ONLY: {
    kind: ErrorCode.FORBIDDEN,
    message: 'Tệp chỉ thuộc bản nháp; chỉ cán bộ của đơn vị được xem',
  },
  CAMPAIGN_SUBMISSIONS_REFUSED: {
    kind: ErrorCode.FORBIDDEN,
    message: `Chỉ ${LEADERS} năm đó, thành viên Hội đồng của cụm/khối hoặc ${BOARD} được xem tình hình nộp hồ sơ`,
  },

  // ---- submissions
  SUBMISSION_NOT_FOUND: { kind: ErrorCode.NOT_FOUND, message: 'Không tìm thấy hồ sơ {id}' },
  SUBMISSION_ALREADY_EXISTS: {
    kind: ErrorCode.CONFLICT,
    message: 'Đơn vị đã có hồ sơ loại {kind} trong kỳ này (mã {id}); hãy bổ sung phiên bản mới cho hồ sơ đó',
  },
  SUBMISSION_UNIT_NOT_MEMBER: {
    kind: ErrorCode.VALIDATION_FAILED,
    message: 'Đơn vị không phải là thành viên của cụm/khối trong năm {year}',
  },
  SUBMISSION_CAMPAIGN_CLOSED: {
    kind: ErrorCode.INVALID_STATE,
    message:
      'Kỳ thi đua đã hết hạn nhận hồ sơ loại {kind}: hạn {milestone} đã qua lúc {dueAt} và kỳ này không nhận hồ sơ nộp muộn',
  },
  SUBMISSION_NOT_OPEN: {
    kind: ErrorCode.INVALID_STATE,
    message: 'Chỉ nộp được hồ sơ đang là bản nháp hoặc đã bị trả lại (hồ sơ đang ở trạng thái {state})',
  },
  SUBMISSION_SUBMITTED_MEANWHILE: {
    kind: ErrorCode.INVALID_STATE,
    message: 'Hồ sơ vừa được nộp bởi một yêu cầu khác; chỉ nộp được phiên bản mới sau khi hồ sơ bị trả lại',
  },
  SUBMISSION_FILES_LOCKED: {
    kind: ErrorCode.INVALID_STATE,
    message:
      'Chỉ thay đổi được tệp khi hồ sơ là bản nháp hoặc đã bị trả lại (hồ sơ đang ở trạng thái {state})',
  },
  SUBMISSION_NOT_RETURNABLE: {
    kind: ErrorCode.INVALID_STATE,
    message: 'Chỉ trả lại được hồ sơ đã nộp (hồ sơ đang ở trạng thái {state})',
  },
  SUBMISSION_NOT_ACCEPTABLE: {
    kind: ErrorCode.INVALID_STATE,
    message: 'Chỉ chấp nhận được hồ sơ đã nộp (hồ sơ đang ở trạng thái {state})',
  },
  SUBMISSION_FILES_UNCONFIRMED: {
    kind: ErrorCode.INVALID_STATE,
    message: 'Còn tệp chưa được xác nhận: {files}; hãy xác nhận hoặc bỏ các tệp này trước khi nộp',
  },
  SUBMISSION_FILES_VERIFYING: {
    kind: ErrorCode.INVALID_STATE,
    message: 'Tệp đang được kiểm tra: {files}; hãy nộp khi việc kiểm tra xong',
  },
  SUBMISSION_NO_FILES: {
    kind: ErrorCode.INVALID_STATE,
    message: 'Hồ sơ cần ít nhất một tệp đã được xác nhận',
  },

  // ---- evidence files
  FILE_NOT_FOUND: { kind: ErrorCode.NOT_FOUND, message: 'Không tìm thấy tệp {fileId} trong hồ sơ {id}' },
  FILE_NOT_IN_DRAFT: {
    kind: ErrorCode.NOT_FOUND,
    message: 'Tệp {fileId} không thuộc bản nháp đang mở của hồ sơ',
  },
  FILE_TYPE_REFUSED: {
    kind: ErrorCode.VALIDATION_FAILED,
    message: 'Hồ sơ loại {kind} không nhận tệp kiểu {contentType} (được nhận: {allowed})',
  },
  FILE_TOO_LARGE: {
    kind: ErrorCode.VALIDATION_FAILED,
    message:
      'Tệp {size} byte vượt giới hạn {maxBytes} byte ({maxMb} MB) cho kiểu {contentType} của hồ sơ loại {kind}',
  },
  FILE_NOT_UPLOADED: {
    kind: ErrorCode.INVALID_STATE,
    message: 'Tệp chưa được tải lên; hãy tải lên trước {expiresAt}',
  },
  FILE_UPLOAD_EXPIRED: {
    kind: ErrorCode.GONE,
    message: 'Đã hết thời hạn tải tệp lên mà tệp chưa đến; hãy xin tải lên lại',
  },
  FILE_UPLOADED_LATE: {
    kind: ErrorCode.UNPROCESSABLE,
    message: 'Tệp được tải lên sau khi hết thời hạn ({expiresAt})',
  },
  FILE_SIZE_MISMATCH: {
    kind: ErrorCode.UNPROCESSABLE,
    message: 'Tệp đã lưu có {stored} byte, khác {declared} byte đã khai báo',
  },
  FILE_TYPE_MISMATCH: {
    kind: ErrorCode.UNPROCESSABLE,
    message: 'Nội dung tệp không khớp kiểu đã khai báo {contentType}: {detail}',
  },
  FILE_CHECKSUM_MISMATCH: {
    kind: ErrorCode.UNPROCESSABLE,
    message: 'SHA-256 của tệp đã lưu là {stored}, khác giá trị đã khai báo {declared}',
  },
  FILE_MISSING_FROM_STORAGE: {
    kind: ErrorCode.UNPROCESSABLE,
    message: 'Không còn tìm thấy tệp trong kho lưu trữ khi kiểm tra',
  },
  FILE_REJECTED: {
    kind: ErrorCode.UNPROCESSABLE,
    message: 'Tệp đã bị từ chối: {reason}',
  },
  FILE_NOT_CONFIRMED: {
    kind: ErrorCode.INVALID_STATE,
    message: 'Tệp đang ở trạng thái {state}, chưa được xác nhận',
  },
});

import { ErrorCode } from '../rpc';
import { defineErrors } from './define';

const BOARD = 'Ban Thi đua – Khen thưởng';

/**
 * The documents service's errors (and intake's receipt verification). Access refusals are named
 * by libs/domain access/documents.ts (`DocumentsRefusal`).
 */
export const DocumentsErrors = defineErrors({
  // ---- who may (403)
  DOCUMENT_GROUP_REFUSED: {
    kind: ErrorCode.FORBIDDEN,
    message: `Chỉ Cụm trưởng, Khối trưởng và phó năm đó, các đơn vị thành viên, thành viên Hội đồng phụ trách và ${BOARD} được lập và xem văn bản của cụm, khối`,
  },
  DOCUMENT_RECEIPT_REFUSED: {
    kind: ErrorCode.FORBIDDEN,
    message: `Chỉ cán bộ của đơn vị gửi hồ sơ, Cụm trưởng, Khối trưởng năm đó và ${BOARD} được lập và xem phiếu tiếp nhận`,
  },
  DOCUMENT_JOB_REFUSED: {
    kind: ErrorCode.FORBIDDEN,
    message: `Chỉ người đã yêu cầu lập văn bản hoặc ${BOARD} được theo dõi công việc này`,
  },

  // ---- the request
  DOCUMENT_SUBJECT_MISSING: {
    kind: ErrorCode.VALIDATION_FAILED,
    message: 'Văn bản loại {type} cần trường {field}',
  },
  DOCUMENT_SUBJECT_UNKNOWN: {
    kind: ErrorCode.NOT_FOUND,
    message: 'Không tìm thấy {what} {id}',
  },
  DOCUMENT_UNIT_NOT_MEMBER: {
    kind: ErrorCode.VALIDATION_FAILED,
    message: 'Đơn vị {unit} không phải thành viên của cụm, khối trong năm {year}',
  },
  DOCUMENT_RESULTS_NOT_LOCKED: {
    kind: ErrorCode.INVALID_STATE,
    message:
      '{document} chỉ được lập từ kết quả đã khóa: kết quả chấm điểm năm {year} của cụm, khối chưa được khóa',
  },
  DOCUMENT_NO_SCHEME: {
    kind: ErrorCode.INVALID_STATE,
    message: 'Cụm, khối chưa có bảng điểm năm {year}: chưa thể lập {document}',
  },
  DOCUMENT_TOO_LARGE: {
    kind: ErrorCode.PAYLOAD_TOO_LARGE,
    message:
      'Cụm, khối có {members} thành viên trong năm {year}, vượt quá {max} thành viên mà một văn bản được lập',
  },
  DOCUMENT_TEMPLATE_MISSING: {
    kind: ErrorCode.INVALID_STATE,
    message: 'Chưa có mẫu cho văn bản loại {type}',
  },

  // ---- documents and jobs
  DOCUMENT_NOT_FOUND: { kind: ErrorCode.NOT_FOUND, message: 'Không tìm thấy văn bản {id}' },
  DOCUMENT_JOB_NOT_FOUND: { kind: ErrorCode.NOT_FOUND, message: 'Không tìm thấy công việc lập văn bản {id}' },
  DOCUMENT_STORAGE_UNAVAILABLE: {
    kind: ErrorCode.SERVICE_UNAVAILABLE,
    message:
      'Kho lưu trữ tệp tạm thời không sẵn sàng: văn bản chưa được lưu (không có gì lưu dở); hãy yêu cầu lại sau',
  },
  DOCUMENT_RENDER_FAILED: {
    kind: ErrorCode.SERVICE_UNAVAILABLE,
    message: 'Không dựng được văn bản ({detail}); hãy yêu cầu lại sau',
  },

  // ---- receipts
  RECEIPT_NOT_FOUND: {
    kind: ErrorCode.NOT_FOUND,
    message: 'Không có phiếu tiếp nhận nào với mã kiểm tra này',
  },
  RECEIPT_VERSION_NOT_FOUND: {
    kind: ErrorCode.NOT_FOUND,
    message: 'Hồ sơ {id} chưa có phiếu tiếp nhận cho lần nộp {version}',
  },
});

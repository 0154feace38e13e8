import { ErrorCode } from '../rpc';
import { defineErrors } from './define';

/**
 * The gateway's own refusals: the HTTP edge (body, URL, headers), the sign-in guard and the
 * browser rules. Their problems keep the kind as `code` (`VALIDATION_FAILED`, `UNAUTHENTICATED`…)
 * unless a reason is named where they are raised; the texts come from here.
 */
export const GatewayErrors = defineErrors({
  // ---------- the request as a whole ----------
  BODY_NOT_JSON: { kind: ErrorCode.VALIDATION_FAILED, message: 'Nội dung yêu cầu không phải JSON hợp lệ' },
  BODY_TOO_LARGE: { kind: ErrorCode.PAYLOAD_TOO_LARGE, message: 'Nội dung yêu cầu lớn hơn mức cho phép' },
  BODY_TYPE_UNSUPPORTED: {
    kind: ErrorCode.VALIDATION_FAILED,
    message: 'Content-Type của nội dung yêu cầu phải là application/json',
  },
  BODY_NOT_ALLOWED: { kind: ErrorCode.VALIDATION_FAILED, message: '{method} không nhận nội dung yêu cầu' },
  BODY_RAW_EXPECTED: {
    kind: ErrorCode.VALIDATION_FAILED,
    message: 'Hãy gửi {what} làm nội dung yêu cầu với content-type {types}',
  },
  REQUEST_MALFORMED: { kind: ErrorCode.VALIDATION_FAILED, message: 'Yêu cầu không hợp lệ' },
  REQUEST_REFUSED: { kind: ErrorCode.VALIDATION_FAILED, message: 'Yêu cầu bị từ chối: {detail}' },
  URL_MALFORMED: {
    kind: ErrorCode.VALIDATION_FAILED,
    message: 'Địa chỉ (URL) không hợp lệ: có mã hóa phần trăm sai, ví dụ %zz',
  },
  HEADERS_TOO_LARGE: {
    kind: ErrorCode.VALIDATION_FAILED,
    message: 'Phần đầu (header) của yêu cầu lớn hơn mức cho phép',
  },
  REQUEST_UNREADABLE: { kind: ErrorCode.VALIDATION_FAILED, message: 'Không đọc được yêu cầu HTTP ({code})' },
  ROUTE_NOT_FOUND: { kind: ErrorCode.NOT_FOUND, message: 'Không có địa chỉ {method} {path} trong API' },
  METHOD_NOT_ALLOWED: {
    kind: ErrorCode.VALIDATION_FAILED,
    message: 'Địa chỉ này không nhận phương thức {method}',
  },
  INTERNAL_ERROR: { kind: ErrorCode.INTERNAL, message: 'Lỗi hệ thống' },

  // ---------- fields checked at the edge (message after the field's name) ----------
  TEXT_HAS_NUL: { kind: ErrorCode.VALIDATION_FAILED, message: 'không được chứa ký tự NUL (\\u0000)' },
  TEXT_LONE_SURROGATE: {
    kind: ErrorCode.VALIDATION_FAILED,
    message: 'phải là văn bản Unicode hợp lệ (có một ký tự thay thế UTF-16 lẻ)',
  },
  TEXT_TOO_LONG: { kind: ErrorCode.VALIDATION_FAILED, message: 'dài tối đa {max} ký tự' },
  JSON_TOO_DEEP: { kind: ErrorCode.VALIDATION_FAILED, message: 'lồng nhau quá sâu (tối đa {max} cấp)' },
  ARRAY_TOO_LONG: { kind: ErrorCode.VALIDATION_FAILED, message: 'có tối đa {max} phần tử' },
  OBJECT_TOO_MANY_FIELDS: { kind: ErrorCode.VALIDATION_FAILED, message: 'có tối đa {max} trường' },
  FIELD_NAME_EMPTY: { kind: ErrorCode.VALIDATION_FAILED, message: 'có một trường với tên rỗng' },
  FIELD_NAME_INVALID: { kind: ErrorCode.VALIDATION_FAILED, message: 'tên trường {problem}' },
  PARAM_NAME_EMPTY: { kind: ErrorCode.VALIDATION_FAILED, message: 'có một tham số với tên rỗng' },
  FILE_NAME_ENCODING: {
    kind: ErrorCode.VALIDATION_FAILED,
    message: 'phải là tên tệp được mã hóa phần trăm (encodeURIComponent)',
  },
  IDEMPOTENCY_KEY_REQUIRED: { kind: ErrorCode.VALIDATION_FAILED, message: 'bắt buộc: {why}' },
  IDEMPOTENCY_KEY_MALFORMED: {
    kind: ErrorCode.VALIDATION_FAILED,
    message: 'phải gồm 8–128 ký tự A-Z a-z 0-9 . _ : - (một header duy nhất)',
  },

  // ---------- calls between services (raised by the platform's RPC client) ----------
  RPC_TIMEOUT: { kind: ErrorCode.TIMEOUT, message: 'Dịch vụ không trả lời trong {ms} ms ({subject})' },
  RPC_NO_RESPONDER: {
    kind: ErrorCode.SERVICE_UNAVAILABLE,
    message: 'Dịch vụ chưa sẵn sàng: không có phiên bản nào đang chạy ({subject})',
  },
  RPC_MESSAGING_DOWN: {
    kind: ErrorCode.SERVICE_UNAVAILABLE,
    message: 'Kênh nhắn tin giữa các dịch vụ đang gián đoạn ({subject})',
  },
  RPC_MESSAGING_FAILED: {
    kind: ErrorCode.SERVICE_UNAVAILABLE,
    message: 'Không gửi được yêu cầu tới dịch vụ ({subject}: {why})',
  },

  // ---------- sign-in and access ----------
  TOKEN_MISSING: {
    kind: ErrorCode.UNAUTHENTICATED,
    message: 'Thiếu bearer token (đăng nhập: POST /api/v1/auth/login)',
  },
  TOKEN_INVALID: {
    kind: ErrorCode.UNAUTHENTICATED,
    message: 'Token không hợp lệ hoặc đã hết hạn; hãy làm mới hoặc đăng nhập lại',
  },
  OIDC_TOKEN_INVALID: {
    kind: ErrorCode.UNAUTHENTICATED,
    message: 'Token của nhà cung cấp định danh không hợp lệ hoặc đã hết hạn',
  },
  ACCESS_NO_ROLE: {
    kind: ErrorCode.FORBIDDEN,
    message: 'Tài khoản chưa được giao vai trò nào trên nền tảng',
  },
  ACCESS_BOARD_ONLY: {
    kind: ErrorCode.FORBIDDEN,
    message: 'Chỉ Ban Thi đua – Khen thưởng được thay đổi đơn vị và cụm, khối',
  },
  ACCESS_HONOURS_BOARD_ONLY: {
    kind: ErrorCode.FORBIDDEN,
    message:
      'Chỉ Ban Thi đua – Khen thưởng Trung ương được thẩm định hồ sơ đề nghị và ghi nhận quyết định khen thưởng',
  },
  ACCESS_CHAIR_ONLY: {
    kind: ErrorCode.FORBIDDEN,
    message: 'Chỉ Cụm trưởng, Khối trưởng năm đó hoặc Ban Thi đua – Khen thưởng được làm việc này',
  },
  ACCESS_DENIED: { kind: ErrorCode.FORBIDDEN, message: 'Không có quyền thực hiện thao tác này' },
  CORS_ORIGIN_REFUSED: {
    kind: ErrorCode.FORBIDDEN,
    message: 'Nguồn (Origin) {origin} không được phép gọi API này (CORS_ORIGINS)',
  },
});

/** The title of a problem by HTTP status (RFC 7807 `title`). */
export const HTTP_TITLES: Readonly<Record<number, string>> = {
  400: 'Dữ liệu không hợp lệ',
  401: 'Chưa đăng nhập',
  403: 'Không có quyền',
  404: 'Không tìm thấy',
  405: 'Phương thức không được hỗ trợ',
  409: 'Xung đột dữ liệu',
  410: 'Không còn hiệu lực',
  413: 'Nội dung quá lớn',
  415: 'Kiểu nội dung không được hỗ trợ',
  422: 'Nội dung không đạt yêu cầu',
  429: 'Quá nhiều yêu cầu',
  431: 'Phần đầu yêu cầu quá lớn',
  500: 'Lỗi hệ thống',
  503: 'Dịch vụ tạm thời không sẵn sàng',
  504: 'Dịch vụ không trả lời kịp',
};

/** A title for any status (an unlisted 4xx/5xx gets the generic one). */
export function httpTitle(status: number): string {
  return HTTP_TITLES[status] ?? (status >= 500 ? 'Lỗi hệ thống' : 'Yêu cầu không được chấp nhận');
}

import { ErrorCode } from '../rpc';
import { defineErrors } from './define';

/** Errors any service may answer. */
export const CommonErrors = defineErrors({
  REQUEST_INVALID: { kind: ErrorCode.VALIDATION_FAILED, message: 'Dữ liệu không hợp lệ: {detail}' },
  REFUSED_BY_POLICY: { kind: ErrorCode.FORBIDDEN, message: '{reason}' },
  IDEMPOTENCY_KEY_REUSED: {
    kind: ErrorCode.UNPROCESSABLE,
    message: 'Idempotency-Key này đã được dùng cho một yêu cầu khác',
  },
  IDEMPOTENCY_KEY_IN_PROGRESS: {
    kind: ErrorCode.CONFLICT,
    message: 'Một yêu cầu cùng Idempotency-Key đang được xử lý; hãy gửi lại sau giây lát',
  },
  REPLY_TOO_LARGE: {
    kind: ErrorCode.PAYLOAD_TOO_LARGE,
    message: 'Kết quả quá lớn để trả về ({bytes} byte); hãy thu hẹp yêu cầu',
  },
  JOB_KIND_UNKNOWN: { kind: ErrorCode.INTERNAL, message: 'Không có bộ xử lý cho loại công việc {kind}' },
  JOB_GAVE_UP: {
    kind: ErrorCode.INTERNAL,
    message: 'Công việc {kind} không hoàn thành sau {attempts} lần thử: {detail}',
  },
  DATABASE_UNAVAILABLE: {
    kind: ErrorCode.SERVICE_UNAVAILABLE,
    message: 'Cơ sở dữ liệu tạm thời không sẵn sàng',
  },
});

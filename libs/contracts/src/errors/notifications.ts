import { ErrorCode } from '../rpc';
import { defineErrors } from './define';

/** The notifications service's errors (refusals named by libs/domain access/notifications.ts). */
export const NotificationsErrors = defineErrors({
  INBOX_ITEM_NOT_FOUND: {
    kind: ErrorCode.NOT_FOUND,
    message: 'Không tìm thấy thông báo {id} trong hộp thư của bạn',
  },
  DELIVERIES_REFUSED: {
    kind: ErrorCode.FORBIDDEN,
    message: 'Chỉ Ban Thi đua – Khen thưởng được xem và gửi lại thư không gửi được',
  },
  DELIVERY_NOT_FOUND: { kind: ErrorCode.NOT_FOUND, message: 'Không tìm thấy thư {id}' },
  DELIVERY_NOT_FAILED: {
    kind: ErrorCode.INVALID_STATE,
    message: 'Thư {id} đang ở trạng thái {state}; chỉ thư gửi không thành công mới được gửi lại',
  },
  DIGEST_REFUSED: {
    kind: ErrorCode.FORBIDDEN,
    message:
      'Thư tổng hợp hằng ngày dành cho Cụm trưởng, Cụm phó (Khối trưởng, Khối phó) và Ban Thi đua – Khen thưởng',
  },
});

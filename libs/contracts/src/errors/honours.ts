import { ErrorCode } from '../rpc';
import { defineErrors } from './define';

const BOARD = 'Ban Thi đua – Khen thưởng Trung ương';

/**
 * The honours service's errors (proposal dossiers and decisions), one code per reason. The access
 * refusals are named by libs/domain access/honours.ts (`HonoursRefusal`).
 */
export const HonoursErrors = defineErrors({
  // ---- who may (403)
  DOSSIER_MANAGE_REFUSED: {
    kind: ErrorCode.FORBIDDEN,
    message: `Chỉ Cụm trưởng, Cụm phó (Trưởng khối, Phó trưởng khối) năm đó hoặc ${BOARD} được lập và gửi hồ sơ đề nghị khen thưởng`,
  },
  DOSSIER_READ_REFUSED: {
    kind: ErrorCode.FORBIDDEN,
    message: `Chỉ Cụm trưởng, Cụm phó năm đó, cán bộ của đơn vị được đề nghị và ${BOARD} được xem hồ sơ này`,
  },
  DOSSIER_REVIEW_REFUSED: {
    kind: ErrorCode.FORBIDDEN,
    message: `Chỉ ${BOARD} được trả lại hoặc tiếp nhận hồ sơ đề nghị khen thưởng`,
  },
  DECISION_RECORD_REFUSED: {
    kind: ErrorCode.FORBIDDEN,
    message: `Chỉ ${BOARD} được ghi nhận quyết định khen thưởng`,
  },
  DECISION_READ_REFUSED: {
    kind: ErrorCode.FORBIDDEN,
    message: `Chỉ ${BOARD} và đơn vị được khen thưởng được xem quyết định này`,
  },

  // ---- dossiers
  DOSSIER_NOT_FOUND: { kind: ErrorCode.NOT_FOUND, message: 'Không tìm thấy hồ sơ đề nghị khen thưởng {id}' },
  DOSSIER_HONOUR_NOT_PROPOSED: {
    kind: ErrorCode.UNPROCESSABLE,
    message:
      'Đơn vị {unit} không được suy tôn, đề nghị {award} năm {year}: chỉ lập hồ sơ cho khen thưởng đã được bình xét đề nghị',
  },
  DOSSIER_HONOURS_NOT_READY: {
    kind: ErrorCode.INVALID_STATE,
    message: 'Kết quả năm {year} chưa được khóa nên chưa có danh sách đề nghị khen thưởng: {detail}',
  },
  DOSSIER_EXISTS: {
    kind: ErrorCode.CONFLICT,
    message: 'Đã có hồ sơ đề nghị {award} cho đơn vị này năm {year} (hồ sơ {id})',
  },
  DOSSIER_INCOMPLETE: {
    kind: ErrorCode.INVALID_STATE,
    message: 'Hồ sơ còn thiếu: {missing}; chưa thể gửi',
  },
  DOSSIER_STATE: {
    kind: ErrorCode.INVALID_STATE,
    message: 'Hồ sơ đang ở trạng thái {state}: không thể {action}',
  },

  // ---- decisions
  DECISION_NOT_FOUND: { kind: ErrorCode.NOT_FOUND, message: 'Không tìm thấy quyết định khen thưởng {id}' },
  DECISION_NUMBER_TAKEN: {
    kind: ErrorCode.CONFLICT,
    message: '{authority} đã có quyết định số {number} (ghi nhận {id}); một quyết định chỉ được ghi một lần',
  },
  DECISION_AWARD_UNKNOWN: {
    kind: ErrorCode.VALIDATION_FAILED,
    message: 'Hình thức khen thưởng {award} không có trong danh mục',
  },
  DECISION_AWARD_NOT_IN_FORCE: {
    kind: ErrorCode.VALIDATION_FAILED,
    message: 'Hình thức khen thưởng {award} không còn (hoặc chưa) được khen vào ngày {on}',
  },
  DECISION_DOSSIER_NOT_GRANTABLE: {
    kind: ErrorCode.UNPROCESSABLE,
    message: 'Hồ sơ {id} chưa được tiếp nhận (hoặc đã có quyết định): quyết định chỉ khen hồ sơ đã tiếp nhận',
  },
  DECISION_DOSSIER_MISMATCH: {
    kind: ErrorCode.UNPROCESSABLE,
    message: 'Hồ sơ {id} đề nghị khen cho đơn vị hoặc hình thức khác với dòng này',
  },
  DECISION_DOSSIER_TWICE: {
    kind: ErrorCode.UNPROCESSABLE,
    message: 'Hồ sơ {id} được khen hai lần trong cùng quyết định',
  },
  DECISION_LINE_TWICE: {
    kind: ErrorCode.UNPROCESSABLE,
    message: 'Dòng {line} trùng một dòng trước (cùng hình thức, đơn vị và người được khen)',
  },
  DECISION_BEYOND_PROPOSED: {
    kind: ErrorCode.UNPROCESSABLE,
    message:
      '{count} khen thưởng vượt số hồ sơ đề nghị đã tiếp nhận; chỉ được ghi khi Ban TĐKT xác nhận vượt (override) và nêu lý do',
  },
  DECISION_CORRECTED_NOT_FOUND: {
    kind: ErrorCode.UNPROCESSABLE,
    message: 'Không có quyết định {id} để đính chính',
  },
  DECISION_ALREADY_CORRECTED: {
    kind: ErrorCode.CONFLICT,
    message: 'Quyết định {id} đã được đính chính bởi quyết định {by}; hãy đính chính quyết định mới nhất',
  },
  DECISION_RECIPIENT_UNKNOWN: {
    kind: ErrorCode.UNPROCESSABLE,
    message: 'Không có đơn vị {id}',
  },
});

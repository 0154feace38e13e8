import { ErrorCode } from '../rpc';
import { defineErrors } from './define';

const BOARD = 'Ban Thi đua – Khen thưởng Trung ương';
const LEADERS = 'Cụm trưởng, Khối trưởng hoặc phó';

/**
 * The scoring service's errors, one code per reason (the catalogue of its messages). The access
 * refusals are named by libs/domain access/scoring.ts (`ScoringRefusal`), the states' by
 * scoring/states.ts (`SchemeRefusal`, `GroupYearRefusal`).
 */
export const ScoringErrors = defineErrors({
  // ---- who may (403)
  SCORING_CHAIR_ONLY: {
    kind: ErrorCode.FORBIDDEN,
    message: `Chỉ Cụm trưởng, Khối trưởng năm {year} hoặc ${BOARD} được làm việc này`,
  },
  SCORING_REOPEN_BOARD_ONLY: {
    kind: ErrorCode.FORBIDDEN,
    message: `Chỉ ${BOARD} được mở lại điểm đã khóa`,
  },
  SCORING_NATIONAL_RANKING_BOARD_ONLY: {
    kind: ErrorCode.FORBIDDEN,
    message: `Chỉ ${BOARD} được xem xếp hạng toàn quốc`,
  },
  SCORE_ENTRY_NOT_ALLOWED: {
    kind: ErrorCode.FORBIDDEN,
    message: `Chỉ cán bộ của chính đơn vị, ${LEADERS} năm đó, cơ quan ngoài chấm tiêu chí của mình hoặc ${BOARD} được nhập điểm`,
  },
  SCORE_CRITERION_OUTSIDE_BODY: {
    kind: ErrorCode.FORBIDDEN,
    message: 'Tiêu chí {criterion} do cơ quan ngoài "{body}" chấm',
  },
  SCORE_CRITERION_LEADERSHIP_ONLY: {
    kind: ErrorCode.FORBIDDEN,
    message: `Tiêu chí {criterion} do ${LEADERS} chấm`,
  },
  SCORE_CRITERION_NOT_ALLOWED: {
    kind: ErrorCode.FORBIDDEN,
    message: `Tiêu chí {criterion}: chỉ cán bộ của chính đơn vị, ${LEADERS} năm đó hoặc ${BOARD} được nhập điểm`,
  },
  SCORES_HIDDEN_UNTIL_LOCKED: {
    kind: ErrorCode.FORBIDDEN,
    message: 'Điểm của các thành viên khác chỉ được xem sau khi khóa điểm năm {year}',
  },
  SCORES_NOT_VISIBLE: {
    kind: ErrorCode.FORBIDDEN,
    message: `Chỉ các thành viên của cụm, khối (sau khi khóa điểm), ${LEADERS}, thành viên Hội đồng và ${BOARD} được xem điểm`,
  },
  SCORING_GROUP_YEAR_NOT_VISIBLE: {
    kind: ErrorCode.FORBIDDEN,
    message: `Chỉ các thành viên, ${LEADERS}, thành viên Hội đồng của cụm, khối và ${BOARD} được xem việc chấm điểm`,
  },

  // ---- the covenant (the points table of a year): drafting, comments, signatures
  SCHEME_LEADERS_ONLY: {
    kind: ErrorCode.FORBIDDEN,
    message: `Chỉ Cụm trưởng, Cụm phó (Khối trưởng, Khối phó) năm {year} hoặc năm {previous}, hoặc ${BOARD} được soạn thảo và công bố giao ước thi đua năm {year}`,
  },
  SCHEME_REVISION_LEADERS_ONLY: {
    kind: ErrorCode.FORBIDDEN,
    message: `Giao ước thi đua năm {year} đã được công bố: chỉ Cụm trưởng, Cụm phó (Khối trưởng, Khối phó) năm {year} hoặc ${BOARD} được sửa đổi, công bố lại`,
  },
  COVENANT_NOT_VISIBLE: {
    kind: ErrorCode.FORBIDDEN,
    message: `Chỉ các đơn vị thành viên năm {year}, ${LEADERS}, thành viên Hội đồng của cụm, khối và ${BOARD} được xem dự thảo giao ước thi đua`,
  },
  COVENANT_COMMENT_NOT_ALLOWED: {
    kind: ErrorCode.FORBIDDEN,
    message: `Chỉ cán bộ của các đơn vị thành viên hoặc ${BOARD} được góp ý dự thảo giao ước thi đua`,
  },
  COVENANT_COMMENT_OTHER_UNIT: {
    kind: ErrorCode.FORBIDDEN,
    message: 'Cán bộ đơn vị chỉ được góp ý nhân danh đơn vị mình',
  },
  COVENANT_SIGNATURE_NOT_ALLOWED: {
    kind: ErrorCode.FORBIDDEN,
    message: `Cán bộ của chính đơn vị ký giao ước thi đua; ${LEADERS} hoặc ${BOARD} ghi nhận chữ ký thay đơn vị`,
  },
  COVENANT_UNSIGNED_PUBLISH_BOARD_ONLY: {
    kind: ErrorCode.FORBIDDEN,
    message: `Chỉ ${BOARD} được công bố giao ước thi đua khi còn đơn vị chưa ký`,
  },
  COVENANT_PUBLISHED: {
    kind: ErrorCode.INVALID_STATE,
    message:
      'Giao ước thi đua năm {year} (phiên bản {version}) đã được công bố: không còn nhận góp ý hay chữ ký',
  },
  COVENANT_CRITERION_UNKNOWN: {
    kind: ErrorCode.VALIDATION_FAILED,
    message: 'Dự thảo giao ước thi đua năm {year} (phiên bản {version}) không có tiêu chí "{code}"',
  },
  COVENANT_SIGNER_NOT_MEMBER: {
    kind: ErrorCode.VALIDATION_FAILED,
    message:
      'Đơn vị {unit} không phải thành viên của {group} năm {year}: không ký giao ước thi đua của cụm, khối',
  },
  COVENANT_SIGNATURES_MISSING: {
    kind: ErrorCode.INVALID_STATE,
    message: `Còn {count} đơn vị chưa ký giao ước thi đua năm {year}: {units}. Chỉ ${BOARD} được công bố khi thiếu chữ ký, nêu rõ lý do`,
  },

  // ---- the points table
  SCHEME_NOT_FOUND: {
    kind: ErrorCode.NOT_FOUND,
    message: 'Chưa có thang bảng điểm năm {year} của {group}',
  },
  SCHEME_VERSION_NOT_FOUND: {
    kind: ErrorCode.NOT_FOUND,
    message: 'Không có phiên bản {version} của thang bảng điểm năm {year} của {group}',
  },
  SCHEME_NO_DRAFT: {
    kind: ErrorCode.NOT_FOUND,
    message: 'Năm {year} không có bản nháp thang bảng điểm (bản đã công bố không bao giờ bị xóa)',
  },
  SCHEME_NOT_PUBLISHED: {
    kind: ErrorCode.INVALID_STATE,
    message:
      'Năm {year} chưa có thang bảng điểm được công bố: Cụm trưởng, Khối trưởng công bố thang bảng điểm trước',
  },
  SCHEME_ALREADY_PUBLISHED: {
    kind: ErrorCode.INVALID_STATE,
    message:
      'Phiên bản {version} đã được công bố; mỗi thay đổi là một phiên bản mới (gửi lại thang bảng điểm)',
  },
  SCHEME_INVALID: {
    kind: ErrorCode.VALIDATION_FAILED,
    message: 'Thang bảng điểm có {count} lỗi',
  },
  SCHEME_RULES_INVALID: {
    kind: ErrorCode.VALIDATION_FAILED,
    message: 'Quy tắc xét khi bằng điểm và quy tắc khen thưởng có {count} lỗi',
  },
  SCHEME_TABLE_INVALID: {
    kind: ErrorCode.VALIDATION_FAILED,
    message: 'Bảng Excel có {count} lỗi',
  },
  SCHEME_TABLE_COLUMNS: {
    kind: ErrorCode.VALIDATION_FAILED,
    message: 'Các cột phải là: {columns} (cột {column} là "{found}")',
  },

  // ---- Excel files (a points table, a self-score sheet)
  SCORING_FILE_NOT_XLSX: {
    kind: ErrorCode.VALIDATION_FAILED,
    message: 'Tệp không phải là sổ tính Excel (.xlsx)',
  },
  SCORING_FILE_NO_WORKSHEET: {
    kind: ErrorCode.VALIDATION_FAILED,
    message: 'Tệp Excel không có trang tính nào',
  },
  SCORING_FILE_TOO_MANY_ROWS: {
    kind: ErrorCode.VALIDATION_FAILED,
    message: 'Trang tính có hơn {max} dòng dưới dòng tiêu đề',
  },

  // ---- entries
  SCORE_MEMBER_NOT_IN_GROUP: {
    kind: ErrorCode.VALIDATION_FAILED,
    message: 'Đơn vị {member} không phải thành viên của {group} năm {year}',
  },
  SCORING_MEMBER_NOT_FOUND: {
    kind: ErrorCode.NOT_FOUND,
    message: 'Đơn vị {member} không phải thành viên của {group} năm {year}',
  },
  SCORE_CRITERION_UNKNOWN: {
    kind: ErrorCode.VALIDATION_FAILED,
    message: 'Có {count} tiêu chí không thuộc thang bảng điểm phiên bản {version}',
  },
  SCORE_ENTRIES_INVALID: {
    kind: ErrorCode.VALIDATION_FAILED,
    message: 'Có {count} mục điểm không hợp lệ',
  },

  // ---- the year's lock
  SCORING_YEAR_LOCKED: {
    kind: ErrorCode.INVALID_STATE,
    message: `Điểm năm {year} đã khóa; chỉ ${BOARD} được mở lại`,
  },
  SCORING_YEAR_NOT_LOCKED: {
    kind: ErrorCode.INVALID_STATE,
    message: 'Điểm năm {year} chưa khóa',
  },
  SCORING_HONOURS_NEED_LOCK: {
    kind: ErrorCode.INVALID_STATE,
    message: 'Đề xuất khen thưởng dựa trên điểm đã khóa: Cụm trưởng, Khối trưởng khóa điểm năm {year} trước',
  },

  // ---- self-score sheets sent through intake (kept as the sheet's note)
  SELF_SCORE_SHEET_MISSING: {
    kind: ErrorCode.UNPROCESSABLE,
    message:
      'Hồ sơ không có bảng tự chấm điểm dạng Excel (bản quét không đọc được): điểm được nhập qua giao diện chấm điểm',
  },
  SELF_SCORE_SHEET_INVALID: {
    kind: ErrorCode.VALIDATION_FAILED,
    message: 'Bảng tự chấm điểm có {count} lỗi',
  },
});

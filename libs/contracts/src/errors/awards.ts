import { ErrorCode } from '../rpc';
import { defineErrors } from './define';

const BOARD = 'Ban Thi đua – Khen thưởng';
const NOTHING = 'không dòng nào được nhập';

/**
 * The awards service's errors, one code per reason (the catalogue of its messages). The access
 * refusals are named by libs/domain access/awards.ts (`AwardsRefusal`). A file's problems are
 * listed by line in `errors`; the reason says what they have in common (all duplicates, all outside
 * the period…) or RECORDS_INVALID when they are of several kinds.
 */
export const AwardsErrors = defineErrors({
  // ---- who may (403)
  RECORDS_IMPORT_REFUSED: {
    kind: ErrorCode.FORBIDDEN,
    message: `Chỉ cán bộ của đơn vị (cho chính đơn vị mình) hoặc ${BOARD} được nhập danh sách khen thưởng`,
  },
  RECORDS_OTHER_UNIT_REFUSED: {
    kind: ErrorCode.FORBIDDEN,
    message: `Một đơn vị chỉ nhập khen thưởng của chính mình; tệp có khen thưởng của đơn vị khác (${BOARD} nhập cho mọi đơn vị)`,
  },
  UPLOAD_FOLLOW_REFUSED: {
    kind: ErrorCode.FORBIDDEN,
    message: `Chỉ người đã gửi tệp hoặc ${BOARD} được theo dõi và nhập tệp này`,
  },
  AGGREGATE_IMPORT_REFUSED: {
    kind: ErrorCode.FORBIDDEN,
    message: `Chỉ Cụm trưởng, Khối trưởng năm đó hoặc ${BOARD} được nhập bảng tổng hợp khen thưởng của cụm, khối`,
  },
  AWARDS_GROUP_READ_REFUSED: {
    kind: ErrorCode.FORBIDDEN,
    message: `Chỉ cán bộ các đơn vị thành viên, Cụm trưởng, Khối trưởng và phó năm đó, thành viên Hội đồng phụ trách và ${BOARD} được xem khen thưởng của cụm, khối`,
  },
  AWARDS_NATIONAL_READ_REFUSED: {
    kind: ErrorCode.FORBIDDEN,
    message: `Chỉ ${BOARD} được xem thống kê khen thưởng toàn quốc`,
  },

  // ---- award types (the catalogue)
  AWARD_TYPE_UNKNOWN: {
    kind: ErrorCode.VALIDATION_FAILED,
    message: `{total} dòng ghi hình thức khen thưởng không có trong danh mục; ${NOTHING}`,
  },
  AWARD_NOT_IN_FORCE: {
    kind: ErrorCode.VALIDATION_FAILED,
    message: `{total} dòng ghi hình thức khen thưởng không còn (hoặc chưa) được khen vào ngày quyết định; ${NOTHING}`,
  },

  // ---- aggregate tables of the reports
  AGGREGATE_ROWS_INVALID: {
    kind: ErrorCode.VALIDATION_FAILED,
    message: `{total} lỗi trong bảng tổng hợp; ${NOTHING}`,
  },
  AGGREGATE_NOT_FOUND: { kind: ErrorCode.NOT_FOUND, message: 'Không tìm thấy bảng tổng hợp {id}' },

  // ---- files of award records
  RECORDS_FILE_TYPE: {
    kind: ErrorCode.VALIDATION_FAILED,
    message: 'phải là text/csv hoặc tệp Excel (.xlsx)',
  },
  RECORDS_NOT_XLSX: { kind: ErrorCode.VALIDATION_FAILED, message: 'không phải tệp Excel (.xlsx)' },
  RECORDS_NO_WORKSHEET: { kind: ErrorCode.VALIDATION_FAILED, message: 'tệp Excel không có trang tính' },
  RECORDS_NOT_CSV_TEXT: { kind: ErrorCode.VALIDATION_FAILED, message: 'không phải tệp CSV (văn bản)' },
  RECORDS_LINE_TOO_LONG: {
    kind: ErrorCode.VALIDATION_FAILED,
    message: 'dòng dài quá {max} byte; không phải danh sách khen thưởng',
  },
  RECORDS_COLUMNS_WRONG: {
    kind: ErrorCode.VALIDATION_FAILED,
    message: 'các cột phải là: {expected} (cột {column} là "{found}")',
  },
  RECORDS_INVALID: { kind: ErrorCode.VALIDATION_FAILED, message: `{total} lỗi; ${NOTHING}` },
  RECORDS_DUPLICATE: {
    kind: ErrorCode.VALIDATION_FAILED,
    message: `{total} dòng đã có trong hệ thống hoặc trùng với dòng khác của tệp; ${NOTHING}`,
  },
  RECORDS_OUTSIDE_PERIOD: {
    kind: ErrorCode.VALIDATION_FAILED,
    message: `{total} dòng có ngày quyết định ngoài kỳ {from} – {to}; ${NOTHING}`,
  },
  RECORDS_UNIT_UNKNOWN: {
    kind: ErrorCode.VALIDATION_FAILED,
    message: `{total} dòng ghi mã đơn vị không có trong hệ thống; ${NOTHING}`,
  },

  // ---- large files through object storage
  STORAGE_NOT_CONFIGURED: {
    kind: ErrorCode.SERVICE_UNAVAILABLE,
    message: 'Chưa có kho lưu trữ cho tệp lớn; hãy gửi tệp nhỏ trực tiếp (POST /awards/records)',
  },
  UPLOAD_NOT_FOUND: { kind: ErrorCode.NOT_FOUND, message: 'Không tìm thấy tệp tải lên {id}' },
  UPLOAD_NOT_UPLOADED: {
    kind: ErrorCode.INVALID_STATE,
    message: 'Tệp chưa được tải lên kho lưu trữ (hạn tải lên: {expiresAt})',
  },
  UPLOAD_SIZE_MISMATCH: {
    kind: ErrorCode.UNPROCESSABLE,
    message: 'Tệp trong kho có {size} byte, khác với {declared} byte đã khai',
  },
  UPLOAD_CHECKSUM_MISMATCH: {
    kind: ErrorCode.UNPROCESSABLE,
    message: 'SHA-256 của tệp trong kho không khớp với giá trị đã khai',
  },
  UPLOAD_IMPORT_RUNNING: {
    kind: ErrorCode.INVALID_STATE,
    message: 'Tệp đang được nhập (công việc {jobId}); hãy theo dõi tiến độ tại địa chỉ của tệp',
  },
  UPLOAD_ALREADY_IMPORTED: {
    kind: ErrorCode.INVALID_STATE,
    message: 'Tệp đã được nhập (lần nhập {importId})',
  },
});

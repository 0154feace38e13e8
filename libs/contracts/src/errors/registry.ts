import { ErrorCode } from '../rpc';
import { defineErrors } from './define';

/**
 * The registry service's errors, one code per reason (the catalogue of its messages). Kinds keep
 * the statuses the registry answered before it had reasons: a rule about a request field that
 * depends on stored state (an unknown unit named in the body, a membership outside the unit's
 * dates) stays a 400 naming the field; a clash with what is stored is a 409; a missing resource
 * in the path a 404.
 */
export const RegistryErrors = defineErrors({
  // ---------- units and succession ----------
  UNIT_NOT_FOUND: { kind: ErrorCode.NOT_FOUND, message: 'Không tìm thấy đơn vị {id}' },
  UNIT_CODE_TAKEN: { kind: ErrorCode.CONFLICT, message: 'Mã đơn vị {code} đã được dùng' },
  UNIT_PARENT_NOT_FOUND: {
    kind: ErrorCode.VALIDATION_FAILED,
    message: 'Không tìm thấy đơn vị cấp trên {parentId}',
  },
  SUCCESSION_UNIT_NOT_FOUND: {
    kind: ErrorCode.VALIDATION_FAILED,
    message: 'Không tìm thấy đơn vị {id}',
  },
  SUCCESSION_DATES_INVALID: {
    kind: ErrorCode.VALIDATION_FAILED,
    message: 'Không thể ghi nhận kế thừa vào ngày {effectiveOn}: {detail}',
  },
  SUCCESSION_PREDECESSOR_ENDS_OTHERWISE: {
    kind: ErrorCode.CONFLICT,
    message: 'Đơn vị tiền thân đã kết thúc ngày {validTo}, không phải ngày {endOn} (trước ngày kế thừa)',
  },
  SUCCESSION_EXISTS: {
    kind: ErrorCode.CONFLICT,
    message: 'Đã ghi nhận đơn vị {successorId} kế thừa đơn vị {predecessorId}',
  },

  // ---------- groups and subgroups ----------
  GROUP_NOT_FOUND: { kind: ErrorCode.NOT_FOUND, message: 'Không tìm thấy cụm, khối thi đua {id}' },
  GROUP_CODE_TAKEN: { kind: ErrorCode.CONFLICT, message: 'Mã cụm, khối thi đua {code} đã được dùng' },
  GROUP_ORGANISER_REQUIRED: {
    kind: ErrorCode.VALIDATION_FAILED,
    message: 'Khối do Hội đồng Thi đua – Khen thưởng tỉnh tổ chức phải có đơn vị tổ chức',
  },
  GROUP_ORGANISER_NOT_ALLOWED: {
    kind: ErrorCode.VALIDATION_FAILED,
    message: 'Cụm, khối do Hội đồng Thi đua – Khen thưởng Trung ương tổ chức không có đơn vị tổ chức',
  },
  GROUP_ORGANISER_NOT_FOUND: {
    kind: ErrorCode.VALIDATION_FAILED,
    message: 'Không tìm thấy đơn vị tổ chức {id}',
  },
  SUBGROUP_NOT_FOUND: {
    kind: ErrorCode.VALIDATION_FAILED,
    message: 'Cụm, khối thi đua này không có nhóm {id}',
  },
  SUBGROUP_CODE_TAKEN: {
    kind: ErrorCode.CONFLICT,
    message: 'Cụm, khối thi đua này đã có nhóm mã {code}',
  },

  // ---------- memberships ----------
  MEMBERSHIP_NOT_FOUND: {
    kind: ErrorCode.NOT_FOUND,
    message: 'Cụm, khối thi đua này không có tư cách thành viên {id}',
  },
  MEMBERSHIP_UNIT_NOT_FOUND: {
    kind: ErrorCode.VALIDATION_FAILED,
    message: 'Không tìm thấy đơn vị {id}',
  },
  MEMBERSHIP_OUTSIDE_UNIT: {
    kind: ErrorCode.VALIDATION_FAILED,
    message: 'Thời gian là thành viên phải nằm trong thời gian tồn tại của đơn vị ({from} – {to})',
  },
  MEMBERSHIP_OUTSIDE_GROUP: {
    kind: ErrorCode.VALIDATION_FAILED,
    message: 'Thời gian là thành viên phải nằm trong thời gian hoạt động của cụm, khối ({from} – {to})',
  },
  MEMBERSHIP_OVERLAPS: {
    kind: ErrorCode.CONFLICT,
    message: '{unit} đã là thành viên của cụm, khối này từ {from} đến {to}',
  },

  // ---------- leadership ----------
  LEADERSHIP_SET_REFUSED: {
    kind: ErrorCode.FORBIDDEN,
    message: 'Chỉ Ban Thi đua – Khen thưởng Trung ương chỉ định Cụm trưởng, Cụm phó (Trưởng, Phó khối)',
  },
  LEADERSHIP_UNIT_NOT_FOUND: {
    kind: ErrorCode.VALIDATION_FAILED,
    message: 'Không tìm thấy đơn vị {id}',
  },
  LEADERSHIP_NOT_MEMBER: {
    kind: ErrorCode.VALIDATION_FAILED,
    message: '{unit} không là thành viên của cụm, khối trong năm {year}',
  },
  LEADERSHIP_SAME_UNIT: {
    kind: ErrorCode.VALIDATION_FAILED,
    message: 'Một đơn vị không thể vừa là Cụm trưởng vừa là Cụm phó',
  },

  // ---------- campaigns and milestones ----------
  CAMPAIGN_CHANGE_REFUSED: {
    kind: ErrorCode.FORBIDDEN,
    message:
      'Chỉ Cụm trưởng (Trưởng khối) của năm {year} hoặc Ban Thi đua – Khen thưởng Trung ương thay đổi kế hoạch thi đua',
  },
  CAMPAIGN_NOT_FOUND: {
    kind: ErrorCode.NOT_FOUND,
    message: 'Chưa có kế hoạch thi đua năm {year} của {group}',
  },
  CAMPAIGN_MILESTONE_ANCHOR_MISSING: {
    kind: ErrorCode.VALIDATION_FAILED,
    message: 'Mốc {code} tính theo mốc {anchorCode}, nhưng kế hoạch không có mốc này',
  },
  CAMPAIGN_MILESTONE_ANCHOR_CYCLE: {
    kind: ErrorCode.VALIDATION_FAILED,
    message: 'Mốc {code} tính theo mốc {anchorCode} tạo thành vòng lặp',
  },

  // ---------- conferences and next year's leadership (issue 15) ----------
  CONFERENCE_READ_REFUSED: {
    kind: ErrorCode.FORBIDDEN,
    message:
      'Chỉ các thành viên, thành viên Hội đồng phụ trách và Ban Thi đua – Khen thưởng Trung ương xem hội nghị của cụm, khối năm {year}',
  },
  CONFERENCE_CHANGE_REFUSED: {
    kind: ErrorCode.FORBIDDEN,
    message:
      'Chỉ Cụm trưởng, Cụm phó (Trưởng, Phó khối) năm {year} hoặc Ban Thi đua – Khen thưởng Trung ương tổ chức hội nghị và đề cử Cụm trưởng, Cụm phó năm sau',
  },
  CONFERENCE_NOT_FOUND: {
    kind: ErrorCode.NOT_FOUND,
    message: 'Chưa có kế hoạch {conference} năm {year} của {group}',
  },
  CONFERENCE_UNIT_NOT_FOUND: {
    kind: ErrorCode.VALIDATION_FAILED,
    message: 'Không tìm thấy đơn vị {id}',
  },
  CONFERENCE_UNIT_NOT_MEMBER: {
    kind: ErrorCode.VALIDATION_FAILED,
    message: '{unit} không là thành viên của cụm, khối trong năm {year}',
  },
  CONFERENCE_ENDS_BEFORE_START: {
    kind: ErrorCode.VALIDATION_FAILED,
    message: 'Thời gian kết thúc hội nghị phải sau thời gian bắt đầu',
  },
  CONFERENCE_INSTANT_INVALID: {
    kind: ErrorCode.VALIDATION_FAILED,
    message: '{value} không phải là thời điểm có thật',
  },
  CONFERENCE_ENDS_WITHOUT_START: {
    kind: ErrorCode.VALIDATION_FAILED,
    message: 'Hội nghị chưa có thời gian bắt đầu thì chưa thể có thời gian kết thúc',
  },
  CONFERENCE_PROGRAMME_ORDER_TAKEN: {
    kind: ErrorCode.VALIDATION_FAILED,
    message: 'Chương trình đã có mục số {order}',
  },
  CONFERENCE_UNIT_TWICE: {
    kind: ErrorCode.VALIDATION_FAILED,
    message: '{unit} có hai lần trong danh sách',
  },
  CONFERENCE_DUTY_DUE_TWICE: {
    kind: ErrorCode.VALIDATION_FAILED,
    message:
      'Một nhiệm vụ có hạn theo ngày (dueOn) hoặc theo số ngày sau hội nghị (offsetDays), không cả hai',
  },
  CONFERENCE_DUTY_HOLDER_TWICE: {
    kind: ErrorCode.VALIDATION_FAILED,
    message: 'Một nhiệm vụ giao cho một đơn vị (unitId) hoặc một vai trò (holder), không cả hai',
  },
  CONFERENCE_PREPARATORY_AFTER_OFFICIAL: {
    kind: ErrorCode.CONFLICT,
    message: 'Hội nghị trù bị ({preparatory}) phải diễn ra trước Hội nghị tổng kết ({official})',
  },
  NOMINATION_NOT_MEMBER: {
    kind: ErrorCode.VALIDATION_FAILED,
    message: '{unit} không là thành viên của cụm, khối trong năm {year}, không thể được đề cử',
  },
  NOMINATION_SAME_UNIT: {
    kind: ErrorCode.VALIDATION_FAILED,
    message: 'Một đơn vị không thể vừa được đề cử Cụm trưởng vừa được đề cử Cụm phó',
  },
  NOMINATION_CANDIDATES_REQUIRED: {
    kind: ErrorCode.VALIDATION_FAILED,
    message: 'Bầu cử cần danh sách các đơn vị ứng cử (candidates)',
  },
  NOMINATION_NOT_A_CANDIDATE: {
    kind: ErrorCode.VALIDATION_FAILED,
    message: '{unit} không có trong danh sách ứng cử',
  },
  NOMINATION_CANDIDATE_TWICE: {
    kind: ErrorCode.VALIDATION_FAILED,
    message: '{unit} có hai lần trong danh sách ứng cử',
  },
  NOMINATION_NOT_MOST_VOTED: {
    kind: ErrorCode.VALIDATION_FAILED,
    message: '{unit} không được nhiều phiếu nhất ({votes} phiếu, {leader} được {most} phiếu)',
  },
  NOMINATION_NO_PREPARATORY_CONFERENCE: {
    kind: ErrorCode.INVALID_STATE,
    message:
      'Cụm trưởng, Cụm phó năm {forYear} được đề cử tại Hội nghị trù bị năm {year}, nhưng hội nghị này chưa có kế hoạch',
  },
  NOMINATIONS_NOT_FOUND: {
    kind: ErrorCode.INVALID_STATE,
    message: 'Chưa đề cử Cụm trưởng, Cụm phó năm {forYear} tại Hội nghị trù bị',
  },
  NOMINATIONS_CONFIRMED: {
    kind: ErrorCode.INVALID_STATE,
    message:
      'Cụm trưởng, Cụm phó năm {forYear} đã được Hội nghị tổng kết ngày {confirmedOn} công nhận; không thể đề cử lại',
  },
  NOMINATION_OFFICIAL_UNDATED: {
    kind: ErrorCode.INVALID_STATE,
    message:
      'Hội nghị tổng kết năm {year} chưa có ngày; Cụm trưởng, Cụm phó năm {forYear} được công nhận tại hội nghị này',
  },

  // ---------- sign-in ----------
  LOGIN_FAILED: { kind: ErrorCode.UNAUTHENTICATED, message: 'Sai tên đăng nhập hoặc mật khẩu' },
  LOGIN_THROTTLED: {
    kind: ErrorCode.RATE_LIMITED,
    message:
      'Đăng nhập sai quá nhiều lần (từ địa chỉ này hoặc vào tài khoản này); hãy thử lại sau {seconds} giây',
  },

  // ---------- sessions and users (issue 16) ----------
  REFRESH_TOKEN_INVALID: {
    kind: ErrorCode.UNAUTHENTICATED,
    message: 'Phiên đăng nhập đã hết hạn hoặc bị thu hồi; hãy đăng nhập lại',
  },
  SESSION_REVOKED: {
    kind: ErrorCode.UNAUTHENTICATED,
    message: 'Phiên đăng nhập đã bị thu hồi; hãy đăng nhập lại',
  },
  EXTERNAL_USER_UNKNOWN: {
    kind: ErrorCode.UNAUTHENTICATED,
    message: 'Tài khoản của nhà cung cấp định danh không gắn với người dùng nào đang hoạt động',
  },
  USERS_MANAGE_REFUSED: {
    kind: ErrorCode.FORBIDDEN,
    message: 'Chỉ Ban Thi đua - Khen thưởng Trung ương quản lý người dùng',
  },
  USER_NOT_FOUND: { kind: ErrorCode.NOT_FOUND, message: 'Không tìm thấy người dùng {id}' },
  USER_USERNAME_TAKEN: { kind: ErrorCode.CONFLICT, message: 'Tên đăng nhập {username} đã được dùng' },
  USER_UNIT_NOT_FOUND: { kind: ErrorCode.VALIDATION_FAILED, message: 'Không tìm thấy đơn vị {id}' },
  USER_GROUP_NOT_FOUND: { kind: ErrorCode.VALIDATION_FAILED, message: 'Không tìm thấy cụm, khối {id}' },
  USER_ROLE_SCOPE_INVALID: {
    kind: ErrorCode.VALIDATION_FAILED,
    message: 'Vai trò {role}: {rule}',
  },
  USER_SELF_DEACTIVATION: {
    kind: ErrorCode.VALIDATION_FAILED,
    message: 'Không thể tự vô hiệu hóa tài khoản của chính mình',
  },
  PASSWORD_TOO_SHORT: {
    kind: ErrorCode.VALIDATION_FAILED,
    message: 'Mật khẩu mới phải có ít nhất {min} ký tự',
  },
  PASSWORD_IS_LOGIN: {
    kind: ErrorCode.VALIDATION_FAILED,
    message: 'Mật khẩu mới không được trùng hoặc chứa tên đăng nhập',
  },
  PASSWORD_TOO_COMMON: {
    kind: ErrorCode.VALIDATION_FAILED,
    message: 'Mật khẩu mới quá phổ biến, dễ đoán; hãy chọn mật khẩu khác',
  },
  PASSWORD_WRONG: {
    kind: ErrorCode.VALIDATION_FAILED,
    message: 'Mật khẩu hiện tại không đúng',
  },
  PASSWORD_RESET_INVALID: {
    kind: ErrorCode.VALIDATION_FAILED,
    message: 'Mã đặt lại mật khẩu không đúng, đã dùng hoặc đã hết hạn',
  },
});

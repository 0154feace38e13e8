import { FIRST_YEAR, LAST_YEAR } from '@tdkt/domain';

/**
 * The Vietnamese messages of field validation, keyed by the name of the rule that failed (the
 * class-validator constraint name, e.g. `maxLength`, `isEnum`, or our own `isCalendarDate`). A
 * field error carries that name as `rule` (for programs) and the message (for people), e.g.
 * `{ field: 'groupId', rule: 'isDefined', message: 'bắt buộc' }`.
 *
 * `{0}`, `{1}` are the rule's arguments (`MaxLength(64)` → `{0}` = 64); `{list}` is the allowed
 * values of `isEnum`/`isIn`. One message catalogue for the gateway's pipe and the services' NATS
 * pipe (libs/platform `flattenValidationErrors`), so decorators need no message of their own.
 */
export const VALIDATION_MESSAGES = {
  /** A field that must be given was left out (any rule failing on an absent value). */
  isDefined: 'bắt buộc',
  /** `null` where the field may be left out but cannot be cleared. */
  isDefinedNotNull: 'không được là null (có thể bỏ qua trường này)',
  whitelistValidation: 'trường này không được phép trong yêu cầu',
  nestedValidation: 'phải là một đối tượng hoặc một danh sách đối tượng',
  isString: 'phải là chuỗi ký tự',
  isInt: 'phải là số nguyên',
  isNumber: 'phải là số',
  isBoolean: 'phải là true hoặc false',
  isArray: 'phải là một danh sách',
  isObject: 'phải là một đối tượng',
  isEnum: 'phải là một trong các giá trị: {list}',
  isIn: 'phải là một trong các giá trị: {list}',
  isUuid: 'phải là một mã định danh UUID',
  isNotEmpty: 'không được để trống',
  isNotBlank: 'không được chỉ gồm khoảng trắng',
  isWellFormed: 'phải là văn bản Unicode hợp lệ (không có ký tự thay thế lẻ)',
  isCalendarDate: `phải là một ngày có thật dạng YYYY-MM-DD (năm ${FIRST_YEAR}–${LAST_YEAR})`,
  isCountCell: 'phải là một số (không quá 2147483647) hoặc null',
  min: 'phải lớn hơn hoặc bằng {0}',
  max: 'phải nhỏ hơn hoặc bằng {0}',
  isLength: 'phải dài từ {0} đến {1} ký tự',
  minLength: 'phải dài ít nhất {0} ký tự',
  maxLength: 'dài tối đa {0} ký tự',
  matches: 'không đúng định dạng yêu cầu',
  arrayMinSize: 'phải có ít nhất {0} phần tử',
  arrayMaxSize: 'có tối đa {0} phần tử',
  arrayNotEmpty: 'không được là danh sách rỗng',
  arrayUnique: 'không được có phần tử trùng nhau',
  isPositive: 'phải là số dương',
  isEmail: 'phải là địa chỉ e-mail',
  isDateString: 'phải là thời điểm ISO 8601',
  isISO8601: 'phải là thời điểm ISO 8601',
  // ---------- the services' own field checks (AppError.rule) ----------
  notBefore: 'không được trước {0}',
  eitherNotBoth: 'chỉ nêu một trong hai: {0} hoặc {1}',
  requiredOneOf: 'bắt buộc: nêu {0} (hoặc {1})',
  together: '{0} và {1} phải đi cùng nhau',
  datedOrRelative: 'một mốc hoặc có ngày cụ thể, hoặc tính theo mốc khác, không thể cả hai',
  periodBothEnds: 'một kỳ phải có cả ngày đầu và ngày cuối',
  foldedMaxLength: 'dài quá {0} ký tự sau khi chuẩn hóa để tìm kiếm',
  unique: 'đã tồn tại',
  exists: 'tham chiếu tới một mục không tồn tại',
  dataRule: 'vi phạm một quy tắc dữ liệu',
  usableCharacters: 'không có ký tự nào dùng được',
  unitRequired: 'bắt buộc (tài khoản không thuộc đơn vị nào)',
  reasonRequired: 'phải nêu lý do (ít nhất {0} ký tự)',
  /** Any rule without its own message. */
  unknown: 'không hợp lệ (quy tắc {rule})',
} as const;

export type ValidationRule = keyof typeof VALIDATION_MESSAGES;

/**
 * Which rule to report when several fail on one field: what the value is (present, its type)
 * before its size or format, so `123` for a text answers "phải là chuỗi ký tự", not its length.
 */
const ORDER: readonly string[] = [
  'whitelistValidation',
  'isDefined',
  'nestedValidation',
  'isObject',
  'isArray',
  'isString',
  'isInt',
  'isNumber',
  'isBoolean',
  'isEnum',
  'isIn',
  'isUuid',
  'isCalendarDate',
  'isWellFormed',
  'isNotEmpty',
  'isNotBlank',
];

/** Sort key of a rule name: type rules first (in ORDER), then the rest in their given order. */
export function ruleRank(rule: string): number {
  const i = ORDER.indexOf(rule);
  return i === -1 ? ORDER.length : i;
}

/** Whether a text is already written in Vietnamese (a decorator's own message worth keeping). */
export function isVietnamese(text: string): boolean {
  return /[àáạảãâầấậẩẫăằắặẳẵèéẹẻẽêềếệểễìíịỉĩòóọỏõôồốộổỗơờớợởỡùúụủũưừứựửữỳýỵỷỹđ]/i.test(text);
}

function listOf(args: readonly unknown[]): string {
  const values = Array.isArray(args[1]) ? args[1] : Array.isArray(args[0]) ? args[0] : [];
  if (values.length === 0 && args[0] && typeof args[0] === 'object')
    return Object.values(args[0] as object)
      .filter((v) => typeof v === 'string' || typeof v === 'number')
      .join(', ');
  return (values as unknown[]).map(String).join(', ');
}

/**
 * The Vietnamese message of a failed rule, NFC. `args` are the rule's arguments, `each` whether the
 * rule applies to each element of a list, `absent` whether the value was left out (then the field
 * is required, whatever rule noticed it).
 */
export function validationMessage(
  rule: string,
  args: readonly unknown[] = [],
  opts: { each?: boolean; absent?: boolean; isNull?: boolean } = {},
): { rule: string; message: string } {
  if (opts.absent) return { rule: 'isDefined', message: VALIDATION_MESSAGES.isDefined };
  if (rule === 'isDefined' && opts.isNull) return { rule, message: VALIDATION_MESSAGES.isDefinedNotNull };
  const key = rule === 'isLength' && args[1] === undefined ? 'minLength' : rule;
  const template = (VALIDATION_MESSAGES as Record<string, string>)[key] ?? VALIDATION_MESSAGES.unknown;
  const text = template.replace(/\{(\w+)\}/g, (all, name: string) => {
    if (name === 'list') return listOf(args);
    if (name === 'rule') return rule;
    const v = args[Number(name)];
    return v === undefined || v === null || Number.isNaN(Number(name)) ? all : String(v);
  });
  const message = opts.each && rule !== 'whitelistValidation' ? `mỗi phần tử ${text}` : text;
  return { rule, message: message.normalize('NFC') };
}

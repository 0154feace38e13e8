import { fold } from '../text/vietnamese';

/**
 * Award titles and forms (Law 06/2022/QH15 on emulation and commendation and the earlier law its
 * reports still count), grouped as the reports group them: I. state level, II. ministry/province
 * level, III. grassroots; plus the resistance-era awards that reports still carry.
 *
 * Validity dates: the 2022 law took effect on 2024-01-01. Which titles it renamed or ended is not in
 * our documents, so no end date is set here yet: `validFrom`/`validTo` exist so that a change is a
 * new entry with dates, never an edit of history.
 */

export type AwardLevel = 'STATE' | 'PROVINCE' | 'GRASSROOTS' | 'RESISTANCE';
export type RecipientKind = 'COLLECTIVE' | 'INDIVIDUAL' | 'BOTH';

export interface AwardType {
  /** Stable code, e.g. HC-LAO-DONG-1. */
  code: string;
  name: string;
  level: AwardLevel;
  /** The report's group: I (state), II (ministry/province), III (grassroots). */
  group: 'I' | 'II' | 'III';
  recipients: RecipientKind;
  validFrom: string | null;
  validTo: string | null;
  /** Other ways reports write it (matched without diacritics, quotes or case). */
  aliases: string[];
  /** Aggregates of several types reported as one row (e.g. an order of every class). */
  covers?: string[];
}

const t = (
  code: string,
  name: string,
  level: AwardLevel,
  recipients: RecipientKind,
  aliases: string[] = [],
  covers?: string[],
): AwardType => ({
  code,
  name,
  level,
  group: level === 'STATE' || level === 'RESISTANCE' ? 'I' : level === 'PROVINCE' ? 'II' : 'III',
  recipients,
  validFrom: null,
  validTo: null,
  aliases,
  ...(covers ? { covers } : {}),
});

const classes = (code: string, name: string, recipients: RecipientKind): AwardType[] => [
  ...(['Nhất', 'Nhì', 'Ba'] as const).map((h, i) =>
    t(`${code}-${i + 1}`, `${name} hạng ${h}`, 'STATE', recipients),
  ),
  t(
    code,
    `${name} (các hạng)`,
    'STATE',
    recipients,
    [name],
    [1, 2, 3].map((i) => `${code}-${i}`),
  ),
];

export const AWARD_CATALOGUE: readonly AwardType[] = [
  // I. State level — orders
  t('HC-SAO-VANG', 'Huân chương Sao vàng', 'STATE', 'BOTH'),
  t('HC-HO-CHI-MINH', 'Huân chương Hồ Chí Minh', 'STATE', 'BOTH'),
  ...classes('HC-DOC-LAP', 'Huân chương Độc lập', 'BOTH'),
  ...classes('HC-QUAN-CONG', 'Huân chương Quân công', 'BOTH'),
  ...classes('HC-LAO-DONG', 'Huân chương Lao động', 'BOTH'),
  ...classes('HC-BAO-VE-TO-QUOC', 'Huân chương Bảo vệ Tổ quốc', 'BOTH'),
  ...classes('HC-CHIEN-CONG', 'Huân chương Chiến công', 'BOTH'),
  t('HC-DAI-DOAN-KET', 'Huân chương Đại đoàn kết dân tộc', 'STATE', 'INDIVIDUAL'),
  t('HC-DUNG-CAM', 'Huân chương Dũng cảm', 'STATE', 'INDIVIDUAL'),
  t('HC-HUU-NGHI', 'Huân chương Hữu nghị', 'STATE', 'BOTH'),
  // medals
  t('HCH-QUAN-KY-QUYET-THANG', 'Huy chương Quân kỳ quyết thắng', 'STATE', 'INDIVIDUAL'),
  t('HCH-VI-AN-NINH-TO-QUOC', 'Huy chương Vì an ninh Tổ quốc', 'STATE', 'INDIVIDUAL'),
  ...(['Nhất', 'Nhì', 'Ba'] as const).map((h, i) =>
    t(`HCH-CHIEN-SI-VE-VANG-${i + 1}`, `Huy chương Chiến sĩ vẻ vang hạng ${h}`, 'STATE', 'INDIVIDUAL'),
  ),
  t('HCH-HUU-NGHI', 'Huy chương Hữu nghị', 'STATE', 'INDIVIDUAL'),
  // honorary titles and prizes
  t('DH-BA-ME-VN-ANH-HUNG', 'Bà mẹ Việt Nam anh hùng', 'STATE', 'INDIVIDUAL', [
    'Danh hiệu vinh dự Nhà nước "Bà mẹ Việt Nam anh hùng"',
    'Danh hiệu Bà mẹ Việt Nam anh hùng',
  ]),
  t('DH-ANH-HUNG-LLVTND', 'Anh hùng Lực lượng vũ trang nhân dân', 'STATE', 'BOTH'),
  t('DH-ANH-HUNG-LAO-DONG', 'Anh hùng Lao động', 'STATE', 'BOTH'),
  t('DH-NHA-GIAO-NHAN-DAN', 'Nhà giáo nhân dân', 'STATE', 'INDIVIDUAL'),
  t('DH-NHA-GIAO-UU-TU', 'Nhà giáo ưu tú', 'STATE', 'INDIVIDUAL'),
  t('DH-THAY-THUOC-NHAN-DAN', 'Thầy thuốc nhân dân', 'STATE', 'INDIVIDUAL'),
  t('DH-THAY-THUOC-UU-TU', 'Thầy thuốc ưu tú', 'STATE', 'INDIVIDUAL'),
  t('DH-NGHE-SI-NHAN-DAN', 'Nghệ sĩ nhân dân', 'STATE', 'INDIVIDUAL'),
  t('DH-NGHE-SI-UU-TU', 'Nghệ sĩ ưu tú', 'STATE', 'INDIVIDUAL'),
  t('DH-NGHE-NHAN-NHAN-DAN', 'Nghệ nhân nhân dân', 'STATE', 'INDIVIDUAL'),
  t('DH-NGHE-NHAN-UU-TU', 'Nghệ nhân ưu tú', 'STATE', 'INDIVIDUAL'),
  t('GT-HO-CHI-MINH', 'Giải thưởng Hồ Chí Minh', 'STATE', 'BOTH'),
  t('GT-NHA-NUOC', 'Giải thưởng Nhà nước', 'STATE', 'BOTH'),
  // emulation titles and certificates at state level
  t('CO-THI-DUA-CHINH-PHU', 'Cờ thi đua của Chính phủ', 'STATE', 'COLLECTIVE'),
  t('CSTD-TOAN-QUOC', 'Chiến sĩ thi đua toàn quốc', 'STATE', 'INDIVIDUAL'),
  t('BK-THU-TUONG', 'Bằng khen của Thủ tướng Chính phủ', 'STATE', 'BOTH', ['Bằng khen Thủ tướng Chính phủ']),
  // resistance-era awards still reported (seed 002 rows 9 and 10)
  t(
    'KC-HUAN-HUY-CHUONG-BANG-KHEN',
    'Huân, huy chương, Bằng khen về thành tích kháng chiến',
    'RESISTANCE',
    'INDIVIDUAL',
  ),
  t(
    'KNC-BI-DICH-BAT-TU-DAY',
    'Kỷ niệm chương Chiến sĩ cách mạng bị địch bắt tù, đày',
    'RESISTANCE',
    'INDIVIDUAL',
    ['Kỷ niệm chương bị địch bắt tù đày'],
  ),
  // II. Ministry / province level
  t('CO-THI-DUA-TINH', 'Cờ thi đua của Ủy ban nhân dân tỉnh', 'PROVINCE', 'COLLECTIVE', [
    'Cờ thi đua cấp tỉnh',
    'Cờ thi đua của UBND tỉnh',
  ]),
  t('CO-THI-DUA-BO', 'Cờ thi đua của Bộ, ban, ngành', 'PROVINCE', 'COLLECTIVE'),
  t('TT-LAO-DONG-XUAT-SAC', 'Tập thể lao động xuất sắc', 'PROVINCE', 'COLLECTIVE'),
  t('CSTD-TINH', 'Chiến sĩ thi đua cấp tỉnh', 'PROVINCE', 'INDIVIDUAL', [
    'Chiến sĩ thi đua cấp Bộ, ngành, tỉnh',
  ]),
  t('BK-CHU-TICH-TINH', 'Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh', 'PROVINCE', 'BOTH', [
    'Bằng khen của Chủ tịch UBND tỉnh',
  ]),
  t('BK-BO-TRUONG', 'Bằng khen của Bộ trưởng, Thủ trưởng cơ quan ngang bộ', 'PROVINCE', 'BOTH'),
  t('KNC-TINH', 'Kỷ niệm chương, huy hiệu của tỉnh', 'PROVINCE', 'INDIVIDUAL'),
  // III. Grassroots
  t('LAO-DONG-TIEN-TIEN', 'Lao động tiên tiến', 'GRASSROOTS', 'INDIVIDUAL'),
  t('CSTD-CO-SO', 'Chiến sĩ thi đua cơ sở', 'GRASSROOTS', 'INDIVIDUAL'),
  t('TT-LAO-DONG-TIEN-TIEN', 'Tập thể lao động tiên tiến', 'GRASSROOTS', 'COLLECTIVE'),
  t('GIAY-KHEN', 'Giấy khen', 'GRASSROOTS', 'BOTH'),
];

/** A name as matched: no diacritics, no quotes or brackets, single spaces, lower case. */
export function awardKey(name: string): string {
  return fold(name)
    .replace(/["“”'‘’()[\]]/g, ' ')
    .replace(/[.,;:]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

const BY_KEY = new Map<string, AwardType>();
for (const a of AWARD_CATALOGUE) for (const n of [a.name, ...a.aliases]) BY_KEY.set(awardKey(n), a);

/** The catalogue entry a report's wording names, or null (an unknown award type is never guessed). */
export function matchAwardType(name: string): AwardType | null {
  return BY_KEY.get(awardKey(name)) ?? null;
}

export function awardByCode(code: string): AwardType | undefined {
  return AWARD_CATALOGUE.find((a) => a.code === code);
}

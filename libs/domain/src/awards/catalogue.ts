import { fold } from '../text/vietnamese';

/**
 * Award titles and forms (Law 06/2022/QH15 on emulation and commendation and the earlier law its
 * reports still count), grouped as the reports group them: I. state level, II. ministry/province
 * level, III. grassroots; plus the resistance-era awards that reports still carry.
 *
 * Validity dates follow the laws: Law 15/2003/QH11 (in force 2004-07-01, amended 2005, 2009, 2013)
 * ended when Law 06/2022/QH15 took effect on 2024-01-01 (Điều 94). A title the 2022 law renamed or
 * ended is a new entry with dates, never an edit of history: the old one keeps its name and gets
 * `validTo` 2023-12-31, the new one `validFrom` 2024-01-01 and `replaces`. `validFrom` null means
 * "in force before the first law we date" (every title both laws carry). `basis` names the text.
 * Sources and what is still unconfirmed: apps/awards/CATALOGUE.md.
 */

const LAW_2003 = 'Luật Thi đua, khen thưởng số 15/2003/QH11 (hiệu lực 01/07/2004, hết hiệu lực 01/01/2024)';
const LAW_2022 = 'Luật Thi đua, khen thưởng số 06/2022/QH15 (hiệu lực 01/01/2024)';
const BOTH_LAWS = `${LAW_2003}; ${LAW_2022}`;
const END_2003 = '2023-12-31';
const START_2022 = '2024-01-01';

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
  /** First and last day it can be awarded (inclusive); null: open. */
  validFrom: string | null;
  validTo: string | null;
  /** The legal text that defines it. */
  basis: string;
  /** The code of the entry it took over from (a renamed or merged title). */
  replaces?: string;
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
  dated: Partial<Pick<AwardType, 'validFrom' | 'validTo' | 'basis' | 'replaces'>> = {},
): AwardType => ({
  code,
  name,
  level,
  group: level === 'STATE' || level === 'RESISTANCE' ? 'I' : level === 'PROVINCE' ? 'II' : 'III',
  recipients,
  validFrom: null,
  validTo: null,
  basis: BOTH_LAWS,
  aliases,
  ...(covers ? { covers } : {}),
  ...dated,
});

/** Ended when the 2022 law took effect. */
const until2023 = (basis = LAW_2003, extra: Partial<AwardType> = {}) => ({
  validTo: END_2003,
  basis,
  ...extra,
});
/** Created (or renamed) by the 2022 law. */
const from2024 = (basis: string, replaces?: string) => ({
  validFrom: START_2022,
  basis,
  ...(replaces ? { replaces } : {}),
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
  t(
    'HCH-TNXP-VE-VANG',
    'Huy chương Thanh niên xung phong vẻ vang',
    'STATE',
    'INDIVIDUAL',
    ['Huy chương TNXP vẻ vang'],
    undefined,
    from2024(`${LAW_2022}, Điều 96 khoản 2; Nghị định 28/2024/NĐ-CP`),
  ),
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
  // The 2003 law's title (Điều 20); reports write it "Chiến sĩ thi đua cấp tỉnh".
  t(
    'CSTD-TINH',
    'Chiến sĩ thi đua cấp tỉnh',
    'PROVINCE',
    'INDIVIDUAL',
    ['Chiến sĩ thi đua cấp Bộ, ngành, tỉnh', 'Chiến sĩ thi đua cấp bộ, ngành, tỉnh, đoàn thể trung ương'],
    undefined,
    until2023(`${LAW_2003}, Điều 20`),
  ),
  // Renamed by the 2022 law (Điều 19).
  t(
    'CSTD-BO-TINH',
    'Chiến sĩ thi đua Bộ, ban, ngành, tỉnh',
    'PROVINCE',
    'INDIVIDUAL',
    ['Chiến sĩ thi đua cấp tỉnh', 'Chiến sĩ thi đua cấp Bộ, ngành, tỉnh'],
    undefined,
    from2024(`${LAW_2022}, Điều 19`, 'CSTD-TINH'),
  ),
  t('BK-CHU-TICH-TINH', 'Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh', 'PROVINCE', 'BOTH', [
    'Bằng khen của Chủ tịch UBND tỉnh',
  ]),
  t('BK-BO-TRUONG', 'Bằng khen của Bộ trưởng, Thủ trưởng cơ quan ngang bộ', 'PROVINCE', 'BOTH'),
  // Reports' combined row (commemorative medals and badges); the badge form itself ended in 2023.
  t('KNC-TINH', 'Kỷ niệm chương, huy hiệu của tỉnh', 'PROVINCE', 'INDIVIDUAL'),
  t('HUY-HIEU', 'Huy hiệu', 'PROVINCE', 'BOTH', [], undefined, until2023()),
  // III. Grassroots
  t('LAO-DONG-TIEN-TIEN', 'Lao động tiên tiến', 'GRASSROOTS', 'INDIVIDUAL'),
  t('CSTD-CO-SO', 'Chiến sĩ thi đua cơ sở', 'GRASSROOTS', 'INDIVIDUAL'),
  t('TT-LAO-DONG-TIEN-TIEN', 'Tập thể lao động tiên tiến', 'GRASSROOTS', 'COLLECTIVE'),
  t('GIAY-KHEN', 'Giấy khen', 'GRASSROOTS', 'BOTH'),
  t('GIA-DINH-VAN-HOA', 'Gia đình văn hóa', 'GRASSROOTS', 'COLLECTIVE'),
  // Until 2023 a village title per kind of settlement (Nghị định 122/2018/NĐ-CP) …
  t(
    'THON-LANG-VAN-HOA',
    'Thôn, làng, ấp, bản, tổ dân phố văn hóa',
    'GRASSROOTS',
    'COLLECTIVE',
    ['Thôn văn hóa', 'Làng văn hóa', 'Ấp văn hóa', 'Bản văn hóa', 'Tổ dân phố văn hóa'],
    undefined,
    until2023(`${LAW_2003}; Nghị định 122/2018/NĐ-CP`),
  ),
  // … one title since the 2022 law (Điều 30; Nghị định 86/2023/NĐ-CP).
  t(
    'THON-TDP-VAN-HOA',
    'Thôn, tổ dân phố văn hóa',
    'GRASSROOTS',
    'COLLECTIVE',
    ['Thôn văn hóa', 'Tổ dân phố văn hóa'],
    undefined,
    from2024(`${LAW_2022}, Điều 30; Nghị định 86/2023/NĐ-CP`, 'THON-LANG-VAN-HOA'),
  ),
];

/** Whether the type can be awarded on `date` (YYYY-MM-DD). */
export function validOn(a: AwardType, date: string): boolean {
  return (a.validFrom === null || a.validFrom <= date) && (a.validTo === null || a.validTo >= date);
}

/** A name as matched: no diacritics, no quotes or brackets, single spaces, lower case. */
export function awardKey(name: string): string {
  return fold(name)
    .replace(/["“”'‘’()[\]]/g, ' ')
    .replace(/[.,;:]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

const BY_KEY = new Map<string, AwardType[]>();
for (const a of AWARD_CATALOGUE)
  for (const n of new Set([a.name, ...a.aliases].map(awardKey))) BY_KEY.set(n, [...(BY_KEY.get(n) ?? []), a]);

/**
 * The catalogue entry a report's wording names, or null (an unknown award type is never guessed).
 * Wording shared by a title before and after a rename ("Chiến sĩ thi đua cấp tỉnh") names the entry
 * in force `on` that date; without a date, the one in force today.
 */
export function matchAwardType(name: string, on?: string): AwardType | null {
  const found = BY_KEY.get(awardKey(name)) ?? [];
  if (found.length <= 1) return found[0] ?? null;
  const day = on ?? new Date().toISOString().slice(0, 10);
  return found.find((a) => validOn(a, day)) ?? found[0];
}

const BY_CODE = new Map<string, AwardType>();
for (const a of AWARD_CATALOGUE) if (!BY_CODE.has(a.code)) BY_CODE.set(a.code, a);

export function awardByCode(code: string): AwardType | undefined {
  return BY_CODE.get(code);
}

/**
 * The fixed rows of seed 000's awards appendix ("KẾT QUẢ KHEN THƯỞNG NĂM 2023", the table every
 * member fills), in the seed's order and numbering: I. state level (12 rows), II. province level
 * (5 rows). Each row counts the award catalogue codes it covers (catalogue.ts): an order "các
 * hạng" covers every class; a title the 2022 law renamed covers both entries. Rows with no awards
 * are still printed, numbered again from 1 in each section.
 *
 * `label` is the seed's own wording (its abbreviations: the PDF and Word documents print it);
 * `fullLabel` writes the abbreviations out (the spreadsheet export prints it).
 */
export interface AppendixForm {
  label: string;
  fullLabel: string;
  codes: readonly string[];
}

export interface AppendixFormSection {
  numeral: 'I' | 'II';
  label: string;
  fullLabel: string;
  /** Catalogue report groups whose other forms follow this section's fixed rows (first: its own). */
  groups: readonly ('I' | 'II' | 'III')[];
  rows: readonly AppendixForm[];
}

const row = (label: string, fullLabel: string, ...codes: string[]): AppendixForm => ({
  label,
  fullLabel,
  codes,
});

export const SEED_000_APPENDIX: readonly AppendixFormSection[] = [
  {
    numeral: 'I',
    label: 'Khen thưởng cấp nhà nước',
    fullLabel: 'Khen thưởng cấp Nhà nước',
    groups: ['I'],
    rows: [
      row(
        'Danh hiệu vinh dự Bà mẹ VNAH',
        'Danh hiệu vinh dự Nhà nước “Bà mẹ Việt Nam anh hùng”',
        'DH-BA-ME-VN-ANH-HUNG',
      ),
      row(
        'Anh hùng LLVT (Anh hùng Lao động)',
        'Anh hùng Lực lượng vũ trang nhân dân (Anh hùng Lao động)',
        'DH-ANH-HUNG-LLVTND',
        'DH-ANH-HUNG-LAO-DONG',
      ),
      row('Huân chương Hữu nghị', 'Huân chương Hữu nghị', 'HC-HUU-NGHI'),
      row(
        'Huân chương Độc lập các hạng',
        'Huân chương Độc lập các hạng',
        'HC-DOC-LAP',
        'HC-DOC-LAP-1',
        'HC-DOC-LAP-2',
        'HC-DOC-LAP-3',
      ),
      row('Huân chương Lao động hạng Nhất', 'Huân chương Lao động hạng Nhất', 'HC-LAO-DONG-1'),
      row('Huân chương Lao động hạng Nhì', 'Huân chương Lao động hạng Nhì', 'HC-LAO-DONG-2'),
      row('Huân chương Lao động hạng Ba', 'Huân chương Lao động hạng Ba', 'HC-LAO-DONG-3'),
      row('Cờ thi đua của Chính phủ', 'Cờ thi đua của Chính phủ', 'CO-THI-DUA-CHINH-PHU'),
      row('Chiến sỹ thi đua toàn quốc', 'Chiến sĩ thi đua toàn quốc', 'CSTD-TOAN-QUOC'),
      row('Bằng khen của Thủ tướng Chính phủ', 'Bằng khen của Thủ tướng Chính phủ', 'BK-THU-TUONG'),
      row(
        'Huân, huy chương, Bằng khen về thành tích kháng chiến các hạng',
        'Huân, huy chương, Bằng khen về thành tích kháng chiến các hạng',
        'KC-HUAN-HUY-CHUONG-BANG-KHEN',
      ),
      row('Kỷ niệm chương bị địch bắt tù đày', 'Kỷ niệm chương bị địch bắt tù đày', 'KNC-BI-DICH-BAT-TU-DAY'),
    ],
  },
  {
    numeral: 'II',
    label: 'Khen thưởng cấp tỉnh',
    fullLabel: 'Khen thưởng cấp tỉnh',
    groups: ['II', 'III'],
    rows: [
      row('Cờ thi đua của UBND tỉnh', 'Cờ thi đua của Ủy ban nhân dân tỉnh', 'CO-THI-DUA-TINH'),
      row(
        'Danh hiệu tập thể Lao động xuất sắc',
        'Danh hiệu Tập thể lao động xuất sắc',
        'TT-LAO-DONG-XUAT-SAC',
      ),
      row(
        'Danh hiệu chiến sỹ thi đua cấp tỉnh',
        'Danh hiệu Chiến sĩ thi đua cấp tỉnh',
        'CSTD-TINH',
        'CSTD-BO-TINH',
      ),
      row(
        'Bằng khen của Chủ tịch UBND tỉnh',
        'Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh',
        'BK-CHU-TICH-TINH',
      ),
      row('Huy hiệu của tỉnh', 'Huy hiệu của tỉnh', 'HUY-HIEU', 'KNC-TINH'),
    ],
  },
];

import golden from './golden/awards-2023-h1-tn-dhmt.json';
import { checkAggregate, crossTable } from './aggregate';
import { AWARD_CATALOGUE, awardByCode, awardKey, matchAwardType, validOn } from './catalogue';
import { recordProblems } from './records';

describe('award catalogue', () => {
  it('has stable unique codes and recognises the wording of the reports', () => {
    const codes = AWARD_CATALOGUE.map((a) => a.code);
    expect(new Set(codes).size).toBe(codes.length);
    expect(matchAwardType('Huân chương Lao động hạng Nhì')?.code).toBe('HC-LAO-DONG-2');
    expect(matchAwardType('Huân chương Độc lập (các hạng)')?.covers).toEqual([
      'HC-DOC-LAP-1',
      'HC-DOC-LAP-2',
      'HC-DOC-LAP-3',
    ]);
    expect(matchAwardType('Danh hiệu vinh dự Nhà nước “Bà mẹ Việt Nam anh hùng”')?.code).toBe(
      'DH-BA-ME-VN-ANH-HUNG',
    );
    expect(matchAwardType('bang khen cua chu tich uy ban nhan dan tinh')?.code).toBe('BK-CHU-TICH-TINH');
    expect(matchAwardType('Huân chương Trăng vàng')).toBeNull();
    expect(awardKey('  Cờ thi đua (của) "Chính phủ". ')).toBe('co thi dua cua chinh phu');
  });

  it('dates what the 2022 law renamed or ended: a new entry, history untouched', () => {
    const old = awardByCode('CSTD-TINH');
    const renamed = awardByCode('CSTD-BO-TINH');
    expect(old).toMatchObject({ validTo: '2023-12-31', name: 'Chiến sĩ thi đua cấp tỉnh' });
    expect(renamed).toMatchObject({ validFrom: '2024-01-01', replaces: 'CSTD-TINH' });
    // The reports' wording names the title in force on the date.
    expect(matchAwardType('Chiến sĩ thi đua cấp tỉnh', '2023-06-30')?.code).toBe('CSTD-TINH');
    expect(matchAwardType('Chiến sĩ thi đua cấp tỉnh', '2024-01-01')?.code).toBe('CSTD-BO-TINH');
    expect(matchAwardType('Thôn văn hóa', '2020-05-01')?.code).toBe('THON-LANG-VAN-HOA');
    expect(matchAwardType('Thôn văn hóa', '2025-05-01')?.code).toBe('THON-TDP-VAN-HOA');
    expect(validOn(awardByCode('HUY-HIEU')!, '2024-01-01')).toBe(false);
    expect(validOn(awardByCode('HCH-TNXP-VE-VANG')!, '2023-12-31')).toBe(false);
    // Titles both laws carry are open at both ends; every dated entry names its legal basis.
    expect(awardByCode('HC-LAO-DONG-1')).toMatchObject({ validFrom: null, validTo: null });
    for (const a of AWARD_CATALOGUE) {
      expect(a.basis).toMatch(/Luật Thi đua, khen thưởng/);
      if (a.replaces) expect(awardByCode(a.replaces)?.validTo).toBe('2023-12-31');
    }
  });

  it('refuses a record of a title not in force on the decision date, naming the law', () => {
    const rec = (awardCode: string, decisionDate: string) => ({
      decisionNumber: '12/QĐ-UBND',
      decisionDate,
      authority: 'UBND tỉnh',
      awardCode,
      recipientKind: 'INDIVIDUAL' as const,
      recipientName: 'Nguyễn Văn A',
      unitId: 'u',
      category: null,
    });
    expect(recordProblems(rec('CSTD-TINH', '2023-12-31'))).toEqual([]);
    expect(recordProblems(rec('CSTD-TINH', '2024-01-02'))).toEqual([
      {
        field: 'awardCode',
        kind: 'AWARD_NOT_IN_FORCE',
        message: expect.stringMatching(/không còn được khen từ sau ngày 2023-12-31 \(Luật .*15\/2003\/QH11/),
      },
    ]);
    expect(recordProblems(rec('CSTD-BO-TINH', '2023-05-01'))[0].message).toMatch(
      /chỉ được khen từ ngày 2024-01-01/,
    );
  });
});

describe('golden: seed 002 appendix (TN&DHMT, H1 2023)', () => {
  const checked = checkAggregate(golden.provinces, golden.rows, '2023-01-01');

  it('knows every award type of the table', () => {
    expect(checked.filter((r) => !r.type)).toEqual([]);
  });

  it('flags exactly the two rows with a lost cell, and nothing else', () => {
    const flagged = checked.filter((r) => r.flags.length);
    expect(flagged.map((r) => [r.row, r.flags.map((f) => f.kind)])).toEqual([
      [2, ['MISSING_CELL']],
      [7, ['MISSING_CELL']],
    ]);
    expect(flagged[0].flags[0]).toMatchObject({ unit: 'Quảng Ngãi' });
  });

  it('reproduces all 14 reported totals in the cross-table', () => {
    const cells = new Map(
      checked.map((r) => [r.type?.code as string, new Map(golden.provinces.map((p, j) => [p, r.counts[j]]))]),
    );
    const table = crossTable(golden.provinces, cells, AWARD_CATALOGUE);
    expect(table.rows).toHaveLength(14);
    for (const r of golden.rows) {
      const code = matchAwardType(r.award, '2023-01-01')?.code;
      expect(table.rows.find((x) => x.code === code)?.total).toBe(r.reportedTotal);
    }
    expect(table.grandTotal).toBe(golden.rows.reduce((a, r) => a + r.reportedTotal, 0));
    expect(table.rows.slice(0, 10).every((r) => r.group === 'I')).toBe(true);
    expect(table.rows.slice(10).every((r) => r.group === 'II')).toBe(true);
  });

  it('reports a total that does not add up, a negative count and an unknown type', () => {
    const bad = checkAggregate(
      ['A', 'B'],
      [
        { award: 'Cờ thi đua của Chính phủ', counts: [1, 2], reportedTotal: 4 },
        { award: 'Giấy khen', counts: [-1, 2], reportedTotal: 1 },
        { award: 'Huân chương Trăng vàng', counts: [1, 1], reportedTotal: 2 },
      ],
    );
    expect(bad.map((r) => r.flags.map((f) => f.kind))).toEqual([
      ['TOTAL_MISMATCH'],
      ['NEGATIVE_COUNT', 'TOTAL_MISMATCH'],
      ['UNKNOWN_AWARD'],
    ]);
  });
});

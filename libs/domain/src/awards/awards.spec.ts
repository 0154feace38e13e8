import golden from './golden/awards-2023-h1-tn-dhmt.json';
import { checkAggregate, crossTable } from './aggregate';
import { AWARD_CATALOGUE, awardKey, matchAwardType } from './catalogue';

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
});

describe('golden: seed 002 appendix (TN&DHMT, H1 2023)', () => {
  const checked = checkAggregate(golden.provinces, golden.rows);

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
      const code = matchAwardType(r.award)?.code;
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

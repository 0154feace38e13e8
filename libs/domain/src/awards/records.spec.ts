import fc from 'fast-check';
import { Period } from '../time/periods';
import { AwardRecord, AwardStatistics, duplicateKey, recordProblems, statisticsFromCounts } from './records';

function halfYear(year: number, half: 1 | 2): Period {
  return half === 1
    ? { from: `${year}-01-01`, to: `${year}-06-30` }
    : { from: `${year}-07-01`, to: `${year}-12-31` };
}

/** Unit × award-type counts of the records decided within the period, with the report's breakdowns. */
function statistics(
  records: readonly AwardRecord[],
  units: readonly { id: string; name: string }[],
  period: Period,
): AwardStatistics {
  return statisticsFromCounts(
    records
      .filter((r) => r.decisionDate >= period.from && r.decisionDate <= period.to)
      .map((r) => ({
        unitId: r.unitId,
        awardCode: r.awardCode,
        recipientKind: r.recipientKind,
        category: r.category,
        n: 1,
      })),
    units,
  );
}

const rec = (over: Partial<AwardRecord> = {}): AwardRecord => ({
  decisionNumber: '123/QĐ-UBND',
  decisionDate: '2023-03-15',
  authority: 'UBND tỉnh Gia Lai',
  awardCode: 'BK-CHU-TICH-TINH',
  recipientKind: 'INDIVIDUAL',
  recipientName: 'Nguyễn Văn A',
  unitId: 'gl',
  category: 'DIRECT_WORKER',
  ...over,
});

describe('award records', () => {
  it('names every problem of a record, in Vietnamese', () => {
    expect(recordProblems(rec(), halfYear(2023, 1))).toEqual([]);
    expect(recordProblems(rec({ awardCode: 'KHONG-CO' }))[0]).toMatchObject({ field: 'awardCode' });
    expect(recordProblems(rec({ decisionDate: '2023-07-01' }), halfYear(2023, 1))).toEqual([
      { field: 'decisionDate', kind: 'OUTSIDE_PERIOD', message: 'ngoài kỳ 2023-01-01 – 2023-06-30' },
    ]);
    expect(recordProblems(rec({ decisionDate: '2023-02-30' }))[0].field).toBe('decisionDate');
    expect(recordProblems(rec({ awardCode: 'CO-THI-DUA-CHINH-PHU' }))).toEqual([
      {
        field: 'recipientKind',
        kind: 'RECIPIENT_KIND_REFUSED',
        message: 'Cờ thi đua của Chính phủ chỉ dành cho tập thể',
      },
    ]);
  });

  it('refuses text longer than its column, also once folded', () => {
    expect(recordProblems(rec({ decisionNumber: 'x'.repeat(101) }))).toEqual([
      { field: 'decisionNumber', kind: 'TEXT_TOO_LONG', message: 'dài quá 100 ký tự' },
    ]);
    expect(recordProblems(rec({ recipientName: 'A'.repeat(301) }))[0].field).toBe('recipientName');
    expect(recordProblems(rec({ authority: 'B'.repeat(301) }))[0].field).toBe('authority');
    // 40 Hangul syllables are 40 characters, but 120 letters once decomposed for the search key.
    expect(recordProblems(rec({ decisionNumber: '한'.repeat(30) }))).toEqual([]);
    expect(recordProblems(rec({ decisionNumber: '한'.repeat(40) }))[0].field).toBe('decisionNumber');
    expect(recordProblems(rec({ awardCode: 'A'.repeat(700_000) }))[0].message.length).toBeLessThan(200);
  });

  it('knows a duplicate decision row whatever the spelling of the name', () => {
    expect(duplicateKey(rec())).toBe(
      duplicateKey(rec({ recipientName: 'nguyen van a', decisionNumber: '123/qđ-ubnd' })),
    );
    expect(duplicateKey(rec())).not.toBe(duplicateKey(rec({ awardCode: 'CSTD-TINH' })));
  });

  it('counts per unit and type within the period, collective vs individual, direct workers vs leaders', () => {
    const units = [
      { id: 'gl', name: 'Gia Lai' },
      { id: 'kt', name: 'Kon Tum' },
    ];
    const s = statistics(
      [
        rec(),
        rec({ category: 'LEADER' }),
        rec({ unitId: 'kt', category: 'DIRECT_WORKER' }),
        rec({ awardCode: 'CO-THI-DUA-TINH', recipientKind: 'COLLECTIVE', category: null, unitId: 'kt' }),
        rec({ decisionDate: '2023-08-01' }), // another period
      ],
      units,
      halfYear(2023, 1),
    );
    expect(s.table.rows.map((r) => [r.code, r.cells, r.total])).toEqual([
      ['CO-THI-DUA-TINH', [0, 1], 1],
      ['BK-CHU-TICH-TINH', [2, 1], 3],
    ]);
    expect(s).toMatchObject({ collective: 1, individual: 3, directWorkerShare: 0.6667, leaderShare: 0.3333 });
    expect(s.table.columnTotals).toEqual([2, 2]);
  });

  it('row totals, column totals and the grand total always agree', () => {
    const codes = ['BK-CHU-TICH-TINH', 'CSTD-TINH', 'GIAY-KHEN', 'BK-THU-TUONG'];
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            awardCode: fc.constantFrom(...codes),
            unitId: fc.constantFrom('a', 'b', 'c'),
            day: fc.integer({ min: 1, max: 28 }),
            month: fc.integer({ min: 1, max: 12 }),
          }),
          { maxLength: 200 },
        ),
        (rows) => {
          const records = rows.map((r) =>
            rec({
              awardCode: r.awardCode,
              unitId: r.unitId,
              decisionDate: `2023-${String(r.month).padStart(2, '0')}-${String(r.day).padStart(2, '0')}`,
            }),
          );
          const s = statistics(
            records,
            [
              { id: 'a', name: 'A' },
              { id: 'b', name: 'B' },
              { id: 'c', name: 'C' },
            ],
            { from: '2023-01-01', to: '2023-12-31' },
          );
          const sumRows = s.table.rows.reduce((a, r) => a + r.total, 0);
          expect(sumRows).toBe(s.table.grandTotal);
          expect(s.table.columnTotals.reduce((a, c) => a + c, 0)).toBe(records.length);
          expect(s.collective + s.individual).toBe(records.length);
        },
      ),
    );
  });
});

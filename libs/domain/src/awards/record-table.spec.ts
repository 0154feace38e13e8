import { recordDate, RECORD_COLUMNS, rowsToRecords } from './record-table';

const units = new Map([
  ['gia-lai', 'u-gl'],
  ['kon-tum', 'u-kt'],
]);

describe('award record files', () => {
  it('reads dates as officials write them', () => {
    expect(recordDate('15/3/2023')).toBe('2023-03-15');
    expect(recordDate('2023-03-15')).toBe('2023-03-15');
    expect(recordDate(new Date('2023-03-15T00:00:00Z'))).toBe('2023-03-15');
    expect(recordDate('31/02/2023')).toBeNull();
  });

  it('turns rows into records (names or codes of award types, NFC text)', () => {
    const r = rowsToRecords(
      [
        [
          '12/QĐ-TTg',
          '15/03/2023',
          'Thủ tướng Chính phủ',
          'Bằng khen của Thủ tướng Chính phủ',
          'Cá nhân',
          'Nguyễn Văn A'.normalize('NFD'),
          'gia-lai',
          'Người lao động trực tiếp',
        ],
        [
          '45/QĐ-UBND',
          '2023-04-01',
          'UBND tỉnh Kon Tum',
          'CO-THI-DUA-TINH',
          'Tập thể',
          'Sở Y tế',
          'kon-tum',
          '',
        ],
      ],
      units,
    );
    expect(r).toEqual({
      records: [
        expect.objectContaining({
          awardCode: 'BK-THU-TUONG',
          recipientName: 'Nguyễn Văn A',
          unitId: 'u-gl',
          category: 'DIRECT_WORKER',
          decisionDate: '2023-03-15',
        }),
        expect.objectContaining({
          awardCode: 'CO-THI-DUA-TINH',
          recipientKind: 'COLLECTIVE',
          category: null,
        }),
      ],
    });
  });

  it('refuses a decision dated outside the period the file is for', () => {
    const row = [
      '12/QĐ-TTg',
      '15/08/2023',
      'Thủ tướng Chính phủ',
      'BK-THU-TUONG',
      'Cá nhân',
      'A',
      'gia-lai',
      '',
    ];
    expect(rowsToRecords([row], units, { from: '2023-01-01', to: '2023-06-30' })).toEqual({
      problems: [{ row: 2, column: 'Ngày quyết định', message: 'ngoài kỳ 2023-01-01 – 2023-06-30' }],
      total: 1,
    });
  });

  it('names every problem by line and column, in Vietnamese, duplicates included', () => {
    const good = [
      '12/QĐ-TTg',
      '15/03/2023',
      'Thủ tướng Chính phủ',
      'BK-THU-TUONG',
      'Cá nhân',
      'Nguyễn Văn A',
      'gia-lai',
      '',
    ];
    const r = rowsToRecords(
      [
        good,
        ['1/QĐ', 'hôm qua', 'X', 'Huân chương Trăng vàng', 'Nhóm', 'B', 'dak-lak', 'Sinh viên'],
        [...good.slice(0, 5), 'nguyen van a', ...good.slice(6)],
      ],
      units,
    );
    expect('problems' in r && r.problems.map((p) => [p.row, p.column])).toEqual([
      [3, RECORD_COLUMNS[1]],
      [3, RECORD_COLUMNS[4]],
      [3, RECORD_COLUMNS[6]],
      [3, RECORD_COLUMNS[7]],
      [4, RECORD_COLUMNS[0]],
    ]);
    expect('problems' in r && r.problems[4].message).toBe(
      'trùng với dòng 2 (cùng quyết định, hình thức, người/tập thể, đơn vị)',
    );
  });

  it('never repeats more than 100 characters of a cell in a message', () => {
    const huge = 'A'.repeat(700_000);
    const r = rowsToRecords([[huge, huge, huge, huge, huge, huge, huge, huge]], units);
    expect('problems' in r).toBe(true);
    if ('problems' in r) for (const p of r.problems) expect(p.message.length).toBeLessThan(250);
  });
});

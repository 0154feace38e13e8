import {
  checkRecordRow,
  headerProblem,
  isEmptyRow,
  recordDate,
  RECORD_COLUMNS,
  RecordProblems,
  rowsToRecords,
  unitCellOf,
} from './record-table';

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
      problems: [
        {
          row: 2,
          column: 'Ngày quyết định',
          kind: 'OUTSIDE_PERIOD',
          message: 'ngoài kỳ 2023-01-01 – 2023-06-30',
        },
      ],
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
    expect('problems' in r && r.problems.map((p) => [p.row, p.column, p.kind])).toEqual([
      [3, RECORD_COLUMNS[1], 'DATE_INVALID'],
      [3, RECORD_COLUMNS[4], 'RECIPIENT_KIND_INVALID'],
      [3, RECORD_COLUMNS[6], 'UNIT_UNKNOWN'],
      [3, RECORD_COLUMNS[7], 'CATEGORY_UNKNOWN'],
      [4, RECORD_COLUMNS[0], 'DUPLICATE_IN_FILE'],
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

  it('checks one line on its own (a file read as a stream): its record, or why not', () => {
    const line = [
      '45/QĐ-UBND',
      '2023-04-01',
      'UBND tỉnh Kon Tum',
      'CO-THI-DUA-TINH',
      'Tập thể',
      'Sở Y tế',
      'kon-tum',
      '',
    ];
    expect(unitCellOf(line)).toBe('kon-tum');
    expect(checkRecordRow(line, 7, units)).toEqual({
      record: expect.objectContaining({ awardCode: 'CO-THI-DUA-TINH', unitId: 'u-kt' }),
      problems: [],
    });
    // A unit the registry does not know (null in the map) is a problem of the line, not a record.
    const unknown = checkRecordRow([...line.slice(0, 6), 'khong-co', ''], 8, new Map([['khong-co', null]]));
    expect(unknown.record).toBeNull();
    expect(unknown.problems).toEqual([
      { row: 8, column: 'Mã đơn vị', kind: 'UNIT_UNKNOWN', message: 'không có đơn vị "khong-co"' },
    ]);
    // The 2003 law's title after the 2022 law took effect: a record, with its problem.
    const ended = checkRecordRow(
      ['1', '2024-03-01', 'X', 'CSTD-TINH', 'Cá nhân', 'Mai', 'gia-lai', ''],
      9,
      units,
    );
    expect(ended.record).not.toBeNull();
    expect(ended.problems.map((p) => p.kind)).toEqual(['AWARD_NOT_IN_FORCE']);
    expect(isEmptyRow(['', null, undefined, ' '.trim()])).toBe(true);
    expect(isEmptyRow(['', 'x'])).toBe(false);
  });

  it('names the first wrong column of the header', () => {
    expect(headerProblem([...RECORD_COLUMNS])).toBeNull();
    expect(headerProblem(RECORD_COLUMNS.map((c) => c.toUpperCase()))).toBeNull();
    expect(headerProblem(['Số quyết định', 'Ngày'])).toEqual({ column: 2, found: 'Ngày' });
    expect(headerProblem(undefined)).toEqual({ column: 1, found: '' });
    expect(headerProblem(['A'.repeat(700_000)])?.found.length).toBeLessThanOrEqual(101);
  });

  it('keeps the first problems of a long file, their count and their kinds', () => {
    const p = new RecordProblems(2);
    for (let row = 2; row < 7; row += 1)
      p.add({ row, column: 'Ngày quyết định', kind: 'OUTSIDE_PERIOD', message: 'ngoài kỳ' });
    expect([p.listed.map((x) => x.row), p.total, p.onlyKind()]).toEqual([[2, 3], 5, 'OUTSIDE_PERIOD']);
    p.add({ row: 9, column: '', kind: 'ALREADY_STORED', message: 'đã có' });
    expect(p.onlyKind()).toBeNull();
    expect([...p.kinds]).toEqual(['OUTSIDE_PERIOD', 'ALREADY_STORED']);
  });
});

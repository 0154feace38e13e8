import { checkAggregate } from '@tdkt/domain';
import type { AggregateTableRow } from './aggregates.repository';
import {
  aggregateRowViews,
  aggregateTableView,
  flagUnitsOutsideGroup,
  refusedRows,
} from './aggregates.views';

describe('aggregate views', () => {
  const units = ['Gia Lai', 'Kon Tum'];

  it('a stored table: rows as stored, the cross-table with totals, dates as ISO text', () => {
    const checked = checkAggregate(units, [
      { award: 'Giấy khen', counts: [2, 3], reportedTotal: 5 },
      { award: 'Bằng khen của Thủ tướng Chính phủ', counts: [1, null], reportedTotal: 2 },
    ]);
    const rows = aggregateRowViews(checked);
    expect(rows.map((r) => [r.awardCode, r.sumOfCells, r.flags.map((f) => f.kind)])).toEqual([
      ['GIAY-KHEN', 5, []],
      ['BK-THU-TUONG', 1, ['MISSING_CELL', 'TOTAL_MISMATCH']],
    ]);
    const t: AggregateTableRow = {
      id: 't1',
      content_sha256: 'x',
      group_id: 'g1',
      period_from: '2023-01-01',
      period_to: '2023-06-30',
      title: null,
      units,
      rows,
      flagged_rows: 1,
      created_by: 'u1',
      created_at: new Date('2023-07-01T00:00:00Z'),
    };
    const v = aggregateTableView(t);
    expect(v).toMatchObject({ id: 't1', groupId: 'g1', from: '2023-01-01', flaggedRows: 1 });
    expect(v.createdAt).toBe('2023-07-01T00:00:00.000Z');
    expect(v.table.grandTotal).toBe(6);
    expect(v.table.columnTotals).toEqual([3, 3]);
  });

  it('refused rows name their row; unknown types alone are said so', () => {
    const unknown = refusedRows(
      checkAggregate(units, [{ award: 'Huân chương Trăng vàng', counts: [0, 0], reportedTotal: 0 }]),
    );
    expect(unknown.onlyUnknownTypes).toBe(true);
    expect(unknown.errors[0].field).toBe('body.rows[0]');
    expect(unknown.errors[0].message).toMatch(/^dòng 1: /);
    const mixed = refusedRows(
      checkAggregate(units, [
        { award: 'Huân chương Trăng vàng', counts: [0, 0], reportedTotal: 0 },
        { award: 'Giấy khen', counts: [-1, 0], reportedTotal: 0 },
      ]),
    );
    expect(mixed.onlyUnknownTypes).toBe(false);
    expect(mixed.errors.map((e) => e.field)).toEqual(['body.rows[0]', 'body.rows[1]']);
    expect(
      refusedRows(checkAggregate(units, [{ award: 'Giấy khen', counts: [1, null], reportedTotal: 1 }]))
        .errors,
    ).toEqual([]);
  });

  it('a unit outside the group is flagged on each row with a cell for it; members match however written', () => {
    const names = ['Khánh Hoà', 'UBND tỉnh Gia Lai', 'Hà Nội'];
    const rows = aggregateRowViews(
      checkAggregate(names, [
        { award: 'Giấy khen', counts: [2, 3, 4], reportedTotal: 9 },
        { award: 'Bằng khen của Thủ tướng Chính phủ', counts: [1, 0, null], reportedTotal: 1 },
      ]),
    );
    const out = flagUnitsOutsideGroup(rows, names, ['Khánh Hòa', 'Gia Lai', 'Kon Tum'], 2023);
    expect(out.outside).toEqual(['Hà Nội']);
    expect(out.rows.map((r) => r.flags.map((f) => [f.kind, f.unit ?? null]))).toEqual([
      [['UNIT_OUTSIDE_GROUP', 'Hà Nội']],
      [['MISSING_CELL', 'Hà Nội']],
    ]);
    expect(out.rows[0].flags[0].message).toBe(
      'Hà Nội không phải thành viên của cụm, khối trong năm 2023: số liệu của đơn vị này cần được kiểm tra',
    );
    expect(
      flagUnitsOutsideGroup(rows, ['Khánh Hoà', 'UBND tỉnh Gia Lai'], ['Khánh Hòa', 'Gia Lai'], 2023).outside,
    ).toEqual([]);
  });
});

import type { SuccessionRow, UnitRow } from './units.repository';
import { byVietnameseName, toUnitHistoryView, toUnitView, unitChanged } from './units.views';

const unit = (id: string, name: string, from: string | null = null, to: string | null = null): UnitRow => ({
  id,
  code: id,
  name,
  kind: 'PROVINCE',
  parent_id: null,
  valid_from: from,
  valid_to: to,
});

const edge = (pred: string, succ: string, on = '2025-07-01'): SuccessionRow => ({
  predecessor_id: pred,
  successor_id: succ,
  effective_on: on,
});

describe('units views', () => {
  it('a row in camelCase, dates as stored', () => {
    expect(toUnitView({ ...unit('u1', 'Gia Lai', null, '2025-06-30'), parent_id: 'p' })).toEqual({
      id: 'u1',
      code: 'u1',
      name: 'Gia Lai',
      kind: 'PROVINCE',
      parentId: 'p',
      validFrom: null,
      validTo: '2025-06-30',
    });
  });

  it('orders names as Vietnamese does (Đ after D, tones after the letter)', () => {
    const names = ['Đắk Lắk', 'Điện Biên', 'Cà Mau', 'Bình Định', 'Dak Test', 'An Giang'].map((name) => ({
      name,
    }));
    expect(names.sort(byVietnameseName).map((n) => n.name)).toEqual([
      'An Giang',
      'Bình Định',
      'Cà Mau',
      'Dak Test',
      'Đắk Lắk',
      'Điện Biên',
    ]);
  });

  it('the unit.changed payload names successors only for a succession', () => {
    const row = unit('bd', 'Bình Định', null, '2025-06-30');
    expect(unitChanged(row, 'UPDATED')).toEqual({
      unitId: 'bd',
      code: 'bd',
      name: 'Bình Định',
      validFrom: null,
      validTo: '2025-06-30',
      change: 'UPDATED',
    });
    expect(unitChanged(row, 'SUCCEEDED', ['gl'])).toMatchObject({
      change: 'SUCCEEDED',
      successorIds: ['gl'],
    });
  });

  it('a history: predecessors in Vietnamese order, successors as stored, and the units of today', () => {
    const gl = unit('gl-2025', 'Gia Lai', '2025-07-01');
    const related = new Map(
      [unit('gl', 'Gia Lai', null, '2025-06-30'), unit('bd', 'Bình Định', null, '2025-06-30'), gl].map(
        (u) => [u.id, u],
      ),
    );
    const view = toUnitHistoryView(gl, [edge('gl', 'gl-2025'), edge('bd', 'gl-2025')], [], related, [gl]);
    expect(view.unit.id).toBe('gl-2025');
    expect(view.predecessors.map((p) => [p.unit.name, p.effectiveOn])).toEqual([
      ['Bình Định', '2025-07-01'],
      ['Gia Lai', '2025-07-01'],
    ]);
    expect(view.successors).toEqual([]);
    expect(view.currentSuccessors.map((u) => u.id)).toEqual(['gl-2025']);

    const bd = toUnitHistoryView(related.get('bd') as UnitRow, [], [edge('bd', 'gl-2025')], related, [gl]);
    expect(bd.successors).toEqual([{ unit: toUnitView(gl), effectiveOn: '2025-07-01' }]);
  });
});

import { checkSuccession, currentSuccessors, SuccessionEdge, UnitValidity } from './succession';

const u = (id: string, validFrom: string | null, validTo: string | null): UnitValidity => ({
  id,
  validFrom,
  validTo,
});

function graph(edges: [string, string, string][]): Map<string, SuccessionEdge[]> {
  const m = new Map<string, SuccessionEdge[]>();
  for (const [p, s, on] of edges)
    m.set(p, [...(m.get(p) ?? []), { predecessorId: p, successorId: s, effectiveOn: on }]);
  return m;
}

describe('currentSuccessors', () => {
  const units = new Map(
    [
      u('binh-dinh', null, '2025-06-30'),
      u('gia-lai', null, '2025-06-30'),
      u('gia-lai-2025', '2025-07-01', null),
      u('khanh-hoa', null, null),
      u('a', null, '2020-12-31'),
      u('b', '2021-01-01', '2025-06-30'),
      u('c', '2025-07-01', null),
    ].map((x) => [x.id, x]),
  );
  const edges = graph([
    ['binh-dinh', 'gia-lai-2025', '2025-07-01'],
    ['gia-lai', 'gia-lai-2025', '2025-07-01'],
    ['a', 'b', '2021-01-01'],
    ['b', 'c', '2025-07-01'],
  ]);

  it('a merged province leads to its successor', () => {
    expect(currentSuccessors('binh-dinh', '2026-01-01', units, edges)).toEqual(['gia-lai-2025']);
  });

  it('a unit still valid is its own current successor', () => {
    expect(currentSuccessors('khanh-hoa', '2026-01-01', units, edges)).toEqual(['khanh-hoa']);
    expect(currentSuccessors('binh-dinh', '2024-01-01', units, edges)).toEqual(['binh-dinh']);
  });

  it('follows chains of mergers', () => {
    expect(currentSuccessors('a', '2026-01-01', units, edges)).toEqual(['c']);
    expect(currentSuccessors('a', '2022-01-01', units, edges)).toEqual(['b']);
  });

  it('survives cycles in bad data', () => {
    const cyc = graph([
      ['x', 'y', '2020-01-01'],
      ['y', 'x', '2020-01-01'],
    ]);
    const ended = new Map([u('x', null, '2019-12-31'), u('y', null, '2019-12-31')].map((z) => [z.id, z]));
    expect(currentSuccessors('x', '2026-01-01', ended, cyc)).toEqual([]);
  });
});

describe('checkSuccession', () => {
  it('accepts the 2025 merger', () => {
    expect(checkSuccession(u('bd', null, null), u('gl', '2025-07-01', null), '2025-07-01')).toEqual([]);
  });
  it('refuses a successor that does not yet exist, and self-succession', () => {
    expect(checkSuccession(u('bd', null, null), u('gl', '2025-07-01', null), '2025-01-01')[0].field).toBe(
      'effectiveOn',
    );
    expect(checkSuccession(u('bd', null, null), u('bd', null, null), '2025-01-01')[0].field).toBe(
      'successorId',
    );
  });
});

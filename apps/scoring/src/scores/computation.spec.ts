import { SEED_000_HONOURS, TieBreak } from '@tdkt/domain';
import { entry, groupYear, SCHEME } from '../test-fixtures';
import {
  byScopeName,
  defaultScope,
  results,
  scopeName,
  scopesOf,
  storedResults,
  storedTotals,
} from './computation';

const ROWS = [
  entry('u1', 'a', 10),
  entry('u1', 'b', 8), // at the target: 20
  entry('u1', 'r', 100),
  entry('u2', 'a', 9, { value: 7, reason: 'thẩm định' }),
  entry('u2', 'b', 4), // half the target: 10 (above the floor)
  entry('u2', 'r', 100), // equal best: 10
  entry('u2', 'thuong', null, { value: 3, reason: 'có thành tích' }),
  entry('u3', 'a', 5),
  entry('u3', 'b', 0), // nothing achieved: 0, not the floor
  entry('u3', 'r', 80), // two ahead: 10 - 2 × 2
  entry('x9', 'a', 10), // not a member that year
];

describe('results of a group-year', () => {
  const res = results(SCHEME, groupYear(), ROWS);

  it('every member of the year, and only them, with the appraised value replacing the self-score', () => {
    expect([...res.final.keys()]).toEqual(['u1', 'u2', 'u3', 'u4']);
    expect([...res.values.keys()]).toEqual(['u1', 'u2', 'u3', 'u4']);
    expect(res.values.get('u4')?.size).toBe(0);
    expect(res.final.get('u1')).toEqual({
      memberId: 'u1',
      total: 40,
      byCriterion: { a: 10, b: 20, r: 10, thuong: 0 },
      bySection: { kt: 30, xh: 10 },
      atMaximum: 3,
    });
    expect(res.final.get('u2')).toMatchObject({
      total: 30,
      byCriterion: { a: 7, b: 10, r: 10, thuong: 3 },
      bySection: { kt: 17, xh: 13 },
      atMaximum: 1, // a bonus is never "at maximum"
    });
    expect(res.final.get('u3')).toMatchObject({ total: 11, byCriterion: { b: 0, r: 6 } });
    expect(res.final.get('u4')).toMatchObject({ total: 0, atMaximum: 0 });
  });

  it('self-scored totals count the member’s own values only (an appraisal-only entry is not one)', () => {
    expect(res.self.get('u1')?.total).toBe(40);
    expect(res.self.get('u2')).toMatchObject({ total: 29, byCriterion: { a: 9, thuong: 0 } });
    expect(res.self.get('u4')?.total).toBe(0);
  });

  it('RANK criteria are placed across the members (a member without a value gets 0)', () => {
    expect(['u1', 'u2', 'u3', 'u4'].map((m) => res.final.get(m)?.byCriterion.r)).toEqual([10, 10, 6, 0]);
  });

  it('keeps for ranking: totals, criteria at maximum, sections, and the criteria the tie-breaks name', () => {
    const rules: TieBreak[] = [
      { kind: 'MORE_AT_MAXIMUM' },
      { kind: 'CRITERION', criterion: 'a' },
      { kind: 'SECTION', section: 'xh' },
      { kind: 'CRITERION', criterion: 'khong-co' },
    ];
    const stored = storedResults(res, rules);
    expect(stored.map((x) => x.member_id)).toEqual(['u1', 'u2', 'u3', 'u4']);
    expect(stored[1]).toEqual({
      member_id: 'u2',
      total: 30,
      self_total: 29,
      at_maximum: 1,
      by_section: { kt: 17, xh: 13 },
      tie_criteria: { a: 7, 'khong-co': 0 },
    });
    expect(storedResults(res, [])[0].tie_criteria).toEqual({});
  });

  it('a stored result gives back what ranking needs; none is zero', () => {
    const [u2] = storedResults(res, [{ kind: 'CRITERION', criterion: 'a' }]).slice(1);
    expect(storedTotals('u2', u2)).toEqual({
      memberId: 'u2',
      total: 30,
      atMaximum: 1,
      bySection: { kt: 17, xh: 13 },
      byCriterion: { a: 7 },
    });
    expect(storedTotals('u9', undefined)).toEqual({
      memberId: 'u9',
      total: 0,
      atMaximum: 0,
      bySection: {},
      byCriterion: {},
    });
  });
});

describe('ranking scopes', () => {
  const gy = groupYear();

  it('by default the honour rule’s scope, per subgroup only where the group has subgroups', () => {
    expect(defaultScope(undefined, SEED_000_HONOURS, gy)).toBe('SUBGROUP');
    expect(defaultScope('GROUP', SEED_000_HONOURS, gy)).toBe('GROUP');
    expect(defaultScope(undefined, SEED_000_HONOURS, groupYear({ subgroups: new Map() }))).toBe('GROUP');
    expect(defaultScope(undefined, { ...SEED_000_HONOURS, scope: 'GROUP' }, gy)).toBe('GROUP');
  });

  it('members per subgroup in the registry’s order; those without one form their own scope', () => {
    const ids = (m: Map<string | null, { unitId: string }[]>) =>
      [...m.entries()].map(([k, v]) => [k, v.map((x) => x.unitId)]);
    expect(ids(scopesOf(gy, 'SUBGROUP'))).toEqual([
      ['sg-tay', ['u1', 'u2']],
      ['sg-dong', ['u3']],
      [null, ['u4']],
    ]);
    expect(ids(scopesOf(gy, 'GROUP'))).toEqual([[null, ['u1', 'u2', 'u3', 'u4']]]);
  });

  it('a scope is named by its subgroup, or the group; scopes in Vietnamese order', () => {
    expect(scopeName(gy, 'sg-dong')).toBe('Nhóm Đông');
    expect(scopeName(gy, 'sg-gone')).toBe('sg-gone');
    expect(scopeName(gy, null)).toBe('Cụm A');
    const names = ['Nhóm Tây', 'Nhóm Đông', 'Nhóm Dầu', 'Cụm A'].map((name) => ({ name }));
    expect(names.sort(byScopeName).map((x) => x.name)).toEqual([
      'Cụm A',
      'Nhóm Dầu',
      'Nhóm Đông',
      'Nhóm Tây',
    ]);
  });
});

import { RankingView } from '@tdkt/contracts';
import { SEED_000_HONOURS, TieBreak } from '@tdkt/domain';
import { results, storedResults } from '../scores/computation';
import { entry, groupYear, SCHEME } from '../test-fixtures';
import { encodeBreakdown, usableBreakdown } from './breakdown';
import {
  groupYearStateView,
  honoursProposed,
  honoursView,
  rankingBreakdownView,
  rankingSummaryView,
  YEAR_LEADERS_MAX,
  yearRankingView,
} from './results.views';
import type { YearResultRow } from './results.repository';

const ROWS = [
  entry('u1', 'a', 10),
  entry('u1', 'b', 8),
  entry('u1', 'r', 100),
  entry('u2', 'a', 9, { value: 7, reason: 'thẩm định' }),
  entry('u2', 'b', 4),
  entry('u2', 'r', 100),
  entry('u2', 'thuong', null, { value: 3, reason: 'có thành tích' }),
  entry('u3', 'a', 5),
  entry('u3', 'r', 80),
];
const TIE_BREAKS: TieBreak[] = [{ kind: 'MORE_AT_MAXIMUM' }];
const head = { groupId: 'g1', year: 2023, schemeVersion: 1, locked: true, tieBreaks: TIE_BREAKS };

/** What the two rankings share: scopes, ties, and each row's rank and totals. */
const shape = (v: RankingView) =>
  v.scopes.map((s) => [
    s.subgroupId,
    s.name,
    s.ties,
    s.rows.map((r) => [r.memberId, r.unitName, r.rank, r.total, r.selfTotal, r.difference, r.bySection]),
  ]);

describe('rankings', () => {
  const gy = groupYear();
  const res = results(SCHEME, gy, ROWS);

  it('from the stored results: the same ranks, totals and ties as from the entries, without the criteria', () => {
    for (const scope of ['GROUP', 'SUBGROUP'] as const) {
      const summary = rankingSummaryView(gy, head, scope, storedResults(res, TIE_BREAKS));
      const breakdown = rankingBreakdownView(gy, head, scope, encodeBreakdown(SCHEME, 1, res));
      expect(shape(summary)).toEqual(shape(breakdown));
      expect(summary.scopes.every((s) => s.rows.every((r) => r.criteria.length === 0))).toBe(true);
      expect(summary).toMatchObject(head);
    }
  });

  it('per subgroup, scopes in Vietnamese order; members without a subgroup under the group’s name', () => {
    const v = rankingSummaryView(gy, head, 'SUBGROUP', storedResults(res, TIE_BREAKS));
    expect(shape(v)).toEqual([
      [null, 'Cụm A', [], [['u4', 'Đơn vị 4', 1, 0, 0, 0, { kt: 0, xh: 0 }]]],
      ['sg-dong', 'Nhóm Đông', [], [['u3', 'Đơn vị 3', 1, 11, 11, 0, { kt: 5, xh: 6 }]]],
      [
        'sg-tay',
        'Nhóm Tây',
        [],
        [
          ['u1', 'Đơn vị 1', 1, 40, 40, 0, { kt: 30, xh: 10 }],
          ['u2', 'Đơn vị 2', 2, 30, 29, 1, { kt: 17, xh: 13 }],
        ],
      ],
    ]);
  });

  it('a member with no stored result yet ranks with zero', () => {
    const v = rankingSummaryView(gy, head, 'GROUP', []);
    expect(v.scopes[0].rows.map((r) => [r.memberId, r.total, r.rank])).toEqual([
      ['u1', 0, 1],
      ['u2', 0, 1],
      ['u3', 0, 1],
      ['u4', 0, 1],
    ]);
    expect(v.scopes[0].ties).toEqual([['u1', 'u2', 'u3', 'u4']]);
  });

  it('the breakdown shows each criterion self-scored and appraised, and the difference in points', () => {
    const v = rankingBreakdownView(gy, head, 'GROUP', encodeBreakdown(SCHEME, 1, res));
    const u2 = v.scopes[0].rows.find((r) => r.memberId === 'u2');
    expect(u2?.criteria).toEqual([
      { criterion: 'a', self: 9, final: 7, points: 7, selfPoints: 9, difference: -2 },
      { criterion: 'b', self: 4, final: 4, points: 10, selfPoints: 10, difference: 0 },
      { criterion: 'r', self: 100, final: 100, points: 10, selfPoints: 10, difference: 0 },
      { criterion: 'thuong', self: null, final: 3, points: 3, selfPoints: 0, difference: 3 },
    ]);
    const u4 = v.scopes[0].rows.find((r) => r.memberId === 'u4');
    expect(u4?.criteria[0]).toEqual({
      criterion: 'a',
      self: null,
      final: null,
      points: 0,
      selfPoints: 0,
      difference: 0,
    });
  });

  it('the kept breakdown answers exactly what the one just computed answers, for its scheme version and members only', () => {
    const b = encodeBreakdown(SCHEME, 3, res);
    const ids = gy.members.map((m) => m.unitId);
    const kept = usableBreakdown(JSON.stringify(b), 3, [...ids].reverse());
    expect(kept).toBeDefined();
    for (const scope of ['GROUP', 'SUBGROUP'] as const)
      expect(JSON.stringify(rankingBreakdownView(gy, head, scope, kept!))).toBe(
        JSON.stringify(rankingBreakdownView(gy, head, scope, b)),
      );
    expect(usableBreakdown(JSON.stringify(b), 4, ids)).toBeUndefined();
    expect(usableBreakdown(JSON.stringify(b), 3, ids.slice(1))).toBeUndefined();
    expect(usableBreakdown(JSON.stringify(b), 3, [...ids.slice(1), 'u9'])).toBeUndefined();
    expect(usableBreakdown(null, 3, ids)).toBeUndefined();
  });
});

describe('honours', () => {
  it('per the rule’s scope, with the unit names; the event carries each proposal’s subgroup', () => {
    const gy = groupYear();
    const v = honoursView(
      gy,
      { groupId: 'g1', year: 2023, schemeVersion: 1 },
      SEED_000_HONOURS,
      TIE_BREAKS,
      results(SCHEME, gy, ROWS),
    );
    const tay = v.scopes.find((s) => s.subgroupId === 'sg-tay');
    expect(tay?.proposals.map((p) => [p.award, p.memberId, p.unitName])).toEqual([
      ['GOVERNMENT_FLAG', 'u1', 'Đơn vị 1'],
      ['PM_CERTIFICATE', 'u2', 'Đơn vị 2'],
    ]);
    expect(v.rule).toBe(SEED_000_HONOURS);
    const event = honoursProposed(v);
    expect(event).toMatchObject({ groupId: 'g1', year: 2023, schemeVersion: 1, undecided: [] });
    expect(
      event.proposals.filter((p) => p.subgroupId === 'sg-tay').map((p) => [p.award, p.memberId]),
    ).toEqual([
      ['GOVERNMENT_FLAG', 'u1'],
      ['PM_CERTIFICATE', 'u2'],
    ]);
    expect(Object.keys(event.proposals[0]).sort()).toEqual(
      ['award', 'memberId', 'rank', 'rationale', 'subgroupId', 'total'].sort(),
    );
  });

  it('a tie at the cut leaves the award undecided with the candidates, in the event too', () => {
    const gy = groupYear({
      members: [
        { unitId: 'u1', unitName: 'Đơn vị 1', subgroupId: null },
        { unitId: 'u2', unitName: 'Đơn vị 2', subgroupId: null },
      ],
      subgroups: new Map(),
    });
    const same = [entry('u1', 'a', 8), entry('u2', 'a', 8)];
    const rule = { ...SEED_000_HONOURS, scope: 'GROUP' as const };
    const v = honoursView(
      gy,
      { groupId: 'g1', year: 2023, schemeVersion: 1 },
      rule,
      TIE_BREAKS,
      results(SCHEME, gy, same),
    );
    expect(v.scopes[0].proposals).toEqual([]);
    expect(v.scopes[0].undecided[0]).toMatchObject({ award: 'GOVERNMENT_FLAG', candidates: ['u1', 'u2'] });
    expect(honoursProposed(v).undecided[0]).toMatchObject({ award: 'GOVERNMENT_FLAG', subgroupId: null });
  });
});

describe('the national table', () => {
  const row = (group_id: string, member_id: string, total: number, at_maximum = 0): YearResultRow => ({
    group_id,
    member_id,
    total,
    at_maximum,
    by_section: {},
    tie_criteria: {},
  });

  it('ranks each group with its own rules: leaders, member count, ties no rule breaks', () => {
    const rows = [row('g1', 'a', 50, 1), row('g1', 'b', 50, 2), row('g2', 'c', 40), row('g2', 'd', 40)];
    const v = yearRankingView(2023, rows, new Map([['g1', TIE_BREAKS]]));
    expect(v).toEqual({
      year: 2023,
      groupYears: 2,
      members: 4,
      unbrokenTies: 1, // g2: no rule of its own, equal totals
      rankedInMs: 0,
      leaders: [
        { groupId: 'g1', memberIds: ['b'], total: 50 },
        { groupId: 'g2', memberIds: ['c', 'd'], total: 40 },
      ],
      leadersTruncated: false,
    });
  });

  it(`lists the leaders of the first ${YEAR_LEADERS_MAX} groups and says when it stopped`, () => {
    const rows = Array.from({ length: YEAR_LEADERS_MAX + 1 }, (_, i) =>
      row(`g${String(i).padStart(4, '0')}`, `m${i}`, i),
    );
    const v = yearRankingView(2023, rows, new Map());
    expect(v.groupYears).toBe(YEAR_LEADERS_MAX + 1);
    expect(v.leaders).toHaveLength(YEAR_LEADERS_MAX);
    expect(v.leadersTruncated).toBe(true);
  });

  it('an empty year', () => {
    expect(yearRankingView(2030, [], new Map())).toMatchObject({ groupYears: 0, members: 0, leaders: [] });
  });
});

describe('the lock state', () => {
  it('history in order with ISO times', () => {
    const at = new Date('2024-02-01T02:00:00Z');
    expect(
      groupYearStateView('g1', 2023, false, [
        { action: 'LOCK', by: 'x', reason: null, at },
        { action: 'REOPEN', by: 'y', reason: 'chấm lại', at: '2024-02-02T02:00:00.000Z' as unknown as Date },
      ]),
    ).toEqual({
      groupId: 'g1',
      year: 2023,
      locked: false,
      history: [
        { action: 'LOCK', by: 'x', reason: null, at: '2024-02-01T02:00:00.000Z' },
        { action: 'REOPEN', by: 'y', reason: 'chấm lại', at: '2024-02-02T02:00:00.000Z' },
      ],
    });
  });
});

import { ScoreKind } from '@tdkt/contracts';
import { entry, groupYear, SCHEME } from '../test-fixtures';
import { results } from './computation';
import { memberScoresView, scoreChangeView } from './scores.views';

describe('scores views', () => {
  it('one member’s entries by criterion code, with its totals self-scored and as appraised', () => {
    const rows = [
      entry('u2', 'thuong', null, { value: 3, reason: 'có thành tích' }),
      entry('u2', 'a', 9, { value: 7, kind: 'APPRAISAL', reason: 'thẩm định' }),
      entry('u1', 'a', 10),
      entry('u2', 'b', 4),
    ];
    const gy = groupYear();
    const v = memberScoresView(
      { groupId: 'g1', year: 2023, memberId: 'u2', schemeVersion: 2, locked: false },
      rows,
      results(SCHEME, gy, rows),
    );
    expect(v).toEqual({
      groupId: 'g1',
      year: 2023,
      memberId: 'u2',
      schemeVersion: 2,
      locked: false,
      scope: 'ALL',
      entries: [
        {
          criterion: 'a',
          selfValue: 9,
          evidence: false,
          appraisedValue: 7,
          appraisedKind: ScoreKind.APPRAISAL,
          reason: 'thẩm định',
          schemeVersion: 1,
          updatedAt: '2024-01-15T03:00:00.000Z',
        },
        expect.objectContaining({ criterion: 'b', appraisedValue: null, appraisedKind: null }),
        expect.objectContaining({ criterion: 'thuong', selfValue: null, appraisedValue: 3 }),
      ],
      selfTotal: 9 + 10,
      total: 7 + 10 + 3,
    });
  });

  it('a member with no entries: none, and zero totals', () => {
    const gy = groupYear();
    const v = memberScoresView(
      { groupId: 'g1', year: 2023, memberId: 'u4', schemeVersion: 1, locked: true },
      [],
      results(SCHEME, gy, []),
    );
    expect(v).toMatchObject({ entries: [], selfTotal: 0, total: 0, locked: true });
  });

  it('an outside body’s value is kept as OUTSIDE', () => {
    const gy = groupYear();
    const rows = [entry('u1', 'a', null, { value: 6, kind: 'OUTSIDE' })];
    const v = memberScoresView(
      { groupId: 'g1', year: 2023, memberId: 'u1', schemeVersion: 1, locked: false },
      rows,
      results(SCHEME, gy, rows),
    );
    expect(v.entries[0].appraisedKind).toBe(ScoreKind.OUTSIDE);
    expect(v.total).toBe(6);
    expect(v.selfTotal).toBe(0);
  });

  it('a line of the trail: its id as text, times in ISO', () => {
    expect(
      scoreChangeView({
        id: 42,
        member_id: 'u1',
        criterion: 'a',
        kind: 'APPRAISAL',
        old_value: 9,
        new_value: 7,
        reason: 'thẩm định',
        author_id: 'user-1',
        author_role: 'CHAIR',
        at: new Date('2024-01-15T03:00:00Z'),
      }),
    ).toEqual({
      id: '42',
      memberId: 'u1',
      criterion: 'a',
      kind: ScoreKind.APPRAISAL,
      oldValue: 9,
      newValue: 7,
      reason: 'thẩm định',
      authorId: 'user-1',
      authorRole: 'CHAIR',
      at: '2024-01-15T03:00:00.000Z',
    });
  });
});

import { entryCapacity, mayLock, mayReadResults, mayReadScores, mayReopen } from './scoring';
import { Grant } from './policy';

const s = { memberId: 'u1', groupId: 'g', year: 2023 };
const officer: Grant[] = [{ role: 'UNIT_OFFICER', unitId: 'u1' }];
const other: Grant[] = [{ role: 'UNIT_OFFICER', unitId: 'u2' }];
const chair: Grant[] = [
  { role: 'UNIT_OFFICER', unitId: 'u9' },
  { role: 'CHAIR', unitId: 'u9', groupId: 'g', year: 2023 },
];
const vice: Grant[] = [{ role: 'VICE_CHAIR', unitId: 'u8', groupId: 'g', year: 2023 }];
const board: Grant[] = [{ role: 'BOARD' }];
const body: Grant[] = [{ role: 'UNIT_OFFICER', unitId: 'atgt' }];

describe('scoring access', () => {
  it('self-scores by the member, appraisal by the chair or vice, outside criteria by their body or the board', () => {
    const member = { kind: 'MEMBER' } as const;
    expect(entryCapacity(officer, s, member)).toEqual({ kind: 'SELF', author: { kind: 'MEMBER' } });
    expect(entryCapacity(chair, s, member)).toEqual({ kind: 'APPRAISAL', author: { kind: 'LEADERSHIP' } });
    expect(entryCapacity(vice, s, member)).toMatchObject({ kind: 'APPRAISAL' });
    // The chair's own unit: its entries are self-scores, not appraisal.
    expect(entryCapacity(chair, { ...s, memberId: 'u9' }, member)).toMatchObject({ kind: 'SELF' });
    expect(entryCapacity(other, s, member)).toHaveProperty('refused');
    const outside = { kind: 'OUTSIDE_BODY', body: 'atgt' } as const;
    expect(entryCapacity(body, s, outside)).toMatchObject({ kind: 'OUTSIDE' });
    expect(entryCapacity(board, s, outside)).toMatchObject({ kind: 'OUTSIDE' });
    expect(entryCapacity(officer, s, outside)).toEqual({
      refused: 'this criterion is scored by the outside body "atgt"',
    });
    expect(entryCapacity(chair, s, outside)).toHaveProperty('refused');
  });

  it('other members’ scores only once locked; leaders and the board always', () => {
    expect(mayReadScores(officer, s, false, true).allowed).toBe(true);
    expect(mayReadScores(other, s, false, true).allowed).toBe(false);
    expect(mayReadScores(other, s, true, true).allowed).toBe(true);
    expect(mayReadScores(other, s, true, false).allowed).toBe(false);
    expect(mayReadScores(vice, s, false, false).allowed).toBe(true);
    expect(mayReadResults(other, 'g', 2023, false, true).allowed).toBe(false);
    expect(mayReadResults(chair, 'g', 2023, false, true).allowed).toBe(true);
  });

  it('the chair locks; only the board reopens', () => {
    expect(mayLock(chair, 'g', 2023).allowed).toBe(true);
    expect(mayLock(vice, 'g', 2023).allowed).toBe(false);
    expect(mayReopen(chair).allowed).toBe(false);
    expect(mayReopen(board).allowed).toBe(true);
  });
});

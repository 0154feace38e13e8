import {
  entryAuthorRole,
  entryCapacity,
  mayEnterCriterion,
  mayEnterScores,
  mayManageScheme,
  mayLock,
  mayRankYear,
  mayReadGroupYear,
  mayReadResults,
  mayReadScores,
  mayReopen,
  mayReadTrail,
  bodiesSpokenFor,
  scoresScope,
} from './scoring';
import { mayImportRecords, mayImportRecordsOf } from './awards';
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
    expect(entryCapacity(other, s, member, 'grdp')).toMatchObject({
      allowed: false,
      refusal: 'SCORE_CRITERION_NOT_ALLOWED',
      params: { criterion: 'grdp' },
    });
    const outside = { kind: 'OUTSIDE_BODY', body: 'atgt' } as const;
    expect(entryCapacity(body, s, outside)).toMatchObject({ kind: 'OUTSIDE' });
    expect(entryCapacity(board, s, outside)).toMatchObject({ kind: 'OUTSIDE' });
    expect(entryCapacity(officer, s, outside, 'atgt-1')).toEqual({
      allowed: false,
      reason: 'this criterion is scored by the outside body "atgt"',
      refusal: 'SCORE_CRITERION_OUTSIDE_BODY',
      params: { criterion: 'atgt-1', body: 'atgt' },
    });
    expect(entryCapacity(chair, s, outside)).toMatchObject({ refusal: 'SCORE_CRITERION_OUTSIDE_BODY' });
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

  it('read-only callers cannot write scores, whatever the state of the year', () => {
    const viewer: Grant[] = [{ role: 'VIEWER' }];
    const council: Grant[] = [{ role: 'COUNCIL_MEMBER', groupId: 'g' }];
    expect(mayEnterScores(viewer, s).allowed).toBe(false);
    expect(mayEnterScores(council, s).allowed).toBe(false);
    expect(mayEnterScores([], s).allowed).toBe(false);
    for (const g of [officer, chair, vice, board, body]) expect(mayEnterScores(g, s).allowed).toBe(true);
  });

  it('a refusal never tells a non-member whether the year is locked', () => {
    const viewer: Grant[] = [{ role: 'VIEWER' }];
    const open = mayReadScores(viewer, s, false, false);
    const locked = mayReadScores(viewer, s, true, false);
    expect(open).toEqual(locked);
    expect(mayReadGroupYear(viewer, 'g', 2023, false).allowed).toBe(false);
    expect(mayReadGroupYear(other, 'g', 2023, true).allowed).toBe(true);
    expect(mayReadGroupYear(chair, 'g', 2023, false).allowed).toBe(true);
  });

  it('the national ranking is the board’s, and says so', () => {
    expect(mayRankYear(board).allowed).toBe(true);
    expect(mayRankYear(chair)).toEqual({
      allowed: false,
      reason: 'only the central board reads the national ranking',
      refusal: 'SCORING_NATIONAL_RANKING_BOARD_ONLY',
      params: {},
    });
  });

  it('a criterion the chair or vice scores is not the member’s, not even the chair’s own unit’s', () => {
    const leadership = { code: 'diem-thuong', scoredBy: { kind: 'LEADERSHIP' } } as const;
    expect(mayEnterCriterion(officer, s, leadership)).toMatchObject({
      refusal: 'SCORE_CRITERION_LEADERSHIP_ONLY',
      params: { criterion: 'diem-thuong' },
    });
    expect(mayEnterCriterion(chair, { ...s, memberId: 'u9' }, leadership)).toMatchObject({
      refusal: 'SCORE_CRITERION_LEADERSHIP_ONLY',
    });
    expect(mayEnterCriterion(vice, { ...s, memberId: 'u9' }, leadership)).toMatchObject({
      kind: 'APPRAISAL',
    });
    expect(mayEnterCriterion(officer, s, { code: 'grdp', scoredBy: { kind: 'MEMBER' } })).toMatchObject({
      kind: 'SELF',
    });
    expect(
      mayEnterCriterion(body, s, { code: 'atgt', scoredBy: { kind: 'OUTSIDE_BODY', body: 'atgt' } }),
    ).toMatchObject({ kind: 'OUTSIDE', author: { kind: 'OUTSIDE_BODY', body: 'atgt' } });
  });

  it('the trail records the role an entry was made in', () => {
    expect(entryAuthorRole(officer, 'g', 2023, 'SELF')).toBe('UNIT_OFFICER');
    expect(entryAuthorRole(body, 'g', 2023, 'OUTSIDE')).toBe('OUTSIDE_BODY');
    expect(entryAuthorRole(board, 'g', 2023, 'APPRAISAL')).toBe('BOARD');
    expect(entryAuthorRole(chair, 'g', 2023, 'APPRAISAL')).toBe('CHAIR');
    expect(entryAuthorRole(vice, 'g', 2023, 'APPRAISAL')).toBe('VICE_CHAIR');
    // a leader of another year is not that year's chair
    expect(entryAuthorRole(chair, 'g', 2024, 'APPRAISAL')).toBe('LEADERSHIP');
  });

  it('each refusal names its catalogue reason', () => {
    expect(mayManageScheme(vice, 'g', 2023)).toMatchObject({
      refusal: 'SCORING_CHAIR_ONLY',
      params: { year: 2023 },
    });
    expect(mayReopen(chair)).toMatchObject({ refusal: 'SCORING_REOPEN_BOARD_ONLY' });
    expect(mayEnterScores([{ role: 'VIEWER' }], s)).toMatchObject({ refusal: 'SCORE_ENTRY_NOT_ALLOWED' });
    expect(mayReadScores(other, s, false, true)).toMatchObject({
      refusal: 'SCORES_HIDDEN_UNTIL_LOCKED',
      params: { year: 2023 },
    });
    expect(mayReadScores([{ role: 'VIEWER' }], s, true, false)).toMatchObject({
      refusal: 'SCORES_NOT_VISIBLE',
    });
    expect(mayReadGroupYear([{ role: 'VIEWER' }], 'g', 2023, false)).toMatchObject({
      refusal: 'SCORING_GROUP_YEAR_NOT_VISIBLE',
    });
  });

  it('a member’s trail: the member, its leaders and the board; never another member, locked or not', () => {
    expect(mayReadTrail(officer, s).allowed).toBe(true);
    expect(mayReadTrail(vice, s).allowed).toBe(true);
    expect(mayReadTrail(other, s)).toMatchObject({ refusal: 'SCORES_NOT_VISIBLE' });
    // the whole year's trail: leaders and the board only
    expect(mayReadTrail(officer, { ...s, memberId: null }).allowed).toBe(false);
    expect(mayReadTrail(chair, { ...s, memberId: null }).allowed).toBe(true);
  });
});

describe('awards access', () => {
  it('the board imports any unit’s records; an officer its own unit’s only', () => {
    const viewer: Grant[] = [{ role: 'VIEWER' }];
    expect(mayImportRecords(viewer, null).allowed).toBe(false);
    expect(mayImportRecords(officer, 'u1').allowed).toBe(true);
    expect(mayImportRecords(officer, 'u2').allowed).toBe(false);
    expect(mayImportRecords(board, null).allowed).toBe(true);
    expect(mayImportRecordsOf(officer, 'u1', ['u1', 'u1']).allowed).toBe(true);
    expect(mayImportRecordsOf(officer, 'u1', ['u1', 'u2']).allowed).toBe(false);
    expect(mayImportRecordsOf(board, null, ['u1', 'u2']).allowed).toBe(true);
  });

  it('an outside body reads only its own criteria of every member before the lock, everything after', () => {
    const named = ['atgt', 'ban-tdkt'];
    expect(bodiesSpokenFor(body, named)).toEqual(['atgt']);
    expect(bodiesSpokenFor(officer, named)).toEqual([]);
    expect(bodiesSpokenFor(board, named)).toEqual([]);
    // Before the lock: its criteria of any member, not a member's whole sheet.
    expect(scoresScope(body, s, false, false, ['atgt'])).toEqual({ scope: 'OUTSIDE_BODY', bodies: ['atgt'] });
    // After the lock: what every member sees.
    expect(scoresScope(body, s, true, false, ['atgt'])).toEqual({ scope: 'ALL' });
    // Nobody else gains anything: the refusal of mayReadScores.
    expect(scoresScope(other, s, false, true, [])).toMatchObject({ refusal: 'SCORES_HIDDEN_UNTIL_LOCKED' });
    expect(scoresScope(other, s, false, false, [])).toMatchObject({ refusal: 'SCORES_NOT_VISIBLE' });
    expect(scoresScope(officer, s, false, true, [])).toEqual({ scope: 'ALL' });
    expect(scoresScope(board, s, false, false, [])).toEqual({ scope: 'ALL' });
  });
});

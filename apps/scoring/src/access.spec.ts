import { ErrorCode, errorMessage, Role } from '@tdkt/contracts';
import { AppError } from '@tdkt/platform';
import { Access, Actor } from './access';
import { groupYear, SCHEME } from './test-fixtures';

const gy = groupYear();
const officer = (unitId: string): Actor => ({
  userId: 'x',
  unitId,
  roles: [{ role: Role.UNIT_OFFICER, unitId }],
});
const chair: Actor = {
  userId: 'c',
  unitId: 'u1',
  roles: [
    { role: Role.UNIT_OFFICER, unitId: 'u1' },
    { role: Role.CHAIR, unitId: 'u1', groupId: 'g1', year: 2023 },
  ],
};
const viewer: Actor = { userId: 'v', unitId: null, roles: [{ role: Role.VIEWER }] };
const criterion = (code: string) => {
  for (const s of SCHEME.sections)
    for (const c of s.children) if (c.type === 'CRITERION' && c.code === code) return c;
  throw new Error(code);
};

/** The error `f` throws. */
function thrown(f: () => unknown): AppError {
  try {
    f();
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error('nothing thrown');
}

describe('Access (scoring’s one entry point to its rules)', () => {
  it('a refusal is its catalogue reason: a 403 with the rule in Vietnamese', () => {
    const e = thrown(() => Access.readScores(officer('u2'), gy, 'u3', false));
    expect(e.body).toEqual({
      code: ErrorCode.FORBIDDEN,
      reason: 'SCORES_HIDDEN_UNTIL_LOCKED',
      message: errorMessage('SCORES_HIDDEN_UNTIL_LOCKED', { year: 2023 }),
      errors: undefined,
    });
    expect(e.body.message).toContain('2023');
  });

  it('other members’ scores once locked, for members of the group that year only', () => {
    expect(() => Access.readScores(officer('u2'), gy, 'u3', true)).not.toThrow();
    expect(thrown(() => Access.readScores(officer('u9'), gy, 'u3', true)).body.reason).toBe(
      'SCORES_NOT_VISIBLE',
    );
    expect(thrown(() => Access.readResults(officer('u2'), gy, false)).body.reason).toBe(
      'SCORES_HIDDEN_UNTIL_LOCKED',
    );
    expect(() => Access.readResults(officer('u2'), gy, true)).not.toThrow();
    expect(() => Access.readGroupYear(officer('u2'), gy)).not.toThrow();
    expect(thrown(() => Access.readGroupYear(viewer, gy)).body.reason).toBe('SCORING_GROUP_YEAR_NOT_VISIBLE');
  });

  it('the chair of that year manages the scheme, locks and announces; drafts are shown to the chair only', () => {
    expect(() => Access.manageScheme(chair, gy)).not.toThrow();
    expect(Access.managesScheme(chair, gy)).toBe(true);
    expect(Access.managesScheme(officer('u2'), gy)).toBe(false);
    const e = thrown(() => Access.lock(officer('u2'), gy));
    expect([e.body.reason, e.body.message]).toEqual([
      'SCORING_CHAIR_ONLY',
      errorMessage('SCORING_CHAIR_ONLY', { year: 2023 }),
    ]);
    expect(thrown(() => Access.proposeHonours(officer('u2'), gy)).body.reason).toBe('SCORING_CHAIR_ONLY');
    expect(thrown(() => Access.reopen(chair)).body.reason).toBe('SCORING_REOPEN_BOARD_ONLY');
    expect(thrown(() => Access.rankYear(chair)).body.reason).toBe('SCORING_NATIONAL_RANKING_BOARD_ONLY');
  });

  it('entries: in which capacity, or why not, per criterion', () => {
    expect(Access.entry(officer('u2'), gy, 'u2', criterion('a'))).toEqual({
      kind: 'SELF',
      author: { kind: 'MEMBER' },
    });
    expect(Access.entry(chair, gy, 'u2', criterion('a')).kind).toBe('APPRAISAL');
    // the chair's own unit: a self-score, and the leadership's criteria are not its to enter
    expect(Access.entry(chair, gy, 'u1', criterion('a')).kind).toBe('SELF');
    const own = thrown(() => Access.entry(chair, gy, 'u1', criterion('thuong')));
    expect([own.body.reason, own.body.message]).toEqual([
      'SCORE_CRITERION_LEADERSHIP_ONLY',
      errorMessage('SCORE_CRITERION_LEADERSHIP_ONLY', { criterion: 'thuong' }),
    ]);
    expect(thrown(() => Access.entry(officer('u3'), gy, 'u2', criterion('a'))).body.reason).toBe(
      'SCORE_CRITERION_NOT_ALLOWED',
    );
    expect(thrown(() => Access.enterScores(viewer, gy, 'u2')).body.reason).toBe('SCORE_ENTRY_NOT_ALLOWED');
    expect(Access.authorRole(chair, gy, 'APPRAISAL')).toBe('CHAIR');
    expect(Access.authorRole(officer('u2'), gy, 'SELF')).toBe('UNIT_OFFICER');
  });

  it('a sheet sent through intake is entered as an officer of the member', () => {
    const a = Access.officerOf('user-1', 'u2');
    expect(Access.entry(a, gy, 'u2', criterion('b')).kind).toBe('SELF');
  });
});

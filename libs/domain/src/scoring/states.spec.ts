import { SEED_000_HONOURS } from './honours';
import { Scheme } from './scheme';
import { normaliseHonourRule, normaliseTieBreaks, schemeRulesProblems } from './scheme-rules';
import { groupYearRefusal, schemeDiscard, schemeEdit, schemePublish, schemeVisible } from './states';

const draft = (version: number) => ({ state: 'DRAFT' as const, version });
const published = (version: number) => ({ state: 'PUBLISHED' as const, version });

describe('scheme states', () => {
  it('a draft is replaced in place; after a published version (or none) a new version starts', () => {
    expect(schemeEdit(undefined)).toEqual({ newVersion: 1 });
    expect(schemeEdit(draft(3))).toEqual({ replace: draft(3) });
    expect(schemeEdit(published(3))).toEqual({ newVersion: 4 });
  });

  it('only a draft is published or discarded; a published version never changes', () => {
    expect(schemePublish(undefined)).toEqual({ refused: 'SCHEME_NOT_FOUND' });
    expect(schemePublish(published(1))).toEqual({ refused: 'SCHEME_ALREADY_PUBLISHED' });
    expect(schemePublish(draft(2))).toEqual({ publish: draft(2) });
    expect(schemeDiscard(undefined)).toEqual({ refused: 'SCHEME_NO_DRAFT' });
    expect(schemeDiscard(published(1))).toEqual({ refused: 'SCHEME_NO_DRAFT' });
    expect(schemeDiscard(draft(2))).toEqual({ discard: draft(2) });
  });

  it('a draft is seen by those who manage the scheme only', () => {
    expect(schemeVisible('DRAFT', false)).toBe(false);
    expect(schemeVisible('DRAFT', true)).toBe(true);
    expect(schemeVisible('PUBLISHED', false)).toBe(true);
  });
});

describe('the group-year’s lock', () => {
  it('writes and locking need it open; reopening needs it locked; honours come from locked scores', () => {
    expect(groupYearRefusal(false, 'WRITE')).toBeNull();
    expect(groupYearRefusal(true, 'WRITE')).toBe('SCORING_YEAR_LOCKED');
    expect(groupYearRefusal(false, 'LOCK')).toBeNull();
    expect(groupYearRefusal(true, 'LOCK')).toBe('SCORING_YEAR_LOCKED');
    expect(groupYearRefusal(true, 'REOPEN')).toBeNull();
    expect(groupYearRefusal(false, 'REOPEN')).toBe('SCORING_YEAR_NOT_LOCKED');
    expect(groupYearRefusal(true, 'PROPOSE_HONOURS')).toBeNull();
    expect(groupYearRefusal(false, 'PROPOSE_HONOURS')).toBe('SCORING_HONOURS_NEED_LOCK');
  });
});

describe('the rules stored with a scheme', () => {
  const scheme: Scheme = {
    sections: [
      {
        type: 'SECTION',
        code: 'a',
        title: 'A',
        children: [
          {
            type: 'SECTION',
            code: 'a1',
            title: 'A1',
            children: [
              {
                type: 'CRITERION',
                code: 'c',
                title: 'C',
                max: 10,
                method: { kind: 'MANUAL' },
                scoredBy: { kind: 'MEMBER' },
                evidenceRequired: false,
              },
            ],
          },
        ],
      },
    ],
  };

  it('defaults are visible: more criteria at maximum; seed 000 per subgroup where there are subgroups', () => {
    expect(normaliseTieBreaks(undefined)).toEqual([{ kind: 'MORE_AT_MAXIMUM' }]);
    expect(normaliseHonourRule(undefined, true)).toEqual({ ...SEED_000_HONOURS, scope: 'SUBGROUP' });
    expect(normaliseHonourRule(undefined, false)).toEqual({ ...SEED_000_HONOURS, scope: 'GROUP' });
  });

  it('keeps only the rules’ own fields', () => {
    const given = [{ kind: 'SECTION', section: 'a1', extra: 1 }] as never;
    expect(normaliseTieBreaks(given)).toEqual([{ kind: 'SECTION', section: 'a1' }]);
    expect(
      normaliseHonourRule({ scope: 'GROUP', awards: [{ award: 'X', places: 2, note: 'y' } as never] }, true),
    ).toEqual({ scope: 'GROUP', awards: [{ award: 'X', places: 2 }], minimumTotal: null });
  });

  it('names each problem by its path: unknown sections and criteria (at any depth), awards', () => {
    expect(
      schemeRulesProblems(
        scheme,
        [
          { kind: 'SECTION', section: 'a1' },
          { kind: 'CRITERION', criterion: 'c' },
          { kind: 'SECTION', section: 'zz' },
          { kind: 'CRITERION', criterion: 'a' },
        ],
        SEED_000_HONOURS,
      ),
    ).toEqual([
      { path: 'tieBreaks[2].section', message: 'không có mục "zz" trong bảng điểm' },
      { path: 'tieBreaks[3].criterion', message: 'không có tiêu chí "a" trong bảng điểm' },
    ]);
    expect(
      schemeRulesProblems(scheme, [], {
        scope: 'GROUP',
        awards: [{ award: ' ', places: 0 }],
        minimumTotal: NaN,
      }),
    ).toEqual([
      { path: 'honours.awards[0].award', message: 'bắt buộc' },
      { path: 'honours.awards[0].places', message: 'phải là số nguyên từ 1 trở lên' },
      { path: 'honours.minimumTotal', message: 'phải là số hoặc null' },
    ]);
    expect(schemeRulesProblems(scheme, [], { scope: 'GROUP', awards: [] })).toEqual([
      { path: 'honours.awards', message: 'phải nêu ít nhất một hình thức khen thưởng' },
    ]);
  });
});

import { SchemeState } from '@tdkt/contracts';
import { DEFAULT_TIE_BREAKS, SEED_000_HONOURS } from '@tdkt/domain';
import { SCHEME } from '../test-fixtures';
import { schemeView } from './schemes.views';

describe('schemeView', () => {
  const row = {
    id: 's1',
    group_id: 'g1',
    year: 2023,
    version: 2,
    state: 'DRAFT' as const,
    body: SCHEME,
    tie_breaks: [...DEFAULT_TIE_BREAKS],
    honours: SEED_000_HONOURS,
    created_at: new Date('2024-01-15T03:00:00Z'),
    published_at: null,
  };

  it('a draft: its maximum total (with the bonus cap), not published', () => {
    expect(schemeView(row)).toEqual({
      id: 's1',
      groupId: 'g1',
      year: 2023,
      version: 2,
      state: SchemeState.DRAFT,
      scheme: SCHEME,
      tieBreaks: [{ kind: 'MORE_AT_MAXIMUM' }],
      honours: SEED_000_HONOURS,
      maximumTotal: 45, // 10 + 20 + 10 and the bonus's cap
      createdAt: '2024-01-15T03:00:00.000Z',
      publishedAt: null,
    });
  });

  it('a published version, with when', () => {
    const v = schemeView({ ...row, state: 'PUBLISHED', published_at: new Date('2024-01-16T03:00:00Z') });
    expect(v.state).toBe(SchemeState.PUBLISHED);
    expect(v.publishedAt).toBe('2024-01-16T03:00:00.000Z');
  });
});

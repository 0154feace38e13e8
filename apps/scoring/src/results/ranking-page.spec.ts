import { RankingRowView, RankingView } from '@tdkt/contracts';
import { rankingPage } from './results.views';

const row = (memberId: string, rank: number) =>
  ({ memberId, rank, total: 100 - rank }) as unknown as RankingRowView;

/** Two scopes of 3 and 2 rows: 5 rows counted across the scopes in their order. */
const view: RankingView = {
  groupId: 'g',
  year: 2023,
  schemeVersion: 1,
  locked: false,
  tieBreaks: [],
  scopes: [
    { subgroupId: 's1', name: 'Nhóm 1', rows: [row('a', 1), row('b', 2), row('c', 3)], ties: [['a', 'b']] },
    { subgroupId: 's2', name: 'Nhóm 2', rows: [row('d', 1), row('e', 2)], ties: [] },
  ],
};

describe('a ranking page by page (scoring.ranking.get with offset/limit)', () => {
  it('pages across the scopes: every row once, in order; the last page says so', () => {
    const pages = [0, 2, 4].map((o) => rankingPage(view, o, 2));
    expect(pages.map((p) => p.scopes.map((s) => [s.subgroupId, s.rows.map((r) => r.memberId)]))).toEqual([
      [['s1', ['a', 'b']]],
      [
        ['s1', ['c']],
        ['s2', ['d']],
      ],
      [['s2', ['e']]],
    ]);
    expect(pages.map((p) => p.page)).toEqual([
      { offset: 0, limit: 2, total: 5, nextOffset: 2 },
      { offset: 2, limit: 2, total: 5, nextOffset: 4 },
      { offset: 4, limit: 2, total: 5, nextOffset: null },
    ]);
  });

  it("a scope's ties go with the page of its first row only; past the end: no rows", () => {
    expect(rankingPage(view, 0, 2).scopes[0].ties).toEqual([['a', 'b']]);
    expect(rankingPage(view, 2, 2).scopes[0].ties).toEqual([]);
    const past = rankingPage(view, 10, 2);
    expect(past.scopes).toEqual([]);
    expect(past.page).toEqual({ offset: 10, limit: 2, total: 5, nextOffset: null });
  });

  it('the whole ranking in one page is the ranking itself', () => {
    const one = rankingPage(view, 0, 100);
    expect(one.scopes).toEqual(view.scopes);
  });
});

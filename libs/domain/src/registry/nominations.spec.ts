import { nominationIssue } from './nominations';

describe('a nomination of next year’s chair or vice-chair', () => {
  it('by rotation needs no candidates; listed ones must include the nominee', () => {
    expect(nominationIssue('ROTATION', 'a', [])).toBeNull();
    expect(nominationIssue('ROTATION', 'a', [{ unitId: 'b', votes: null }])).toEqual({
      issue: 'NOT_A_CANDIDATE',
    });
  });

  it('by election names its candidates, each once', () => {
    expect(nominationIssue('ELECTION', 'a', [])).toEqual({ issue: 'CANDIDATES_REQUIRED' });
    expect(
      nominationIssue('ELECTION', 'a', [
        { unitId: 'a', votes: null },
        { unitId: 'b', votes: null },
        { unitId: 'a', votes: null },
      ]),
    ).toEqual({ issue: 'CANDIDATE_TWICE', index: 2 });
    expect(nominationIssue('ELECTION', 'a', [{ unitId: 'a', votes: null }])).toBeNull();
  });

  it('with a vote, the nominee has the most votes; a tie at the top is the conference’s to settle', () => {
    const votes = (a: number, b: number, c: number) => [
      { unitId: 'a', votes: a },
      { unitId: 'b', votes: b },
      { unitId: 'c', votes: c },
    ];
    expect(nominationIssue('ELECTION', 'a', votes(7, 3, 0))).toBeNull();
    expect(nominationIssue('ELECTION', 'a', votes(3, 7, 0))).toEqual({
      issue: 'NOT_MOST_VOTED',
      votes: 3,
      leaderIndex: 1,
      most: 7,
    });
    expect(nominationIssue('ELECTION', 'b', votes(5, 5, 0))).toBeNull();
    // Votes recorded for only some candidates: no count to check against.
    expect(
      nominationIssue('ELECTION', 'a', [
        { unitId: 'a', votes: 1 },
        { unitId: 'b', votes: null },
      ]),
    ).toBeNull();
  });
});

import { confirmsInline, fileDecided, FileState, submitBlockers } from './states';

describe('file states', () => {
  it('knows which states are final', () => {
    expect(fileDecided(FileState.CONFIRMED)).toBe(true);
    expect(fileDecided(FileState.REJECTED)).toBe(true);
    expect(fileDecided(FileState.EXPIRED)).toBe(true);
    expect(fileDecided(FileState.PENDING)).toBe(false);
    expect(fileDecided(FileState.VERIFYING)).toBe(false);
  });

  it('confirms in the request at or below the threshold, through a job above it', () => {
    expect(confirmsInline(8, 8)).toBe(true);
    expect(confirmsInline(9, 8)).toBe(false);
    expect(confirmsInline(1, 0)).toBe(false);
  });

  it('names what keeps a draft from being submitted', () => {
    expect(
      submitBlockers([
        { name: 'a.pdf', state: 'PENDING' },
        { name: 'b.mp4', state: 'VERIFYING' },
        { name: 'c.pdf', state: 'CONFIRMED' },
        { name: 'd.pdf', state: 'CONFIRMED' },
      ]),
    ).toEqual({ unconfirmed: ['a.pdf'], verifying: ['b.mp4'], confirmed: 2 });
    expect(submitBlockers([])).toEqual({ unconfirmed: [], verifying: [], confirmed: 0 });
  });
});

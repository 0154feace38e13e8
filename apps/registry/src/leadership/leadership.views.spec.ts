import type { LeaderRow } from './leadership.repository';
import { leadershipChanged, toLeadershipView } from './leadership.views';

const leader = (id: string, role: string, decided: string | null = null): LeaderRow => ({
  id,
  code: id,
  name: id.toUpperCase(),
  kind: 'PROVINCE',
  parent_id: null,
  valid_from: null,
  valid_to: null,
  role,
  chosen_by: 'ROTATION',
  decided_on: decided,
});

describe('leadership views', () => {
  it('chair and vice-chair of the year, null where none is set', () => {
    const both = toLeadershipView('g1', 2023, [
      leader('ld', 'VICE_CHAIR'),
      leader('bd', 'CHAIR', '2023-03-29'),
    ]);
    expect(both).toMatchObject({
      groupId: 'g1',
      year: 2023,
      chair: { role: 'CHAIR', unit: { id: 'bd' }, chosenBy: 'ROTATION', decidedOn: '2023-03-29' },
      viceChair: { role: 'VICE_CHAIR', unit: { id: 'ld' }, decidedOn: null },
    });
    expect(leadershipChanged(both)).toEqual({
      groupId: 'g1',
      year: 2023,
      chairUnitId: 'bd',
      viceChairUnitId: 'ld',
    });
    const none = toLeadershipView('g1', 2024, []);
    expect(none).toEqual({ groupId: 'g1', year: 2024, chair: null, viceChair: null });
    expect(leadershipChanged(none)).toEqual({
      groupId: 'g1',
      year: 2024,
      chairUnitId: null,
      viceChairUnitId: null,
    });
  });
});

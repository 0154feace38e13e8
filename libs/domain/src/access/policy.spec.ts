import { decide, Grant, Permission } from './policy';

const G = 'group-1';

describe('registry access policy', () => {
  const board: Grant[] = [{ role: 'BOARD' }];
  const officer: Grant[] = [{ role: 'UNIT_OFFICER', unitId: 'u1' }];
  const chair2023: Grant[] = [...officer, { role: 'CHAIR', groupId: G, year: 2023 }];

  it('the central board changes anything', () => {
    for (const p of Object.values(Permission))
      expect(decide(board, p, { groupId: 'x', year: 1999 }).allowed).toBe(true);
  });

  it('a unit officer reads but cannot change groups', () => {
    expect(decide(officer, Permission.READ_REGISTRY).allowed).toBe(true);
    expect(decide(officer, Permission.MANAGE_GROUPS).allowed).toBe(false);
    expect(decide(officer, Permission.MANAGE_CAMPAIGN, { groupId: G, year: 2023 }).allowed).toBe(false);
  });

  it('a chair changes only their group in their year', () => {
    expect(decide(chair2023, Permission.MANAGE_CAMPAIGN, { groupId: G, year: 2023 }).allowed).toBe(true);
    expect(decide(chair2023, Permission.MANAGE_CAMPAIGN, { groupId: G, year: 2024 }).allowed).toBe(false);
    expect(decide(chair2023, Permission.MANAGE_CAMPAIGN, { groupId: 'other', year: 2023 }).allowed).toBe(
      false,
    );
    expect(decide(chair2023, Permission.MANAGE_GROUPS).allowed).toBe(false);
  });

  it('nobody without a grant reads', () => {
    expect(decide([], Permission.READ_REGISTRY).allowed).toBe(false);
  });
});

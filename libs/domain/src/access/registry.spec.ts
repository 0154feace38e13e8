import { assignedGrant, grantsAtSignIn, mayManageCampaign, maySetLeadership, officerUnits } from './registry';
import { Grant } from './policy';

const G = 'group-1';

describe("the registry's own policy", () => {
  const board: Grant[] = [{ role: 'BOARD' }];
  const officer: Grant[] = [{ role: 'UNIT_OFFICER', unitId: 'u1' }];
  const chair2023: Grant[] = [...officer, { role: 'CHAIR', groupId: G, year: 2023 }];
  const vice2023: Grant[] = [...officer, { role: 'VICE_CHAIR', groupId: G, year: 2023 }];

  it('leadership is set by the central board only, with its reason', () => {
    expect(maySetLeadership(board)).toEqual({ allowed: true });
    for (const grants of [officer, chair2023, vice2023, []]) {
      expect(maySetLeadership(grants)).toMatchObject({ allowed: false, refusal: 'LEADERSHIP_SET_REFUSED' });
    }
  });

  it("a campaign is changed by that year's chair of that group, or the board", () => {
    expect(mayManageCampaign(board, 'any', 1999).allowed).toBe(true);
    expect(mayManageCampaign(chair2023, G, 2023).allowed).toBe(true);
    for (const [grants, group, year] of [
      [chair2023, G, 2024],
      [chair2023, 'other', 2023],
      [vice2023, G, 2023],
      [officer, G, 2023],
    ] as const) {
      expect(mayManageCampaign(grants, group, year)).toMatchObject({
        allowed: false,
        refusal: 'CAMPAIGN_CHANGE_REFUSED',
        reason: "only the group's chair of that year or the central board",
      });
    }
  });

  it("an officer signs in with the leadership of their unit's group-years", () => {
    const assigned: Grant[] = [
      { role: 'UNIT_OFFICER', unitId: 'u1', groupId: null, year: null },
      { role: 'UNIT_OFFICER', unitId: 'u1' },
      { role: 'UNIT_OFFICER', unitId: null },
      { role: 'VIEWER' },
    ];
    expect(officerUnits(assigned)).toEqual(['u1']);
    expect(officerUnits(board)).toEqual([]);
    const grants = grantsAtSignIn(assigned.slice(0, 1), [
      { groupId: G, year: 2023, role: 'CHAIR' },
      { groupId: 'g2', year: 2024, role: 'VICE_CHAIR' },
    ]);
    expect(grants).toEqual([
      { role: 'UNIT_OFFICER', unitId: 'u1', groupId: null, year: null },
      { role: 'CHAIR', groupId: G, year: 2023 },
      { role: 'VICE_CHAIR', groupId: 'g2', year: 2024 },
    ]);
    expect(mayManageCampaign(grants, G, 2023).allowed).toBe(true);
  });
});

describe('assigned grants', () => {
  it("only a unit officer's role is tied to a unit", () => {
    const scope = { unitId: 'u1', groupId: null };
    expect(assignedGrant('UNIT_OFFICER', scope)).toEqual({
      role: 'UNIT_OFFICER',
      unitId: 'u1',
      groupId: null,
    });
    expect(assignedGrant('BOARD', scope)).toEqual({ role: 'BOARD', unitId: null, groupId: null });
    expect(assignedGrant('COUNCIL_MEMBER', { unitId: null, groupId: 'g' })).toEqual({
      role: 'COUNCIL_MEMBER',
      unitId: null,
      groupId: 'g',
    });
  });
});

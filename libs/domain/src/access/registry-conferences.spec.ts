import { Grant } from './policy';
import { mayManageConference, mayReadConference } from './registry';

const G = 'group-1';
const members = new Set(['u1', 'u2']);

describe("the registry's policy for conferences and nominations (issue 15)", () => {
  const board: Grant[] = [{ role: 'BOARD' }];
  const member: Grant[] = [{ role: 'UNIT_OFFICER', unitId: 'u2' }];
  const chair: Grant[] = [
    { role: 'UNIT_OFFICER', unitId: 'u1' },
    { role: 'CHAIR', groupId: G, year: 2023 },
  ];
  const vice: Grant[] = [
    { role: 'UNIT_OFFICER', unitId: 'u2' },
    { role: 'VICE_CHAIR', groupId: G, year: 2023 },
  ];
  const council: Grant[] = [{ role: 'COUNCIL_MEMBER', groupId: G }];
  const otherCouncil: Grant[] = [{ role: 'COUNCIL_MEMBER', groupId: 'other' }];
  const outsider: Grant[] = [{ role: 'UNIT_OFFICER', unitId: 'u9' }];

  it("that year's chair and vice-chair, and the board, manage", () => {
    for (const grants of [board, chair, vice])
      expect(mayManageConference(grants, G, 2023)).toEqual({ allowed: true });
    for (const [grants, year] of [
      [chair, 2024],
      [member, 2023],
      [council, 2023],
      [[{ role: 'VIEWER' }] as Grant[], 2023],
    ] as const)
      expect(mayManageConference(grants, G, year)).toMatchObject({
        allowed: false,
        refusal: 'CONFERENCE_CHANGE_REFUSED',
      });
  });

  it("the members of that year and the group's council members see; nobody else", () => {
    for (const grants of [board, chair, vice, member, council])
      expect(mayReadConference(grants, G, 2023, members)).toEqual({ allowed: true });
    for (const grants of [outsider, otherCouncil, [{ role: 'VIEWER' }] as Grant[], []])
      expect(mayReadConference(grants, G, 2023, members)).toMatchObject({
        allowed: false,
        refusal: 'CONFERENCE_READ_REFUSED',
      });
  });
});

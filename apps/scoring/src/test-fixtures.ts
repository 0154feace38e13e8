import type { Scheme } from '@tdkt/domain';
import type { GroupYear } from './registry/group-directory';
import type { EntryRow } from './scores/scores.repository';

/** A small group-year and scheme for scoring's unit tests (pure data, no I/O). */

export const SCHEME: Scheme = {
  sections: [
    {
      type: 'SECTION',
      code: 'kt',
      title: 'Kinh tế',
      children: [
        {
          type: 'CRITERION',
          code: 'a',
          title: 'A',
          max: 10,
          method: { kind: 'MANUAL' },
          scoredBy: { kind: 'MEMBER' },
          evidenceRequired: false,
        },
        {
          type: 'CRITERION',
          code: 'b',
          title: 'B',
          max: 20,
          method: { kind: 'TARGET', target: 8, floor: 5 },
          scoredBy: { kind: 'MEMBER' },
          evidenceRequired: false,
        },
      ],
    },
    {
      type: 'SECTION',
      code: 'xh',
      title: 'Xã hội',
      children: [
        {
          type: 'CRITERION',
          code: 'r',
          title: 'R',
          max: 10,
          method: { kind: 'RANK', step: 2 },
          scoredBy: { kind: 'MEMBER' },
          evidenceRequired: false,
        },
        {
          type: 'CRITERION',
          code: 'thuong',
          title: 'Thưởng',
          max: 0,
          method: { kind: 'BONUS', cap: 5 },
          scoredBy: { kind: 'LEADERSHIP' },
          evidenceRequired: false,
        },
      ],
    },
  ],
};

/** Four members: u1, u2 in "Nhóm Tây", u3 in "Nhóm Đông", u4 in no subgroup. */
export function groupYear(overrides: Partial<GroupYear> = {}): GroupYear {
  return {
    groupId: 'g1',
    groupName: 'Cụm A',
    year: 2023,
    members: [
      { unitId: 'u1', unitName: 'Đơn vị 1', subgroupId: 'sg-tay' },
      { unitId: 'u2', unitName: 'Đơn vị 2', subgroupId: 'sg-tay' },
      { unitId: 'u3', unitName: 'Đơn vị 3', subgroupId: 'sg-dong' },
      { unitId: 'u4', unitName: 'Đơn vị 4', subgroupId: null },
    ],
    subgroups: new Map([
      ['sg-tay', 'Nhóm Tây'],
      ['sg-dong', 'Nhóm Đông'],
    ]),
    ...overrides,
  };
}

/** An entry row: the member's own value, and the appraised one when given. */
export function entry(
  memberId: string,
  criterion: string,
  self: number | null,
  appraised: { value: number; kind?: string; reason?: string } | null = null,
): EntryRow {
  return {
    member_id: memberId,
    criterion,
    self_value: self,
    evidence: false,
    appraised_value: appraised?.value ?? null,
    appraised_kind: appraised ? (appraised.kind ?? 'APPRAISAL') : null,
    reason: appraised?.reason ?? null,
    scheme_version: 1,
    updated_at: new Date('2024-01-15T03:00:00Z'),
  };
}

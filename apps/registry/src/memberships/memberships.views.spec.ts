import type { UnitRow } from '../units/units.repository';
import type { MemberRow } from './memberships.repository';
import { membershipChanged, toCurrentSuccessorsView, toMembers, toMembershipView } from './memberships.views';

const G = 'group-1';

const unit = (id: string, name: string): UnitRow => ({
  id,
  code: id,
  name,
  kind: 'PROVINCE',
  parent_id: null,
  valid_from: null,
  valid_to: '2025-06-30',
});

const member = (id: string, name: string, subgroup?: string): MemberRow => ({
  ...unit(id, name),
  membership_id: `m-${id}`,
  m_from: '2023-01-01',
  m_to: null,
  s_id: subgroup ? `s-${subgroup}` : null,
  s_code: subgroup ?? null,
  s_name: subgroup ? `Nhóm ${subgroup}` : null,
});

describe('memberships views', () => {
  it('a membership with its unit and subgroup (or none)', () => {
    expect(toMembershipView(member('kt', 'Kon Tum', 'tay-nguyen'), G)).toEqual({
      id: 'm-kt',
      groupId: G,
      unit: expect.objectContaining({ id: 'kt', name: 'Kon Tum', validTo: '2025-06-30' }),
      subgroup: { id: 's-tay-nguyen', groupId: G, code: 'tay-nguyen', name: 'Nhóm tay-nguyen' },
      validFrom: '2023-01-01',
      validTo: null,
    });
    expect(toMembershipView(member('kt', 'Kon Tum'), G).subgroup).toBeNull();
  });

  it('members by subgroup code, those in none last, then by Vietnamese name (Đ before G)', () => {
    const rows = [
      member('qn', 'Quảng Ngãi'),
      member('dl', 'Đắk Lắk', 'tay-nguyen'),
      member('bd', 'Bình Định', 'duyen-hai'),
      member('gl', 'Gia Lai', 'tay-nguyen'),
      member('ag', 'An Giang'),
      member('kh', 'Khánh Hòa', 'duyen-hai'),
    ];
    expect(toMembers(rows, G).map((m) => m.unit.name)).toEqual([
      'Bình Định',
      'Khánh Hòa',
      'Đắk Lắk',
      'Gia Lai',
      'An Giang',
      'Quảng Ngãi',
    ]);
  });

  it('current successors: each unit of today once, with the members it continues', () => {
    const members = toMembers(
      [member('bd', 'Bình Định'), member('gl', 'Gia Lai'), member('kt', 'Kon Tum')],
      G,
    );
    const view = {
      group: { id: G } as never,
      from: '2023-01-01',
      to: '2023-12-31',
      members,
    };
    const glNew = unit('gl-2025', 'Gia Lai');
    const qn = unit('qn-2025', 'Quảng Ngãi');
    const out = toCurrentSuccessorsView(
      view,
      new Map([
        ['bd', [glNew]],
        ['gl', [glNew]],
        ['kt', [qn]],
      ]),
    );
    expect(out).toMatchObject({ from: '2023-01-01', to: '2023-12-31' });
    expect(out.successors.map((s) => [s.unit.id, s.predecessors.map((p) => p.name)])).toEqual([
      ['gl-2025', ['Bình Định', 'Gia Lai']],
      ['qn-2025', ['Kon Tum']],
    ]);
    expect(toCurrentSuccessorsView(view, new Map()).successors).toEqual([]);
  });

  it('the membership.changed payload', () => {
    expect(
      membershipChanged(
        { id: 'm1', group_id: G, unit_id: 'u1', subgroup_id: null, valid_from: '2024-01-01', valid_to: null },
        'ADDED',
      ),
    ).toEqual({
      membershipId: 'm1',
      groupId: G,
      unitId: 'u1',
      subgroupId: null,
      validFrom: '2024-01-01',
      validTo: null,
      change: 'ADDED',
    });
  });
});

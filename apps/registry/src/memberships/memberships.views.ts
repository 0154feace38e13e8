import {
  CurrentSuccessorsView,
  MembershipChanged,
  MembershipView,
  MembersView,
  UnitView,
} from '@tdkt/contracts';
import type { UnitRow } from '../units/units.repository';
import { byVietnameseName, toUnitView } from '../units/units.views';
import type { MemberRow, MembershipRow } from './memberships.repository';

/** Rows of the memberships feature as the contracts show them (pure). */

export function toMembershipView(r: MemberRow, groupId: string): MembershipView {
  return {
    id: r.membership_id,
    groupId,
    unit: toUnitView(r),
    subgroup: r.s_id ? { id: r.s_id, groupId, code: r.s_code as string, name: r.s_name as string } : null,
    validFrom: r.m_from,
    validTo: r.m_to,
  };
}

/** The members of a group: by subgroup code (those in none last), then by Vietnamese name. */
export function toMembers(rows: readonly MemberRow[], groupId: string): MembershipView[] {
  return rows
    .map((r) => toMembershipView(r, groupId))
    .sort(
      (a, b) =>
        (a.subgroup?.code ?? '\uffff').localeCompare(b.subgroup?.code ?? '\uffff') ||
        byVietnameseName(a.unit, b.unit),
    );
}

/**
 * The units of today that the members of a period have become, each once with the members it
 * continues (both in Vietnamese order). `successorsOf` maps a member unit's id to its successors.
 */
export function toCurrentSuccessorsView(
  members: MembersView,
  successorsOf: ReadonlyMap<string, readonly UnitRow[]>,
): CurrentSuccessorsView {
  const memberUnits = new Map(members.members.map((m) => [m.unit.id, m.unit]));
  const bySuccessor = new Map<string, { unit: UnitView; predecessors: Map<string, UnitView> }>();
  for (const [id, unit] of memberUnits) {
    for (const s of successorsOf.get(id) ?? []) {
      const entry = bySuccessor.get(s.id) ?? { unit: toUnitView(s), predecessors: new Map() };
      entry.predecessors.set(id, unit);
      bySuccessor.set(s.id, entry);
    }
  }
  const successors = [...bySuccessor.values()]
    .map((e) => ({ unit: e.unit, predecessors: [...e.predecessors.values()].sort(byVietnameseName) }))
    .sort((a, b) => byVietnameseName(a.unit, b.unit));
  return { group: members.group, from: members.from, to: members.to, successors };
}

/** The payload of `registry.membership.changed`. */
export function membershipChanged(r: MembershipRow, change: MembershipChanged['change']): MembershipChanged {
  return {
    membershipId: r.id,
    groupId: r.group_id,
    unitId: r.unit_id,
    subgroupId: r.subgroup_id,
    validFrom: r.valid_from,
    validTo: r.valid_to,
    change,
  };
}

import { GroupKind, GroupView, OrganiserKind, SubgroupView } from '@tdkt/contracts';
import type { GroupRow, SubgroupRow } from './groups.repository';

/** Rows of the groups feature as the contracts show them (pure). */

export function toGroupView(r: GroupRow): GroupView {
  return {
    id: r.id,
    code: r.code,
    name: r.name,
    kind: r.kind as GroupKind,
    organiserKind: r.organiser_kind as OrganiserKind,
    organiserUnitId: r.organiser_unit_id,
    validFrom: r.valid_from,
    validTo: r.valid_to,
  };
}

export function toSubgroupView(r: SubgroupRow): SubgroupView {
  return { id: r.id, groupId: r.group_id, code: r.code, name: r.name };
}

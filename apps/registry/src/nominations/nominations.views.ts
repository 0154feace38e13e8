import {
  LeadershipRole,
  NominationMethod,
  NominationsView,
  NominationView,
  UnitRefView,
} from '@tdkt/contracts';
import type { UnitRefRow } from '../conferences/conferences.repository';
import { toUnitRef } from '../conferences/conferences.views';
import type { NominationRow } from './nominations.repository';

/** Rows of the nominations feature as the contracts show them (pure). */

export function toNominationsView(
  groupId: string,
  year: number,
  rows: readonly NominationRow[],
  units: ReadonlyMap<string, UnitRefRow>,
): NominationsView {
  const ref = (id: string): UnitRefView => {
    const u = units.get(id);
    return u ? toUnitRef(u) : { id, code: '', name: '' };
  };
  const one = (role: LeadershipRole): NominationView | null => {
    const row = rows.find((x) => x.role === role);
    if (!row) return null;
    return {
      role,
      unit: { id: row.unit_id, code: row.unit_code, name: row.unit_name },
      method: row.method as NominationMethod,
      candidates: row.candidates.map((c) => ({ unit: ref(c.unitId), votes: c.votes })),
      nominatedAt: new Date(row.nominated_at).toISOString(),
      confirmedOn: row.confirmed_on,
    };
  };
  return {
    groupId,
    year,
    forYear: year + 1,
    chair: one(LeadershipRole.CHAIR),
    viceChair: one(LeadershipRole.VICE_CHAIR),
  };
}

/** The candidate ids of a view's rows (for one read of their names). */
export function candidateIds(rows: readonly NominationRow[]): string[] {
  return [...new Set(rows.flatMap((r) => r.candidates.map((c) => c.unitId)))];
}

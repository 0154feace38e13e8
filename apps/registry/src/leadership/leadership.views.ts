import { ChosenBy, LeadershipChanged, LeadershipRole, LeadershipView, LeaderView } from '@tdkt/contracts';
import { toUnitView } from '../units/units.views';
import type { LeaderRow } from './leadership.repository';

/** Rows of the leadership feature as the contracts show them (pure). */

/** A group-year's chair and vice-chair (null where none is set). */
export function toLeadershipView(groupId: string, year: number, rows: readonly LeaderRow[]): LeadershipView {
  const leader = (role: LeadershipRole): LeaderView | null => {
    const row = rows.find((x) => x.role === role);
    return row
      ? { role, unit: toUnitView(row), chosenBy: row.chosen_by as ChosenBy, decidedOn: row.decided_on }
      : null;
  };
  return {
    groupId,
    year,
    chair: leader(LeadershipRole.CHAIR),
    viceChair: leader(LeadershipRole.VICE_CHAIR),
  };
}

/** The payload of `registry.leadership.changed`. */
export function leadershipChanged(view: LeadershipView): LeadershipChanged {
  return {
    groupId: view.groupId,
    year: view.year,
    chairUnitId: view.chair?.unit.id ?? null,
    viceChairUnitId: view.viceChair?.unit.id ?? null,
  };
}

import { UnitChanged, UnitHistoryView, UnitKind, UnitView } from '@tdkt/contracts';
import type { SuccessionRow, UnitRow } from './units.repository';

/** Rows of the units feature as the contracts show them (pure). */

export function toUnitView(r: UnitRow): UnitView {
  return {
    id: r.id,
    code: r.code,
    name: r.name,
    kind: r.kind as UnitKind,
    parentId: r.parent_id,
    validFrom: r.valid_from,
    validTo: r.valid_to,
  };
}

const collator = new Intl.Collator('vi', { sensitivity: 'base' });

/** Vietnamese alphabetical order of names (Đ after D, tones ignored first). */
export const byVietnameseName = (a: { name: string }, b: { name: string }): number =>
  collator.compare(a.name, b.name);

/** The payload of `registry.unit.changed` for a unit as it now is. */
export function unitChanged(r: UnitRow, change: UnitChanged['change'], successorIds?: string[]): UnitChanged {
  const event: UnitChanged = {
    unitId: r.id,
    code: r.code,
    name: r.name,
    validFrom: r.valid_from,
    validTo: r.valid_to,
    change,
  };
  if (successorIds) event.successorIds = successorIds;
  return event;
}

/**
 * A unit's history: its direct predecessors (alphabetical), its direct successors (as stored), and
 * the units of today it has become. `related` holds every unit the edges name.
 */
export function toUnitHistoryView(
  unit: UnitRow,
  predecessors: readonly SuccessionRow[],
  successors: readonly SuccessionRow[],
  related: ReadonlyMap<string, UnitRow>,
  current: readonly UnitRow[],
): UnitHistoryView {
  const link = (id: string, effectiveOn: string) => ({
    unit: toUnitView(related.get(id) as UnitRow),
    effectiveOn,
  });
  return {
    unit: toUnitView(unit),
    predecessors: predecessors
      .map((p) => link(p.predecessor_id, p.effective_on))
      .sort((a, b) => byVietnameseName(a.unit, b.unit)),
    successors: successors.map((s) => link(s.successor_id, s.effective_on)),
    currentSuccessors: current.map(toUnitView),
  };
}

/**
 * Unit succession (mergers). History is never rewritten: a unit that ends keeps its name and dates,
 * and links to the unit(s) that take over from `effectiveOn`.
 */

export interface SuccessionEdge {
  predecessorId: string;
  successorId: string;
  effectiveOn: string;
}

export interface UnitValidity {
  id: string;
  validFrom: string | null;
  validTo: string | null;
}

function isValidOn(unit: UnitValidity, date: string): boolean {
  return (
    (unit.validFrom === null || unit.validFrom <= date) && (unit.validTo === null || unit.validTo >= date)
  );
}

/**
 * The units valid on `date` that a unit has become, following succession links transitively.
 * A unit still valid on `date` is its own current successor. Each result appears once, in the
 * order first reached. Cycles in bad data are ignored, never looped on.
 */
export function currentSuccessors(
  unitId: string,
  date: string,
  units: ReadonlyMap<string, UnitValidity>,
  successorsOf: ReadonlyMap<string, readonly SuccessionEdge[]>,
): string[] {
  const result: string[] = [];
  const seen = new Set<string>();
  const queue: string[] = [unitId];
  while (queue.length > 0) {
    const id = queue.shift() as string;
    if (seen.has(id)) continue;
    seen.add(id);
    const unit = units.get(id);
    if (unit && isValidOn(unit, date)) {
      result.push(id);
      continue;
    }
    for (const edge of successorsOf.get(id) ?? []) {
      if (edge.effectiveOn <= date) queue.push(edge.successorId);
    }
  }
  return result;
}

/**
 * Checks a new succession link: the predecessor must end the day before the successor takes over,
 * and the successor must be valid from that day. Returns the problems (empty when acceptable).
 */
export function checkSuccession(
  predecessor: UnitValidity,
  successor: UnitValidity,
  effectiveOn: string,
): { field: string; message: string }[] {
  const problems: { field: string; message: string }[] = [];
  if (predecessor.id === successor.id) {
    problems.push({ field: 'successorId', message: 'một đơn vị không thể kế thừa chính nó' });
  }
  if (successor.validFrom !== null && successor.validFrom > effectiveOn) {
    problems.push({ field: 'effectiveOn', message: `đơn vị kế thừa chỉ có từ ngày ${successor.validFrom}` });
  }
  if (successor.validTo !== null && successor.validTo < effectiveOn) {
    problems.push({ field: 'effectiveOn', message: `đơn vị kế thừa đã kết thúc ngày ${successor.validTo}` });
  }
  if (predecessor.validFrom !== null && predecessor.validFrom >= effectiveOn) {
    problems.push({ field: 'effectiveOn', message: 'phải sau ngày đơn vị tiền nhiệm bắt đầu' });
  }
  return problems;
}

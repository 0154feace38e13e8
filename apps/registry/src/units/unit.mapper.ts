import { UnitKind, UnitView } from '@tdkt/contracts';

/** A units row as selected by the registry's SQL (snake_case columns). */
export interface UnitRow {
  id: string;
  code: string;
  name: string;
  kind: string;
  parent_id: string | null;
  valid_from: string | null;
  valid_to: string | null;
}

export const UNIT_COLUMNS = 'u.id, u.code, u.name, u.kind, u.parent_id, u.valid_from, u.valid_to';

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
export const byVietnameseName = (a: { name: string }, b: { name: string }): number =>
  collator.compare(a.name, b.name);

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** `WHERE` clause and parameter for a path id that may be the UUID or the code. */
export function idOrCode(alias: string, value: string): { sql: string; param: string } {
  return UUID.test(value)
    ? { sql: `${alias}.id = $1`, param: value.toLowerCase() }
    : { sql: `${alias}.code = $1`, param: value };
}

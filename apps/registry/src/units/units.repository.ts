import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { CreateUnitDto, EventEnvelope, ListUnitsQuery, RegistryEvents, UnitChanged } from '@tdkt/contracts';
import { escapeLike, fold, nfc } from '@tdkt/domain';
import { Batcher, inKeyedRequest, makeEnvelope, prepared } from '@tdkt/platform';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { SCHEMA } from '../database/entities';

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

/** The columns of a `UnitRow`, from `units u` (the memberships and leadership queries join them). */
export const UNIT_COLUMNS = 'u.id, u.code, u.name, u.kind, u.parent_id, u.valid_from, u.valid_to';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** `WHERE` condition and parameter ($1) for a path id that may be the UUID or the code. */
export function idOrCode(alias: string, value: string): { sql: string; param: string } {
  return UUID.test(value)
    ? { sql: `${alias}.id = $1`, param: value.toLowerCase() }
    : { sql: `${alias}.code = $1`, param: value };
}

export interface SuccessionRow {
  predecessor_id: string;
  successor_id: string;
  effective_on: string;
}

interface NewUnit {
  row: UnitRow;
  event: EventEnvelope<UnitChanged>;
}

/** All SQL of units and their succession (the `units` and `unit_successions` tables). */
@Injectable()
export class UnitsRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  async find(id: string, m: EntityManager | DataSource = this.ds): Promise<UnitRow | undefined> {
    const w = idOrCode('u', id);
    const rows: UnitRow[] = await m.query(`SELECT ${UNIT_COLUMNS} FROM ${SCHEMA}.units u WHERE ${w.sql}`, [
      w.param,
    ]);
    return rows[0];
  }

  async list(q: ListUnitsQuery): Promise<{ rows: UnitRow[]; total: number }> {
    const where: string[] = [];
    const params: unknown[] = [];
    let rank = '';
    if (q.q) {
      const folded = escapeLike(fold(q.q));
      params.push(`%${folded}%`, `${folded}%`);
      where.push(`u.name_search LIKE $1`);
      // A name that starts with the query ranks before one that only contains it.
      rank = `(u.name_search NOT LIKE $2), `;
    }
    if (q.kind) {
      params.push(q.kind);
      where.push(`u.kind = $${params.length}`);
    }
    if (q.on) {
      params.push(q.on);
      const p = `$${params.length}`;
      where.push(
        `(u.valid_from IS NULL OR u.valid_from <= ${p}) AND (u.valid_to IS NULL OR u.valid_to >= ${p})`,
      );
    }
    if (q.parentId) {
      params.push(q.parentId);
      where.push(`u.parent_id = $${params.length}`);
    }
    const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
    params.push(q.limit ?? 50, q.offset ?? 0);
    const rows: (UnitRow & { total: number })[] = await this.ds.query(
      `SELECT ${UNIT_COLUMNS}, count(*) OVER ()::int AS total FROM ${SCHEMA}.units u ${clause}
       ORDER BY ${rank}u.name_search, u.valid_from NULLS FIRST LIMIT $${params.length - 1} OFFSET $${params.length}`,
      params,
    );
    return { rows, total: rows[0]?.total ?? 0 };
  }

  /**
   * Inserts the unit and its event (`registry.unit.changed`) atomically. Creates arriving together
   * go in one group commit: one statement (named, prepared once per connection), one round trip and
   * one commit for all of them; the ids are made here so each event is complete.
   */
  create(dto: CreateUnitDto): Promise<UnitRow> {
    const name = nfc(dto.name);
    const row: UnitRow = {
      id: randomUUID(),
      code: dto.code,
      name,
      kind: dto.kind,
      parent_id: dto.parentId ?? null,
      valid_from: dto.validFrom ?? null,
      valid_to: dto.validTo ?? null,
    };
    const event = makeEnvelope<UnitChanged>(RegistryEvents.unitChanged, {
      unitId: row.id,
      code: row.code,
      name,
      validFrom: row.valid_from,
      validTo: row.valid_to,
      change: 'CREATED',
    });
    // A keyed create (Idempotency-Key) runs in its own transaction, which keeps the key with it;
    // a group commit serves many callers and carries none.
    if (inKeyedRequest())
      return this.ds.transaction(async (m) => {
        await this.insertMany([{ row, event }], m);
        return row;
      });
    return this.creates.add({ row, event }).then(() => row);
  }

  /**
   * One statement for every unit of the batch. If it fails (a duplicate code, an unknown parent),
   * each unit is inserted alone so that only the bad one fails, with its own error.
   */
  private readonly creates = new Batcher<NewUnit, true>(
    async (items) => {
      await this.insertMany(items);
      return items.map(() => true as const);
    },
    { maxBatch: 64, concurrency: 4, alone: true },
  );

  private async insertMany(items: NewUnit[], m?: EntityManager): Promise<void> {
    const col = <T>(f: (x: NewUnit) => T) => items.map(f);
    const run = (name: string, sql: string, params: unknown[]): Promise<unknown> =>
      m ? m.query(sql, params) : prepared(this.ds, name, sql, params);
    await run(
      'registry_units_create',
      `WITH u AS (
         INSERT INTO ${SCHEMA}.units (id, code, name, name_search, kind, parent_id, valid_from, valid_to)
         SELECT * FROM unnest($1::uuid[], $2::varchar[], $3::varchar[], $4::varchar[], $5::varchar[], $6::uuid[],
                              $7::date[], $8::date[])
         RETURNING id)
       INSERT INTO ${SCHEMA}.outbox (id, subject, envelope)
       SELECT e.id, e.subject, e.envelope FROM unnest($9::uuid[], $10::varchar[], $11::jsonb[], $1::uuid[]) AS e(id, subject, envelope, unit_id)
       JOIN u ON u.id = e.unit_id`,
      [
        col((x) => x.row.id),
        col((x) => x.row.code),
        col((x) => x.row.name),
        col((x) => fold(x.row.name)),
        col((x) => x.row.kind),
        col((x) => x.row.parent_id),
        col((x) => x.row.valid_from),
        col((x) => x.row.valid_to),
        col((x) => x.event.id),
        col((x) => x.event.subject),
        col((x) => JSON.stringify(x.event)),
      ],
    );
  }

  async update(
    m: EntityManager,
    id: string,
    patch: { name?: string; kind?: string; validTo?: string | null },
  ): Promise<UnitRow> {
    const sets: string[] = [];
    const params: unknown[] = [id];
    if (patch.name !== undefined) {
      params.push(nfc(patch.name), fold(patch.name));
      sets.push(`name = $${params.length - 1}`, `name_search = $${params.length}`);
    }
    if (patch.kind !== undefined) {
      params.push(patch.kind);
      sets.push(`kind = $${params.length}`);
    }
    if (patch.validTo !== undefined) {
      params.push(patch.validTo);
      sets.push(`valid_to = $${params.length}`);
    }
    sets.push('updated_at = now()');
    const rows: [UnitRow[], number] = await m.query(
      `UPDATE ${SCHEMA}.units SET ${sets.join(', ')} WHERE id = $1 RETURNING ${UNIT_COLUMNS.replace(/u\./g, '')}`,
      params,
    );
    return rows[0][0];
  }

  async byIds(ids: string[]): Promise<Map<string, UnitRow>> {
    if (ids.length === 0) return new Map();
    const rows: UnitRow[] = await this.ds.query(
      `SELECT ${UNIT_COLUMNS} FROM ${SCHEMA}.units u WHERE u.id = ANY($1::uuid[])`,
      [ids],
    );
    return new Map(rows.map((r) => [r.id, r]));
  }

  async predecessorsOf(id: string): Promise<SuccessionRow[]> {
    return this.ds.query(
      `SELECT * FROM ${SCHEMA}.unit_successions WHERE successor_id = $1 ORDER BY effective_on`,
      [id],
    );
  }

  /** Every succession edge reachable forward from `ids` (the whole chain of mergers). */
  async successionsFrom(ids: string[]): Promise<SuccessionRow[]> {
    if (ids.length === 0) return [];
    return this.ds.query(
      `WITH RECURSIVE chain AS (
         SELECT s.* FROM ${SCHEMA}.unit_successions s WHERE s.predecessor_id = ANY($1::uuid[])
         UNION
         SELECT s.* FROM ${SCHEMA}.unit_successions s JOIN chain c ON s.predecessor_id = c.successor_id
       ) SELECT predecessor_id, successor_id, effective_on FROM chain`,
      [ids],
    );
  }

  async insertSuccession(
    m: EntityManager,
    predecessorId: string,
    successorId: string,
    effectiveOn: string,
  ): Promise<void> {
    await m.query(
      `INSERT INTO ${SCHEMA}.unit_successions (predecessor_id, successor_id, effective_on) VALUES ($1, $2, $3)`,
      [predecessorId, successorId, effectiveOn],
    );
  }

  transaction<T>(work: (m: EntityManager) => Promise<T>): Promise<T> {
    return this.ds.transaction(work);
  }
}

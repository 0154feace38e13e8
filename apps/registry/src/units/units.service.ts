import { Injectable } from '@nestjs/common';
import {
  CreateSuccessionDto,
  CreateUnitDto,
  ListUnitsQuery,
  Page,
  RegistryEvents,
  UnitHistoryView,
  UnitView,
  UpdateUnitDto,
} from '@tdkt/contracts';
import {
  addDays,
  checkSuccession,
  currentSuccessors,
  fold,
  isValidDate,
  SuccessionEdge,
  todayInVietnam,
} from '@tdkt/domain';
import { addToOutbox, AppError, makeEnvelope, mapPgError } from '@tdkt/platform';
import { SCHEMA } from '../database/entities';
import { byVietnameseName, toUnitView, UnitRow } from './unit.mapper';
import { SuccessionRow, UnitsRepository } from './units.repository';

function checkDates(
  from: string | null | undefined,
  to: string | null | undefined,
  fromField = 'validFrom',
  toField = 'validTo',
): void {
  if (from && !isValidDate(from)) throw AppError.field(fromField, 'is not a calendar date');
  if (to && !isValidDate(to)) throw AppError.field(toField, 'is not a calendar date');
  if (from && to && to < from) throw AppError.field(toField, `must not be before ${fromField}`);
}

export { checkDates };

/**
 * A name is stored with its folded form for search, in a column as long as the name's: a name whose
 * fold is longer (e.g. Hangul, which decomposes into letters) is refused here, not by the database.
 */
export function checkName(name: string | undefined, max: number, field = 'name'): void {
  if (name !== undefined && fold(name).length > max)
    throw AppError.field(field, `is longer than ${max} characters once folded for search`);
}

function toEdges(rows: SuccessionRow[]): Map<string, SuccessionEdge[]> {
  const map = new Map<string, SuccessionEdge[]>();
  for (const r of rows) {
    const list = map.get(r.predecessor_id) ?? [];
    list.push({ predecessorId: r.predecessor_id, successorId: r.successor_id, effectiveOn: r.effective_on });
    map.set(r.predecessor_id, list);
  }
  return map;
}

@Injectable()
export class UnitsService {
  constructor(private readonly repo: UnitsRepository) {}

  async get(id: string): Promise<UnitRow> {
    const unit = await this.repo.find(id);
    if (!unit) throw AppError.notFound(`Không tìm thấy đơn vị ${id}`);
    return unit;
  }

  async list(q: ListUnitsQuery): Promise<Page<UnitView>> {
    const { rows, total } = await this.repo.list(q);
    return { items: rows.map(toUnitView), total, limit: q.limit ?? 50, offset: q.offset ?? 0 };
  }

  async create(dto: CreateUnitDto): Promise<UnitView> {
    checkDates(dto.validFrom, dto.validTo);
    checkName(dto.name, 200);
    try {
      return toUnitView(await this.repo.create(dto));
    } catch (e) {
      throw mapPgError(e, { code: 'code', parent_id: 'parentId', units_code_key: 'code' });
    }
  }

  async update(id: string, patch: UpdateUnitDto): Promise<UnitView> {
    checkName(patch.name, 200);
    const unit = await this.get(id);
    checkDates(unit.valid_from, patch.validTo);
    return this.repo.transaction(async (m) => {
      const row = await this.repo.update(m, unit.id, patch);
      await addToOutbox(m, SCHEMA, [
        makeEnvelope(RegistryEvents.unitChanged, {
          unitId: row.id,
          code: row.code,
          name: row.name,
          validFrom: row.valid_from,
          validTo: row.valid_to,
          change: 'UPDATED',
        }),
      ]);
      return toUnitView(row);
    });
  }

  /** The units valid `on` (default today in Vietnam) that each of `ids` has become. */
  async currentSuccessorsOf(ids: string[], on = todayInVietnam()): Promise<Map<string, UnitRow[]>> {
    const edges = await this.repo.successionsFrom(ids);
    const reachable = new Set<string>(ids);
    for (const e of edges) reachable.add(e.successor_id);
    const units = await this.repo.byIds([...reachable]);
    const validity = new Map(
      [...units.values()].map((u) => [u.id, { id: u.id, validFrom: u.valid_from, validTo: u.valid_to }]),
    );
    const graph = toEdges(edges);
    const out = new Map<string, UnitRow[]>();
    for (const id of ids) {
      out.set(
        id,
        currentSuccessors(id, on, validity, graph).map((s) => units.get(s) as UnitRow),
      );
    }
    return out;
  }

  async history(id: string): Promise<UnitHistoryView> {
    const unit = await this.get(id);
    const [preds, forward] = await Promise.all([
      this.repo.predecessorsOf(unit.id),
      this.repo.successionsFrom([unit.id]),
    ]);
    const direct = forward.filter((e) => e.predecessor_id === unit.id);
    const related = await this.repo.byIds([
      ...preds.map((p) => p.predecessor_id),
      ...direct.map((d) => d.successor_id),
    ]);
    const current = await this.currentSuccessorsOf([unit.id]);
    const link = (uid: string, effectiveOn: string) => ({
      unit: toUnitView(related.get(uid) as UnitRow),
      effectiveOn,
    });
    return {
      unit: toUnitView(unit),
      predecessors: preds
        .map((p) => link(p.predecessor_id, p.effective_on))
        .sort((a, b) => byVietnameseName(a.unit, b.unit)),
      successors: direct.map((d) => link(d.successor_id, d.effective_on)),
      currentSuccessors: (current.get(unit.id) ?? []).map(toUnitView),
    };
  }

  /**
   * Records that `predecessor` continues as `successor` from `effectiveOn`. The predecessor ends the
   * day before (its end date is set if it had none); nothing else about it changes.
   */
  async addSuccession(dto: CreateSuccessionDto): Promise<UnitHistoryView> {
    if (!isValidDate(dto.effectiveOn)) throw AppError.field('effectiveOn', 'is not a calendar date');
    const [pred, succ] = await Promise.all([
      this.repo.find(dto.predecessorId),
      this.repo.find(dto.successorId),
    ]);
    if (!pred) throw AppError.field('predecessorId', 'no such unit');
    if (!succ) throw AppError.field('successorId', 'no such unit');
    const problems = checkSuccession(
      { id: pred.id, validFrom: pred.valid_from, validTo: pred.valid_to },
      { id: succ.id, validFrom: succ.valid_from, validTo: succ.valid_to },
      dto.effectiveOn,
    );
    if (problems.length > 0) throw AppError.validation(problems);
    const endOn = addDays(dto.effectiveOn, -1);
    if (pred.valid_to !== null && pred.valid_to !== endOn) {
      throw AppError.conflict(
        `the predecessor already ends on ${pred.valid_to}, not ${endOn}`,
        'effectiveOn',
      );
    }
    await this.repo.transaction(async (m) => {
      try {
        await this.repo.insertSuccession(m, pred.id, succ.id, dto.effectiveOn);
      } catch (e) {
        throw mapPgError(e, { predecessor_id: 'predecessorId' });
      }
      const updated = pred.valid_to === null ? await this.repo.update(m, pred.id, { validTo: endOn }) : pred;
      await addToOutbox(m, SCHEMA, [
        makeEnvelope(RegistryEvents.unitChanged, {
          unitId: updated.id,
          code: updated.code,
          name: updated.name,
          validFrom: updated.valid_from,
          validTo: updated.valid_to,
          change: 'SUCCEEDED',
          successorIds: [succ.id],
        }),
      ]);
    });
    return this.history(pred.id);
  }
}

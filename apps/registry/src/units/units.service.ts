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
  isValidDate,
  SuccessionEdge,
  todayInVietnam,
} from '@tdkt/domain';
import { addToOutbox, AppError, makeEnvelope } from '@tdkt/platform';
import { SCHEMA } from '../database/entities';
import { constraintError } from '../errors';
import { checkDates, checkName } from '../validation';
import { SuccessionRow, UnitRow, UnitsRepository } from './units.repository';
import { toUnitHistoryView, toUnitView, unitChanged } from './units.views';

function toEdges(rows: SuccessionRow[]): Map<string, SuccessionEdge[]> {
  const map = new Map<string, SuccessionEdge[]>();
  for (const r of rows) {
    const list = map.get(r.predecessor_id) ?? [];
    list.push({ predecessorId: r.predecessor_id, successorId: r.successor_id, effectiveOn: r.effective_on });
    map.set(r.predecessor_id, list);
  }
  return map;
}

/**
 * Units and their succession (mergers). Changes to units are the central board's, decided by the
 * gateway's guard (MANAGE_UNITS); the registry keeps the rules of the data.
 */
@Injectable()
export class UnitsService {
  constructor(private readonly repo: UnitsRepository) {}

  /** The unit by UUID or code, or UNIT_NOT_FOUND. */
  async load(id: string): Promise<UnitRow> {
    const unit = await this.repo.find(id);
    if (!unit) throw AppError.of('UNIT_NOT_FOUND', { id });
    return unit;
  }

  async get(id: string): Promise<UnitView> {
    return toUnitView(await this.load(id));
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
      throw constraintError(
        e,
        { code: 'code', parent_id: 'parentId', units_code_key: 'code' },
        { code: 'UNIT_CODE_TAKEN', parentId: 'UNIT_PARENT_NOT_FOUND' },
        { code: dto.code, parentId: dto.parentId },
      );
    }
  }

  async update(id: string, patch: UpdateUnitDto): Promise<UnitView> {
    checkName(patch.name, 200);
    const unit = await this.load(id);
    checkDates(unit.valid_from, patch.validTo);
    return this.repo.transaction(async (m) => {
      const row = await this.repo.update(m, unit.id, patch);
      await addToOutbox(m, SCHEMA, [makeEnvelope(RegistryEvents.unitChanged, unitChanged(row, 'UPDATED'))]);
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
    const unit = await this.load(id);
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
    return toUnitHistoryView(unit, preds, direct, related, current.get(unit.id) ?? []);
  }

  /**
   * Records that `predecessor` continues as `successor` from `effectiveOn`. The predecessor ends the
   * day before (its end date is set if it had none); nothing else about it changes.
   */
  async addSuccession(dto: CreateSuccessionDto): Promise<UnitHistoryView> {
    if (!isValidDate(dto.effectiveOn)) throw AppError.rule('effectiveOn', 'isCalendarDate');
    const [pred, succ] = await Promise.all([
      this.repo.find(dto.predecessorId),
      this.repo.find(dto.successorId),
    ]);
    if (!pred) throw AppError.of('SUCCESSION_UNIT_NOT_FOUND', { id: dto.predecessorId }, 'predecessorId');
    if (!succ) throw AppError.of('SUCCESSION_UNIT_NOT_FOUND', { id: dto.successorId }, 'successorId');
    const problems = checkSuccession(
      { id: pred.id, validFrom: pred.valid_from, validTo: pred.valid_to },
      { id: succ.id, validFrom: succ.valid_from, validTo: succ.valid_to },
      dto.effectiveOn,
    );
    if (problems.length > 0) {
      const detail = problems.map((p) => p.message).join('; ');
      const { body } = AppError.of('SUCCESSION_DATES_INVALID', { effectiveOn: dto.effectiveOn, detail });
      throw new AppError({ ...body, errors: problems });
    }
    const endOn = addDays(dto.effectiveOn, -1);
    if (pred.valid_to !== null && pred.valid_to !== endOn) {
      throw AppError.of(
        'SUCCESSION_PREDECESSOR_ENDS_OTHERWISE',
        { validTo: pred.valid_to, endOn },
        'effectiveOn',
      );
    }
    await this.repo.transaction(async (m) => {
      try {
        await this.repo.insertSuccession(m, pred.id, succ.id, dto.effectiveOn);
      } catch (e) {
        // The primary key (predecessor, successor): this succession is already recorded.
        throw constraintError(
          e,
          { PK_1a338b2ba4f05764e758aba7c29: 'successorId', predecessor_id: 'predecessorId' },
          { successorId: 'SUCCESSION_EXISTS' },
          { predecessorId: pred.code, successorId: succ.code },
        );
      }
      const updated = pred.valid_to === null ? await this.repo.update(m, pred.id, { validTo: endOn }) : pred;
      await addToOutbox(m, SCHEMA, [
        makeEnvelope(RegistryEvents.unitChanged, unitChanged(updated, 'SUCCEEDED', [succ.id])),
      ]);
    });
    return this.history(pred.id);
  }
}

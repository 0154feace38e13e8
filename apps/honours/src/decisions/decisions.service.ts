import { Inject, Injectable } from '@nestjs/common';
import {
  DecisionListRequest,
  DecisionRecordRequest,
  DecisionRequest,
  DecisionView,
  ErrorCode,
  HonoursEvents,
  Page,
  RecipientKindOfAward,
} from '@tdkt/contracts';
import {
  awardFormProblem,
  fold,
  Grant,
  holdsEverywhere,
  matchGrants,
  mayReadDecision,
  mayRecordDecisions,
} from '@tdkt/domain';
import {
  AppError,
  makeEnvelope,
  passOn,
  REGISTRY_CLIENT,
  RegistryClient,
  RpcCallError,
} from '@tdkt/platform';
import { randomUUID } from 'node:crypto';
import { authorize } from '../access';
import { DecisionAwardRow, DecisionRow, DecisionsRepository } from './decisions.repository';
import { decisionRecorded, decisionView } from './decisions.views';

/** The same number written with other spacing or case is the same number. */
const numberKey = (n: string) => fold(n).replace(/\s+/g, '');
const authorityKey = (a: string) => fold(a).replace(/\s+/g, ' ').trim();

const INVALID_REASON = {
  NOT_GRANTABLE: 'DECISION_DOSSIER_NOT_GRANTABLE',
  MISMATCH: 'DECISION_DOSSIER_MISMATCH',
  TWICE: 'DECISION_DOSSIER_TWICE',
} as const;

/** How many registry unit lookups a decision runs at once (a decision may name hundreds of units). */
const UNIT_LOOKUPS = 8;

/**
 * Decisions (the board's): checked whole before anything is written, then one transaction writes
 * the decision, its lines, the dossiers it decides (and, for a correction, those it no longer
 * decides) and the `honours.decision.recorded` event that awards turns into award records.
 */
@Injectable()
export class DecisionsService {
  constructor(
    private readonly repo: DecisionsRepository,
    @Inject(REGISTRY_CLIENT) private readonly registry: RegistryClient,
  ) {}

  async record(r: DecisionRecordRequest): Promise<DecisionView> {
    authorize(r.actor, mayRecordDecisions);
    const b = r.body;
    b.awards.forEach((a, i) => {
      const problem = awardFormProblem(a.award, b.signedOn);
      if (problem)
        throw AppError.of(
          problem === 'UNKNOWN' ? 'DECISION_AWARD_UNKNOWN' : 'DECISION_AWARD_NOT_IN_FORCE',
          { award: a.award, on: b.signedOn },
          `awards[${i}].award`,
        );
    });
    const seen = new Set<string>();
    b.awards.forEach((a, i) => {
      const key = `${a.award}|${a.recipientUnitId}|${a.recipientName ? fold(a.recipientName) : ''}`;
      if (seen.has(key)) throw AppError.of('DECISION_LINE_TWICE', { line: i + 1 }, `awards[${i}]`);
      seen.add(key);
    });
    const names = await this.unitNames(b.awards.map((a) => a.recipientUnitId));
    const keys = { number_key: numberKey(b.number), authority_key: authorityKey(b.authority) };
    const taken = await this.repo.byNumber(keys.authority_key, keys.number_key);
    if (taken) throw this.numberTaken(r, taken.id);

    const id = randomUUID();
    await this.repo.transaction(async (m) => {
      if (b.corrects) {
        if (!(await this.repo.lock(m, b.corrects)))
          throw AppError.of('DECISION_CORRECTED_NOT_FOUND', { id: b.corrects }, 'corrects');
        const by = await this.repo.correctedBy(m, b.corrects);
        if (by) throw AppError.of('DECISION_ALREADY_CORRECTED', { id: b.corrects, by }, 'corrects');
      }
      const grantable = await this.repo.grantable(m, [...names.keys()], b.corrects ?? null);
      const check = matchGrants(
        b.awards.map((a) => ({
          award: a.award,
          recipientUnitId: a.recipientUnitId,
          dossierId: a.dossierId ?? null,
        })),
        grantable.map((g) => ({ id: g.id, memberUnitId: g.member_unit_id, awardForm: g.award_form })),
      );
      const bad = check.invalid[0];
      if (bad)
        throw AppError.of(
          INVALID_REASON[bad.why],
          { id: b.awards[bad.line].dossierId },
          `awards[${bad.line}].dossierId`,
        );
      if (check.beyond.length && !b.override)
        throw AppError.of('DECISION_BEYOND_PROPOSED', { count: check.beyond.length }, 'override');
      const row: DecisionRow = {
        id,
        number: b.number,
        signed_on: b.signedOn,
        authority: b.authority,
        signer_name: b.signerName,
        signer_title: b.signerTitle ?? null,
        title: b.title ?? null,
        corrects: b.corrects ?? null,
        corrected_by: null,
        override_reason: b.override?.reason ?? null,
        override_by: b.override ? r.actor.userId : null,
        recorded_by: r.actor.userId,
        recorded_at: new Date(),
      };
      if (!(await this.repo.insert(m, { ...row, ...keys }))) {
        const other = await this.repo.byNumber(keys.authority_key, keys.number_key);
        throw this.numberTaken(r, other?.id ?? '');
      }
      const beyond = new Set(check.beyond);
      const lines: DecisionAwardRow[] = b.awards.map((a, i) => ({
        decision_id: id,
        line: i + 1,
        award: a.award,
        recipient_kind: a.recipientName ? RecipientKindOfAward.INDIVIDUAL : RecipientKindOfAward.COLLECTIVE,
        recipient_unit_id: a.recipientUnitId,
        recipient_unit_name: names.get(a.recipientUnitId) as string,
        recipient_name: a.recipientName ?? null,
        dossier_id: check.dossierOf[i],
        beyond_proposed: beyond.has(i),
      }));
      await this.repo.insertAwards(m, lines);
      const decided = check.dossierOf.filter((x): x is string => x !== null);
      const before = grantable.filter((g) => g.state === 'DECIDED').map((g) => g.id);
      await this.repo.undecide(
        m,
        before.filter((x) => !decided.includes(x)),
        r.actor.userId,
      );
      await this.repo.decide(m, decided, id, r.actor.userId);
      await this.repo.announce(m, [
        makeEnvelope(HonoursEvents.decisionRecorded, decisionRecorded(row, lines)),
      ]);
    });
    return this.view(id);
  }

  async get(r: DecisionRequest): Promise<DecisionView> {
    const d = await this.repo.get(r.id);
    if (!d) throw AppError.of('DECISION_NOT_FOUND', { id: r.id });
    const lines = await this.repo.awards([d.id]);
    authorize(r.actor, (g) =>
      mayReadDecision(
        g,
        lines.map((l) => l.recipient_unit_id),
      ),
    );
    return decisionView(d, lines);
  }

  /** The board: every decision; a unit officer: those granting its unit. */
  async list(r: DecisionListRequest): Promise<Page<DecisionView>> {
    const grants = r.actor.roles as Grant[];
    const units = grants.filter((g) => g.role === 'UNIT_OFFICER' && g.unitId).map((g) => g.unitId as string);
    if (!holdsEverywhere(grants) && units.length === 0) authorize(r.actor, (g) => mayReadDecision(g, []));
    const limit = r.limit ?? 50;
    const offset = r.offset ?? 0;
    const { rows, total } = await this.repo.list(holdsEverywhere(grants) ? null : units, limit, offset);
    const lines = await this.repo.awards(rows.map((d) => d.id));
    return { items: rows.map((d) => decisionView(d, lines)), total, limit, offset };
  }

  private async view(id: string): Promise<DecisionView> {
    const d = await this.repo.get(id);
    if (!d) throw AppError.of('DECISION_NOT_FOUND', { id });
    return decisionView(d, await this.repo.awards([id]));
  }

  private numberTaken(r: DecisionRecordRequest, id: string): AppError {
    return AppError.of(
      'DECISION_NUMBER_TAKEN',
      { authority: r.body.authority, number: r.body.number, id },
      'number',
    );
  }

  /** The recipients' names from the registry; an unknown unit is a 422 naming its line. */
  private async unitNames(ids: string[]): Promise<Map<string, string>> {
    const names = new Map<string, string>();
    // The registry reads one unit per request (cached): at most UNIT_LOOKUPS at a time.
    const distinct = [...new Set(ids)];
    const lookup = async (id: string) => {
      try {
        names.set(id, (await this.registry.unitGet({ id })).name);
      } catch (e) {
        if (e instanceof RpcCallError && e.body.code === ErrorCode.NOT_FOUND)
          throw AppError.of(
            'DECISION_RECIPIENT_UNKNOWN',
            { id },
            `awards[${ids.indexOf(id)}].recipientUnitId`,
          );
        throw passOn(e);
      }
    };
    let next = 0;
    const worker = async () => {
      while (next < distinct.length) await lookup(distinct[next++]);
    };
    await Promise.all(Array.from({ length: Math.min(UNIT_LOOKUPS, distinct.length) }, worker));
    return names;
  }
}

import { Inject, Injectable } from '@nestjs/common';
import {
  DossierCreateRequest,
  DossierListRequest,
  DossierPartView,
  DossierRequest,
  DossierReturnRequest,
  DossierView,
  HonoursEvents,
  Page,
} from '@tdkt/contracts';
import {
  awardFormOfHonour,
  dossierListScope,
  DossierAction,
  DossierPartKind,
  DOSSIER_PART_TITLES,
  DOSSIER_STATE_NAMES,
  DossierState,
  honourName,
  dossierTransition,
  mayManageDossiers,
  mayReadDossier,
  mayReviewDossiers,
} from '@tdkt/domain';
import { AppError, makeEnvelope, passOn, REGISTRY_CLIENT, RegistryClient } from '@tdkt/platform';
import { randomUUID } from 'node:crypto';
import { authorize } from '../access';
import { DossierParts } from './parts';
import { DossierRow, DossiersRepository } from './dossiers.repository';
import { dossierStepped, dossierView } from './dossiers.views';

const STATE_WORDS: Record<DossierAction, string> = {
  SUBMIT: 'gửi',
  RETURN: 'trả lại',
  ACCEPT: 'tiếp nhận',
  DECIDE: 'ghi quyết định',
};

/**
 * Proposal dossiers: one per honour scoring proposed (asked of scoring at creation), its parts
 * gathered from documents, scoring and intake (fixed when submitted), and its steps, each one a
 * transaction that moves the locked row, records the step and queues its event.
 */
@Injectable()
export class DossiersService {
  constructor(
    private readonly repo: DossiersRepository,
    private readonly parts: DossierParts,
    @Inject(REGISTRY_CLIENT) private readonly registry: RegistryClient,
  ) {}

  /** The group's UUID (the path may carry its code). */
  private async groupIdOf(idOrCode: string): Promise<string> {
    const g = await this.registry.groupGet({ id: idOrCode }).catch((e) => {
      throw passOn(e);
    });
    return g.id;
  }

  /** A unit's name for a message (its id when the registry does not know it). */
  private async unitName(id: string): Promise<string> {
    return this.registry
      .unitGet({ id })
      .then((u) => u.name)
      .catch(() => id);
  }

  async create(r: DossierCreateRequest): Promise<DossierView> {
    const groupId = await this.groupIdOf(r.groupId);
    authorize(r.actor, (g) => mayManageDossiers(g, { groupId, year: r.year }));
    const honours = await this.parts.honours(r.actor, groupId, r.year);
    const mine = honours.scopes.flatMap((s) =>
      s.proposals
        .filter((p) => p.memberId === r.body.memberUnitId)
        .map((p) => ({ ...p, subgroupId: s.subgroupId })),
    );
    const proposal = mine.find((p) => p.award === r.body.award);
    if (!proposal)
      throw AppError.of(
        'DOSSIER_HONOUR_NOT_PROPOSED',
        {
          unit: mine[0]?.unitName ?? (await this.unitName(r.body.memberUnitId)),
          award: honourName(r.body.award),
          year: r.year,
        },
        mine.length ? 'award' : 'memberUnitId',
      );
    const id = randomUUID();
    const inserted = await this.repo.transaction((m) =>
      this.repo.insert(m, {
        id,
        group_id: groupId,
        year: r.year,
        member_unit_id: proposal.memberId,
        member_unit_name: proposal.unitName,
        award: proposal.award,
        award_form: awardFormOfHonour(proposal.award),
        subgroup_id: proposal.subgroupId,
        rank: proposal.rank,
        total: String(proposal.total),
        created_by: r.actor.userId,
      }),
    );
    if (!inserted) {
      const existing = await this.repo.byHonour(groupId, r.year, proposal.memberId, proposal.award);
      throw AppError.of(
        'DOSSIER_EXISTS',
        { award: honourName(proposal.award), year: r.year, id: existing?.id },
        'award',
      );
    }
    return this.view(r, await this.found(id));
  }

  async get(r: DossierRequest): Promise<DossierView> {
    const d = await this.found(r.id);
    authorize(r.actor, (g) => mayReadDossier(g, scopeOf(d)));
    return this.view(r, d);
  }

  async list(r: DossierListRequest): Promise<Page<DossierView>> {
    const groupId = await this.groupIdOf(r.groupId);
    const scope = dossierListScope(r.actor.roles as never, { groupId, year: r.year });
    if (!scope.all && scope.unitIds.length === 0)
      authorize(r.actor, (g) => mayReadDossier(g, { groupId, year: r.year, memberUnitId: '' }));
    const limit = r.limit ?? 50;
    const offset = r.offset ?? 0;
    const { rows, total } = await this.repo.list(
      groupId,
      r.year,
      scope.all ? null : scope.unitIds,
      r.state ?? null,
      limit,
      offset,
    );
    const steps = await this.repo.steps(rows.map((d) => d.id));
    // The group-year's parts are asked once for the page; the achievement report per member.
    const live = rows.filter((d) => !d.parts);
    const [shared, reports] = live.length
      ? await Promise.all([
          this.parts.groupParts(r.actor, groupId, r.year),
          this.parts.achievementReports(
            r.actor,
            groupId,
            r.year,
            live.map((d) => d.member_unit_id),
          ),
        ])
      : [[], []];
    const reportOf = new Map(live.map((d, i) => [d.id, reports[i]]));
    const items = rows.map((d) =>
      dossierView(d, steps, d.parts ?? [...shared, reportOf.get(d.id) as DossierPartView]),
    );
    return { items, total, limit, offset };
  }

  /** DRAFT or RETURNED → SUBMITTED, only when every part is there (the parts are kept as they are now). */
  async submit(r: DossierRequest): Promise<DossierView> {
    const d = await this.found(r.id);
    authorize(r.actor, (g) => mayManageDossiers(g, { groupId: d.group_id, year: d.year }));
    this.mustAllow(d, 'SUBMIT');
    const parts = await this.parts.gather(r.actor, scopeOf(d));
    const missing = parts.filter((p) => !p.present).map((p) => p.kind as DossierPartKind);
    if (missing.length) {
      const e = AppError.of('DOSSIER_INCOMPLETE', {
        missing: missing.map((k) => DOSSIER_PART_TITLES[k]).join(', '),
      });
      e.body.errors = missing.map((k) => ({
        field: `parts.${k}`,
        message: `thiếu ${DOSSIER_PART_TITLES[k]}`,
      }));
      throw e;
    }
    return this.step(r, 'SUBMIT', { parts });
  }

  /** SUBMITTED → RETURNED with the reason (the board); its parts are gathered again until resubmitted. */
  async return(r: DossierReturnRequest): Promise<DossierView> {
    authorize(r.actor, mayReviewDossiers);
    return this.step(r, 'RETURN', { parts: null, returnReason: r.body.reason });
  }

  /** SUBMITTED → ACCEPTED (the board). */
  async accept(r: DossierRequest): Promise<DossierView> {
    authorize(r.actor, mayReviewDossiers);
    return this.step(r, 'ACCEPT', {});
  }

  private async step(
    r: DossierRequest,
    action: 'SUBMIT' | 'RETURN' | 'ACCEPT',
    changes: { parts?: DossierPartView[] | null; returnReason?: string },
  ): Promise<DossierView> {
    const event = {
      SUBMIT: HonoursEvents.dossierSubmitted,
      RETURN: HonoursEvents.dossierReturned,
      ACCEPT: HonoursEvents.dossierAccepted,
    }[action];
    await this.repo.transaction(async (m) => {
      const d = await this.repo.get(r.id, m, true);
      if (!d) throw AppError.of('DOSSIER_NOT_FOUND', { id: r.id });
      const next = this.mustAllow(d, action);
      await this.repo.move(m, d.id, action, next, r.actor.userId, changes);
      await this.repo.announce(m, [
        makeEnvelope(event, dossierStepped(d, next, r.actor.userId, changes.returnReason ?? null)),
      ]);
    });
    return this.view(r, await this.found(r.id));
  }

  private mustAllow(d: DossierRow, action: DossierAction): DossierState {
    const next = dossierTransition(d.state as DossierState, action);
    if (!next)
      throw AppError.of('DOSSIER_STATE', {
        state: DOSSIER_STATE_NAMES[d.state as DossierState] ?? d.state,
        action: STATE_WORDS[action],
      });
    return next;
  }

  private async found(id: string): Promise<DossierRow> {
    const d = await this.repo.get(id);
    if (!d) throw AppError.of('DOSSIER_NOT_FOUND', { id });
    return d;
  }

  private async view(r: DossierRequest | DossierCreateRequest, d: DossierRow): Promise<DossierView> {
    const [steps, parts] = await Promise.all([
      this.repo.steps([d.id]),
      d.parts ? Promise.resolve(d.parts) : this.parts.gather(r.actor, scopeOf(d)),
    ]);
    return dossierView(d, steps, parts);
  }
}

const scopeOf = (d: DossierRow) => ({ groupId: d.group_id, year: d.year, memberUnitId: d.member_unit_id });

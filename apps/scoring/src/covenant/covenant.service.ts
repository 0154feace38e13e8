import { Injectable } from '@nestjs/common';
import {
  CovenantCommentRequest,
  CovenantCommentsRequest,
  CovenantCommentView,
  CovenantSignaturesRequest,
  CovenantSignaturesView,
  CovenantSignRequest,
  DEFAULT_PAGE_SIZE,
  MAX_PAGE_SIZE,
  Page,
} from '@tdkt/contracts';
import { covenantOpen, nfc, schemeCodes } from '@tdkt/domain';
import { AppError } from '@tdkt/platform';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { Access } from '../access';
import { GroupYearsService } from '../group-years/group-years.service';
import { GroupDirectory, GroupYear } from '../registry/group-directory';
import { SchemeRow, SchemesRepository } from '../schemes/schemes.repository';
import { CovenantRepository } from './covenant.repository';
import { commentView, signaturesView } from './covenant.views';

/**
 * Next year's covenant between drafting and publishing: the members' comments per criterion and
 * their signatures, each on the draft version of the moment (publishing is SchemesService's).
 */
@Injectable()
export class CovenantService {
  constructor(
    private readonly repo: CovenantRepository,
    private readonly schemes: SchemesRepository,
    private readonly years: GroupYearsService,
    private readonly groups: GroupDirectory,
  ) {}

  /** The latest version while it is a draft (404 none, 409 published), under the year's row lock. */
  private async openDraft(m: EntityManager, gy: GroupYear): Promise<SchemeRow> {
    await this.years.take(m, gy.groupId, gy.year);
    const latest = await this.schemes.latest(gy.groupId, gy.year, false, m);
    const step = covenantOpen(latest);
    if ('refused' in step)
      throw AppError.of(step.refused, { year: gy.year, group: gy.groupName, version: latest?.version });
    return step.open;
  }

  /** A member's comment on a criterion (or section) of the draft, in its unit's name. */
  async comment(r: CovenantCommentRequest): Promise<CovenantCommentView> {
    const gy = await this.groups.get(r.groupId, r.year);
    // Left out: the caller's unit (none for the board); null on purpose: no unit (the board's own name).
    const unitId =
      r.body.unitId !== undefined ? r.body.unitId : Access.isBoard(r.actor) ? null : (r.actor.unitId ?? null);
    Access.commentOnCovenant(r.actor, gy, unitId);
    const unit = unitId === null ? undefined : gy.members.find((m) => m.unitId === unitId);
    const text = nfc(r.body.text);
    const row = await this.years.transaction(async (m) => {
      const draft = await this.openDraft(m, gy);
      if (!schemeCodes(draft.body).has(r.body.criterionCode))
        throw AppError.of(
          'COVENANT_CRITERION_UNKNOWN',
          { year: gy.year, version: draft.version, code: r.body.criterionCode },
          'criterionCode',
        );
      return commentView(
        await this.repo.insertComment(m, {
          id: randomUUID(),
          group_id: gy.groupId,
          year: gy.year,
          version: draft.version,
          criterion_code: r.body.criterionCode,
          text,
          author_id: r.actor.userId,
          unit_id: unit?.unitId ?? null,
          unit_name: unit?.unitName ?? null,
        }),
      );
    });
    return row;
  }

  async comments(r: CovenantCommentsRequest): Promise<Page<CovenantCommentView>> {
    const gy = await this.groups.get(r.groupId, r.year);
    Access.readCovenant(r.actor, gy);
    const limit = Math.min(r.limit ?? DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE);
    const offset = r.offset ?? 0;
    const { rows, total } = await this.repo.comments(
      gy.groupId,
      gy.year,
      { version: r.version, criterionCode: r.criterionCode },
      limit,
      offset,
    );
    return { items: rows.map(commentView), total, limit, offset };
  }

  /**
   * A member's signature of the draft: its own officer's, or recorded on its behalf by a leader or
   * the board (as such). A unit that is not a member of the group that year is refused (400,
   * `unitId`, named by the registry's name when it knows the unit); a second signature of the same
   * unit keeps the first.
   */
  async sign(r: CovenantSignRequest): Promise<CovenantSignaturesView> {
    const gy = await this.groups.get(r.groupId, r.year);
    const everPublished = await this.schemes.everPublished(gy.groupId, gy.year);
    const signer = Access.signCovenant(r.actor, gy, r.body.unitId, everPublished);
    const unit = gy.members.find((m) => m.unitId === r.body.unitId);
    if (!unit)
      throw AppError.of(
        'COVENANT_SIGNER_NOT_MEMBER',
        {
          unit: (await this.groups.unitName(r.body.unitId)) ?? r.body.unitId,
          group: gy.groupName,
          year: gy.year,
        },
        'unitId',
      );
    const schemeId = await this.years.transaction(async (m) => {
      const draft = await this.openDraft(m, gy);
      await this.repo.sign(m, {
        groupId: gy.groupId,
        year: gy.year,
        version: draft.version,
        unit_id: unit.unitId,
        unit_name: unit.unitName,
        signed_by: r.actor.userId,
        on_behalf: signer.onBehalf,
        role: signer.role,
      });
      return draft.id;
    });
    return this.viewOf(await this.schemes.byId(schemeId), gy);
  }

  /** Who signed a version (default: the latest) and who has not yet. */
  async signatures(r: CovenantSignaturesRequest): Promise<CovenantSignaturesView> {
    const gy = await this.groups.get(r.groupId, r.year);
    Access.readCovenant(r.actor, gy);
    const row = r.version
      ? await this.schemes.version(gy.groupId, gy.year, r.version)
      : await this.schemes.latest(gy.groupId, gy.year);
    if (!row)
      throw r.version
        ? AppError.of('SCHEME_VERSION_NOT_FOUND', { version: r.version, year: gy.year, group: gy.groupName })
        : AppError.of('SCHEME_NOT_FOUND', { year: gy.year, group: gy.groupName });
    return this.viewOf(row, gy);
  }

  private async viewOf(row: SchemeRow, gy: GroupYear): Promise<CovenantSignaturesView> {
    const [signed, publication] = await Promise.all([
      this.repo.signatures(gy.groupId, gy.year, row.version),
      this.repo.publication(row.id),
    ]);
    return signaturesView(row, gy, signed, publication);
  }
}

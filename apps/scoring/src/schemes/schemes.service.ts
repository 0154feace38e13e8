import { Injectable } from '@nestjs/common';
import {
  FileView,
  GroupYearActorRequest,
  PublishSchemeRequest,
  PutSchemeRequest,
  SchemeGetRequest,
  SchemeXlsxImportRequest,
  SchemeView,
  ScoringEvents,
} from '@tdkt/contracts';
import {
  covenantPublish,
  HonourRule,
  nfc,
  normaliseHonourRule,
  normaliseScheme,
  normaliseTieBreaks,
  Scheme,
  schemeDiscard,
  schemeEdit,
  schemeProblems,
  schemePublish,
  schemeRulesProblems,
  schemeVisible,
  TieBreak,
} from '@tdkt/domain';
import { AppError, makeEnvelope } from '@tdkt/platform';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { Access } from '../access';
import { CovenantRepository } from '../covenant/covenant.repository';
import { missingOf, signatureView } from '../covenant/covenant.views';
import { GroupYearsService } from '../group-years/group-years.service';
import { problemsError } from '../problems';
import { GroupDirectory, GroupYear } from '../registry/group-directory';
import { fromXlsx, toXlsx } from './scheme-xlsx';
import { SchemeRow, SchemesRepository } from './schemes.repository';
import { schemeView } from './schemes.views';

/** The covenant's points table per group-year: drafts, published versions (never changed). */
@Injectable()
export class SchemesService {
  constructor(
    private readonly repo: SchemesRepository,
    private readonly years: GroupYearsService,
    private readonly groups: GroupDirectory,
    private readonly covenant: CovenantRepository,
  ) {}

  /**
   * The published scheme scores are entered against (409 before one is published); `m`: the
   * caller's transaction, if any.
   */
  async published(groupId: string, year: number, m?: EntityManager | DataSource): Promise<SchemeRow> {
    const row = await this.repo.latest(groupId, year, true, m);
    if (!row) throw AppError.of('SCHEME_NOT_PUBLISHED', { year });
    return row;
  }

  async put(r: PutSchemeRequest): Promise<SchemeView> {
    const gy = await this.groups.get(r.groupId, r.year);
    Access.manageCovenant(r.actor, gy, await this.repo.everPublished(gy.groupId, r.year));
    return this.store(r, gy, r.body.scheme, r.body.tieBreaks, r.body.honours as HonourRule | undefined);
  }

  /** From the Excel table; the draft keeps the rules of the latest version (or the defaults). */
  async importXlsx(r: SchemeXlsxImportRequest): Promise<SchemeView> {
    const gy = await this.groups.get(r.groupId, r.year);
    Access.manageCovenant(r.actor, gy, await this.repo.everPublished(gy.groupId, r.year));
    const scheme = await fromXlsx(r.fileBase64);
    const last = await this.repo.latest(gy.groupId, r.year);
    return this.store(r, gy, scheme, last?.tie_breaks, last?.honours);
  }

  async exportXlsx(r: SchemeGetRequest): Promise<FileView> {
    const gy = await this.groups.get(r.groupId, r.year);
    return toXlsx(await this.view(r, gy), gy.groupName);
  }

  async get(r: SchemeGetRequest): Promise<SchemeView> {
    return this.view(r, await this.groups.get(r.groupId, r.year));
  }

  /**
   * A given version or the latest: a draft only for those who may read the covenant (who manage it,
   * the members consulted on it, council members; anyone else as if there were none).
   */
  private async view(r: SchemeGetRequest, gy: GroupYear): Promise<SchemeView> {
    const manager = Access.readsCovenant(r.actor, gy);
    const row = r.version
      ? await this.repo.version(gy.groupId, r.year, r.version)
      : await this.repo.latest(gy.groupId, r.year, !manager);
    if (!row || !schemeVisible(row.state, manager))
      throw r.version
        ? AppError.of('SCHEME_VERSION_NOT_FOUND', { version: r.version, year: r.year, group: gy.groupName })
        : AppError.of('SCHEME_NOT_FOUND', { year: r.year, group: gy.groupName });
    return schemeView(row);
  }

  private async store(
    r: GroupYearActorRequest,
    gy: GroupYear,
    raw: unknown,
    givenTieBreaks: TieBreak[] | undefined,
    givenHonours: HonourRule | undefined,
  ): Promise<SchemeView> {
    // Anything may arrive here (a request body): checked to its leaves before it is used.
    const problems = schemeProblems(raw);
    if (problems.length)
      throw problemsError(
        'SCHEME_INVALID',
        {},
        problems.map((p) => ({ field: `body.scheme.${p.path}`, message: p.message })),
        'body.scheme',
      );
    const scheme = normaliseScheme(raw as Scheme);
    const tieBreaks = normaliseTieBreaks(givenTieBreaks);
    const honours = normaliseHonourRule(givenHonours, gy.subgroups.size > 0);
    const ruleProblems = schemeRulesProblems(scheme, tieBreaks, honours);
    if (ruleProblems.length)
      throw problemsError(
        'SCHEME_RULES_INVALID',
        {},
        ruleProblems.map((p) => ({ field: `body.${p.path}`, message: p.message })),
      );
    const content = { scheme, tieBreaks, honours, by: r.actor.userId };
    // The transaction's answer (the draft's id) is what a replay under the same key answers.
    const id = await this.years.transaction(async (m) => {
      await this.years.takeFor(m, gy.groupId, r.year, 'WRITE');
      const last = await this.repo.latest(gy.groupId, r.year, false, m);
      // A draft already commented on or signed stays as it was: the revision is a new version.
      const feedback =
        last?.state === 'DRAFT' && (await this.covenant.hasFeedback(m, gy.groupId, r.year, last.version));
      const edit = schemeEdit(last, feedback);
      if ('replace' in edit) {
        await this.repo.replaceDraft(m, edit.replace.id, content);
        return edit.replace.id;
      }
      if (edit.supersede) await this.repo.supersede(m, edit.supersede.id);
      const newId = randomUUID();
      await this.repo.insertDraft(
        m,
        { id: newId, groupId: gy.groupId, year: r.year, version: edit.newVersion },
        content,
      );
      return newId;
    });
    return schemeView(await this.repo.byId(id));
  }

  async discardDraft(r: GroupYearActorRequest): Promise<{ discardedVersion: number }> {
    const gy = await this.groups.get(r.groupId, r.year);
    Access.manageCovenant(r.actor, gy, await this.repo.everPublished(gy.groupId, r.year));
    return this.years.transaction(async (m) => {
      await this.years.takeFor(m, gy.groupId, r.year, 'WRITE');
      const step = schemeDiscard(await this.repo.latest(gy.groupId, r.year, false, m));
      if ('refused' in step) throw AppError.of(step.refused, { year: r.year });
      await this.covenant.deleteFeedback(m, gy.groupId, r.year, step.discard.version);
      await this.repo.deleteDraft(m, step.discard.id);
      return { discardedVersion: step.discard.version };
    });
  }

  /**
   * Publishes the draft: the covenant as signed. Refused (409, naming them) while members of the
   * year have not signed it, unless the central board publishes without them, with a reason; the
   * signatures, the members missing and the reason are recorded with the version and announced
   * (`scoring.covenant.published`), in the same transaction.
   */
  async publish(r: PublishSchemeRequest): Promise<SchemeView> {
    const gy = await this.groups.get(r.groupId, r.year);
    Access.manageCovenant(r.actor, gy, await this.repo.everPublished(gy.groupId, r.year));
    const reason = r.body?.reason === undefined ? null : nfc(r.body.reason);
    const id = await this.years.transaction(async (m) => {
      await this.years.takeFor(m, gy.groupId, r.year, 'WRITE');
      const last = await this.repo.latest(gy.groupId, r.year, false, m);
      const step = schemePublish(last);
      if ('refused' in step)
        throw AppError.of(step.refused, { year: r.year, group: gy.groupName, version: last?.version });
      const draft = step.publish;
      const signed = await this.covenant.signatures(gy.groupId, r.year, draft.version, m);
      const missing = missingOf(gy, signed);
      const decision = covenantPublish(missing.length, {
        withoutSignatures: r.body?.withoutSignatures === true,
        board: Access.isBoard(r.actor),
      });
      if ('refused' in decision)
        throw AppError.of(decision.refused, {
          year: r.year,
          count: missing.length,
          units: missing.map((u) => u.unitName).join(', '),
        });
      await this.repo.publish(m, draft.id);
      const publishedAt = new Date().toISOString();
      const recordedReason = decision.withoutSignatures ? reason : null;
      await this.covenant.recordPublication(
        m,
        {
          scheme_id: draft.id,
          published_by: r.actor.userId,
          without_signatures: decision.withoutSignatures,
          reason: recordedReason,
          missing,
        },
        makeEnvelope(ScoringEvents.covenantPublished, {
          groupId: gy.groupId,
          groupName: gy.groupName,
          year: r.year,
          version: draft.version,
          schemeId: draft.id,
          publishedBy: r.actor.userId,
          publishedAt,
          withoutSignatures: decision.withoutSignatures,
          reason: recordedReason,
          signatures: signed.map(signatureView),
          missing,
        }),
      );
      return draft.id;
    });
    return schemeView(await this.repo.byId(id));
  }
}

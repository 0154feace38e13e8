import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  FieldError,
  FileView,
  GroupYearActorRequest,
  HonourRuleView,
  PutSchemeRequest,
  SchemeBody,
  SchemeGetRequest,
  SchemeState,
  SchemeXlsxImportRequest,
  SchemeView,
  TieBreakView,
} from '@tdkt/contracts';
import {
  capProblems,
  clip,
  criteriaOf,
  DEFAULT_TIE_BREAKS,
  Grant,
  HonourRule,
  maximumTotal,
  mayManageScheme,
  normaliseScheme,
  Scheme,
  SchemeNode,
  schemeProblems,
  SEED_000_HONOURS,
} from '@tdkt/domain';
import { allow, AppError } from '@tdkt/platform';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { SCHEMA } from '../database/entities';
import { GroupDirectory, GroupYear } from '../registry/group-directory';
import { fromXlsx, toXlsx } from './scheme-xlsx';

export const GROUPS = Symbol('GROUPS');

interface SchemeRow {
  id: string;
  group_id: string;
  year: number;
  version: number;
  state: string;
  body: Scheme;
  tie_breaks: TieBreakView[];
  honours: HonourRuleView;
  created_at: Date;
  published_at: Date | null;
}

export function schemeView(r: SchemeRow): SchemeView {
  return {
    id: r.id,
    groupId: r.group_id,
    year: r.year,
    version: r.version,
    state: r.state as SchemeState,
    scheme: r.body as SchemeBody,
    tieBreaks: r.tie_breaks,
    honours: r.honours,
    maximumTotal: maximumTotal(r.body),
    createdAt: new Date(r.created_at).toISOString(),
    publishedAt: r.published_at ? new Date(r.published_at).toISOString() : null,
  };
}

/** A list of problems as one 400: the first hundred, then how many more (an answer never grows with the input). */
export function problemsError(errors: FieldError[], message: string, moreField = 'body'): AppError {
  return AppError.validation(
    capProblems(errors, (n) => ({ field: moreField, message: `and ${n} more problem(s)` })),
    message,
  );
}

/** The rules as stored: only their fields (the request's were checked by the contract). */
function tieBreaksOf(given: TieBreakView[]): TieBreakView[] {
  return given.map((t) =>
    t.kind === 'SECTION'
      ? { kind: 'SECTION', section: t.section }
      : t.kind === 'CRITERION'
        ? { kind: 'CRITERION', criterion: t.criterion }
        : { kind: 'MORE_AT_MAXIMUM' },
  );
}

function honoursOf(given: HonourRule): HonourRule {
  return {
    scope: given.scope,
    awards: given.awards.map((a) => ({ award: a.award, places: a.places })),
    minimumTotal: given.minimumTotal ?? null,
  };
}

function rulesProblems(scheme: Scheme, tieBreaks: TieBreakView[], honours: HonourRule): FieldError[] {
  const errors: FieldError[] = [];
  const sections = new Set<string>();
  const visit = (n: SchemeNode) => {
    if (n.type === 'SECTION') {
      sections.add(n.code);
      n.children.forEach(visit);
    }
  };
  scheme.sections.forEach(visit);
  const criteria = new Set(criteriaOf(scheme).map((c) => c.criterion.code));
  tieBreaks.forEach((t, i) => {
    const f = `body.tieBreaks[${i}]`;
    if (t?.kind === 'MORE_AT_MAXIMUM') return;
    if (t?.kind === 'SECTION') {
      if (!sections.has(t.section))
        errors.push({
          field: `${f}.section`,
          message: `no section "${clip(String(t.section))}" in the scheme`,
        });
    } else if (t?.kind === 'CRITERION') {
      if (!criteria.has(t.criterion))
        errors.push({
          field: `${f}.criterion`,
          message: `no criterion "${clip(String(t.criterion))}" in the scheme`,
        });
    } else errors.push({ field: `${f}.kind`, message: 'must be MORE_AT_MAXIMUM, SECTION or CRITERION' });
  });
  if (!['GROUP', 'SUBGROUP'].includes(honours?.scope))
    errors.push({ field: 'body.honours.scope', message: 'must be GROUP or SUBGROUP' });
  if (!Array.isArray(honours?.awards) || honours.awards.length === 0)
    errors.push({ field: 'body.honours.awards', message: 'names at least one award' });
  else
    honours.awards.forEach((a, i) => {
      if (typeof a?.award !== 'string' || !a.award.trim())
        errors.push({ field: `body.honours.awards[${i}].award`, message: 'is required' });
      if (!Number.isInteger(a?.places) || a.places < 1)
        errors.push({
          field: `body.honours.awards[${i}].places`,
          message: 'must be a whole number of at least 1',
        });
    });
  if (honours?.minimumTotal != null && !Number.isFinite(honours.minimumTotal))
    errors.push({ field: 'body.honours.minimumTotal', message: 'must be a number or null' });
  return errors;
}

/** The covenant's points table per group-year: drafts, published versions (never changed). */
@Injectable()
export class SchemesService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    @Inject(GROUPS) private readonly groups: GroupDirectory,
  ) {}

  groupYear(groupId: string, year: number): Promise<GroupYear> {
    return this.groups.get(groupId, year);
  }

  async latest(
    groupId: string,
    year: number,
    m: EntityManager | DataSource = this.ds,
    published = false,
  ): Promise<SchemeRow | undefined> {
    const rows: SchemeRow[] = await m.query(
      `SELECT * FROM ${SCHEMA}.schemes WHERE group_id = $1 AND year = $2 ${published ? `AND state = 'PUBLISHED'` : ''}
       ORDER BY version DESC LIMIT 1`,
      [groupId, year],
    );
    return rows[0];
  }

  /** The published scheme scores are entered against (409 before one is published). */
  async published(
    groupId: string,
    year: number,
    m: EntityManager | DataSource = this.ds,
  ): Promise<SchemeRow> {
    const row = await this.latest(groupId, year, m, true);
    if (!row)
      throw AppError.invalidState(
        `No published scheme for ${year}: the chair publishes the points table first`,
      );
    return row;
  }

  async put(r: PutSchemeRequest): Promise<SchemeView> {
    const gy = await this.groupYear(r.groupId, r.year);
    allow(mayManageScheme(r.actor.roles as Grant[], gy.groupId, r.year));
    return this.store(r, gy, r.body.scheme, r.body.tieBreaks, r.body.honours as HonourRule | undefined);
  }

  /** From the Excel table; the draft keeps the rules of the latest version (or the defaults). */
  async importXlsx(r: SchemeXlsxImportRequest): Promise<SchemeView> {
    const gy = await this.groupYear(r.groupId, r.year);
    allow(mayManageScheme(r.actor.roles as Grant[], gy.groupId, r.year));
    const scheme = await fromXlsx(r.fileBase64);
    const last = await this.latest(gy.groupId, r.year);
    return this.store(r, gy, scheme, last?.tie_breaks, last?.honours as HonourRule | undefined);
  }

  async exportXlsx(r: SchemeGetRequest): Promise<FileView> {
    const view = await this.get(r);
    return toXlsx(view, (await this.groupYear(r.groupId, r.year)).groupName);
  }

  private async store(
    r: GroupYearActorRequest,
    gy: GroupYear,
    raw: unknown,
    givenTieBreaks: TieBreakView[] | undefined,
    givenHonours: HonourRule | undefined,
  ): Promise<SchemeView> {
    // Anything may arrive here (a request body): checked to its leaves before it is used.
    const problems = schemeProblems(raw);
    if (problems.length)
      throw problemsError(
        problems.map((p) => ({ field: `body.scheme.${p.path}`, message: p.message })),
        `The scheme has ${problems.length} problem(s)`,
        'body.scheme',
      );
    const scheme = normaliseScheme(raw as Scheme);
    const tieBreaks = tieBreaksOf(givenTieBreaks ?? [...DEFAULT_TIE_BREAKS]);
    const honours = honoursOf(
      givenHonours ?? {
        ...SEED_000_HONOURS,
        scope: gy.subgroups.size ? 'SUBGROUP' : 'GROUP',
      },
    );
    const errors = rulesProblems(scheme, tieBreaks, honours);
    if (errors.length) throw problemsError(errors, `The rules have ${errors.length} problem(s)`);
    const id = await this.ds.transaction(async (m) => {
      await this.lockGroupYear(m, gy.groupId, r.year);
      const last = await this.latest(gy.groupId, r.year, m);
      if (last?.state === SchemeState.DRAFT) {
        await m.query(
          `UPDATE ${SCHEMA}.schemes SET body = $2, tie_breaks = $3, honours = $4, created_by = $5, created_at = now() WHERE id = $1`,
          [
            last.id,
            JSON.stringify(scheme),
            JSON.stringify(tieBreaks),
            JSON.stringify(honours),
            r.actor.userId,
          ],
        );
        return last.id;
      }
      const newId = randomUUID();
      await m.query(
        `INSERT INTO ${SCHEMA}.schemes (id, group_id, year, version, state, body, tie_breaks, honours, created_by)
         VALUES ($1, $2, $3, $4, 'DRAFT', $5, $6, $7, $8)`,
        [
          newId,
          gy.groupId,
          r.year,
          (last?.version ?? 0) + 1,
          JSON.stringify(scheme),
          JSON.stringify(tieBreaks),
          JSON.stringify(honours),
          r.actor.userId,
        ],
      );
      return newId;
    });
    return schemeView((await this.ds.query(`SELECT * FROM ${SCHEMA}.schemes WHERE id = $1`, [id]))[0]);
  }

  async get(r: SchemeGetRequest): Promise<SchemeView> {
    const gy = await this.groupYear(r.groupId, r.year);
    const manager = mayManageScheme(r.actor.roles as Grant[], gy.groupId, r.year).allowed;
    const rows: SchemeRow[] = r.version
      ? await this.ds.query(
          `SELECT * FROM ${SCHEMA}.schemes WHERE group_id = $1 AND year = $2 AND version = $3`,
          [gy.groupId, r.year, r.version],
        )
      : [await this.latest(gy.groupId, r.year, this.ds, !manager)].filter((x): x is SchemeRow => !!x);
    const row = rows[0];
    if (!row || (row.state === SchemeState.DRAFT && !manager))
      throw AppError.notFound(`Chưa có thang bảng điểm năm ${r.year} của ${gy.groupName}`);
    return schemeView(row);
  }

  async discardDraft(r: GroupYearActorRequest): Promise<{ discardedVersion: number }> {
    const gy = await this.groupYear(r.groupId, r.year);
    allow(mayManageScheme(r.actor.roles as Grant[], gy.groupId, r.year));
    return this.ds.transaction(async (m) => {
      await this.lockGroupYear(m, gy.groupId, r.year);
      const last = await this.latest(gy.groupId, r.year, m);
      if (!last || last.state !== SchemeState.DRAFT)
        throw AppError.notFound(`No draft scheme for ${r.year} (a published version is never deleted)`);
      await m.query(`DELETE FROM ${SCHEMA}.schemes WHERE id = $1`, [last.id]);
      return { discardedVersion: last.version };
    });
  }

  async publish(r: GroupYearActorRequest): Promise<SchemeView> {
    const gy = await this.groupYear(r.groupId, r.year);
    allow(mayManageScheme(r.actor.roles as Grant[], gy.groupId, r.year));
    const id = await this.ds.transaction(async (m) => {
      await this.lockGroupYear(m, gy.groupId, r.year);
      const last = await this.latest(gy.groupId, r.year, m);
      if (!last) throw AppError.notFound(`Chưa có thang bảng điểm năm ${r.year} của ${gy.groupName}`);
      if (last.state !== SchemeState.DRAFT)
        throw AppError.invalidState(
          `Version ${last.version} is already published; a change is a new version (PUT the scheme)`,
        );
      await m.query(`UPDATE ${SCHEMA}.schemes SET state = 'PUBLISHED', published_at = now() WHERE id = $1`, [
        last.id,
      ]);
      return last.id;
    });
    return schemeView((await this.ds.query(`SELECT * FROM ${SCHEMA}.schemes WHERE id = $1`, [id]))[0]);
  }

  /**
   * Takes the group-year's row lock (creating the row) and refuses when the year is locked: every
   * write of a group-year goes through here, so a lock and a write never cross.
   */
  async lockGroupYear(
    m: EntityManager,
    groupId: string,
    year: number,
    allowLocked = false,
  ): Promise<boolean> {
    await m.query(
      `INSERT INTO ${SCHEMA}.group_years (group_id, year) VALUES ($1, $2) ON CONFLICT DO NOTHING`,
      [groupId, year],
    );
    const [row] = await m.query(
      `SELECT locked FROM ${SCHEMA}.group_years WHERE group_id = $1 AND year = $2 FOR UPDATE`,
      [groupId, year],
    );
    if (row.locked && !allowLocked) throw this.lockedError(year);
    return row.locked;
  }

  lockedError(year: number): AppError {
    return AppError.invalidState(`The ${year} scores are locked; only the central board can reopen them`);
  }
}

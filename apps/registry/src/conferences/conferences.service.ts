import { Injectable } from '@nestjs/common';
import {
  AttendanceRequest,
  ConferenceKind,
  ConferenceRequest,
  ConferencesRequest,
  ConferenceView,
  PlanConferenceRequest,
  RegistryEvents,
} from '@tdkt/contracts';
import { isValidDate, mayManageConference, mayReadConference, milestoneAnchorIssues } from '@tdkt/domain';
import { addToOutbox, AppError, makeEnvelope } from '@tdkt/platform';
import { EntityManager } from 'typeorm';
import { authorize } from '../access';
import { CampaignRow, CampaignsRepository } from '../campaigns/campaigns.repository';
import { milestoneDates } from '../campaigns/campaigns.views';
import { SCHEMA } from '../database/entities';
import { GroupRow } from '../groups/groups.repository';
import { GroupsService } from '../groups/groups.service';
import {
  ConferencePlan,
  ConferenceRow,
  ConferencesRepository,
  StoredAttendee,
  UnitRefRow,
} from './conferences.repository';
import {
  CONFERENCE_NAME,
  conferenceDays,
  conferenceMilestones,
  conferencePlanned,
  toConferenceView,
  unitIdsOf,
} from './conferences.views';

/** A unit reference of a request and the field that named it. */
interface Ref {
  ref: string;
  field: string;
}

/** An instant of the request, checked as a real one (the DTO checked its shape): 2024-02-30 is not. */
function instant(value: string | null | undefined, field: string): string | null {
  if (value === null || value === undefined) return null;
  const at = new Date(value);
  if (Number.isNaN(at.getTime()) || !isValidDate(value.slice(0, 10)))
    throw AppError.of('CONFERENCE_INSTANT_INVALID', { value }, field);
  return at.toISOString();
}

/** JSON with its keys in order (jsonb answers its keys in its own order). */
function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v && typeof v === 'object')
    return `{${Object.keys(v)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  return JSON.stringify(v ?? null);
}

/** Whether a stored conference already has exactly this plan. */
function samePlan(row: ConferenceRow, plan: ConferencePlan): boolean {
  const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);
  return (
    canonical({
      startsAt: iso(row.starts_at),
      endsAt: iso(row.ends_at),
      place: row.place,
      hostUnitId: row.host_unit_id,
      chairs: row.chairs,
      programme: row.programme,
      invitees: row.invitees,
      duties: row.duties,
    }) === canonical(plan)
  );
}

/** A list naming each unit once (400 naming the second mention otherwise). */
function onceEach(units: UnitRefRow[], list: string): void {
  const seen = new Set<string>();
  units.forEach((u, i) => {
    if (seen.has(u.id)) throw AppError.of('CONFERENCE_UNIT_TWICE', { unit: u.name }, `${list}[${i}].unitId`);
    seen.add(u.id);
  });
}

/**
 * A group-year's preparatory and official conferences (seed 000 §II–IV): planned and dated by that
 * year's chair or vice-chair (or the board), seen by its members, its council members and the
 * board. Dating a conference dates its campaign milestone, so the milestones stated relative to it
 * (achievement reports 07 days after the official conference) take their dates and move with it.
 */
@Injectable()
export class ConferencesService {
  constructor(
    private readonly repo: ConferencesRepository,
    private readonly campaigns: CampaignsRepository,
    private readonly groups: GroupsService,
  ) {}

  /** The group, once the caller may read its year's conferences. */
  async readable(r: ConferencesRequest): Promise<GroupRow> {
    const group = await this.groups.load(r.groupId);
    const members = await this.repo.memberIds(group.id, r.year);
    authorize(r.actor, (grants) => mayReadConference(grants, group.id, r.year, members), { year: r.year });
    return group;
  }

  /** The group, once the caller may manage its year's conferences. */
  async manageable(r: ConferencesRequest): Promise<GroupRow> {
    const group = await this.groups.load(r.groupId);
    authorize(r.actor, (grants) => mayManageConference(grants, group.id, r.year), { year: r.year });
    return group;
  }

  async views(rows: ConferenceRow[], m?: EntityManager): Promise<ConferenceView[]> {
    const ids = [...new Set(rows.flatMap(unitIdsOf))];
    const units = new Map((await this.repo.unitsByRef(ids, m)).map((u) => [u.id, u]));
    return rows.map((row) => toConferenceView(row, units));
  }

  /** The conference, or CONFERENCE_NOT_FOUND. */
  async load(group: GroupRow, year: number, kind: ConferenceKind, m?: EntityManager): Promise<ConferenceRow> {
    const row = await this.repo.find(group.id, year, kind, m);
    if (!row)
      throw AppError.of('CONFERENCE_NOT_FOUND', {
        conference: CONFERENCE_NAME[kind],
        year,
        group: group.name,
      });
    return row;
  }

  /** Both conferences (preparatory first). */
  async list(r: ConferencesRequest): Promise<ConferenceView[]> {
    const group = await this.readable(r);
    return this.views(await this.repo.ofGroupYear(group.id, r.year));
  }

  async get(r: ConferenceRequest): Promise<ConferenceView> {
    const group = await this.readable(r);
    const [view] = await this.views([await this.load(group, r.year, r.kind)]);
    return view;
  }

  /** The units named by the request: each must exist (400 naming its field). */
  private async resolve(refs: Ref[]): Promise<Map<string, UnitRefRow>> {
    const found = await this.repo.unitsByRef([...new Set(refs.map((x) => x.ref))]);
    const byRef = new Map<string, UnitRefRow>();
    for (const u of found) {
      byRef.set(u.id, u);
      byRef.set(u.code, u);
    }
    for (const x of refs) {
      const u = byRef.get(x.ref) ?? byRef.get(x.ref.toLowerCase());
      if (!u) throw AppError.of('CONFERENCE_UNIT_NOT_FOUND', { id: x.ref }, x.field);
      byRef.set(x.ref, u);
    }
    return byRef;
  }

  /** Plans (or replans) a conference: everything in one transaction with its milestones and events. */
  async plan(r: PlanConferenceRequest): Promise<ConferenceView> {
    const b = r.body;
    const startsAt = instant(b.startsAt, 'startsAt');
    const endsAt = instant(b.endsAt, 'endsAt');
    if (endsAt !== null && startsAt === null)
      throw AppError.of('CONFERENCE_ENDS_WITHOUT_START', {}, 'endsAt');
    if (endsAt !== null && startsAt !== null && endsAt < startsAt)
      throw AppError.of('CONFERENCE_ENDS_BEFORE_START', {}, 'endsAt');
    const chairs = b.chairs ?? [];
    const programme = b.programme ?? [];
    const invitees = b.invitees ?? [];
    const duties = b.duties ?? [];
    const orders = new Set<number>();
    programme.forEach((p, i) => {
      if (orders.has(p.order))
        throw AppError.of('CONFERENCE_PROGRAMME_ORDER_TAKEN', { order: p.order }, `programme[${i}].order`);
      orders.add(p.order);
      instant(p.at, `programme[${i}].at`);
    });
    duties.forEach((d, i) => {
      if (d.dueOn && d.offsetDays != null)
        throw AppError.of('CONFERENCE_DUTY_DUE_TWICE', {}, `duties[${i}].offsetDays`);
      if (d.unitId && d.holder) throw AppError.of('CONFERENCE_DUTY_HOLDER_TWICE', {}, `duties[${i}].holder`);
    });

    const group = await this.manageable(r);
    const refs: Ref[] = [
      ...(b.hostUnitId ? [{ ref: b.hostUnitId, field: 'hostUnitId' }] : []),
      ...chairs.map((c, i) => ({ ref: c.unitId, field: `chairs[${i}].unitId` })),
      ...programme.flatMap((p, i) =>
        p.presenterUnitId ? [{ ref: p.presenterUnitId, field: `programme[${i}].presenterUnitId` }] : [],
      ),
      ...invitees.flatMap((x, i) => (x.unitId ? [{ ref: x.unitId, field: `invitees[${i}].unitId` }] : [])),
      ...duties.flatMap((d, i) => (d.unitId ? [{ ref: d.unitId, field: `duties[${i}].unitId` }] : [])),
    ];
    const units = await this.resolve(refs);
    const id = (ref: string | null | undefined): string | null =>
      ref ? (units.get(ref) as UnitRefRow).id : null;
    const members = await this.repo.memberIds(group.id, r.year);
    chairs.forEach((c, i) => {
      const u = units.get(c.unitId) as UnitRefRow;
      if (!members.has(u.id))
        throw AppError.of(
          'CONFERENCE_UNIT_NOT_MEMBER',
          { unit: u.name, year: r.year },
          `chairs[${i}].unitId`,
        );
    });
    onceEach(
      chairs.map((c) => units.get(c.unitId) as UnitRefRow),
      'chairs',
    );
    const plan: ConferencePlan = {
      startsAt,
      endsAt,
      place: b.place ?? null,
      hostUnitId: id(b.hostUnitId),
      chairs: chairs.map((c) => ({ unitId: id(c.unitId) as string, role: c.role })),
      programme: programme.map((p) => ({
        order: p.order,
        at: p.at ? new Date(p.at).toISOString() : null,
        title: p.title,
        presenterUnitId: id(p.presenterUnitId),
        presenter: p.presenter ?? null,
      })),
      invitees: invitees.map((x) => ({ title: x.title, role: x.role ?? null, unitId: id(x.unitId) })),
      duties: duties.map((d) => ({
        unitId: id(d.unitId),
        holder: d.holder ?? null,
        text: d.text,
        dueOn: d.dueOn ?? null,
        offsetDays: d.offsetDays ?? null,
      })),
    };
    const campaign = await this.campaignOf(group, r.year);

    return this.repo.transaction(async (m) => {
      await this.campaigns.lock(m, campaign.id);
      const other = await this.repo.find(
        group.id,
        r.year,
        r.kind === ConferenceKind.PREPARATORY ? ConferenceKind.OFFICIAL : ConferenceKind.PREPARATORY,
        m,
      );
      if (other?.starts_at && startsAt) {
        const [prep, official] =
          r.kind === ConferenceKind.PREPARATORY
            ? [startsAt, new Date(other.starts_at).toISOString()]
            : [new Date(other.starts_at).toISOString(), startsAt];
        if (prep > official)
          throw AppError.of(
            'CONFERENCE_PREPARATORY_AFTER_OFFICIAL',
            { preparatory: prep, official },
            'startsAt',
          );
      }
      // The same plan again (a retry, a re-save): the same answer, no event, no invitation again.
      const before = await this.repo.find(group.id, r.year, r.kind, m);
      if (before && samePlan(before, plan)) return (await this.views([before], m))[0];
      const row = await this.repo.upsert(m, group.id, r.year, r.kind, plan);
      const existing = await this.campaigns.milestonesOf([campaign.id], m);
      const changes = conferenceMilestones(r.kind, r.year, conferenceDays(startsAt, endsAt), existing);
      const next = existing.filter((x) => !changes.some((c) => c.code === x.code)).map(milestoneDates);
      for (const c of changes)
        next.push({
          code: c.code,
          startsOn: c.startsOn ?? null,
          dueOn: c.dueOn ?? null,
          anchorCode: c.anchorCode ?? null,
          offsetDays: c.offsetDays ?? null,
        });
      const [issue] = milestoneAnchorIssues(next);
      if (issue) {
        const reason =
          issue.issue === 'CYCLE' ? 'CAMPAIGN_MILESTONE_ANCHOR_CYCLE' : 'CAMPAIGN_MILESTONE_ANCHOR_MISSING';
        throw AppError.of(reason, { code: issue.code, anchorCode: issue.anchorCode });
      }
      for (const c of changes) await this.campaigns.upsertMilestone(m, campaign.id, c);
      const [view] = await this.views([row], m);
      await addToOutbox(m, SCHEMA, [
        makeEnvelope(RegistryEvents.conferencePlanned, conferencePlanned(view)),
        makeEnvelope(RegistryEvents.campaignChanged, {
          campaignId: campaign.id,
          groupId: group.id,
          year: r.year,
        }),
      ]);
      return view;
    });
  }

  /** Who came, for whom (the whole list replaces the previous one). */
  async attendance(r: AttendanceRequest): Promise<ConferenceView> {
    const group = await this.manageable(r);
    const attendees = r.body.attendees;
    const units = await this.resolve(
      attendees.map((a, i) => ({ ref: a.unitId, field: `attendees[${i}].unitId` })),
    );
    onceEach(
      attendees.map((a) => units.get(a.unitId) as UnitRefRow),
      'attendees',
    );
    const stored: StoredAttendee[] = attendees.map((a) => ({
      unitId: (units.get(a.unitId) as UnitRefRow).id,
      present: a.present,
      representative: a.representative ?? null,
    }));
    return this.repo.transaction(async (m) => {
      const row = await this.load(group, r.year, r.kind, m);
      const [view] = await this.views([await this.repo.setAttendance(m, row.id, stored)], m);
      return view;
    });
  }

  private async campaignOf(group: GroupRow, year: number): Promise<CampaignRow> {
    const c = await this.campaigns.find(group.id, year);
    if (!c) throw AppError.of('CAMPAIGN_NOT_FOUND', { year, group: group.name });
    return c;
  }
}

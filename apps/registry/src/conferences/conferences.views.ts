import {
  ConferenceKind,
  ConferencePlanned,
  ConferenceView,
  DutyHolder,
  LatePolicy,
  LeadershipRole,
  MilestoneDto,
  SubmissionKind,
  UnitRefView,
} from '@tdkt/contracts';
import { addDays, dateInVietnam } from '@tdkt/domain';
import type { MilestoneRow } from '../campaigns/campaigns.repository';
import type { ConferenceRow, UnitRefRow } from './conferences.repository';

/** Rows of the conferences feature as the contracts show them, and the milestones they date (pure). */

/** The campaign milestone a conference dates (the codes the demo seed and the documents use). */
export const CONFERENCE_MILESTONE: Record<ConferenceKind, string> = {
  [ConferenceKind.PREPARATORY]: 'preparatory-conference',
  [ConferenceKind.OFFICIAL]: 'official-conference',
};

/** Seed 000 §IV.3: achievement reports are due 07 days after the official conference. */
export const ACHIEVEMENT_MILESTONE = 'achievement-reports';
export const ACHIEVEMENT_OFFSET_DAYS = 7;

export const CONFERENCE_NAME: Record<ConferenceKind, string> = {
  [ConferenceKind.PREPARATORY]: 'Hội nghị trù bị',
  [ConferenceKind.OFFICIAL]: 'Hội nghị tổng kết',
};

/** The first and last day of a conference in Vietnam (null while undated). */
export function conferenceDays(
  startsAt: Date | string | null,
  endsAt: Date | string | null,
): { date: string | null; lastDay: string | null } {
  if (startsAt === null) return { date: null, lastDay: null };
  const date = dateInVietnam(new Date(startsAt));
  return { date, lastDay: endsAt === null ? date : dateInVietnam(new Date(endsAt)) };
}

/** Every unit id a conference names (for one read of their names). */
export function unitIdsOf(row: ConferenceRow): string[] {
  const ids = [
    row.host_unit_id,
    ...row.chairs.map((c) => c.unitId),
    ...row.programme.map((p) => p.presenterUnitId),
    ...row.invitees.map((i) => i.unitId),
    ...row.duties.map((d) => d.unitId),
    ...row.attendance.map((a) => a.unitId),
  ];
  return [...new Set(ids.filter((x): x is string => !!x))];
}

export function toUnitRef(u: UnitRefRow): UnitRefView {
  return { id: u.id, code: u.code, name: u.name };
}

export function toConferenceView(row: ConferenceRow, units: ReadonlyMap<string, UnitRefRow>): ConferenceView {
  const ref = (id: string | null): UnitRefView | null => {
    if (!id) return null;
    const u = units.get(id);
    return u ? toUnitRef(u) : { id, code: '', name: '' };
  };
  const { date, lastDay } = conferenceDays(row.starts_at, row.ends_at);
  return {
    id: row.id,
    groupId: row.group_id,
    year: row.year,
    kind: row.kind as ConferenceKind,
    startsAt: row.starts_at ? new Date(row.starts_at).toISOString() : null,
    endsAt: row.ends_at ? new Date(row.ends_at).toISOString() : null,
    date,
    lastDay,
    place: row.place,
    hostUnit: ref(row.host_unit_id),
    chairs: row.chairs.map((c) => ({ unit: ref(c.unitId) as UnitRefView, role: c.role as LeadershipRole })),
    programme: [...row.programme]
      .sort((a, b) => a.order - b.order)
      .map((p) => ({
        order: p.order,
        at: p.at ? new Date(p.at).toISOString() : null,
        title: p.title,
        presenterUnit: ref(p.presenterUnitId),
        presenter: p.presenter,
      })),
    invitees: row.invitees.map((i) => ({ title: i.title, role: i.role, unit: ref(i.unitId) })),
    duties: row.duties.map((d) => ({
      unit: ref(d.unitId),
      holder: (d.holder as DutyHolder | null) ?? null,
      text: d.text,
      dueOn: d.dueOn ?? (d.offsetDays !== null && lastDay ? addDays(lastDay, d.offsetDays) : null),
      offsetDays: d.offsetDays,
    })),
    attendance: row.attendance.map((a) => ({
      unit: ref(a.unitId) as UnitRefView,
      present: a.present,
      representative: a.representative,
    })),
    updatedAt: new Date(row.updated_at).toISOString(),
  };
}

export function conferencePlanned(view: ConferenceView): ConferencePlanned {
  return {
    conferenceId: view.id,
    groupId: view.groupId,
    year: view.year,
    kind: view.kind,
    startsAt: view.startsAt,
    date: view.date,
  };
}

/**
 * The milestones a conference's plan writes into its campaign (`existing`: the campaign's
 * milestones now). Dated: its milestone starts on its first day and is due on its last, stated (an
 * anchor it had is dropped), so the milestones anchored to it move with it. Undated: a milestone
 * stated relative to another (the demo's "01 day before the official conference") is left alone;
 * one it had dated loses its date. The official conference also brings, when no milestone closes
 * achievement reports yet, one due 7 days after it (seed 000).
 */
export function conferenceMilestones(
  kind: ConferenceKind,
  year: number,
  days: { date: string | null; lastDay: string | null },
  existing: readonly MilestoneRow[],
): MilestoneDto[] {
  const code = CONFERENCE_MILESTONE[kind];
  const own = existing.find((x) => x.code === code);
  const out: MilestoneDto[] = [];
  const keep = {
    latePolicy: (own?.late_policy as LatePolicy | null) ?? null,
    submissionKinds: (own?.submission_kinds ?? []) as SubmissionKind[],
  };
  const title = own?.title ?? `${CONFERENCE_NAME[kind]} năm ${year}`;
  if (days.date !== null) {
    out.push({
      code,
      title,
      startsOn: days.date,
      dueOn: days.lastDay,
      anchorCode: null,
      offsetDays: null,
      ...keep,
    });
  } else if (!own) {
    out.push({ code, title, startsOn: null, dueOn: null, anchorCode: null, offsetDays: null, ...keep });
  } else if (own.anchor_code === null && (own.starts_on !== null || own.due_on !== null)) {
    out.push({ code, title, startsOn: null, dueOn: null, anchorCode: null, offsetDays: null, ...keep });
  }
  const closesReports = existing.some((x) => x.submission_kinds.includes(SubmissionKind.ACHIEVEMENT_REPORT));
  if (kind === ConferenceKind.OFFICIAL && !closesReports) {
    out.push({
      code: ACHIEVEMENT_MILESTONE,
      title: 'Các đơn vị được suy tôn gửi báo cáo thành tích (07 ngày sau Hội nghị tổng kết)',
      startsOn: null,
      dueOn: null,
      anchorCode: code,
      offsetDays: ACHIEVEMENT_OFFSET_DAYS,
      latePolicy: null,
      submissionKinds: [SubmissionKind.ACHIEVEMENT_REPORT],
    });
  }
  return out;
}

import { CampaignView, LatePolicy, MilestoneView, SubmissionKind } from '@tdkt/contracts';
import { MilestoneDates, resolveMilestones } from '@tdkt/domain';
import type { CampaignRow, MilestoneRow } from './campaigns.repository';

/** Rows of the campaigns feature as the contracts show them (pure). */

/** What deadline resolution needs of a milestone. */
export function milestoneDates(r: MilestoneRow): MilestoneDates {
  return {
    code: r.code,
    startsOn: r.starts_on,
    dueOn: r.due_on,
    anchorCode: r.anchor_code,
    offsetDays: r.offset_days,
  };
}

/**
 * A campaign with its milestones: each with its deadline resolved (stated, or from its anchor;
 * `dueAt` is the end of that day in Vietnam), in order of deadline (else start; undated last),
 * then code. `milestones` may hold other campaigns' rows too.
 */
export function toCampaignView(c: CampaignRow, milestones: readonly MilestoneRow[]): CampaignView {
  const own = milestones.filter((x) => x.campaign_id === c.id);
  const resolved = resolveMilestones(own.map(milestoneDates));
  const views = own
    .map((x): MilestoneView => {
      const due = resolved.get(x.code);
      return {
        id: x.id,
        code: x.code,
        title: x.title,
        startsOn: x.starts_on,
        dueOn: due?.dueOn ?? null,
        dueAt: due?.dueAt?.toISOString() ?? null,
        anchorCode: x.anchor_code,
        offsetDays: x.offset_days,
        latePolicy: (x.late_policy as LatePolicy | null) ?? null,
        submissionKinds: x.submission_kinds as SubmissionKind[],
      };
    })
    .sort(
      (a, b) =>
        (a.dueOn ?? a.startsOn ?? '9999').localeCompare(b.dueOn ?? b.startsOn ?? '9999') ||
        a.code.localeCompare(b.code),
    );
  return {
    id: c.id,
    groupId: c.group_id,
    year: c.year,
    title: c.title,
    latePolicy: c.late_policy as LatePolicy,
    milestones: views,
  };
}

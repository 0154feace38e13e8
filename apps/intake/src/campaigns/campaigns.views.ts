import {
  CampaignSubmissionsView,
  LatePolicy,
  MemberSubmissionsRow,
  SubmissionKind,
  SubmissionState,
  SubmissionSummary,
} from '@tdkt/contracts';
import type { SubmissionListRow } from '../submissions/submissions.repository';
import { summaryView } from '../submissions/submissions.views';
import type { CampaignContext } from './campaign-directory';

/**
 * The chair's list: every member of the year (by name, Vietnamese order), what it submitted, what
 * is missing, what is late or overdue at `now`, and the counts. `kind`: only that kind.
 */
export function campaignSubmissionsView(
  ctx: Pick<CampaignContext, 'campaign' | 'members' | 'deadline' | 'expectedKinds'>,
  rows: readonly SubmissionListRow[],
  kind: SubmissionKind | undefined,
  now: Date,
): CampaignSubmissionsView {
  const { campaign } = ctx;
  const kinds = kind ? [kind] : ctx.expectedKinds;
  const deadlines = kinds.map((k) => {
    const d = ctx.deadline(k);
    return {
      kind: k,
      milestoneCode: d?.milestoneCode ?? '',
      dueAt: d?.dueAt ?? null,
      latePolicy: (d?.latePolicy ?? campaign.latePolicy) as LatePolicy,
    };
  });
  const byUnit = new Map<string, SubmissionSummary[]>();
  for (const row of rows) {
    const list = byUnit.get(row.unit_id) ?? [];
    list.push(summaryView(row));
    byUnit.set(row.unit_id, list);
  }
  const counts = {
    members: ctx.members.size,
    notSubmitted: 0,
    submitted: 0,
    returned: 0,
    accepted: 0,
    late: 0,
    overdue: 0,
  };
  const members: MemberSubmissionsRow[] = [...ctx.members.values()]
    .sort((a, b) => a.unitName.localeCompare(b.unitName, 'vi'))
    .map((m) => {
      const submissions = byUnit.get(m.unitId) ?? [];
      const have = new Set(submissions.map((x) => x.kind));
      const notSubmitted = kinds.filter((k) => !have.has(k));
      const overdue = notSubmitted.filter((k) => {
        const due = ctx.deadline(k)?.dueAt;
        return due !== null && due !== undefined && now.getTime() > Date.parse(due);
      });
      for (const x of submissions) {
        if (x.state === SubmissionState.SUBMITTED) counts.submitted += 1;
        else if (x.state === SubmissionState.RETURNED) counts.returned += 1;
        else if (x.state === SubmissionState.ACCEPTED) counts.accepted += 1;
        if (x.late) counts.late += 1;
      }
      counts.notSubmitted += notSubmitted.length;
      counts.overdue += overdue.length;
      return {
        unitId: m.unitId,
        unitName: m.unitName,
        subgroupId: m.subgroupId,
        submissions,
        notSubmitted,
        late: submissions.some((x) => x.late) || overdue.length > 0,
        overdue,
      };
    });
  return {
    campaignId: campaign.id,
    groupId: campaign.groupId,
    year: campaign.year,
    deadlines,
    counts,
    members,
  };
}

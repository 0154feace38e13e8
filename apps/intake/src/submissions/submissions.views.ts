import {
  SubmissionFacts,
  SubmissionHeader,
  SubmissionKind,
  SubmissionState,
  SubmissionSummary,
  SubmissionVersionView,
  SubmissionView,
} from '@tdkt/contracts';
import { fileView } from '../files/files.views';
import type { SubmissionListRow, SubmissionRow, VersionFileRow, VersionRow } from './submissions.repository';

const iso = (d: Date | string | null): string | null => (d === null ? null : new Date(d).toISOString());

function header(s: SubmissionRow): SubmissionHeader {
  return {
    id: s.id,
    campaignId: s.campaign_id,
    groupId: s.group_id,
    year: s.year,
    unitId: s.unit_id,
    kind: s.kind as SubmissionKind,
    title: s.title,
    state: s.state as SubmissionState,
    late: s.late,
    currentVersion: s.current_version,
    updatedAt: iso(s.updated_at) as string,
  };
}

/** Which submission and version, whose, for which campaign (receipts and events). */
export function factsOf(
  s: Pick<SubmissionRow, 'id' | 'campaign_id' | 'group_id' | 'year' | 'unit_id' | 'kind'>,
  version: number,
): SubmissionFacts {
  return {
    submissionId: s.id,
    version,
    campaignId: s.campaign_id,
    groupId: s.group_id,
    year: s.year,
    unitId: s.unit_id,
    kind: s.kind as SubmissionKind,
  };
}

export function submissionView(
  s: SubmissionRow,
  versions: VersionRow[],
  files: VersionFileRow[],
  drafts: boolean,
): SubmissionView {
  const shown = drafts ? versions : versions.filter((v) => v.state !== SubmissionState.DRAFT);
  return {
    ...header(s),
    createdAt: iso(s.created_at) as string,
    createdBy: s.created_by,
    versions: shown.map((v): SubmissionVersionView => ({
      number: v.number,
      state: v.state as SubmissionState,
      createdAt: iso(v.created_at) as string,
      submittedAt: iso(v.submitted_at),
      late: v.late,
      receiptNumber: v.receipt_number,
      returnedReason: v.returned_reason,
      returnedAt: iso(v.returned_at),
      returnedBy: v.returned_by,
      acceptedAt: iso(v.accepted_at),
      acceptedBy: v.accepted_by,
      files: files.filter((f) => f.version === v.number).map(fileView),
    })),
  };
}

export function summaryView(s: SubmissionListRow): SubmissionSummary {
  return {
    ...header(s),
    submittedAt: iso(s.submitted_at),
    receiptNumber: s.receipt_number,
  };
}

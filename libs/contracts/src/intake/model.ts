import { FileState, SubmissionState } from '@tdkt/domain';
import type { JobView } from '../jobs';
import type { LatePolicy } from '../registry/model';
import type { SubmissionKind } from './kinds';

/** The states of submissions and files: owned by libs/domain (intake/states.ts). */
export { FileState, SubmissionState };

export interface SubmissionFileView {
  id: string;
  /** The original name, NFC. */
  name: string;
  contentType: string;
  size: number;
  sha256: string;
  state: FileState;
  /** Why it was rejected, in words. */
  rejectedReason: string | null;
  /** The same as a catalogue reason (e.g. FILE_CHECKSUM_MISMATCH), for a client to switch on. */
  rejectedCode: string | null;
  uploadExpiresAt: string;
  confirmedAt: string | null;
}

/**
 * One file as `GET …/files/{fileId}` and confirm answer it: the file, and the job that checks it
 * when it is large (state VERIFYING: its progress is bytes hashed of the size; once DONE its result
 * is the outcome), else null.
 */
export interface FileStatusView extends SubmissionFileView {
  job: JobView | null;
}

/** What a file-confirm job answers once DONE: the file's final state and why it was rejected. */
export interface FileCheckOutcome {
  fileId: string;
  state: FileState;
  /** The catalogue reason of a rejection (e.g. FILE_CHECKSUM_MISMATCH), else null. */
  rejectedCode: string | null;
  rejectedReason: string | null;
}

export interface ReceiptFile {
  fileId: string;
  name: string;
  contentType: string;
  size: number;
  sha256: string;
}

/** Which submission and version, whose, for which campaign: carried by receipts and events. */
export interface SubmissionFacts {
  submissionId: string;
  version: number;
  campaignId: string;
  groupId: string;
  year: number;
  unitId: string;
  kind: SubmissionKind;
}

export interface ReceiptView extends SubmissionFacts {
  /** Unique within the campaign, e.g. 2023-000042. */
  number: string;
  /** Server time of the submit (ISO instant). */
  issuedAt: string;
  /** The same instant as read in Vietnam, e.g. "14:05:09 ngày 04/02/2024 (giờ Việt Nam)". */
  issuedAtVietnam: string;
  late: boolean;
  files: ReceiptFile[];
}

export interface SubmissionVersionView {
  number: number;
  state: SubmissionState;
  createdAt: string;
  submittedAt: string | null;
  late: boolean;
  receiptNumber: string | null;
  returnedReason: string | null;
  returnedAt: string | null;
  returnedBy: string | null;
  acceptedAt: string | null;
  acceptedBy: string | null;
  files: SubmissionFileView[];
}

export interface DeadlineView {
  milestoneCode: string;
  dueAt: string | null;
  latePolicy: LatePolicy;
}

/** What every listing of a submission shows. */
export interface SubmissionHeader {
  id: string;
  campaignId: string;
  groupId: string;
  year: number;
  unitId: string;
  kind: SubmissionKind;
  title: string | null;
  state: SubmissionState;
  /** The latest submitted version came after the deadline (accepted as late). */
  late: boolean;
  currentVersion: number;
  updatedAt: string;
}

export interface SubmissionView extends SubmissionHeader {
  createdAt: string;
  createdBy: string;
  /** Newest first. Reviewers see submitted versions only. */
  versions: SubmissionVersionView[];
}

export interface SubmissionSummary extends SubmissionHeader {
  submittedAt: string | null;
  receiptNumber: string | null;
}

export interface UploadTicket {
  file: SubmissionFileView;
  /** Browser → storage: PUT the file's bytes as the body of `url`, with exactly `headers`. */
  upload: {
    method: 'PUT';
    url: string;
    /** Signed into the URL: the declared content type and exact size. */
    headers: Record<string, string>;
    expiresAt: string;
    maxBytes: number;
  };
}

export interface DownloadLink {
  url: string;
  expiresAt: string;
  fileName: string;
  contentType: string;
  size: number;
  sha256: string;
}

export interface MemberSubmissionsRow {
  unitId: string;
  unitName: string;
  subgroupId: string | null;
  /** Submissions that have been submitted at least once (drafts are not shown to reviewers). */
  submissions: SubmissionSummary[];
  /** Expected kinds (those with a deadline in the campaign) not yet submitted. */
  notSubmitted: SubmissionKind[];
  /** At least one submission came in late, or an expected kind is missing after its deadline. */
  late: boolean;
  overdue: SubmissionKind[];
}

export interface CampaignSubmissionsView {
  campaignId: string;
  groupId: string;
  year: number;
  /** Kinds with a deadline in this campaign, and their deadlines. */
  deadlines: ({ kind: SubmissionKind } & DeadlineView)[];
  counts: {
    members: number;
    notSubmitted: number;
    submitted: number;
    returned: number;
    accepted: number;
    late: number;
    overdue: number;
  };
  members: MemberSubmissionsRow[];
}

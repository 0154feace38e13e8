import { Page } from '../common';
import { eventDef, StreamDef, streamSubjects } from '../events';
import { rpc } from '../rpc';
import type {
  CampaignSubmissionsRequest,
  CreateSubmissionRequest,
  FileRequest,
  ListSubmissionsRequest,
  RequestUploadRequest,
  ReturnRequest,
  SubmissionRequest,
  SubmitRequest,
} from './dto';
import type {
  CampaignSubmissionsView,
  DownloadLink,
  FileStatusView,
  ReceiptFile,
  SubmissionFacts,
  ReceiptView,
  SubmissionSummary,
  SubmissionView,
  UploadTicket,
} from './model';

/** Request/reply subjects served by intake (queue group `intake`). Public API: see rpc.ts. */
export const IntakeRpc = {
  submissionCreate: rpc<CreateSubmissionRequest, SubmissionView>('intake.submission.create'),
  submissionGet: rpc<SubmissionRequest, SubmissionView>('intake.submission.get'),
  submissionList: rpc<ListSubmissionsRequest, Page<SubmissionSummary>>('intake.submission.list'),
  /** Idempotent on (submission, idempotency key): the same key answers the same receipt. */
  submissionSubmit: rpc<SubmitRequest, ReceiptView>('intake.submission.submit'),
  submissionReturn: rpc<ReturnRequest, SubmissionView>('intake.submission.return'),
  submissionAccept: rpc<SubmissionRequest, SubmissionView>('intake.submission.accept'),
  receiptList: rpc<SubmissionRequest, ReceiptView[]>('intake.receipt.list'),
  campaignSubmissions: rpc<CampaignSubmissionsRequest, CampaignSubmissionsView>(
    'intake.campaign.submissions',
  ),

  fileRequestUpload: rpc<RequestUploadRequest, UploadTicket>('intake.file.request-upload'),
  /**
   * A file at or below intake's CONFIRM_INLINE_MAX_BYTES is checked in the request (CONFIRMED, or a
   * 422 naming the failed check); a larger one answers VERIFYING with the job that checks it.
   */
  fileConfirm: rpc<FileRequest, FileStatusView>('intake.file.confirm'),
  /** One file with its state (and its check's job, if any). */
  fileGet: rpc<FileRequest, FileStatusView>('intake.file.get'),
  fileRemove: rpc<FileRequest, SubmissionView>('intake.file.remove'),
  fileDownload: rpc<FileRequest, DownloadLink>('intake.file.download'),
} as const;

// ---------- events ----------

export const INTAKE_STREAM = 'INTAKE_EVENTS';

/** What scoring (self-score sheets) and notifications (receipts) need. */
export interface SubmissionSubmitted extends SubmissionFacts {
  receiptNumber: string;
  submittedAt: string;
  submittedBy: string;
  late: boolean;
  files: (ReceiptFile & { objectKey: string })[];
}

export interface SubmissionReturned extends SubmissionFacts {
  reason: string;
  returnedBy: string;
  returnedAt: string;
}

export interface SubmissionAccepted extends SubmissionFacts {
  acceptedBy: string;
  acceptedAt: string;
  late: boolean;
}

export interface FileRejected {
  submissionId: string;
  fileId: string;
  unitId: string;
  campaignId: string;
  name: string;
  /** The catalogue reason (e.g. FILE_CHECKSUM_MISMATCH). */
  code: string;
  /** The same in words. */
  reason: string;
  rejectedAt: string;
}

export const IntakeEvents = {
  /** Published on `intake.submission.submitted.<kind>` (consumers may take one kind only). */
  submissionSubmitted: eventDef<SubmissionSubmitted>(INTAKE_STREAM, 'intake.submission.submitted', 'kind'),
  submissionReturned: eventDef<SubmissionReturned>(INTAKE_STREAM, 'intake.submission.returned'),
  submissionAccepted: eventDef<SubmissionAccepted>(INTAKE_STREAM, 'intake.submission.accepted'),
  fileRejected: eventDef<FileRejected>(INTAKE_STREAM, 'intake.file.rejected'),
} as const;

export const IntakeStream: StreamDef = {
  name: INTAKE_STREAM,
  subjects: streamSubjects(Object.values(IntakeEvents)),
};

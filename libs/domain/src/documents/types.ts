/**
 * The official papers the documents service renders (Decree 30/2020 format), and what each is
 * about. Owned by the domain (contracts re-export it); the templates in apps/documents implement
 * one per type.
 */
export enum DocumentType {
  /** Kế hoạch tổ chức hội nghị tổng kết của một cụm/khối trong một năm (seed 000). */
  CONFERENCE_PLAN = 'CONFERENCE_PLAN',
  /** Báo cáo tổng kết năm của cụm/khối với phụ lục thống kê khen thưởng (seeds 000, 002). */
  GROUP_REPORT = 'GROUP_REPORT',
  /** Biên bản hội nghị trù bị (after the lock). */
  MINUTES = 'MINUTES',
  /** Giấy mời lãnh đạo một đơn vị thành viên dự hội nghị. */
  INVITATION = 'INVITATION',
  /** Tờ trình đề nghị Cờ thi đua của Chính phủ và Bằng khen của Thủ tướng (after the lock). */
  PROPOSAL = 'PROPOSAL',
  /** Phiếu tiếp nhận hồ sơ of one submission version. */
  RECEIPT = 'RECEIPT',
  /** Bảng tổng hợp kết quả chấm điểm of a group-year. */
  RESULTS_TABLE = 'RESULTS_TABLE',
}

/** The file formats a document is produced in. */
export enum DocumentFormat {
  PDF = 'PDF',
  DOCX = 'DOCX',
}

/** What a document is about: a group-year, plus a conference or a member, or a submission. */
export type DocumentSubject =
  | {
      type:
        | DocumentType.CONFERENCE_PLAN
        | DocumentType.GROUP_REPORT
        | DocumentType.MINUTES
        | DocumentType.PROPOSAL
        | DocumentType.RESULTS_TABLE;
      groupId: string;
      year: number;
    }
  | {
      type: DocumentType.INVITATION;
      groupId: string;
      year: number;
      conference: 'PREPARATORY' | 'OFFICIAL';
      unitId: string;
    }
  | { type: DocumentType.RECEIPT; submissionId: string; version: number };

/** Documents made from locked results: each rendered version is kept as it was, never replaced. */
export const FROM_LOCKED_RESULTS: ReadonlySet<DocumentType> = new Set([
  DocumentType.MINUTES,
  DocumentType.PROPOSAL,
]);

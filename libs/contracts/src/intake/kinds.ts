/**
 * What a member sends for a campaign. A campaign milestone lists the kinds it closes
 * (`submissionKinds`), which is how intake knows each kind's deadline.
 */
export enum SubmissionKind {
  /** Bảng tự chấm điểm */
  SELF_SCORE = 'SELF_SCORE',
  /** Báo cáo tổng kết năm */
  ANNUAL_REPORT = 'ANNUAL_REPORT',
  /** Báo cáo sơ kết 6 tháng */
  SIX_MONTH_REPORT = 'SIX_MONTH_REPORT',
  /** Báo cáo thành tích (after being proposed for an honour) */
  ACHIEVEMENT_REPORT = 'ACHIEVEMENT_REPORT',
  /** Tài liệu minh chứng khác (documents, photos, video clips) */
  EVIDENCE = 'EVIDENCE',
}

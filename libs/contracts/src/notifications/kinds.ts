/**
 * What a notice is about: one template (apps/notifications/src/templates) and one preference
 * (e-mail on/off) per kind. The inbox always receives every kind.
 */
export enum NoticeKind {
  /** Biên nhận hồ sơ: a unit's submission was received (intake.submission.submitted). */
  SUBMISSION_RECEIPTED = 'SUBMISSION_RECEIPTED',
  /** Hồ sơ bị trả lại để bổ sung, with the reason (intake.submission.returned). */
  SUBMISSION_RETURNED = 'SUBMISSION_RETURNED',
  /** Hồ sơ được chấp nhận (intake.submission.accepted). */
  SUBMISSION_ACCEPTED = 'SUBMISSION_ACCEPTED',
  /** Tệp minh chứng bị từ chối (intake.file.rejected). */
  FILE_REJECTED = 'FILE_REJECTED',
  /** Kết quả chấm điểm đã khoá — announced to every member (scoring.groupyear.locked). */
  SCORES_LOCKED = 'SCORES_LOCKED',
  /** Kết quả được mở lại (scoring.groupyear.reopened). */
  SCORES_REOPENED = 'SCORES_REOPENED',
  /** Đề nghị khen thưởng (scoring.honours.proposed). */
  HONOURS_PROPOSED = 'HONOURS_PROPOSED',
  /** Cụm trưởng / Cụm phó của năm thay đổi (registry.leadership.changed). */
  LEADERSHIP_CHANGED = 'LEADERSHIP_CHANGED',
  /** Kế hoạch / mốc thời gian của đợt thi đua thay đổi (registry.campaign.changed). */
  CAMPAIGN_CHANGED = 'CAMPAIGN_CHANGED',
  /** Nhắc hạn nộp (the reminders schedule). */
  DEADLINE_REMINDER = 'DEADLINE_REMINDER',
  /** Tổng hợp trong ngày (the daily digest, an option per user). */
  DAILY_DIGEST = 'DAILY_DIGEST',
  /** Văn bản đã được tạo (documents rendered, when the documents service publishes it). */
  DOCUMENT_RENDERED = 'DOCUMENT_RENDERED',
  /** Giấy mời / thông báo hội nghị trù bị, tổng kết: date, time, place (registry.conference.planned). */
  CONFERENCE_PLANNED = 'CONFERENCE_PLANNED',
  /** Cụm trưởng, Cụm phó năm sau được xác nhận tại hội nghị tổng kết (registry.leadership.confirmed). */
  LEADERSHIP_CONFIRMED = 'LEADERSHIP_CONFIRMED',
  /** Giao ước thi đua năm sau được ban hành, with the units that did not sign (scoring.covenant.published). */
  COVENANT_PUBLISHED = 'COVENANT_PUBLISHED',
  /** Hồ sơ đề nghị khen thưởng trình Hội đồng TĐKT Trung ương (honours.dossier.submitted). */
  DOSSIER_SUBMITTED = 'DOSSIER_SUBMITTED',
  /** Hồ sơ đề nghị khen thưởng bị trả lại, with the reason (honours.dossier.returned). */
  DOSSIER_RETURNED = 'DOSSIER_RETURNED',
  /** Hồ sơ đề nghị khen thưởng được tiếp nhận (honours.dossier.accepted). */
  DOSSIER_ACCEPTED = 'DOSSIER_ACCEPTED',
  /** Quyết định khen thưởng đã ban hành (honours.decision.recorded). */
  DECISION_RECORDED = 'DECISION_RECORDED',
}

export const NOTICE_KINDS: readonly NoticeKind[] = Object.values(NoticeKind);

/** Delivery channels: one delivery per (source key, user, channel). */
export enum NoticeChannel {
  INBOX = 'INBOX',
  EMAIL = 'EMAIL',
}

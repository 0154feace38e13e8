import { NoticeKind } from '@tdkt/contracts';
import { campaignChanged } from './campaign-changed';
import { conferencePlanned } from './conference-planned';
import { covenantPublished } from './covenant-published';
import { decisionRecorded } from './decision-recorded';
import { dossierAccepted, dossierReturned, dossierSubmitted } from './dossier-steps';
import { leadershipConfirmed } from './leadership-confirmed';
import { dailyDigest } from './daily-digest';
import { deadlineReminder } from './deadline-reminder';
import { documentRendered } from './document-rendered';
import { fileRejected } from './file-rejected';
import { generic } from './generic';
import { honoursProposed } from './honours-proposed';
import { leadershipChanged } from './leadership-changed';
import { scoresLocked } from './scores-locked';
import { scoresReopened } from './scores-reopened';
import { submissionAccepted } from './submission-accepted';
import { submissionReceipted } from './submission-receipted';
import { submissionReturned } from './submission-returned';
import type { Rendered, Template, TemplateContext } from './template';

/**
 * Every kind's template. DEADLINE_REMINDER and DAILY_DIGEST belong to the reminders/digest side:
 * until their templates are registered here (one line each) they use `generic`.
 */
export const TEMPLATES: Partial<Record<NoticeKind, Template>> = {
  [NoticeKind.SUBMISSION_RECEIPTED]: submissionReceipted,
  [NoticeKind.SUBMISSION_RETURNED]: submissionReturned,
  [NoticeKind.SUBMISSION_ACCEPTED]: submissionAccepted,
  [NoticeKind.FILE_REJECTED]: fileRejected,
  [NoticeKind.SCORES_LOCKED]: scoresLocked,
  [NoticeKind.SCORES_REOPENED]: scoresReopened,
  [NoticeKind.HONOURS_PROPOSED]: honoursProposed,
  [NoticeKind.LEADERSHIP_CHANGED]: leadershipChanged,
  [NoticeKind.CAMPAIGN_CHANGED]: campaignChanged,
  [NoticeKind.DOCUMENT_RENDERED]: documentRendered,
  [NoticeKind.DEADLINE_REMINDER]: deadlineReminder,
  [NoticeKind.DAILY_DIGEST]: dailyDigest,
  // Closing the year (issue 15).
  [NoticeKind.CONFERENCE_PLANNED]: conferencePlanned,
  [NoticeKind.LEADERSHIP_CONFIRMED]: leadershipConfirmed,
  [NoticeKind.COVENANT_PUBLISHED]: covenantPublished,
  [NoticeKind.DOSSIER_SUBMITTED]: dossierSubmitted,
  [NoticeKind.DOSSIER_RETURNED]: dossierReturned,
  [NoticeKind.DOSSIER_ACCEPTED]: dossierAccepted,
  [NoticeKind.DECISION_RECORDED]: decisionRecorded,
};

/** The message for one recipient, stored and sent in NFC (names from elsewhere may come decomposed). */
export function render(kind: NoticeKind, params: Record<string, unknown>, ctx: TemplateContext): Rendered {
  const m = (TEMPLATES[kind] ?? generic)(params, ctx);
  return {
    ...m,
    subject: m.subject.normalize('NFC'),
    text: m.text.normalize('NFC'),
    html: m.html.normalize('NFC'),
  };
}

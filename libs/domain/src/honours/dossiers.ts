import { awardByCode, AwardType, validOn } from '../awards/catalogue';

/**
 * The proposal dossier of one honour (hồ sơ đề nghị khen thưởng) and the decisions that answer it:
 * pure rules, no I/O (the honours service applies them).
 *
 *   DRAFT ──submit──▶ SUBMITTED ──accept──▶ ACCEPTED ──a decision grants it──▶ DECIDED
 *     ▲                 │  ▲
 *     │              return│  │submit (again)
 *     │                 ▼  │
 *     └──────────── RETURNED
 */
export enum DossierState {
  DRAFT = 'DRAFT',
  SUBMITTED = 'SUBMITTED',
  RETURNED = 'RETURNED',
  ACCEPTED = 'ACCEPTED',
  DECIDED = 'DECIDED',
}

/** A dossier state's Vietnamese name (messages show it, never the code). */
export const DOSSIER_STATE_NAMES: Record<DossierState, string> = {
  DRAFT: 'đang lập',
  SUBMITTED: 'đã gửi, chờ tiếp nhận',
  RETURNED: 'bị trả lại',
  ACCEPTED: 'đã tiếp nhận',
  DECIDED: 'đã có quyết định khen thưởng',
};

export type DossierAction = 'SUBMIT' | 'RETURN' | 'ACCEPT' | 'DECIDE';

/** The state an action leads to from `from`, or null when the action is not allowed there. */
export function dossierTransition(from: DossierState, action: DossierAction): DossierState | null {
  switch (action) {
    case 'SUBMIT':
      return from === DossierState.DRAFT || from === DossierState.RETURNED ? DossierState.SUBMITTED : null;
    case 'RETURN':
      return from === DossierState.SUBMITTED ? DossierState.RETURNED : null;
    case 'ACCEPT':
      return from === DossierState.SUBMITTED ? DossierState.ACCEPTED : null;
    case 'DECIDE':
      return from === DossierState.ACCEPTED ? DossierState.DECIDED : null;
  }
}

/** The parts of a dossier, in the order they are listed. */
export enum DossierPartKind {
  /** Tờ trình đề nghị khen thưởng (documents PROPOSAL of the group-year). */
  PROPOSAL_LETTER = 'PROPOSAL_LETTER',
  /** Biên bản hội nghị trù bị (documents MINUTES of the group-year). */
  MINUTES = 'MINUTES',
  /** Bảng xếp hạng (scoring, the locked group-year). */
  RANKING = 'RANKING',
  /** Báo cáo thành tích of the honoured member (intake ACHIEVEMENT_REPORT, submitted). */
  ACHIEVEMENT_REPORT = 'ACHIEVEMENT_REPORT',
}

export const DOSSIER_PARTS: readonly DossierPartKind[] = [
  DossierPartKind.PROPOSAL_LETTER,
  DossierPartKind.MINUTES,
  DossierPartKind.RANKING,
  DossierPartKind.ACHIEVEMENT_REPORT,
];

/** The Vietnamese name of each part (what a missing part is called in messages). */
export const DOSSIER_PART_TITLES: Record<DossierPartKind, string> = {
  [DossierPartKind.PROPOSAL_LETTER]: 'Tờ trình đề nghị khen thưởng',
  [DossierPartKind.MINUTES]: 'Biên bản hội nghị',
  [DossierPartKind.RANKING]: 'Bảng xếp hạng',
  [DossierPartKind.ACHIEVEMENT_REPORT]: 'Báo cáo thành tích',
};

/** The parts not present, in the listed order. */
export function missingParts(present: ReadonlySet<DossierPartKind>): DossierPartKind[] {
  return DOSSIER_PARTS.filter((p) => !present.has(p));
}

/**
 * The award form (catalogue code) an honour of scoring's rule stands for: scoring names its
 * honours by rule (GOVERNMENT_FLAG, PM_CERTIFICATE, seed 000); an honour named by a catalogue code
 * is that code. Null when the honour names no form of the catalogue.
 */
export const HONOUR_AWARD_FORMS: Readonly<Record<string, string>> = {
  GOVERNMENT_FLAG: 'CO-THI-DUA-CHINH-PHU',
  PM_CERTIFICATE: 'BK-THU-TUONG',
};

export function awardFormOfHonour(honour: string): string | null {
  return HONOUR_AWARD_FORMS[honour] ?? (awardByCode(honour) ? honour : null);
}

/** Why an award form cannot be granted on a date: unknown to the catalogue, or not in force. */
export function awardFormProblem(code: string, on: string): 'UNKNOWN' | 'NOT_IN_FORCE' | null {
  const type: AwardType | undefined = awardByCode(code);
  if (!type) return 'UNKNOWN';
  return validOn(type, on) ? null : 'NOT_IN_FORCE';
}

/** One awarded line of a decision, as the granting rule sees it. */
export interface GrantLine {
  award: string;
  recipientUnitId: string;
  /** The dossier it answers (stated, or matched to an accepted one of the same unit and form). */
  dossierId: string | null;
}

/** An accepted dossier a decision may answer. */
export interface GrantableDossier {
  id: string;
  memberUnitId: string;
  /** The catalogue form its honour stands for (null: none, so only stated by id). */
  awardForm: string | null;
}

export interface GrantCheck {
  /** The dossier each line answers (null: beyond the accepted dossiers). */
  dossierOf: (string | null)[];
  /** Lines that name a dossier not grantable or of another unit/form: index and why. */
  invalid: { line: number; why: 'NOT_GRANTABLE' | 'MISMATCH' | 'TWICE' }[];
  /** Lines beyond the accepted dossiers (allowed only with a board override). */
  beyond: number[];
}

/**
 * Matches a decision's lines to the accepted dossiers: a stated dossier must be grantable, of the
 * line's unit and form, and answered once; a line with none takes the one grantable dossier of
 * its unit and form not taken yet. Lines left without one are beyond what was accepted.
 */
export function matchGrants(lines: readonly GrantLine[], grantable: readonly GrantableDossier[]): GrantCheck {
  const byId = new Map(grantable.map((d) => [d.id, d]));
  const taken = new Set<string>();
  const dossierOf: (string | null)[] = lines.map(() => null);
  const invalid: GrantCheck['invalid'] = [];
  lines.forEach((l, i) => {
    if (!l.dossierId) return;
    const d = byId.get(l.dossierId);
    if (!d) invalid.push({ line: i, why: 'NOT_GRANTABLE' });
    else if (d.memberUnitId !== l.recipientUnitId || (d.awardForm !== null && d.awardForm !== l.award))
      invalid.push({ line: i, why: 'MISMATCH' });
    else if (taken.has(d.id)) invalid.push({ line: i, why: 'TWICE' });
    else {
      taken.add(d.id);
      dossierOf[i] = d.id;
    }
  });
  const beyond: number[] = [];
  lines.forEach((l, i) => {
    if (l.dossierId) return;
    const d = grantable.find(
      (x) => !taken.has(x.id) && x.memberUnitId === l.recipientUnitId && x.awardForm === l.award,
    );
    if (d) {
      taken.add(d.id);
      dossierOf[i] = d.id;
    } else beyond.push(i);
  });
  return { dossierOf, invalid, beyond };
}

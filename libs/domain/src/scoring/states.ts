/**
 * The states of scoring and the moves between them, owned here; libs/contracts re-exports the
 * enums (`SchemeState`, `ScoreKind`) for the API's shapes.
 */

/**
 * A group-year's points table: a draft is replaced until it is published; a published version never
 * changes. A draft kept as it was because members had commented on or signed it, when a revision
 * made a newer draft version, is SUPERSEDED: no longer the draft (neither published nor discarded).
 */
export enum SchemeState {
  DRAFT = 'DRAFT',
  PUBLISHED = 'PUBLISHED',
  SUPERSEDED = 'SUPERSEDED',
}
export type SchemeStateName = `${SchemeState}`;

/** Why a move of the scheme is refused (each a reason of the error catalogue). */
export type SchemeRefusal = 'SCHEME_NOT_FOUND' | 'SCHEME_NO_DRAFT' | 'SCHEME_ALREADY_PUBLISHED';

interface LatestScheme {
  state: SchemeStateName;
  version: number;
}

/**
 * What storing a scheme does, given the group-year's latest version: a draft is replaced in place;
 * after a published version (or none) the scheme becomes a new draft version. A draft that members
 * already commented on or signed (`hasFeedback`) is kept as it was: the revision is a new draft
 * version, so each comment and signature keeps the version it was made on, and the kept draft is
 * `supersede`d (SUPERSEDED: no longer a draft one could publish or discard).
 */
export function schemeEdit<T extends LatestScheme>(
  latest: T | undefined,
  hasFeedback = false,
): { replace: T } | { newVersion: number; supersede?: T } {
  if (latest?.state === SchemeState.DRAFT)
    return hasFeedback ? { newVersion: latest.version + 1, supersede: latest } : { replace: latest };
  return { newVersion: (latest?.version ?? 0) + 1 };
}

/** Publishing: only the latest version, only while it is a draft. */
export function schemePublish<T extends LatestScheme>(
  latest: T | undefined,
): { publish: T } | { refused: SchemeRefusal } {
  if (!latest) return { refused: 'SCHEME_NOT_FOUND' };
  if (latest.state !== SchemeState.DRAFT) return { refused: 'SCHEME_ALREADY_PUBLISHED' };
  return { publish: latest };
}

/** Discarding: only a draft (a published version is never deleted). */
export function schemeDiscard<T extends LatestScheme>(
  latest: T | undefined,
): { discard: T } | { refused: SchemeRefusal } {
  return latest?.state === SchemeState.DRAFT ? { discard: latest } : { refused: 'SCHEME_NO_DRAFT' };
}

/**
 * A draft is seen only by those who may read it (who manage the scheme, and the members consulted
 * on next year's covenant); a published version by everyone allowed in.
 */
export function schemeVisible(state: SchemeStateName, manager: boolean): boolean {
  return state === SchemeState.PUBLISHED || manager;
}

/** In which capacity a value was entered: the member's own, an appraisal, an outside body's. */
export enum ScoreKind {
  /** The member's own score. */
  SELF = 'SELF',
  /** The chair's or vice-chair's adjustment. */
  APPRAISAL = 'APPRAISAL',
  /** Entered by the outside body that owns the criterion. */
  OUTSIDE = 'OUTSIDE',
}
export type ScoreKindName = `${ScoreKind}`;

/**
 * A group-year is open or locked (at the preparatory conference). Every write needs it open;
 * locking needs it open; reopening (the board's) needs it locked; honours are proposed from
 * locked scores only.
 */
export type GroupYearAction = 'WRITE' | 'LOCK' | 'REOPEN' | 'PROPOSE_HONOURS';
export type GroupYearRefusal =
  'SCORING_YEAR_LOCKED' | 'SCORING_YEAR_NOT_LOCKED' | 'SCORING_HONOURS_NEED_LOCK';

export function groupYearRefusal(locked: boolean, action: GroupYearAction): GroupYearRefusal | null {
  switch (action) {
    case 'WRITE':
    case 'LOCK':
      return locked ? 'SCORING_YEAR_LOCKED' : null;
    case 'REOPEN':
      return locked ? null : 'SCORING_YEAR_NOT_LOCKED';
    case 'PROPOSE_HONOURS':
      return locked ? null : 'SCORING_HONOURS_NEED_LOCK';
    default: {
      const never: never = action;
      return never;
    }
  }
}

/**
 * What became of a self-score sheet sent through intake: its values recorded, no Excel sheet in
 * the submission (e.g. only a signed scan), or refused with the reason.
 */
export const SelfScoreSheetStatuses = {
  IMPORTED: 'IMPORTED',
  NO_SHEET: 'NO_SHEET',
  REJECTED: 'REJECTED',
} as const;
export type SelfScoreSheetStatus = (typeof SelfScoreSheetStatuses)[keyof typeof SelfScoreSheetStatuses];

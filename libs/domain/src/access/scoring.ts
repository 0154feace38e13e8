import type { CriterionNode, Scorer } from '../scoring/scheme';
import type { Author } from '../scoring/scores';
import type { ScoreKindName } from '../scoring/states';
import { councilOf, isBoard, leaderOf, officerOf } from './grants';
import { decide, Grant, Permission } from './policy';

/**
 * Who may do what with a group-year's scores (issue: scoring).
 *
 * - the chair of that year (or the board) writes and publishes the scheme and locks the year;
 * - only the central board reopens a locked year (with a reason);
 * - a member's own officers enter its self-scores; the chair and vice-chair of that year appraise
 *   other members (their own unit's entries are self-scores); an outside body's criteria are
 *   entered by that body (a unit officer of the body's unit) or by the central board for it;
 * - a member sees its own scores; the other members' only once the year is locked; the chair,
 *   vice, the group's council members and the board see all.
 *
 * A refusal names its reason (`refusal`, a reason of the error catalogue in libs/contracts
 * errors/scoring.ts, with its `params`) besides the rule in words (`reason`).
 */

/** Why scoring refuses a caller: each one a reason of the error catalogue. */
export type ScoringRefusal =
  | 'SCORING_CHAIR_ONLY'
  | 'SCORING_REOPEN_BOARD_ONLY'
  | 'SCORING_NATIONAL_RANKING_BOARD_ONLY'
  | 'SCORE_ENTRY_NOT_ALLOWED'
  | 'SCORE_CRITERION_OUTSIDE_BODY'
  | 'SCORE_CRITERION_LEADERSHIP_ONLY'
  | 'SCORE_CRITERION_NOT_ALLOWED'
  | 'SCORES_HIDDEN_UNTIL_LOCKED'
  | 'SCORES_NOT_VISIBLE'
  | 'SCORING_GROUP_YEAR_NOT_VISIBLE'
  | 'SCHEME_LEADERS_ONLY'
  | 'SCHEME_REVISION_LEADERS_ONLY'
  | 'COVENANT_NOT_VISIBLE'
  | 'COVENANT_COMMENT_NOT_ALLOWED'
  | 'COVENANT_COMMENT_OTHER_UNIT'
  | 'COVENANT_SIGNATURE_NOT_ALLOWED';

export interface ScoringRefused {
  allowed: false;
  /** The rule, in words. */
  reason: string;
  refusal: ScoringRefusal;
  params: Record<string, string | number>;
}

/** A `Decision` (policy.ts) that also names its reason for the catalogue. */
export type ScoringDecision = { allowed: true } | ScoringRefused;

const ALLOW: ScoringDecision = { allowed: true };

function refuse(
  refusal: ScoringRefusal,
  reason: string,
  params: Record<string, string | number> = {},
): ScoringRefused {
  return { allowed: false, reason, refusal, params };
}

/** The chair of that year or the board: what the registry calls managing the campaign. */
export function mayManageScheme(grants: readonly Grant[], groupId: string, year: number): ScoringDecision {
  const d = decide(grants, Permission.MANAGE_CAMPAIGN, { groupId, year });
  return d.allowed ? ALLOW : refuse('SCORING_CHAIR_ONLY', d.reason, { year });
}

export const mayLock = mayManageScheme;

/** Announcing the honour proposals of a year: as locking it. */
export const mayProposeHonours = mayManageScheme;

export function mayReopen(grants: readonly Grant[]): ScoringDecision {
  return isBoard(grants)
    ? ALLOW
    : refuse('SCORING_REOPEN_BOARD_ONLY', 'only the central board reopens a locked year');
}

/** The ranking of a whole year across every group (the national table): the central board. */
export function mayRankYear(grants: readonly Grant[]): ScoringDecision {
  return isBoard(grants)
    ? ALLOW
    : refuse('SCORING_NATIONAL_RANKING_BOARD_ONLY', 'only the central board reads the national ranking');
}

export type EntryKind = ScoreKindName;

/**
 * Whether the caller could enter any score of this member at all, asked before anything about the
 * group-year is looked at (published scheme, lock): the member's officers, the group's chair and
 * vice of that year, the board, or a unit officer (whose unit may be an outside body of the scheme:
 * `entryCapacity` decides per criterion once the scheme is read). Read-only callers (viewers,
 * council members) are refused here and learn nothing about the year's state.
 */
export function mayEnterScores(
  grants: readonly Grant[],
  s: { memberId: string; groupId: string; year: number },
): ScoringDecision {
  if (isBoard(grants) || leaderOf(grants, s.groupId, s.year) || officerOf(grants, s.memberId)) return ALLOW;
  if (grants.some((g) => g.role === 'UNIT_OFFICER' && g.unitId)) return ALLOW;
  return refuse(
    'SCORE_ENTRY_NOT_ALLOWED',
    "only the member's own officers, the group's chair or vice-chair of that year, an outside body that scores a criterion, or the central board",
  );
}

/** In which capacity the caller enters a member's criterion scored by `scoredBy`, or why they may not. */
export function entryCapacity(
  grants: readonly Grant[],
  s: { memberId: string; groupId: string; year: number },
  scoredBy: Scorer,
  criterion = '',
): { kind: EntryKind; author: Author } | ScoringRefused {
  if (scoredBy.kind === 'OUTSIDE_BODY') {
    if (isBoard(grants) || officerOf(grants, scoredBy.body))
      return { kind: 'OUTSIDE', author: { kind: 'OUTSIDE_BODY', body: scoredBy.body } };
    return refuse(
      'SCORE_CRITERION_OUTSIDE_BODY',
      `this criterion is scored by the outside body "${scoredBy.body}"`,
      { criterion, body: scoredBy.body },
    );
  }
  if (officerOf(grants, s.memberId)) return { kind: 'SELF', author: { kind: 'MEMBER' } };
  if (isBoard(grants) || leaderOf(grants, s.groupId, s.year))
    return { kind: 'APPRAISAL', author: { kind: 'LEADERSHIP' } };
  return refuse(
    'SCORE_CRITERION_NOT_ALLOWED',
    "only the member's own officers, the group's chair or vice-chair of that year, or the central board",
    { criterion },
  );
}

/**
 * `entryCapacity` for one criterion of the scheme, and whether that author may enter it at all: a
 * criterion the chair or vice scores is not the member's (not even the chair's own unit's).
 */
export function mayEnterCriterion(
  grants: readonly Grant[],
  s: { memberId: string; groupId: string; year: number },
  c: Pick<CriterionNode, 'code' | 'scoredBy'>,
): { kind: EntryKind; author: Author } | ScoringRefused {
  const cap = entryCapacity(grants, s, c.scoredBy, c.code);
  if ('refusal' in cap) return cap;
  if (c.scoredBy.kind === 'LEADERSHIP' && cap.author.kind !== 'LEADERSHIP')
    return refuse(
      'SCORE_CRITERION_LEADERSHIP_ONLY',
      `${c.code} is scored by the group's chair or vice-chair`,
      {
        criterion: c.code,
      },
    );
  return cap;
}

/**
 * The role an entry is recorded under in the trail: the member's officer, the outside body, or for
 * an appraisal the board, the chair or the vice-chair of that year.
 */
export function entryAuthorRole(
  grants: readonly Grant[],
  groupId: string,
  year: number,
  kind: EntryKind,
): 'UNIT_OFFICER' | 'OUTSIDE_BODY' | 'BOARD' | 'CHAIR' | 'VICE_CHAIR' | 'LEADERSHIP' {
  if (kind === 'SELF') return 'UNIT_OFFICER';
  if (kind === 'OUTSIDE') return 'OUTSIDE_BODY';
  if (isBoard(grants)) return 'BOARD';
  const leader = grants.find(
    (g) => (g.role === 'CHAIR' || g.role === 'VICE_CHAIR') && g.groupId === groupId && g.year === year,
  );
  return leader?.role === 'CHAIR' || leader?.role === 'VICE_CHAIR' ? leader.role : 'LEADERSHIP';
}

/** Read one member's scores. `callerIsMember`: the caller's unit is a member of the group that year. */
export function mayReadScores(
  grants: readonly Grant[],
  s: { memberId: string; groupId: string; year: number },
  locked: boolean,
  callerIsMember: boolean,
): ScoringDecision {
  if (isBoard(grants) || leaderOf(grants, s.groupId, s.year) || councilOf(grants, s.groupId)) return ALLOW;
  if (officerOf(grants, s.memberId)) return ALLOW;
  if (locked && callerIsMember) return ALLOW;
  // Only a member is told that the year is not locked yet: the reason never tells anyone else
  // whether it is.
  return callerIsMember
    ? refuse('SCORES_HIDDEN_UNTIL_LOCKED', "other members' scores are visible once the year is locked", {
        year: s.year,
      })
    : refuse(
        'SCORES_NOT_VISIBLE',
        "only the group's members (once the year is locked), its leaders and council members, and the central board",
      );
}

/**
 * The outside bodies (of those a scheme names) the caller speaks for: a unit officer of the body's
 * unit. The board is not among them: it reads everything anyway.
 */
export function bodiesSpokenFor(grants: readonly Grant[], bodies: Iterable<string>): string[] {
  return [...new Set(bodies)].filter((b) => officerOf(grants, b));
}

/**
 * How much of one member's scores the caller reads: `ALL` (as `mayReadScores` allows, or an
 * outside body once the year is locked — then it sees what every member sees), or, for an outside
 * body before the lock, only the criteria it scores (the value it entered and the member's
 * self-score for them, no totals). `bodies`: the outside bodies of the published scheme the
 * caller speaks for (`bodiesSpokenFor`). Anyone else: the refusal of `mayReadScores`.
 */
export function scoresScope(
  grants: readonly Grant[],
  s: { memberId: string; groupId: string; year: number },
  locked: boolean,
  callerIsMember: boolean,
  bodies: readonly string[],
): { scope: 'ALL' } | { scope: 'OUTSIDE_BODY'; bodies: readonly string[] } | ScoringRefused {
  const d = mayReadScores(grants, s, locked, callerIsMember);
  if (d.allowed) return { scope: 'ALL' };
  if (!bodies.length) return d;
  return locked ? { scope: 'ALL' } : { scope: 'OUTSIDE_BODY', bodies };
}

/**
 * A member's trail of changes and its self-score sheets: that member, the group's leaders and
 * council members, and the board; never the other members, locked or not.
 */
export function mayReadTrail(
  grants: readonly Grant[],
  s: { memberId: string | null; groupId: string; year: number },
): ScoringDecision {
  return mayReadScores(grants, { ...s, memberId: s.memberId ?? '' }, false, false);
}

/**
 * Whether the group-year is locked, and its lock history: those who take part in it (its members'
 * officers, leaders and council members) and the board.
 */
export function mayReadGroupYear(
  grants: readonly Grant[],
  groupId: string,
  year: number,
  callerIsMember: boolean,
): ScoringDecision {
  if (isBoard(grants) || leaderOf(grants, groupId, year) || councilOf(grants, groupId) || callerIsMember)
    return ALLOW;
  return refuse(
    'SCORING_GROUP_YEAR_NOT_VISIBLE',
    "only the group's members, leaders and council members, and the central board",
  );
}

/** The ranking and honours of the group-year: as for another member's scores. */
export function mayReadResults(
  grants: readonly Grant[],
  groupId: string,
  year: number,
  locked: boolean,
  callerIsMember: boolean,
): ScoringDecision {
  return mayReadScores(grants, { memberId: '', groupId, year }, locked, callerIsMember);
}

/** Import a group's award statistics: the central board, or the group's chair of that year. */
export const mayImportAwards = mayManageScheme;

// ---------- the covenant: the scheme of a year, drafted, commented on, signed, published ----------

/**
 * The chair or vice-chair of that year, or of the year before while `previousYear`: next year's
 * covenant is drafted by this year's vice-chair (seed 000 §IV.2) before next year's leadership is
 * confirmed, and taken over by next year's chair and vice-chair once it is.
 */
function covenantLeaderRole(
  grants: readonly Grant[],
  groupId: string,
  year: number,
  previousYear: boolean,
): 'CHAIR' | 'VICE_CHAIR' | null {
  const g = grants.find(
    (x) =>
      (x.role === 'CHAIR' || x.role === 'VICE_CHAIR') &&
      x.groupId === groupId &&
      (x.year === year || (previousYear && x.year === year - 1)),
  );
  return g?.role === 'CHAIR' || g?.role === 'VICE_CHAIR' ? g.role : null;
}

/**
 * Draft, revise, discard and publish the scheme (the covenant) of `year`: the chair or vice-chair
 * of that year, or the central board; the chair or vice-chair of the year before only while that
 * scheme has never been published (`everPublished`: the drafting before the official conference;
 * afterwards its revisions are that year's leaders' and the board's). (Locking the year and
 * proposing its honours stay with that year's chair: `mayManageScheme`.)
 */
export function mayManageCovenant(
  grants: readonly Grant[],
  groupId: string,
  year: number,
  everPublished: boolean,
): ScoringDecision {
  if (isBoard(grants) || covenantLeaderRole(grants, groupId, year, !everPublished)) return ALLOW;
  return everPublished
    ? refuse(
        'SCHEME_REVISION_LEADERS_ONLY',
        "once published, only the group's chair or vice-chair of that year, or the central board",
        { year },
      )
    : refuse(
        'SCHEME_LEADERS_ONLY',
        "only the group's chair or vice-chair of that year or of the year before, or the central board",
        { year, previous: year - 1 },
      );
}

/**
 * The draft covenant, its comments and its signatures: those who manage it, the members of that
 * year (they are consulted and sign), the group's council members and the board.
 */
export function mayReadCovenant(
  grants: readonly Grant[],
  groupId: string,
  year: number,
  callerIsMember: boolean,
): ScoringDecision {
  if (
    isBoard(grants) ||
    covenantLeaderRole(grants, groupId, year, true) ||
    councilOf(grants, groupId) ||
    callerIsMember
  )
    return ALLOW;
  return refuse(
    'COVENANT_NOT_VISIBLE',
    "only the group's members of that year, its leaders and council members, and the central board",
    { year },
  );
}

/**
 * A comment on the draft, in the name of `unitId` (null: no unit): an officer of that unit, which
 * is a member that year; the central board in its own name (no unit). Never for another unit.
 */
export function mayCommentOnCovenant(
  grants: readonly Grant[],
  unitId: string | null,
  unitIsMember: boolean,
): ScoringDecision {
  if (unitId === null)
    return isBoard(grants)
      ? ALLOW
      : refuse(
          'COVENANT_COMMENT_NOT_ALLOWED',
          "only the officers of the group's members, or the central board",
        );
  if (!officerOf(grants, unitId))
    return refuse('COVENANT_COMMENT_OTHER_UNIT', 'a unit officer comments for its own unit only');
  return unitIsMember
    ? ALLOW
    : refuse(
        'COVENANT_COMMENT_NOT_ALLOWED',
        "only the officers of the group's members, or the central board",
      );
}

/** Who signed for a unit: its own officer, or on its behalf the board or a leader (recorded as such). */
export type CovenantSigner =
  { onBehalf: false; role: 'UNIT_OFFICER' } | { onBehalf: true; role: 'BOARD' | 'CHAIR' | 'VICE_CHAIR' };

/**
 * A signature for `unitId`: an officer of that unit signs for it; the chair or vice-chair who lead
 * the signing (of that year, or of the year before while the scheme has never been published, as
 * `mayManageCovenant`) or the board record it on the unit's behalf.
 */
export function maySignCovenant(
  grants: readonly Grant[],
  groupId: string,
  year: number,
  unitId: string,
  everPublished: boolean,
): CovenantSigner | ScoringRefused {
  if (officerOf(grants, unitId)) return { onBehalf: false, role: 'UNIT_OFFICER' };
  if (isBoard(grants)) return { onBehalf: true, role: 'BOARD' };
  const leader = covenantLeaderRole(grants, groupId, year, !everPublished);
  if (leader) return { onBehalf: true, role: leader };
  return refuse(
    'COVENANT_SIGNATURE_NOT_ALLOWED',
    "a unit's own officer signs for it; the group's chair or vice-chair, or the central board, on its behalf",
  );
}

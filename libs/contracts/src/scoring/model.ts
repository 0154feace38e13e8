import { SchemeState, ScoreKind } from '@tdkt/domain';
/**
 * Scoring views. The scheme's shape mirrors libs/domain scoring/scheme.ts (contracts depend on
 * nothing; the two are structurally the same and the service checks a scheme with the domain).
 */

export type MethodView =
  | { kind: 'MANUAL' }
  | { kind: 'TARGET'; target: number; floor: number }
  | { kind: 'RANK'; step: number; lowerIsBetter?: boolean }
  | { kind: 'BONUS'; cap: number }
  | { kind: 'PENALTY'; cap: number };

export type ScorerView = { kind: 'MEMBER' } | { kind: 'LEADERSHIP' } | { kind: 'OUTSIDE_BODY'; body: string };

export interface CriterionView {
  type: 'CRITERION';
  code: string;
  title: string;
  max: number;
  method: MethodView;
  scoredBy: ScorerView;
  evidenceRequired: boolean;
}

export interface SectionView {
  type: 'SECTION';
  code: string;
  title: string;
  children: (SectionView | CriterionView)[];
}

export interface SchemeBody {
  sections: SectionView[];
}

export type TieBreakView =
  | { kind: 'MORE_AT_MAXIMUM' }
  | { kind: 'SECTION'; section: string }
  | { kind: 'CRITERION'; criterion: string };

export interface HonourRuleView {
  scope: 'GROUP' | 'SUBGROUP';
  awards: { award: string; places: number }[];
  minimumTotal?: number | null;
}

/** The scheme's states and the kinds of entry: owned by libs/domain (scoring/states.ts). */
export { SchemeState, ScoreKind };

export interface SchemeView {
  id: string;
  groupId: string;
  year: number;
  version: number;
  state: SchemeState;
  scheme: SchemeBody;
  /** Applied in order to equal totals; a tie they cannot break is reported, never ordered. */
  tieBreaks: TieBreakView[];
  honours: HonourRuleView;
  maximumTotal: number;
  createdAt: string;
  publishedAt: string | null;
}

export interface ScoreEntryView {
  criterion: string;
  selfValue: number | null;
  evidence: boolean;
  /** The appraisal's or the outside body's value; it replaces the self-score. */
  appraisedValue: number | null;
  appraisedKind: ScoreKind | null;
  reason: string | null;
  schemeVersion: number;
  updatedAt: string;
}

export interface MemberScoresView {
  groupId: string;
  year: number;
  memberId: string;
  schemeVersion: number;
  locked: boolean;
  /**
   * `ALL`; or `OUTSIDE_BODY` for an outside body before the lock: only the criteria it scores (its
   * value and the member's self-score), and no totals (null).
   */
  scope: 'ALL' | 'OUTSIDE_BODY';
  entries: ScoreEntryView[];
  selfTotal: number | null;
  total: number | null;
}

export interface ScoreChangeView {
  id: string;
  memberId: string;
  criterion: string;
  kind: ScoreKind;
  oldValue: number | null;
  newValue: number;
  reason: string | null;
  authorId: string;
  authorRole: string;
  at: string;
}

export interface CriterionResultView {
  criterion: string;
  self: number | null;
  final: number | null;
  points: number;
  selfPoints: number;
  /** Appraised points minus self-scored points. */
  difference: number;
}

export interface RankingRowView {
  memberId: string;
  unitName: string;
  rank: number;
  total: number;
  selfTotal: number;
  difference: number;
  tied: boolean;
  aheadOfNextBy: string | null;
  margin: number | null;
  bySection: Record<string, number>;
  criteria: CriterionResultView[];
}

export interface RankingScopeView {
  subgroupId: string | null;
  name: string;
  rows: RankingRowView[];
  /** Members the rules cannot separate. */
  ties: string[][];
}

export interface RankingView {
  groupId: string;
  year: number;
  schemeVersion: number;
  locked: boolean;
  tieBreaks: TieBreakView[];
  scopes: RankingScopeView[];
  /**
   * Only when paged (`limit` asked): the rows of `scopes` are rows offset … offset + limit of the
   * whole ranking, counted across the scopes in order (a scope with none of them is left out);
   * `nextOffset` null on the last page.
   */
  page?: { offset: number; limit: number; total: number; nextOffset: number | null };
}

export interface HonoursScopeView {
  subgroupId: string | null;
  name: string;
  proposals: {
    award: string;
    memberId: string;
    unitName: string;
    rank: number;
    total: number;
    margin: number | null;
    rationale: string;
  }[];
  undecided: { award: string; candidates: string[]; reason: string }[];
  belowMinimum: string[];
}

export interface HonoursView {
  groupId: string;
  year: number;
  schemeVersion: number;
  rule: HonourRuleView;
  scopes: HonoursScopeView[];
}

export interface GroupYearStateView {
  groupId: string;
  year: number;
  locked: boolean;
  history: { action: 'LOCK' | 'REOPEN'; by: string; reason: string | null; at: string }[];
}

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export interface FileView {
  fileName: string;
  contentType: string;
  base64: string;
}

export interface SelfScoreSheetView {
  submissionId: string;
  version: number;
  memberId: string;
  receiptNumber: string;
  /** IMPORTED, NO_SHEET (no Excel file, e.g. only a signed PDF scan) or REJECTED (see detail). */
  status: 'IMPORTED' | 'NO_SHEET' | 'REJECTED';
  detail: string | null;
  entries: number;
  receivedAt: string;
}

/** Every group-year of a year ranked at once (per group), from the stored member results. */
export interface YearRankingView {
  year: number;
  groupYears: number;
  members: number;
  /** Groups of members that no tie-break rule separates, over all group-years. */
  unbrokenTies: number;
  /** Time to read the results and rank them all, inside the service. */
  rankedInMs: number;
  /** The leader of each group-year (a tie at the top lists every tied member), first 500 by group id. */
  leaders: { groupId: string; memberIds: string[]; total: number }[];
  leadersTruncated: boolean;
}

import { eventDef, StreamDef } from '../events';
import { rpc } from '../rpc';
import type {
  ChangesRequest,
  GroupYearActorRequest,
  MemberRequest,
  PutSchemeRequest,
  PutScoresRequest,
  RankingRequest,
  RankYearRequest,
  ReopenRequest,
  SchemeGetRequest,
  SchemeXlsxImportRequest,
} from './dto';
import type {
  CovenantCommentRequest,
  CovenantCommentsRequest,
  CovenantCommentView,
  CovenantPublished,
  CovenantSignaturesRequest,
  CovenantSignaturesView,
  CovenantSignRequest,
  PublishSchemeRequest,
} from './covenant';
import type { Page } from '../common';
import type {
  FileView,
  GroupYearStateView,
  HonoursView,
  MemberScoresView,
  RankingView,
  ScoreChangeView,
  SchemeView,
  SelfScoreSheetView,
  YearRankingView,
} from './model';

/** Request/reply subjects served by scoring (queue group `scoring`). Public API: see rpc.ts. */
export const ScoringRpc = {
  /** Replaces the draft scheme of a group-year, or opens a new draft version after a published one. */
  schemePut: rpc<PutSchemeRequest, SchemeView>('scoring.scheme.put'),
  schemeGet: rpc<SchemeGetRequest, SchemeView>('scoring.scheme.get'),
  /** The same as schemePut, from the Excel table (errors by row and column). */
  schemeImportXlsx: rpc<SchemeXlsxImportRequest, SchemeView>('scoring.scheme.import-xlsx'),
  schemeExportXlsx: rpc<SchemeGetRequest, FileView>('scoring.scheme.export-xlsx'),
  /** Discards the draft (a published version is never deleted); answers the version left, if any. */
  schemeDiscardDraft: rpc<GroupYearActorRequest, { discardedVersion: number }>(
    'scoring.scheme.discard-draft',
  ),
  /**
   * Publishes the draft (the covenant): refused while members have not signed it, unless the
   * central board publishes without them (`body.withoutSignatures` with a reason, recorded).
   */
  schemePublish: rpc<PublishSchemeRequest, SchemeView>('scoring.scheme.publish'),
  /** A member's comment on a criterion of the draft (author, unit, version and time recorded). */
  covenantComment: rpc<CovenantCommentRequest, CovenantCommentView>('scoring.covenant.comment'),
  covenantComments: rpc<CovenantCommentsRequest, Page<CovenantCommentView>>('scoring.covenant.comments'),
  /** A member's signature of the draft (its officer, or recorded on its behalf); answers the signatures. */
  covenantSign: rpc<CovenantSignRequest, CovenantSignaturesView>('scoring.covenant.sign'),
  /** Who signed a version (the latest by default) and who has not. */
  covenantSignatures: rpc<CovenantSignaturesRequest, CovenantSignaturesView>('scoring.covenant.signatures'),
  scoresPut: rpc<PutScoresRequest, MemberScoresView>('scoring.scores.put'),
  scoresGet: rpc<MemberRequest, MemberScoresView>('scoring.scores.get'),
  /** The self-score sheet to fill in (Excel), with the member's current values. */
  selfScoreTemplate: rpc<MemberRequest, FileView>('scoring.sheet.template'),
  /** Self-score sheets received through intake and what became of them. */
  sheetsList: rpc<ChangesRequest, SelfScoreSheetView[]>('scoring.sheet.list'),
  changesList: rpc<ChangesRequest, Page<ScoreChangeView>>('scoring.changes.list'),
  groupYearGet: rpc<GroupYearActorRequest, GroupYearStateView>('scoring.groupyear.get'),
  groupYearLock: rpc<GroupYearActorRequest, GroupYearStateView>('scoring.groupyear.lock'),
  groupYearReopen: rpc<ReopenRequest, GroupYearStateView>('scoring.groupyear.reopen'),
  ranking: rpc<RankingRequest, RankingView>('scoring.ranking.get'),
  /** Every group-year of a year ranked from the stored results (the central board). */
  rankYear: rpc<RankYearRequest, YearRankingView>('scoring.ranking.year'),
  /** The honour proposals of a locked group-year (computed; nothing announced). */
  honoursGet: rpc<GroupYearActorRequest, HonoursView>('scoring.honours.get'),
  /** Computes the honour proposals of a locked group-year and announces them. */
  honoursPropose: rpc<GroupYearActorRequest, HonoursView>('scoring.honours.propose'),
  /** The ranking as a printable Excel workbook (base64). */
  rankingXlsx: rpc<RankingRequest, FileView>('scoring.ranking.xlsx'),
  /** The honour proposals of a locked group-year as a printable Excel workbook (nothing announced). */
  honoursXlsx: rpc<GroupYearActorRequest, FileView>('scoring.honours.xlsx'),
} as const;

export const SCORING_STREAM = 'SCORING_EVENTS';

export interface GroupYearLocked {
  groupId: string;
  year: number;
  schemeVersion: number;
  lockedBy: string;
  lockedAt: string;
  totals: { memberId: string; total: number }[];
}

export interface GroupYearReopened {
  groupId: string;
  year: number;
  reopenedBy: string;
  reason: string;
  at: string;
}

export interface HonoursProposed {
  groupId: string;
  year: number;
  schemeVersion: number;
  proposals: {
    award: string;
    memberId: string;
    subgroupId: string | null;
    rank: number;
    total: number;
    rationale: string;
  }[];
  undecided: { award: string; candidates: string[]; subgroupId: string | null; reason: string }[];
}

export const ScoringEvents = {
  groupYearLocked: eventDef<GroupYearLocked>(SCORING_STREAM, 'scoring.groupyear.locked'),
  groupYearReopened: eventDef<GroupYearReopened>(SCORING_STREAM, 'scoring.groupyear.reopened'),
  honoursProposed: eventDef<HonoursProposed>(SCORING_STREAM, 'scoring.honours.proposed'),
  /** A scheme (the covenant) published, with its signatures and the members that had not signed. */
  covenantPublished: eventDef<CovenantPublished>(SCORING_STREAM, 'scoring.covenant.published'),
} as const;

export const ScoringStream: StreamDef = {
  name: SCORING_STREAM,
  subjects: Object.values(ScoringEvents).map((e) => e.subject),
};
